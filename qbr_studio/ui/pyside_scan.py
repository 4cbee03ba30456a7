"""PySide's check of every module imported after it, made cheap.

Once PySide6 is imported, its import hook asks of each new module whether it uses PySide (so
that ``from __feature__ import snake_case`` can be switched per module) by searching the
module's source for "PySide6" — read with :func:`inspect.getsource`, which decodes the file
and splits it into lines through :mod:`linecache`: 50–75 ms CPU over the ~420 modules
(pydantic's among them) of a started window, where reading the files takes 16–25 ms.
:func:`install` has the same question answered from the file's bytes where the module's
source is a ``.py`` file, and by PySide's own check otherwise (built-in and frozen modules,
a bundle without sources). The answer is the same: source files are ASCII-compatible.

If PySide's internals are not as expected (another version), nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

MARKER = b"PySide6"
FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"


def install() -> bool:
    """Replace PySide's per-module check with :func:`uses_pyside`; False if it can't be (or
    already is)."""
    import PySide6.QtCore  # noqa: F401  (loads PySide's support modules)

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if not callable(original) or hasattr(original, "__wrapped__"):
        return False
    setattr(feature, CHECK, _reading_bytes(original))
    return True


def _reading_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        """Whether the module's source names PySide6 (PySide's own check as a fallback)."""
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return MARKER in source.read()
        except OSError:
            return original(module)

    uses_pyside.__wrapped__ = original  # type: ignore[attr-defined]
    return uses_pyside
