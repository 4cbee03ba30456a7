"""The one wording of an operating-system error (errors.os_reason), used by every module."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from qbr_studio.errors import os_reason

PACKAGE = Path(__file__).resolve().parents[1] / "qbr_studio"


@pytest.mark.parametrize(
    ("err", "writing", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True, "the disk is full"),
        (OSError(errno.EROFS, "Read-only file system"), True, "the disk is read-only"),
        (PermissionError(errno.EACCES, "Permission denied"), True, "permission to write in /d"),
        (PermissionError(errno.EACCES, "Permission denied"), False, "permission to read it"),
        (FileNotFoundError(errno.ENOENT, "No such file"), True, "the folder /d does not exist"),
        (FileNotFoundError(errno.ENOENT, "No such file"), False, "the file does not exist"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), False, "a folder with that name"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), True, "the file name is too long"),
        (OSError(errno.EIO, "Input/output error."), False, "input/output error"),
    ],
)
def test_an_os_error_is_said_in_plain_words(err: OSError, writing: bool, words: str) -> None:
    reason = os_reason(err, Path("/d/deck.pptx"), writing=writing)
    assert words in reason
    assert reason == reason.lower().rstrip(".") or "/d" in reason  # follows "Could not …: "


def test_no_module_words_an_os_error_itself() -> None:
    """``err.strerror`` is read in errors.py only (one wording for every message)."""
    readers = {
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "strerror" in p.read_text(encoding="utf-8")
    }
    assert readers == {"errors.py"}
