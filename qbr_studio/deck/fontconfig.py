"""fontconfig's best match for a font pattern, asked in this process when its library loads.

``fc-match -f FORMAT PATTERN`` parses the pattern, applies the configuration's and the default
substitutions, takes fontconfig's best match and formats it. :func:`match` makes the same five
library calls (``FcNameParse``, ``FcConfigSubstitute``, ``FcDefaultSubstitute``,
``FcFontMatch``, ``FcPatternFormat``) through ctypes, so the answer is fc-match's, without
starting a process per question (~10 ms each, and fontconfig reading its configuration each
time). Where the library can't be loaded, the caller asks ``fc-match`` as before.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from functools import cache

LIBRARIES = {
    "linux": ("libfontconfig.so.1",),
    "darwin": ("libfontconfig.1.dylib", "/opt/homebrew/lib/libfontconfig.1.dylib"),
}
"""Where the fontconfig library is looked for, by platform (none elsewhere: fc-match is asked)."""

FC_MATCH_PATTERN = 0
"""``FcMatchPattern``: the substitutions applied to a query (as fc-match applies them)."""

_lock = threading.Lock()
"""fontconfig's default configuration is shared: one question at a time."""


@cache
def _library() -> ctypes.CDLL | None:
    if getattr(sys, "frozen", False):
        # A bundle may carry its own copy of the library beside Qt's: ask the system's
        # fc-match instead, so fonts resolve as on the rest of the machine.
        return None
    for name in LIBRARIES.get(sys.platform, ()):
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        p = ctypes.c_void_p
        lib.FcNameParse.argtypes, lib.FcNameParse.restype = [ctypes.c_char_p], p
        lib.FcConfigSubstitute.argtypes = [p, p, ctypes.c_int]
        lib.FcConfigSubstitute.restype = ctypes.c_int
        lib.FcDefaultSubstitute.argtypes, lib.FcDefaultSubstitute.restype = [p], None
        lib.FcFontMatch.argtypes = [p, p, ctypes.POINTER(ctypes.c_int)]
        lib.FcFontMatch.restype = p
        lib.FcPatternFormat.argtypes, lib.FcPatternFormat.restype = [p, ctypes.c_char_p], p
        lib.FcStrFree.argtypes, lib.FcStrFree.restype = [p], None
        lib.FcPatternDestroy.argtypes, lib.FcPatternDestroy.restype = [p], None
        return lib
    return None


def available() -> bool:
    """Whether :func:`match` can answer here (the library loads)."""
    return _library() is not None


def match(pattern: str, format: str) -> str | None:
    """What ``fc-match -f format pattern`` prints; None when it prints nothing (no match, a
    pattern fontconfig can't parse) or the library isn't there."""
    lib = _library()
    if lib is None:
        return None
    with _lock:
        query = lib.FcNameParse(pattern.encode("utf-8"))
        if not query:
            return None
        try:
            lib.FcConfigSubstitute(None, query, FC_MATCH_PATTERN)
            lib.FcDefaultSubstitute(query)
            result = ctypes.c_int(0)
            found = lib.FcFontMatch(None, query, ctypes.byref(result))
        finally:
            lib.FcPatternDestroy(query)
        if not found:
            return None
        try:
            text = lib.FcPatternFormat(found, format.encode("utf-8"))
        finally:
            lib.FcPatternDestroy(found)
        if not text:
            return None
        try:
            return ctypes.string_at(text).decode("utf-8", "surrogateescape")
        finally:
            lib.FcStrFree(text)
