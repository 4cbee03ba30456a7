#!/bin/sh
# Install the desktop entry, MIME types, AppStream metadata and icons for the current user,
# so the menu shows QBR Studio and a double click on a .qbr file opens it. Run from the
# unpacked bundle (qbr-studio/resources/linux) or from the repository's resources/linux.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/mime/packages" "$data/metainfo"
cp "$here/qbr-studio.desktop" "$data/applications/"
cp "$here/qbr-studio-mime.xml" "$data/mime/packages/"
cp "$here/qbr-studio.metainfo.xml" "$data/metainfo/"
for dir in "$here"/../icons/hicolor/*/apps; do
  size=$(basename "$(dirname "$dir")")
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$dir/qbr-studio.png" "$data/icons/hicolor/$size/apps/"
done
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Installed. Put the bundle's qbr-studio on your PATH (e.g. ln -s \"\$PWD/qbr-studio\" ~/.local/bin/)."
