"""Validation messages in plain words: ``meta.currency must be at most 3 characters long
(found "dollars")`` from a pydantic error, for the file reader and for an edit the app refuses.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from qbr_studio.document.paths import join


def describe_validation_error(err: ValidationError, whole: str = "the review") -> str:
    """The first problem as ``<json path> <problem in plain words>``, and how many more;
    ``whole`` names the document when the problem is with all of it (an empty path)."""
    errors = err.errors(include_url=False)
    first = errors[0]
    text = f"{join(first['loc']) or whole} {_problem(first)}"
    if len(errors) > 1:
        more = len(errors) - 1
        text += f" (and {more} more problem{'s' if more > 1 else ''})"
    return text


_PLAIN = {
    "missing": "is missing",
    "extra_forbidden": "is not a field QBR Studio knows",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date written like 2026-03-31",
    "date_parsing": "must be a date written like 2026-03-31",
    "date_from_datetime_parsing": "must be a date written like 2026-03-31",
    "date_from_datetime_inexact": "must be a date without a time of day",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "string_pattern_mismatch": "contains characters that are not allowed here",
}


_BOUNDS = {
    "greater_than_equal": ("ge", "must be {} or more"),
    "greater_than": ("gt", "must be more than {}"),
    "less_than_equal": ("le", "must be {} or less"),
    "less_than": ("lt", "must be less than {}"),
}


def _problem(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _PLAIN:
        text = _PLAIN[kind]
    elif kind in _BOUNDS:
        key, template = _BOUNDS[kind]
        text = template.format(_number(ctx.get(key)))
    elif kind == "enum":
        text = f"must be one of {ctx.get('expected', 'the allowed values')}"
    elif kind == "string_too_short":
        text = f"must be at least {ctx.get('min_length')} characters long"
    elif kind == "string_too_long":
        text = f"must be at most {ctx.get('max_length')} characters long"
    elif kind == "value_error":
        return "is not valid: " + str(error["msg"]).removeprefix("Value error, ")
    else:
        msg = str(error["msg"]).replace("Input should", "should")
        text = "is not valid: " + msg[:1].lower() + msg[1:]
    if kind not in ("missing", "extra_forbidden"):
        text += _found(error.get("input"))
    return text


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _found(value: Any) -> str:
    """`` (found -5)`` for a short scalar input; nothing for objects and lists."""
    if isinstance(value, (dict, list)):
        return f" (found {json_kind(value)})"
    shown = json.dumps(value, ensure_ascii=False)
    return f" (found {shown})" if len(shown) <= 40 else f" (found {shown[:37]}…)"


def json_kind(value: Any) -> str:
    """What kind of JSON value ``value`` is, in words: ``an object``, ``a list``, ``text``…"""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    return "a number" if not isinstance(value, bool) else "true/false"


def field_message(err: ValidationError, label: str) -> str:
    """``Currency must be at least 3 characters long (found "US"); it was left as it was.``:
    the first problem of one field's refused value, named by ``label``."""
    text = describe_validation_error(err)
    loc = join(err.errors(include_url=False)[0]["loc"])
    if loc and text.startswith(loc):
        text = text[len(loc) :].lstrip()
    return f"{label} {text}; it was left as it was."
