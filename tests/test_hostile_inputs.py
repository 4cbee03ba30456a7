"""Hostile inputs at the guarded reader and the import: FIFOs, devices, symlinks, deep JSON,
lying zips, calamine's abort and panic cases, a file swapped mid-import, NaN cells.

Each refusal is a UserError of one line naming the file (and the limit where one applies),
in under two seconds, with the review unchanged; nothing waits on a pipe or reads a device.
"""

from __future__ import annotations

import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import hostile_fixtures as hf
import ingest_fixtures as fx
import pytest

from qbr_studio.errors import UserError
from qbr_studio.ingest import import_sources, pipeline, readers
from qbr_studio.safeio import (
    GuardedReadError,
    check_zip,
    parse_json,
    read_bytes,
    read_json,
)
from qbr_studio.safeio.limits import ZipLimits


def one_line(err: pytest.ExceptionInfo[BaseException], name: str) -> str:
    message = str(err.value)
    assert message.startswith(name), message
    assert "\n" not in message and "Traceback" not in message
    assert "panicked" not in message and ".cargo" not in message and ".rs:" not in message
    return message


def refused_import(path: Path, *fragments: str) -> str:
    review = fx.review()
    before = review.model_dump()
    start = time.perf_counter()
    with pytest.raises(UserError) as err:
        import_sources(review, [path])
    assert time.perf_counter() - start < 2.0
    message = one_line(err, path.name)
    for fragment in fragments:
        assert fragment in message, message
    assert review.model_dump() == before
    return message


# ------------------------------------------------------------------- not regular files


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "export.xlsx"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("kind", ["spreadsheet", "template", "mapping", "logo", "review"])
def test_a_fifo_is_refused_without_waiting(fifo: Path, kind: str) -> None:
    start = time.perf_counter()
    with pytest.raises(GuardedReadError) as err:
        read_bytes(fifo, kind)
    assert time.perf_counter() - start < 1.0
    assert "a pipe (FIFO)" in one_line(err, fifo.name)


def test_a_fifo_as_import_source_and_as_mapping(fifo: Path, tmp_path: Path) -> None:
    refused_import(fifo, "pipe")
    with pytest.raises(UserError, match="pipe"):
        read_json(fifo, "mapping")


