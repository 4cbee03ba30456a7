"""Opening a review checks its JSON's nesting and numbers without walking the whole tree in
Python (the team status reads hundreds): still refused with the path when too deep or not
finite, and brackets inside text never count as nesting."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from qbr_studio.errors import UserError
from qbr_studio.model import SCHEMA_VERSION
from qbr_studio.safeio import MAX_JSON_DEPTH
from qbr_studio.storage import load_review
from qbr_studio.storage.container import _nesting_over


def _qbr(path: Path, text: str) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("review.json", text)
    path.write_bytes(out.getvalue())
    return path


def _review(**extra: object) -> dict[str, object]:
    return {"schema_version": SCHEMA_VERSION, "meta": {"csm": "A", "quarter": "2026-Q4"}, **extra}


@pytest.mark.parametrize("depth", [1, 2, MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH])
def test_nesting_within_the_limit(depth: int) -> None:
    assert not _nesting_over("[" * depth + "]" * depth, MAX_JSON_DEPTH)
    mixed = "".join("[{"[i % 2] for i in range(depth)) + "".join(
        "]}"[i % 2] for i in reversed(range(depth))
    )
    assert not _nesting_over(mixed, MAX_JSON_DEPTH)


def test_nesting_over_the_limit_and_siblings() -> None:
    deep = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
    assert _nesting_over(deep, MAX_JSON_DEPTH)
    assert _nesting_over(f"[[], {deep}, {{}}]", MAX_JSON_DEPTH)
    wide = "[" + ",".join("[[]]" for _ in range(10_000)) + "]"
    assert not _nesting_over(wide, 3) and _nesting_over(wide, 2)


def test_brackets_in_text_are_not_nesting() -> None:
    text = json.dumps({"a": "[" * 500 + '\\"{{{', "b": ['"]]]]"']})
    assert not _nesting_over(text, 3)


def test_a_too_deep_review_is_refused_with_its_path(tmp_path: Path) -> None:
    deep: object = []
    for _ in range(MAX_JSON_DEPTH + 2):
        deep = [deep]
    path = _qbr(tmp_path / "deep.qbr", json.dumps(_review(notes=deep)))
    with pytest.raises(UserError, match=r"nested more than 64 levels deep at notes"):
        load_review(path)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_number_that_is_not_finite_is_named_by_path(tmp_path: Path, number: str) -> None:
    text = json.dumps(_review(book={"accounts": [{"id": "a", "name": "A", "arr": 1.5}]}))
    text = text.replace("1.5", number)
    with pytest.raises(UserError, match=r"book\.accounts\[0\]\.arr is not a finite number"):
        load_review(_qbr(tmp_path / "nan.qbr", text))


def test_an_ordinary_float_opens(tmp_path: Path) -> None:
    text = json.dumps(_review(book={"accounts": [{"id": "a", "name": "A", "arr": 1.5e6}]}))
    assert load_review(_qbr(tmp_path / "ok.qbr", text)).review.book.accounts[0].arr == 1.5e6


def test_escapes_do_not_hide_or_invent_nesting() -> None:
    deep: object = []
    for _ in range(MAX_JSON_DEPTH):
        deep = [deep]
    for text in ("\\", '\\"', 'x\\\\"[[[', "\\u005b[{"):
        assert _nesting_over(json.dumps({"a": text, "b": deep}), MAX_JSON_DEPTH), text
        assert not _nesting_over(json.dumps({"a": text, "b": [[]]}), MAX_JSON_DEPTH), text
