"""Errors a user can cause, carried up to the CLI or the window as one plain sentence."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user: a file that can't be read, a bad argument.

    ``str(err)`` is the whole message: it names the file and, where it applies, the sheet and
    cell or the JSON path. The CLI prints it and exits with code 2; the app shows it in a dialog.
    """
