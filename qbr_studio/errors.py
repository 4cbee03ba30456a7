"""Errors a user can cause, carried up to the CLI or the window as one plain sentence, and
the one wording of an operating-system error (:func:`os_reason`)."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Remedy(Enum):
    """Something the user can do about a refusal, which each front end says in its own words
    (the CLI names its option; the app shows the control)."""

    NAME_THE_KIND = "name_the_kind"
    """Say what the file holds (the CLI's ``--as KIND``)."""
    ACCEPT_WARNINGS = "accept_warnings"
    """Import despite the plausibility warnings (the CLI's ``--accept-warnings``)."""
    NAME_OPPORTUNITY_TYPE = "name_opportunity_type"
    """Say what opportunities without a type are (the CLI's ``--opportunity-type``)."""
    NAME_OPPORTUNITY_TYPE_OR_ACCEPT = "name_opportunity_type_or_accept"
    """That, or import the rest without them (``--accept-warnings``)."""
    LINK_IDS = "link_ids"
    """Give a file that maps the rows' ids to accounts (the CLI's ``--link MAP.csv``); the
    hint's choices are those id columns."""


@dataclass(frozen=True)
class Hint:
    """A :class:`Remedy` with the choices it offers (e.g. the kinds a table could be)."""

    remedy: Remedy
    choices: tuple[str, ...] = ()


class UserError(Exception):
    """Bad input from the user: a file that can't be read, a bad argument.

    ``str(err)`` is the whole message: it names the file and, where it applies, the sheet and
    cell or the JSON path. The CLI prints it and exits with code 2; the app shows it in a dialog.
    ``hint``, when set, is what the user could do about it; only a front end words it.
    """

    def __init__(self, message: str, hint: Hint | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class Cancelled(Exception):
    """The user cancelled a long job (an import, a build) while it ran; raised inside the job
    to stop it. Whatever the job was to change is unchanged."""


def os_reason(
    err: OSError, path: Path | None = None, *, writing: bool = False, other: str = "{}"
) -> str:
    """An operating-system error in plain words, the same everywhere: lower-case and without
    a full stop, to follow "Could not save X: " or "X: ". ``path`` is the file the error is
    about (to name its folder); ``writing`` says whether it was being written or read;
    ``other`` frames the system's own words for an error without a wording here."""
    code = err.errno
    if code == errno.ENOSPC or getattr(err, "winerror", None) in (39, 112):
        return "the disk is full"
    if code is not None and code == getattr(errno, "EDQUOT", None):
        return "your disk quota is used up"
    if code == errno.EROFS:
        return "the disk is read-only"
    if isinstance(err, PermissionError):
        if writing:
            where = f"in {path.parent}" if path is not None else "there"
            return f"you do not have permission to write {where}"
        return "you do not have permission to read it"
    if isinstance(err, FileNotFoundError):
        if writing and path is not None:
            return f"the folder {path.parent} does not exist"
        return "the file does not exist"
    if isinstance(err, IsADirectoryError):
        return "there is a folder with that name"
    if code == errno.ENAMETOOLONG:
        return "the file name is too long"
    if code == errno.ELOOP:
        return "the path is a loop of symbolic links"
    return other.format((err.strerror or str(err) or type(err).__name__).rstrip(".").lower())
