"""Storage under attack: kill -9 mid-save, two writers at once, a file changed on disk, a full
disk or read-only folder, odd .qbr members, and the quarter round trip over the schema."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import ingest_fixtures as fx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbr_studio.errors import UserError
from qbr_studio.ingest import import_sources
from qbr_studio.model import SCHEMA_VERSION, Meta, Review, parse_quarter
from qbr_studio.storage import (
    ReviewChangedError,
    ReviewLockedError,
    backup_path,
    changed_on_disk,
    load_review,
    review_from_bytes,
    review_lock,
    review_to_bytes,
    save_review,
)
from qbr_studio.storage.lock import lock_path, read_holder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import crash_trials


def small_review(csm: str = "Dana Whitfield") -> Review:
    return Review(meta=Meta(csm=csm, quarter="2026-Q4", company="Northwind"))


# ---------------------------------------------------------------------------- kill -9


@pytest.mark.parametrize(("autosaving", "trials"), [(False, 20), (True, 10)])
def test_kill_9_while_saving_leaves_the_old_or_new_file_and_backup(tmp_path, autosaving, trials):
    outcome = crash_trials.run(trials, tmp_path, autosaving=autosaving, seed=1)
    print(outcome.line("autosave" if autosaving else "save"))
    assert outcome.failures == []
    assert outcome.intact == trials
    assert outcome.stray_temporaries == 0


def test_a_save_that_writes_nothing_still_sweeps_a_killed_writers_leftovers(tmp_path):
    """A writer killed after its last rename leaves the file as the next save would write it:
    that save changes nothing, and must still remove the temporary files."""
    path = tmp_path / "r.qbr"
    save_review(path, small_review())
    leftover = tmp_path / ".r.qbr.k1ll3d.tmp"
    leftover.write_bytes(b"half a review")
    save_review(path, small_review())  # the same content: nothing to write
    assert not leftover.exists()


# ------------------------------------------------------------------------------ locks


def test_the_lock_names_its_holder_and_is_gone_after(tmp_path: Path) -> None:
    path = tmp_path / "r.qbr"
    with review_lock(path):
        holder = read_holder(path)
        assert holder is not None and holder["pid"] == os.getpid()
        assert holder["program"] == "QBR Studio"
        save_review(path, small_review())  # re-entrant: doesn't wait for itself
    assert not lock_path(path).exists()


def test_a_live_holder_makes_a_second_writer_refuse_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "r.qbr"
    save_review(path, small_review())
    before = path.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)"], stdout=subprocess.DEVNULL
    )
    try:
        lock_path(path).write_text(
            json.dumps({"program": "QBR Studio", "pid": holder.pid, "host": os.uname().nodename})
        )
        with pytest.raises(ReviewLockedError) as err, review_lock(path, wait=0.2):
            pass
        message = str(err.value)
        assert f"process {holder.pid}" in message and "\n" not in message
    finally:
        holder.kill()
        holder.wait()
    assert path.read_bytes() == before


def test_a_dead_holders_lock_is_stale_and_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "r.qbr"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(path).write_text(
        json.dumps({"program": "QBR Studio", "pid": dead.pid, "host": os.uname().nodename})
    )
    start = time.perf_counter()
    save_review(path, small_review())
    assert time.perf_counter() - start < 1.0
    assert load_review(path).review == small_review()


def test_two_imports_at_once_keep_both(tmp_path: Path) -> None:
    """The issue's race: two `qbr-studio import` processes on one review. The second waits for
    the first's lock, then reads what it saved: both imports are in the file."""
    review_path = tmp_path / "r.qbr"
    crm = fx.crm_report(tmp_path / "crm.xlsx")
    base = import_sources(fx.review(), [crm]).review
    save_review(review_path, base)
    tickets = fx.tickets_workbook(tmp_path / "tickets.xlsx")
    names = [a.name for a in base.book.accounts]
    usage, _ = fx.daily_usage_workbook(tmp_path / "usage.xlsx", names, dt.date(2026, 10, 1), 40)
    command = [sys.executable, "-m", "qbr_studio.cli", "import", str(review_path)]
    env = {**os.environ, "QBR_STUDIO_CONFIG_DIR": str(tmp_path / "config")}
    runs = [
        subprocess.Popen(
            [*command, str(source)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for source in (tickets, usage)
    ]
    results = [(run.wait(60), run.stderr.read().decode()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    assert [code for code, _ in results] == [0, 0], results
    book = load_review(review_path).review.book
    assert book.tickets and book.usage


def _edit_in_a_child(path: Path, achievement: str) -> int:
    """Fork a writer that does what `qbr-studio import` does, slowly: lock, load, change,
    (take its time), save expecting the version it loaded."""
    from qbr_studio.model import Achievement

    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        with review_lock(path, wait=10):
            loaded = load_review(path)
            loaded.review.achievements.append(Achievement(id=achievement, title=achievement))
            time.sleep(0.4)
            save_review(path, loaded.review, loaded.media, expected=loaded.version)
    except UserError:
        code = 2
    finally:
        os._exit(code)


def test_two_writers_at_once_keep_both_changes(tmp_path: Path) -> None:
    path = tmp_path / "r.qbr"
    save_review(path, small_review())
    pids = [_edit_in_a_child(path, "first"), _edit_in_a_child(path, "second")]
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    assert codes == [0, 0]
    assert {a.id for a in load_review(path).review.achievements} == {"first", "second"}


# ------------------------------------------------------------------- changed on disk


def test_changed_on_disk_and_the_refused_save(tmp_path: Path) -> None:
    path = tmp_path / "r.qbr"
    save_review(path, small_review())
    mine = load_review(path)
    assert not changed_on_disk(path, mine.version)
    os.utime(path, (time.time() + 5, time.time() + 5))  # a sync service touching the file
    assert not changed_on_disk(path, mine.version)
    save_review(path, small_review("Someone Else"))  # another program saves meanwhile
    theirs = path.read_bytes()
    assert changed_on_disk(path, mine.version)
    with pytest.raises(ReviewChangedError) as err:
        save_review(path, small_review("Me"), expected=mine.version)
    assert "changed on disk" in str(err.value) and "\n" not in str(err.value)
    assert path.read_bytes() == theirs
    version = save_review(path, small_review("Me"))  # "keep mine": overwrite on purpose
    assert not changed_on_disk(path, version)
    assert load_review(backup_path(path)).review.meta.csm == "Someone Else"


def test_a_deleted_file_counts_as_changed(tmp_path: Path) -> None:
    path = tmp_path / "r.qbr"
    save_review(path, small_review())
    version = load_review(path).version
    path.unlink()
    assert changed_on_disk(path, version)


# ---------------------------------------------------------------- full disk, read-only


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only")]
)
def test_a_full_disk_or_read_only_folder_keeps_the_old_file(tmp_path, monkeypatch, code, words):
    path = tmp_path / "r.qbr"
    save_review(path, small_review())
    before = path.read_bytes()
    real_replace = os.replace

    def failing(src, dst):
        if Path(dst) == path:
            raise OSError(code, os.strerror(code))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(UserError, match=words):
        save_review(path, small_review("New"))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert not lock_path(path).exists()


# --------------------------------------------------------------------- odd .qbr files


def _qbr(entries: dict[str, bytes], symlinks: set[str] = frozenset()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            if name in symlinks:
                info.create_system = 3
                info.external_attr = 0o120777 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _review_json(**changes) -> bytes:
    data = small_review().model_dump(mode="json")
    data.update(changes)
    return json.dumps(data).encode()


def test_traversal_and_symlink_members_are_never_loaded_or_written(tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    path = folder / "r.qbr"
    path.write_bytes(
        _qbr(
            {
                "review.json": _review_json(),
                "../../evil.png": b"x",
                "media/../../evil2.png": b"x",
                "/tmp/evil3.png": b"x",
                "media/link.png": b"/etc/passwd",
            },
            symlinks={"media/link.png"},
        )
    )
    loaded = load_review(path)
    assert loaded.media == {}
    save_review(path, loaded.review, loaded.media)
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if "evil" in n or "link" in n]
    assert sorted(p.name for p in tmp_path.rglob("*") if "evil" in p.name) == []


def test_a_60_mb_csm_name_is_accepted_within_the_review_json_limit(tmp_path: Path) -> None:
    """Accepted: review.json may hold up to 64 MiB, and a long name costs only its bytes."""
    path = tmp_path / "long.qbr"
    name = "A" * (60 * 1024 * 1024)
    meta = {**small_review().meta.model_dump(mode="json"), "csm": name}
    path.write_bytes(_qbr({"review.json": _review_json(meta=meta)}))
    start = time.perf_counter()
    assert load_review(path).review.meta.csm == name
    assert time.perf_counter() - start < 5.0


def test_9998_media_members_are_accepted_below_the_entry_limit(tmp_path: Path) -> None:
    """Accepted: a review may hold up to 10,000 entries and 256 MiB of pictures."""
    path = tmp_path / "many.qbr"
    entries = {"review.json": _review_json()}
    entries.update({f"media/p{i}.png": b"\x89PNG" for i in range(9_998)})
    path.write_bytes(_qbr(entries))
    start = time.perf_counter()
    assert len(load_review(path).media) == 9_998
    assert time.perf_counter() - start < 5.0
    entries["media/one-too-many.png"] = b"x"
    entries["media/two-too-many.png"] = b"x"
    entries["media/three-too-many.png"] = b"x"
    path.write_bytes(_qbr(entries))
    with pytest.raises(UserError, match="more than 10,000 entries"):
        load_review(path)


def test_a_4301_digit_schema_version_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "v.qbr"
    current = f'"schema_version": {SCHEMA_VERSION}'.encode()
    raw = _review_json().replace(current, b'"schema_version": ' + b"9" * 4301)
    path.write_bytes(_qbr({"review.json": raw}))
    with pytest.raises(UserError) as err:
        load_review(path)
    assert len(str(err.value)) < 300 and "\n" not in str(err.value)


# ------------------------------------------------------------------ quarter round trip


@given(st.from_regex(r"\A\s?\d{4}-[Qq][1-4]\s?\Z") | st.text(max_size=12))
@settings(max_examples=300, deadline=None)
def test_every_quarter_the_model_accepts_is_written_back_in_a_form_it_accepts(text: str) -> None:
    try:
        meta = Meta(csm="x", quarter=text)
    except ValueError:
        return
    review = Review(meta=meta)
    again = review_from_bytes(review_to_bytes(review), "r.qbr").review
    assert again == review
    assert parse_quarter(again.meta.quarter)
    assert again.as_of.year == parse_quarter(again.meta.quarter)[0]


@pytest.mark.parametrize("quarter", ["0001-Q1", "9999-Q4", "1899-Q4", "3000-Q1"])
def test_quarters_outside_the_supported_years_are_refused_in_words(quarter: str) -> None:
    with pytest.raises(ValueError, match="between 1900-Q1 and 2999-Q4"):
        Meta(csm="x", quarter=quarter)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(
    csm=_TEXT,
    team=_TEXT,
    company=_TEXT,
    year=st.integers(1900, 2999),
    q=st.integers(1, 4),
    meeting=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)),
    arr=st.floats(0, 1e15, allow_nan=False, allow_infinity=False),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_review_round_trips_over_the_schema(csm, team, company, year, q, meeting, arr):
    from qbr_studio.model import Account

    try:
        meta = Meta(
            csm=csm, team=team, company=company, quarter=f"{year}-Q{q}", meeting_date=meeting
        )
        review = Review(meta=meta)
        review.book.accounts.append(Account(id="A1", name=csm or "x", arr=arr))
    except ValueError:
        return
    again = review_from_bytes(review_to_bytes(review), "r.qbr").review
    assert again == review


def _patched_qbr(tmp_path: Path, signature: bytes, offset: int, field: str, value) -> Path:
    data = bytearray(review_to_bytes(small_review()))
    at = data.find(signature)
    while at >= 0:
        current = struct.unpack_from(field, data, at + offset)[0]
        struct.pack_into(field, data, at + offset, value(current))
        at = data.find(signature, at + 4)
    path = tmp_path / "odd.qbr"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("signature", "offset", "field", "value"),
    [
        (b"PK\x01\x02", 6, "<H", lambda _: 156),  # 'version needed' 15.6
        (b"PK\x05\x06", 16, "<I", lambda start: start + 100_000),  # members before the file
    ],
    ids=["zip version needed", "directory offset"],
)
def test_zip_directory_fields_out_of_range_are_one_line(tmp_path, signature, offset, field, value):
    """Found by tools/fuzz.py: a 'version needed' of 15.6 (NotImplementedError) and a
    directory offset that puts members before the file's start (a negative seek, ValueError)
    used to escape load_review."""
    path = _patched_qbr(tmp_path, signature, offset, field, value)
    with pytest.raises(UserError) as err:
        load_review(path)
    assert str(err.value).startswith("Could not open") and "\n" not in str(err.value)


def test_every_review_the_app_can_save_is_within_the_limits_it_reopens_with() -> None:
    """The reading limits hold the largest review saving allows: the most JSON, the most
    pictures and a template of the largest size a template may have."""
    from qbr_studio.safeio import FILE_KINDS, ZIP_KINDS
    from qbr_studio.storage.container import (
        MAX_MEDIA_BYTES,
        MAX_REVIEW_JSON_BYTES,
        MAX_TEMPLATE_ENTRY_BYTES,
    )

    largest = MAX_REVIEW_JSON_BYTES + MAX_MEDIA_BYTES + MAX_TEMPLATE_ENTRY_BYTES
    assert ZIP_KINDS["review"].max_total >= largest
    # pictures and the template are stored as they are; the JSON compresses well
    assert FILE_KINDS["review"].max_bytes >= MAX_MEDIA_BYTES + MAX_TEMPLATE_ENTRY_BYTES
