"""The sanitised template is kept by its bytes: a file rewritten in place is read afresh, and
what one caller does with the result does not reach the next."""

from __future__ import annotations

import template_factory as tf
from test_hostile_template import hostile_template

from qbr_studio.deck.reading import template


def test_a_template_rewritten_in_place_is_sanitised_again(tmp_path) -> None:
    path = tmp_path / "company.pptx"
    path.write_bytes(tf.no_title_only(tmp_path).read_bytes())
    before = len(template.open_presentation(path).slide_layouts)
    path.write_bytes(template.default_template_path().read_bytes())
    after = len(template.open_presentation(path).slide_layouts)
    assert before != after
    assert after == len(template.open_presentation(template.default_template_path()).slide_layouts)


def test_the_same_bytes_are_sanitised_once_and_the_drops_are_the_callers_own(tmp_path) -> None:
    path = tmp_path / "hostile.pptx"
    path.write_bytes(hostile_template())
    template._cleaned.cache_clear()
    _, first = template._open(path)
    assert first, "the hostile template has parts to drop"
    first.clear()
    _, second = template._open(path)
    assert second and template._cleaned.cache_info().hits == 1
