"""JSON the app reads (mappings, reviews, sidecars, notes): bounded size, depth and numbers.

``json.loads`` on hostile text can recurse until Python gives up, build an integer of
thousands of digits (Python refuses past 4,300 with a ValueError), or hold NaN. Here every
such case is one UserError naming the file and, for depth, the JSON path where it happened.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qbr_studio.errors import UserError
from qbr_studio.safeio.files import read_bytes
from qbr_studio.safeio.limits import MAX_JSON_DEPTH


def read_json(path: Path, kind: str = "mapping", *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Read and parse a JSON file through the guarded reader (regular file, size per kind)."""
    path = Path(path)
    return parse_json(read_bytes(path, kind), path.name, max_depth=max_depth)


def parse_json(data: bytes, name: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse UTF-8 JSON bytes (a BOM is allowed); UserError naming ``name`` for anything that
    is not plain, finite, at most ``max_depth`` deep JSON."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UserError(f"{name}: is not UTF-8 text (bad byte at position {err.start})") from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise UserError(
            f"{name}: is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
        ) from None
    except RecursionError:
        raise UserError(
            f"{name}: is nested too deeply (more than {max_depth} levels, MAX_JSON_DEPTH)"
        ) from None
    except ValueError as err:  # an integer of more than 4,300 digits, NaN/Infinity
        raise UserError(f"{name}: is not valid JSON ({_first_line(err)})") from None
    check_depth(value, name, max_depth)
    return value


def check_depth(value: Any, name: str, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Refuse (UserError naming ``name``) a parsed value nested deeper than ``max_depth``."""
    where = too_deep(value, max_depth)
    if where is not None:
        raise UserError(
            f"{name}: {where} is nested more than {max_depth} levels deep (MAX_JSON_DEPTH)"
        )


def too_deep(value: Any, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """The JSON path of the first object or list deeper than ``max_depth``, or None
    (iteratively: no recursion, whatever the depth)."""
    stack: list[tuple[Any, int, str]] = [(value, 1, "")]
    while stack:
        item, depth, where = stack.pop()
        if isinstance(item, dict):
            children = ((f"{where}.{k}" if where else str(k), v) for k, v in item.items())
        elif isinstance(item, list):
            children = ((f"{where}[{i}]", v) for i, v in enumerate(item))
        else:
            continue
        if depth > max_depth:
            return where or "the top level"
        for path, child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1, path))
    return None


def _refuse_constant(token: str) -> float:
    raise ValueError(f"{token} is not a number JSON allows")


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text[:160]
