"""The review as an editable document, without Qt: paths into it, edits with their rules and
plain-words refusals, and change events. The app's Qt controller, the command line and the
feedback sidecars all read and change a review through this package.
"""

from __future__ import annotations

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