def test_a_symlink_to_a_fifo_is_resolved_then_refused(fifo: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.csv"
    link.symlink_to(fifo)
    with pytest.raises(GuardedReadError, match="pipe"):
        read_bytes(link, "spreadsheet")


def test_dev_zero_is_a_device_not_a_file() -> None:
    start = time.perf_counter()
    for kind in ("template", "mapping"):
        with pytest.raises(GuardedReadError, match="a device"):
            read_bytes(Path("/dev/zero"), kind)
    assert time.perf_counter() - start < 1.0


def test_a_folder_and_a_symlink_loop(tmp_path: Path) -> None:
    with pytest.raises(GuardedReadError, match="a folder"):
        read_bytes(tmp_path, "template")
    loop = tmp_path / "loop.pptx"
    loop.symlink_to(loop)
    with pytest.raises(GuardedReadError, match="loop"):
        read_bytes(loop, "template")


def test_each_kind_has_its_own_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    path.write_bytes(b" " * (5 * 1024 * 1024))
    with pytest.raises(GuardedReadError, match="MAX_MAPPING_BYTES"):
        read_json(path, "mapping")
    assert read_bytes(path, "spreadsheet") == b" " * (5 * 1024 * 1024)


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text('{"a": 1}')
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert read_json(link) == {"a": 1}


def test_an_unreadable_file_is_refused_unless_root(tmp_path: Path) -> None:
    """Accepted as root (the OS lets root read it; so does every other program), refused
    with a plain sentence otherwise."""
    path = tmp_path / "locked.json"
    path.write_text("{}")
    path.chmod(0)
    if os.geteuid() == 0:
        assert read_json(path) == {}
    else:
        with pytest.raises(GuardedReadError, match="permission"):
            read_json(path)


# -------------------------------------------------------------------------------- JSON


def test_json_nested_100000_levels() -> None:
    start = time.perf_counter()
    with pytest.raises(UserError) as err:
        parse_json(b"[" * 100_000 + b"]" * 100_000, "deep.json")
    assert "MAX_JSON_DEPTH" in one_line(err, "deep.json")
    with pytest.raises(UserError, match=r"a\.b\.c.*MAX_JSON_DEPTH"):
        parse_json(b'{"a": {"b": {"c": [[1]]}}}', "deep.json", max_depth=3)
    assert time.perf_counter() - start < 1.0


def test_json_with_a_4301_digit_integer_nan_or_bad_utf8() -> None:
    for raw in (b'{"v": ' + b"9" * 4301 + b"}", b'{"v": NaN}', b'{"v": Infinity}', b"\xff{}"):
        with pytest.raises(UserError) as err:
            parse_json(raw, "m.json")
        one_line(err, "m.json")


def test_a_mapping_that_is_dev_zero_is_refused_at_once() -> None:
    with pytest.raises(UserError, match="a device"):
        read_json(Path("/dev/zero"), "mapping")


# --------------------------------------------------------------------------------- zips


def _zip(entries: dict[str, bytes], **info) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            item = zipfile.ZipInfo(name)
            for key, value in info.get(name, {}).items():
                setattr(item, key, value)
            archive.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_zip_limits_each_named() -> None:
    small = ZipLimits(
        max_members=3, max_total=10_000, max_member=5_000, max_ratio=50, ratio_floor=0
    )
    cases = {
        "MAX_ZIP_ENTRIES": {f"{i}.xml": b"x" for i in range(4)},
        "MAX_UNCOMPRESSED_BYTES": {
            "a": os.urandom(4_000),
            "b": os.urandom(4_000),
            "c": os.urandom(4_000),
        },
        "MAX_MEMBER_BYTES": {"a": os.urandom(6_000)},
        "MAX_COMPRESSION_RATIO": {"a": bytes(4_000)},
    }
    for limit, entries in cases.items():
        with pytest.raises(UserError) as err:
            check_zip(_zip(entries), "t.pptx", small, "template")
        assert limit in one_line(err, "t.pptx")


def test_unsafe_member_names_are_reported_never_used() -> None:
    archive = _zip(
        {
            "ppt/ok.xml": b"<a/>",
            "../../etc/evil": b"x",
            "/abs": b"x",
            "C:/win": b"x",
            "a\\b": b"x",
            "media/link.png": b"/etc/passwd",
        },
        **{"media/link.png": {"create_system": 3, "external_attr": (0o120777 << 16)}},
    )
    scan = check_zip(archive, "r.qbr", "review", "review")
    assert set(scan.unsafe_names) == {"../../etc/evil", "/abs", "C:/win", "a\\b", "media/link.png"}


# ------------------------------------------------------------- calamine: abort and panic


def test_a_good_xls_imports_through_the_child_process(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(hf.xls_bytes())
    result = import_sources(fx.review(), [path])
    assert "Contoso Ltd" in {a.name for a in result.review.book.accounts}


@pytest.mark.parametrize(
    ("seed", "what"),
    [(hf.ABORT_SEED, "calamine asked for ~50 GB: an abort"), (hf.PANIC_SEED, "a panic")],
)
def test_garbage_biff_never_aborts_nor_shows_rust_text(tmp_path, capfd, seed, what) -> None:
    path = tmp_path / "garbage.xls"
    path.write_bytes(hf.garbled_xls(seed))
    refused_import(path, "can't be read")
    captured = capfd.readouterr()
    assert "panicked" not in captured.err and "memory allocation" not in captured.err


def test_shared_strings_count_of_4e9_is_refused_before_calamine(tmp_path: Path) -> None:
    refused_import(hf.xlsx_with_shared_strings(tmp_path, "4294967295"), "shared strings")


def test_an_honest_shared_strings_count_is_read(tmp_path: Path) -> None:
    path = hf.xlsx_with_shared_strings(tmp_path, "3")
    assert "Contoso Ltd" in {
        a.name for a in import_sources(fx.review(), [path]).review.book.accounts
    }


def test_a_file_swapped_after_the_check_is_not_what_calamine_reads(tmp_path, monkeypatch):
    """The pre-scan reads the bytes once; replacing the file afterwards (with a workbook that
    would abort calamine) changes nothing: the checked bytes are the ones parsed."""
    good = fx.crm_report(tmp_path / "crm.xlsx")
    bomb = hf.xlsx_with_shared_strings(tmp_path, "4294967295").read_bytes()
    original = pipeline.check_file

    def check_then_swap(path: Path):
        pre = original(path)
        path.write_bytes(bomb)
        return pre

    monkeypatch.setattr(pipeline, "check_file", check_then_swap)
    result = import_sources(fx.review(), [good])
    assert "Contoso Ltd" in {a.name for a in result.review.book.accounts}


def _crm_with_sheet(tmp_path: Path, pattern: bytes, replacement: bytes) -> Path:
    """The CRM report with one regular-expression edit of its first sheet's XML."""
    base = fx.crm_report(tmp_path / "base.xlsx")
    path = tmp_path / "edited.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(pattern, replacement, data, count=1)
                assert n == 1
            zout.writestr(info.filename, data)
    return path


@pytest.mark.parametrize("value", ["NaN", "1e309", "-inf"])
def test_a_number_cell_that_is_not_finite_is_named(tmp_path: Path, value: str) -> None:
    path = _crm_with_sheet(
        tmp_path, rb'<c r="D7" t="n"><v>120000</v>', f'<c r="D7" t="n"><v>{value}</v>'.encode()
    )
    refused_import(path, "!D7", "not a finite number")


@pytest.mark.parametrize(
    ("rows", "refused"),
    [
        ([[1.7e308, "x"], [1.7e308, 2.0]], None),  # finite, though the sheet's sum overflows
        ([[1.7e308], [-1.7e308], [1.7e308]], None),
        ([[1.0, "a"], [2.0, float("inf")]], "B2"),
        ([[1.7e308], [1.7e308], [float("nan")]], "A3"),
        ([[float("inf")], [float("-inf")]], "A1"),  # inf - inf is NaN, not infinite
    ],
)
def test_non_finite_cells_are_found_however_the_floats_add_up(rows, refused) -> None:
    """The whole sheet's floats are added up first; a sum that overflows or is not finite
    sends the check row by row, so only a real NaN or infinity is refused, by its cell."""
    if refused is None:
        readers._refuse_non_finite(rows, (0, 0), Path("big.xlsx"), "S")
        return
    with pytest.raises(UserError, match=f"S!{refused} holds"):
        readers._refuse_non_finite(rows, (0, 0), Path("big.xlsx"), "S")


def test_a_dimension_claiming_the_whole_grid_is_harmless(tmp_path: Path) -> None:
    """Accepted: calamine ignores <dimension>, so A1:XFD1048576 costs nothing (the pre-scan
    measures the cells themselves)."""
    path = _crm_with_sheet(
        tmp_path, rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>'
    )
    start = time.perf_counter()
    assert import_sources(fx.review(), [path]).review.book.accounts
    assert time.perf_counter() - start < 2.0


def test_a_mapping_file_is_read_through_the_guard(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"tables": []}))
    assert read_json(path, "mapping") == {"tables": []}


