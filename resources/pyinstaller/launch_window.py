"""The windowed executable's entry point (``QBR Studio.exe`` on Windows, the macOS app): the
window only, with no console; ``launch.py`` is the ``qbr-studio`` command beside it."""

import sys

from qbr_studio.cli import window_main

if __name__ == "__main__":
    sys.exit(window_main())
