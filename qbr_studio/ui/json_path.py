"""The document path notation, as the views import it; it lives in
:mod:`qbr_studio.document.paths` (one implementation, no Qt)."""

from __future__ import annotations

from qbr_studio.document.paths import Part, is_within, join, parse, related, resolve, step

__all__ = ["Part", "is_within", "join", "parse", "related", "resolve", "step"]
