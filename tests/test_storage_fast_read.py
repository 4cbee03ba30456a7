"""Opening a plain current review reads it in one pass with pydantic's own JSON parser; every
file that is not plainly so goes the careful way (json + depth + finiteness + migration), so
each file opens, or is refused with the message, exactly as the careful read alone would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_storage_read_checks import _qbr

from qbr_studio.errors import UserError
from qbr_studio.model import SCHEMA_VERSION, Review
from qbr_studio.safeio import MAX_JSON_DEPTH
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import container, load_review, review_to_bytes
from qbr_studio.storage.container import _current_review, review_json_bytes


def _careful(data: bytes, name: str) -> object:
    """What the careful read alone makes of ``review.json`` bytes: the review's JSON form, or
    the message refusing it."""
    try:
        raw, finite = container._parse_json(data, name)
        review, _ = container._to_review(raw, name, finite=finite)
    except UserError as err:
        return str(err)
    return review.model_dump(mode="json")


def _opened(path: Path) -> object:
    try:
        return load_review(path).review.model_dump(mode="json")
    except UserError as err:
        return str(err)


def _text(**changes: Any) -> str:
    review: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "meta": {"csm": "A", "quarter": "2026-Q4"},
        "book": {"accounts": [{"id": "0015e00000Abc", "name": "A", "arr": 1.5}]},
    }
    review.update(changes)
    return json.dumps(review, indent=2)


PLAIN = _text()
CASES = {
    "plain": PLAIN,
    "NaN": PLAIN.replace("1.5", "NaN"),
    "-Infinity": PLAIN.replace("1.5", "-Infinity"),
    "overflowing exponent": PLAIN.replace("1.5", "1.5e400"),
    "overflowing upper-case exponent": PLAIN.replace("1.5", "-2E+999"),
    "overflowing long float": PLAIN.replace("1.5", "9" * 320 + ".5"),
    "integer too long to read": PLAIN.replace("1.5", "9" * 4400),
    "long mantissa, two-digit exponent": PLAIN.replace("1.5", "9" * 250 + "e99"),
    "underflowing exponent": PLAIN.replace("1.5", "1e-400"),
    "NaN as a word": _text(meta={"csm": "A", "quarter": "2026-Q4", "company": "NaN Infinity"}),
    "version as text": PLAIN.replace(
        f'"schema_version": {SCHEMA_VERSION}', '"schema_version": "4"'
    ),
    "version as float": PLAIN.replace(
        f'"schema_version": {SCHEMA_VERSION}', f'"schema_version": {SCHEMA_VERSION}.0'
    ),
    "version missing": PLAIN.replace(f'"schema_version": {SCHEMA_VERSION},', ""),
    "version newer": PLAIN.replace(
        f'"schema_version": {SCHEMA_VERSION}', f'"schema_version": {SCHEMA_VERSION + 1}'
    ),
    "version older": PLAIN.replace(
        f'"schema_version": {SCHEMA_VERSION}', f'"schema_version": {SCHEMA_VERSION - 1}'
    ),
    "version twice, the last as text": PLAIN.replace('"meta"', '"schema_version": "4",\n  "meta"'),
    "version twice, the last escaped": PLAIN.replace(
        '"meta"', '"schema\\u005fversion": "4", "meta"'
    ),
    "version named in text": _text(
        meta={"csm": "A", "quarter": "2026-Q4", "company": '"schema_version": 4, id 0015e00000'}
    ),
    "duplicate key": PLAIN.replace('"csm": "A"', '"csm": "A", "csm": "B"'),
    "unknown key": _text(extra={"a": 1}),
    "too deep": _text(notes=json.loads("[" * (MAX_JSON_DEPTH + 2) + "]" * (MAX_JSON_DEPTH + 2))),
    "lone surrogate": PLAIN.replace('"name": "A"', '"name": "\\ud800"'),
    "not an object": "[]",
    "invalid JSON": PLAIN[:-3],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_file_opens_or_is_refused_as_the_careful_read_says(tmp_path: Path, case: str) -> None:
    path = _qbr(tmp_path / "r.qbr", CASES[case])
    assert _opened(path) == _careful(CASES[case].encode("utf-8"), str(path))


ONE_PASS = ["duplicate key", "plain", "version named in text"]
"""The cases the one-pass read takes; every other case goes the careful way."""


@pytest.mark.parametrize("case", ONE_PASS)
def test_a_plain_current_file_is_read_in_one_pass(case: str) -> None:
    review = _current_review(CASES[case].encode("utf-8"))
    assert review is not None
    assert review.model_dump(mode="json") == _careful(CASES[case].encode("utf-8"), "r.qbr")


def test_the_saved_sample_and_a_bom_are_read_in_one_pass() -> None:
    sample = build_sample_review()
    data = review_json_bytes(sample)
    for raw in (data, b"\xef\xbb\xbf" + data):
        review = _current_review(raw)
        assert review is not None and review == sample


@pytest.mark.parametrize("case", sorted(set(CASES) - set(ONE_PASS)))
def test_anything_not_plain_goes_the_careful_way(case: str) -> None:
    assert _current_review(CASES[case].encode("utf-8")) is None


def _depth(schema: dict[str, Any], defs: dict[str, Any], seen: frozenset[str]) -> float:
    """How deep JSON valid for ``schema`` can nest objects and lists (inf when unbounded)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return float("inf") if name in seen else _depth(defs[name], defs, seen | {name})
    kind = schema.get("type")
    parts = [s for key in ("anyOf", "oneOf", "allOf") for s in schema.get(key, [])]
    if not parts and kind is None and "enum" not in schema and "const" not in schema:
        return float("inf")  # any JSON at all
    inner = [_depth(s, defs, seen) for s in parts]
    if kind == "object":
        props = list(schema.get("properties", {}).values())
        extra = schema.get("additionalProperties", True)
        if extra is True:
            return float("inf")
        if isinstance(extra, dict):
            props.append(extra)
        inner += [1 + _depth(s, defs, seen) for s in props] or [1]
    if kind == "array":
        items = schema.get("items", {})
        inner.append(1 + _depth(items, defs, seen) if items else float("inf"))
    return max(inner, default=0)


def test_the_model_bounds_nesting_below_the_limit() -> None:
    """The one-pass read does not measure nesting: a file only passes it by being a valid
    Review, which nests no deeper than the model. A free-form field, a model that accepts
    unknown keys or a recursive one would let deep JSON through, and fail this test."""
    schema = Review.model_json_schema()
    depth = _depth(schema, schema.get("$defs", {}), frozenset())
    assert depth < MAX_JSON_DEPTH
    assert depth >= 3  # the walk sees the book's accounts inside the review


def test_a_saved_review_opens_the_same(tmp_path: Path) -> None:
    sample = build_sample_review()
    path = tmp_path / "s.qbr"
    path.write_bytes(review_to_bytes(sample))
    assert load_review(path).review == sample
