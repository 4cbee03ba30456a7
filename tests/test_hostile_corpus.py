"""The hostile corpus, run the way a user meets it: each case is a real ``qbr-studio`` process
with a memory limit (RLIMIT_AS) and a time budget, and must exit 2 with one line naming the
file and the reason, within budget, leaving the review byte for byte as it was.

Everything is generated here; the cases are the issue's (each used to abort, hang, exhaust
memory or show a traceback).
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import hostile_fixtures as hf
import ingest_fixtures as fx
import pptx
import pytest

from qbr_studio.storage import save_review

MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space each case may use: far below what the attacks used to take (4–100 GB)."""
SECONDS = 8.0
"""Wall time per case, process start-up included (a refusal itself takes well under 2 s)."""


def _garbage_xls(folder: Path, seed: int) -> Path:
    path = folder / f"garbage{seed}.xls"
    path.write_bytes(hf.garbled_xls(seed))
    return path


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _link(folder: Path, name: str, target: str = "/dev/zero") -> Path:
    path = folder / name
    path.symlink_to(target)
    return path


def _deep_mapping(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_bytes(b'{"tables": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    return path


def _bomb_template(folder: Path) -> Path:
    buffer = io.BytesIO()
    pptx.Presentation().save(buffer)
    path = folder / "bomb.pptx"
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("ppt/media/image99.png", bytes(50 * 1024 * 1024))
    return path


def _huge_version(folder: Path) -> Path:
    from qbr_studio.model import SCHEMA_VERSION, Meta, Review

    data = Review(meta=Meta(csm="Dana", quarter="2026-Q4")).model_dump(mode="json")
    current = f'"schema_version": {SCHEMA_VERSION}'
    text = json.dumps(data).replace(current, '"schema_version": ' + "9" * 4301)
    path = folder / "version.qbr"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("review.json", text)
    return path


Case = Callable[[Path, Path], tuple[list[str], str, str]]
"""(folder, review) → (command arguments, file the message names, a word it holds)."""

CASES: dict[str, Case] = {
    "shared-strings count 4e9": lambda d, r: (
        ["import", str(r), str(hf.xlsx_with_shared_strings(d, "4294967295"))],
        "sst.xlsx",
        "shared strings",
    ),
    "garbage BIFF, abort": lambda d, r: (
        ["import", str(r), str(_garbage_xls(d, hf.ABORT_SEED))],
        f"garbage{hf.ABORT_SEED}.xls",
        "can't be read",
    ),
    "garbage BIFF, panic": lambda d, r: (
        ["import", str(r), str(_garbage_xls(d, hf.PANIC_SEED))],
        f"garbage{hf.PANIC_SEED}.xls",
        "can't be read",
    ),
    "source is a FIFO": lambda d, r: (["import", str(r), str(_fifo(d, "x.csv"))], "x.csv", "pipe"),
    "mapping is /dev/zero": lambda d, r: (
        ["import", str(r), str(fx.crm_report(d / "c.xlsx")), "--mapping", "/dev/zero"],
        "zero",
        "device",
    ),
    "mapping is a FIFO": lambda d, r: (
        ["import", str(r), str(fx.crm_report(d / "c.xlsx")), "--mapping", str(_fifo(d, "m.json"))],
        "m.json",
        "pipe",
    ),
    "mapping 100,000 deep": lambda d, r: (
        ["import", str(r), str(fx.crm_report(d / "c.xlsx")), "--mapping", str(_deep_mapping(d))],
        "deep.json",
        "MAX_JSON_DEPTH",
    ),
    "template is a FIFO": lambda d, r: (
        ["build", str(r), "-o", str(d / "o.pptx"), "--template", str(_fifo(d, "t.pptx"))],
        "t.pptx",
        "pipe",
    ),
    "template is /dev/zero": lambda d, r: (
        ["build", str(r), "-o", str(d / "o.pptx"), "--template", str(_link(d, "zero.pptx"))],
        "zero.pptx",
        "device",
    ),
    "template zip bomb": lambda d, r: (
        ["build", str(r), "-o", str(d / "o.pptx"), "--template", str(_bomb_template(d))],
        "bomb.pptx",
        "zip bomb",
    ),
    "schema_version of 4,301 digits": lambda d, r: (
        ["import", str(_huge_version(d)), str(fx.crm_report(d / "c.xlsx"))],
        "version.qbr",
        "number too long",
    ),
}


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(args: list[str], env: dict[str, str]) -> tuple[int, str, float, int]:
    """(exit code, stderr, seconds, peak memory in bytes) of ``qbr-studio args``. The peak is
    the largest of any child so far (an upper bound for this one); the RLIMIT_AS is the hard
    bound: a case that needed more would die and not exit 2."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "qbr_studio.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_limited,
    )
    try:
        _, err = process.communicate(timeout=SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"qbr-studio {' '.join(args)} ran past {SECONDS} s")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return process.returncode, err.decode("utf-8", "replace"), seconds, peak


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_case_is_refused_within_budget(tmp_path: Path, case: str) -> None:
    review = tmp_path / "review.qbr"
    save_review(review, fx.review())
    before = review.read_bytes()
    args, named, word = CASES[case](tmp_path, review)
    env = {**os.environ, "QBR_STUDIO_CONFIG_DIR": str(tmp_path / "config")}
    code, err, seconds, peak = run_limited(args, env)
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1, err
    assert named in lines[0] and word in lines[0], lines[0]
    assert "Traceback" not in err and "panicked" not in err
    assert seconds < SECONDS
    assert peak < MEMORY_LIMIT
    assert review.read_bytes() == before


def test_the_harness_sees_a_good_import_succeed(tmp_path: Path) -> None:
    review = tmp_path / "review.qbr"
    save_review(review, fx.review())
    env = {**os.environ, "QBR_STUDIO_CONFIG_DIR": str(tmp_path / "config")}
    code, err, _, _ = run_limited(
        ["import", str(review), str(fx.crm_report(tmp_path / "c.xlsx"))], env
    )
    assert code == 0, err
