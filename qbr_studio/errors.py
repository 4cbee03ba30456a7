"""Errors a user can cause, carried up to the CLI or the window as one plain sentence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Remedy(Enum):
    """Something the user can do about a refusal, which each front end says in its own words
    (the CLI names its option; the app shows the control)."""

    NAME_THE_KIND = "name_the_kind"
    """Say what the file holds (the CLI's ``--as KIND``)."""
    ACCEPT_WARNINGS = "accept_warnings"
    """Import despite the plausibility warnings (the CLI's ``--accept-warnings``)."""


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
