"""The .qbr file: round trip, atomic save, backups, bad files, migration, recovery, schema."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import shutil
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from qbr_studio.errors import UserError
from qbr_studio.model import (
    SCHEMA_VERSION,
    Account,
    Achievement,
    AchievementKind,
    ActionItem,
    MediaRef,
    Meta,
    Review,
)
from qbr_studio.storage import (
    atomic_write,
    atomic_write_bytes,
    autosave,
    backup_path,
    container,
    discard,
    list_recoverable,
    load_recovered,
    load_review,
    migrate,
    review_from_bytes,
    review_to_bytes,
    save_review,
)
from qbr_studio.storage.recovery import recovery_dir
from qbr_studio.storage.schema import SCHEMA_PATH, review_json_schema

DATA = Path(__file__).parent / "data"
LOGO = b"\x89PNG\r\n\x1a\n fake logo bytes"


def make_review() -> Review:
    review = Review(meta=Meta(csm="Dana Whitfield", quarter="2026-Q4", company="Northwind"))
    review.book.accounts.extend(
        [
            Account(
                id="ACME", name="Acme Logistics", arr=420_000, renewal_date=dt.date(2027, 3, 31)
            ),
            Account(id="GLOBX", name="Globex Health", arr=185_000),
        ]
    )
    review.achievements.append(Achievement(id="a1", title="Bot deflects a third", after=33.0))
    review.revenue.action_items.append(ActionItem(id="x1", text="Send ROI one-pager"))
    review.media.append(MediaRef(name="logo.png"))
    review.deep_dive.logo = "logo.png"
    return review


def zip_bytes(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in entries.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def review_json(review: Review | None = None, **changes: object) -> str:
    data = (review or make_review()).model_dump(mode="json")
    data.update(changes)
    return json.dumps(data, indent=2)


def open_error(path: Path) -> str:
    with pytest.raises(UserError) as info:
        load_review(path)
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
    return message


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- round trip -----------------------------------------------------------------------------


def test_round_trip_keeps_review_and_media(tmp_path: Path) -> None:
    path = tmp_path / "acme.qbr"
    review = make_review()
    save_review(path, review, {"logo.png": LOGO, "chart.svg": b"<svg/>"})

    loaded = load_review(path)

    assert loaded.review == review
    assert loaded.media == {"logo.png": LOGO, "chart.svg": b"<svg/>"}
    assert loaded.migrated_from is None
    assert loaded.missing_media == []


def test_container_layout_is_documented_and_deterministic(tmp_path: Path) -> None:
    review = make_review()
    data = review_to_bytes(review, {"logo.png": LOGO})

    assert data == review_to_bytes(review.model_copy(deep=True), {"logo.png": LOGO})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == ["mimetype", "review.json", "media/logo.png"]
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.qbr-studio.review+zip"
        stored = json.loads(archive.read("review.json").decode("utf-8"))
    assert stored["schema_version"] == SCHEMA_VERSION
    assert stored == review.model_dump(mode="json")


def test_missing_media_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "r.qbr"
    save_review(path, make_review())
    assert load_review(path).missing_media == ["logo.png"]


def test_review_from_bytes_names_its_source() -> None:
    with pytest.raises(UserError, match="the autosave"):
        review_from_bytes(b"junk", "the autosave")


# --- atomic save and backup -----------------------------------------------------------------


def test_saving_keeps_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "review.qbr"
    first = make_review()
    save_review(path, first)
    first_bytes = path.read_bytes()
    assert not backup_path(path).exists()

    second = make_review()
    second.meta.csm = "Sam Ortiz"
    save_review(path, second)

    assert backup_path(path) == tmp_path / "review.qbr.bak"
    assert backup_path(path).read_bytes() == first_bytes
    assert load_review(path).review.meta.csm == "Sam Ortiz"
    assert load_review(backup_path(path)).review.meta.csm == "Dana Whitfield"


def test_saving_unchanged_review_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "review.qbr"
    save_review(path, make_review())
    os.utime(path, (1_000_000, 1_000_000))

    save_review(path, make_review())

    assert path.stat().st_mtime == 1_000_000
    assert not backup_path(path).exists()


def test_crash_between_write_and_replace_leaves_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "review.qbr"
    save_review(path, make_review())
    before = path.read_bytes()
    changed = make_review()
    changed.meta.csm = "Someone Else"

    def crash(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(UserError, match=r"review\.qbr"):
        save_review(path, changed)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_crash_on_final_replace_after_backup_leaves_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "review.qbr"
    save_review(path, make_review())
    before = path.read_bytes()
    real_replace = os.replace

    def crash_on_target(src: str, dst: str) -> None:
        if Path(dst) == path:
            raise KeyboardInterrupt  # the process dies mid-save
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_target)
    changed = make_review()
    changed.meta.csm = "Someone Else"
    with pytest.raises(KeyboardInterrupt):
        save_review(path, changed)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert backup_path(path).read_bytes() == before
    assert leftovers(tmp_path) == []


def test_failure_inside_writer_leaves_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"old deck")

    def half_write(stream: io.BufferedIOBase) -> None:
        stream.write(b"new dec")
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError, match="renderer failed"):
        atomic_write(path, half_write)
    assert path.read_bytes() == b"old deck"
    assert leftovers(tmp_path) == []


def test_atomic_write_bytes_creates_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "out.pdf"
    atomic_write_bytes(path, b"one")
    atomic_write_bytes(path, b"two")
    assert path.read_bytes() == b"two"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_atomic_write_keeps_permissions_of_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.qbr"
    path.write_bytes(b"old")
    path.chmod(0o640)
    atomic_write_bytes(path, b"new")
    assert path.stat().st_mode & 0o777 == 0o640


def test_file_open_in_another_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"old deck")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError) as info:
        atomic_write_bytes(path, b"new deck")
    monkeypatch.undo()

    assert str(path) in str(info.value)
    assert "open in another program" in str(info.value)
    assert path.read_bytes() == b"old deck"
    assert leftovers(tmp_path) == []


def test_disk_full(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"

    def fill(stream: io.BufferedIOBase) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UserError, match=r"deck\.pptx: the disk is full\."):
        atomic_write(path, fill)
    assert not path.exists()
    assert leftovers(tmp_path) == []


def test_output_folder_missing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "review.qbr"
    with pytest.raises(UserError, match="does not exist") as info:
        save_review(path, make_review())
    assert str(path) in str(info.value)


def test_output_folder_not_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "review.qbr"

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    with pytest.raises(UserError, match="permission to write") as info:
        save_review(path, make_review())
    assert str(path) in str(info.value)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_output_folder_read_only_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="permission to write"):
            save_review(folder / "review.qbr", make_review())
    finally:
        folder.chmod(0o700)


def test_saving_non_finite_number_is_a_user_error(tmp_path: Path) -> None:
    review = make_review()
    review.achievements[0].before = float("nan")
    with pytest.raises(UserError, match=r"achievements\[0\]\.before is not a finite number"):
        save_review(tmp_path / "r.qbr", review)


# --- bad files ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in open_error(tmp_path / "gone.qbr")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.qbr"
    folder.mkdir()
    assert "folder" in open_error(folder)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "notes.qbr"
    path.write_text("Dear team, here are my notes", encoding="utf-8")
    assert "not a zip" in open_error(path)


def test_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "partial.qbr"
    full = review_to_bytes(make_review(), {"logo.png": LOGO})
    path.write_bytes(full[: len(full) // 2])
    assert "damaged or incomplete" in open_error(path)


def test_corrupted_entry(tmp_path: Path) -> None:
    path = tmp_path / "flipped.qbr"
    data = bytearray(review_to_bytes(make_review()))
    start = data.index(b"review.json") + len("review.json") + 40
    data[start : start + 20] = bytes(20)
    path.write_bytes(bytes(data))
    assert "damaged" in open_error(path)


def test_zip_without_review_json(tmp_path: Path) -> None:
    path = tmp_path / "photos.qbr"
    path.write_bytes(zip_bytes({"media/logo.png": LOGO}))
    assert "no review.json" in open_error(path)


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.qbr"
    path.write_bytes(zip_bytes({"review.json": '{\n  "schema_version": 2,\n  "meta": {,}\n}'}))
    message = open_error(path)
    assert "not valid JSON" in message
    assert "line 3, column 12" in message


def test_review_json_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.qbr"
    path.write_bytes(zip_bytes({"review.json": '{"csm": "Jos\xe9"}'.encode("latin-1")}))
    assert "not UTF-8" in open_error(path)


def test_review_json_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.qbr"
    path.write_bytes(zip_bytes({"review.json": "[1, 2]"}))
    assert "must hold a JSON object, not a list" in open_error(path)


def test_review_json_without_schema_version(tmp_path: Path) -> None:
    data = make_review().model_dump(mode="json")
    del data["schema_version"]
    path = tmp_path / "unversioned.qbr"
    path.write_bytes(zip_bytes({"review.json": json.dumps(data)}))
    assert "no schema_version" in open_error(path)


def test_validation_error_names_json_path(tmp_path: Path) -> None:
    data = make_review().model_dump(mode="json")
    data["book"]["accounts"][1]["arr"] = -5
    path = tmp_path / "negative.qbr"
    path.write_bytes(zip_bytes({"review.json": json.dumps(data)}))

    message = open_error(path)

    assert "book.accounts[1].arr must be 0 or more (found -5)" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["meta"].pop("csm"), "meta.csm is missing"),
        (lambda d: d["meta"].update(colour="red"), "meta.colour is not a field"),
        (lambda d: d["meta"].update(quarter="Q4"), "meta.quarter is not valid: quarter must look"),
        (lambda d: d["book"]["accounts"][0].update(renewal_date="soon"), "must be a date"),
        (lambda d: d["achievements"][0].update(kind="business"), "must be one of"),
        (lambda d: d.update(achievements={}), "achievements must be a list (found an object)"),
    ],
)
def test_validation_errors_in_plain_words(
    tmp_path: Path, change: Callable[[dict], object], expected: str
) -> None:
    data = make_review().model_dump(mode="json")
    change(data)
    path = tmp_path / "bad.qbr"
    path.write_bytes(zip_bytes({"review.json": json.dumps(data)}))
    assert expected in open_error(path)


def test_newer_file_format_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.qbr"
    data = make_review().model_dump(mode="json")
    data["schema_version"] = SCHEMA_VERSION + 1
    data["hologram"] = {"enabled": True}
    path.write_bytes(zip_bytes({"review.json": json.dumps(data)}))
    before = path.read_bytes()

    message = open_error(path)

    assert message == (
        f"{path} was saved by a newer QBR Studio (file format {SCHEMA_VERSION + 1}; this "
        f"version reads up to {SCHEMA_VERSION}). Update QBR Studio to open it; "
        "the file was not changed."
    )
    assert path.read_bytes() == before
    with pytest.raises(UserError, match="newer QBR Studio"):
        save_review(path, make_review())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.qbr"]


def test_saving_over_a_file_that_is_not_a_review_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "old.qbr"
    path.write_bytes(b"not a review")
    save_review(path, make_review())
    assert backup_path(path).read_bytes() == b"not a review"
    assert load_review(path).review == make_review()


# --- zip bombs ------------------------------------------------------------------------------


def _set_declared_size(data: bytes, entry: str, size: int) -> bytes:
    """Rewrite the uncompressed size the central directory claims for ``entry``."""
    patched = bytearray(data)
    name = entry.encode("ascii")
    at = patched.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack_from("<H", patched, at + 28)[0]
        if patched[at + 46 : at + 46 + name_len] == name:
            struct.pack_into("<I", patched, at + 24, size)
            return bytes(patched)
        at = patched.index(b"PK\x01\x02", at + 4)


def test_zip_bomb_claiming_huge_review_json_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.qbr"
    small = zip_bytes({"review.json": review_json()})
    path.write_bytes(_set_declared_size(small, "review.json", 0xF000_0000))

    message = open_error(path)

    assert "review.json would unpack to more than 64 MiB" in message


def test_zip_bomb_review_json_over_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_REVIEW_JSON_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.qbr"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("review.json", "w") as entry,
    ):
        for _ in range(8):
            entry.write(b" " * (1024 * 1024))
    assert path.stat().st_size < 64 * 1024

    assert "more than 1 MiB" in open_error(path)


def test_zip_bomb_with_lying_header_is_still_bounded(tmp_path: Path) -> None:
    path = tmp_path / "liar.qbr"
    big = zip_bytes({"review.json": review_json() + " " * (8 * 1024 * 1024)})
    path.write_bytes(_set_declared_size(big, "review.json", 100))
    assert "damaged" in open_error(path)


def test_zip_bomb_in_media_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_MEDIA_BYTES", 1024 * 1024)
    path = tmp_path / "media-bomb.qbr"
    path.write_bytes(
        zip_bytes(
            {
                "review.json": review_json(),
                "media/a.bmp": bytes(700 * 1024),
                "media/b.bmp": bytes(700 * 1024),
            }
        )
    )
    assert "pictures would unpack to more than 1 MiB in total" in open_error(path)


# --- migration ------------------------------------------------------------------------------


def test_v1_file_opens_as_current_review(tmp_path: Path) -> None:
    path = tmp_path / "review_v1.qbr"
    shutil.copy(DATA / "review_v1.qbr", path)
    before = path.read_bytes()

    loaded = load_review(path)

    review = loaded.review
    assert loaded.migrated_from == 1
    assert review.schema_version == SCHEMA_VERSION
    assert review.meta.quarter == "2026-Q4"
    assert [a.kind for a in review.achievements] == [
        AchievementKind.BUSINESS_OUTCOME,
        AchievementKind.ADOPTION,
    ]
    assert [item.text for item in review.revenue.action_items] == ["Send ROI one-pager to Acme CFO"]
    assert review.book.account("ACME").arr == 420_000
    assert loaded.media["acme-logo.png"].startswith(b"\x89PNG")
    assert loaded.missing_media == []
    assert path.read_bytes() == before  # opening never writes

    save_review(path, review, loaded.media)
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("review.json"))["schema_version"] == SCHEMA_VERSION
    assert backup_path(path).read_bytes() == before


def test_migrate_does_not_change_its_input() -> None:
    old = {
        "schema_version": 1,
        "meta": {"csm": "A", "quarter": {"year": 2025, "q": 1}},
        "achievements": [{"kind": "business"}, {"kind": "innovation"}],
        "revenue": {"renewals_story": "", "actions": [{"text": "call"}]},
    }
    snapshot = json.dumps(old)

    new = migrate(old)

    assert json.dumps(old) == snapshot
    assert new["schema_version"] == SCHEMA_VERSION
    assert new["meta"]["quarter"] == "2025-Q1"
    assert [a["kind"] for a in new["achievements"]] == ["business_outcome", "innovation"]
    assert new["revenue"] == {"renewals_story": "", "action_items": [{"text": "call"}]}


def test_migrate_current_version_is_identity() -> None:
    data = make_review().model_dump(mode="json")
    assert migrate(data) == data


# --- recovery -------------------------------------------------------------------------------


def test_recovery_round_trip(tmp_path: Path) -> None:
    original = tmp_path / "acme.qbr"
    review = make_review()
    path = autosave("session-1", review, {"logo.png": LOGO}, original)
    review.meta.csm = "Later Edit"
    assert autosave("session-1", review, {"logo.png": LOGO}, original) == path
    autosave("session-2", make_review(), None, None)

    entries = list_recoverable()

    assert {e.key for e in entries} == {"session-1", "session-2"}
    first = next(e for e in entries if e.key == "session-1")
    assert first.original_path == original
    assert first.path == path and path.parent == recovery_dir()
    assert first.saved_at.tzinfo is not None
    recovered = load_recovered(first)
    assert recovered.review.meta.csm == "Later Edit"
    assert recovered.media == {"logo.png": LOGO}
    assert next(e for e in entries if e.key == "session-2").original_path is None

    discard("session-1")
    assert [e.key for e in list_recoverable()] == ["session-2"]
    discard("session-1")  # discarding twice is fine


def test_recovery_keys_that_are_not_file_names() -> None:
    key = "C:\\Users\\dana\\Q4 review.qbr"
    autosave(key, make_review(), None, None)
    [entry] = list_recoverable()
    assert entry.key == key
    assert entry.path.parent == recovery_dir()
    discard(key)
    assert list_recoverable() == []


def test_unreadable_recovery_files_are_skipped() -> None:
    assert list_recoverable() == []
    autosave("good", make_review(), None, None)
    (recovery_dir() / "garbage.qbr").write_bytes(b"\x00\x01 not a zip")
    (recovery_dir() / "no-notes.qbr").write_bytes(review_to_bytes(make_review()))

    assert [e.key for e in list_recoverable()] == ["good"]


def test_recovered_copy_that_became_unreadable() -> None:
    autosave("s", make_review(), None, None)
    [entry] = list_recoverable()
    entry.path.write_bytes(b"damaged")
    with pytest.raises(UserError, match="recovered copy"):
        load_recovered(entry)


# --- JSON Schema ----------------------------------------------------------------------------


def test_shipped_schema_is_up_to_date() -> None:
    shipped = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert shipped == review_json_schema(), (
        "Run `python -m qbr_studio.storage.schema` to regenerate the shipped schema."
    )


def test_saved_review_json_validates_against_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    path = tmp_path / "r.qbr"
    save_review(path, make_review(), {"logo.png": LOGO})
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("review.json"))

    assert list(validator.iter_errors(document)) == []

    with zipfile.ZipFile(DATA / "review_v1.qbr") as archive:
        old = json.loads(archive.read("review.json"))
    assert not validator.is_valid(old)  # the schema describes the current format only