def test_deeply_nested_sheet_xml_is_read_without_recursion(tmp_path: Path) -> None:
    """Accepted: 200,000 nested elements in a sheet (stored, so no zip ratio refuses them);
    calamine's XML reader streams without recursion and the pre-scan uses regular
    expressions, so depth costs only its bytes."""
    nested = b'<x:a xmlns:x="urn:x">' * 200_000 + b"</x:a>" * 200_000
    path = _crm_with_sheet(tmp_path, rb"<sheetPr>", b"<sheetPr>" + nested)
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
    start = time.perf_counter()
    assert import_sources(fx.review(), [stored]).review.book.accounts
    assert time.perf_counter() - start < 2.0


def test_a_1_mb_attribute_is_read(tmp_path: Path) -> None:
    """Accepted: a 1 MB attribute outside the cells (here the sheet's code name) is only
    bytes to read. (On a cell tag the pre-scan may refuse it as a tag over 64 KB: a safe
    refusal, named.)"""
    path = _crm_with_sheet(
        tmp_path, rb"<sheetPr>", b'<sheetPr codeName="' + b"a" * 1_000_000 + b'">'
    )
    start = time.perf_counter()
    accounts = import_sources(fx.review(), [path]).review.book.accounts
    assert any(a.arr == 120_000 for a in accounts)
    assert time.perf_counter() - start < 2.0
