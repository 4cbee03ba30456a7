"""The review as an editable document, without Qt: paths into it, edits with their rules and
plain-words refusals, and change events. The app's Qt controller, the command line and the
feedback sidecars all read and change a review through this package.

The editable :class:`Document` (and its events) is imported when first asked for: reading a
review from disk (storage, a one-shot command) needs only :mod:`~qbr_studio.document.paths`
and :mod:`~qbr_studio.document.media`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qbr_studio.document.document import (
        DEEP_DIVE_ACCOUNT,
        DEEP_DIVE_LOGO,
        MEDIA,
        NO_LOGO,
        NO_TEMPLATE,
        READ_ONLY_MESSAGE,
        TEMPLATE,
        Document,
        LogoState,
        Picture,
        TemplateState,
    )
    from qbr_studio.document.events import EventEmitter

__all__ = [
    "DEEP_DIVE_ACCOUNT",
    "DEEP_DIVE_LOGO",
    "MEDIA",
    "NO_LOGO",
    "NO_TEMPLATE",
    "READ_ONLY_MESSAGE",
    "TEMPLATE",
    "Document",
    "EventEmitter",
    "LogoState",
    "Picture",
    "TemplateState",
]


def __getattr__(name: str) -> Any:
    if name == "EventEmitter":
        from qbr_studio.document.events import EventEmitter

        return EventEmitter
    if name in __all__:
        from qbr_studio.document import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
