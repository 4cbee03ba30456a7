"""The sanitised template is kept by its bytes (deck/reading/kept_clean.py): a file rewritten
in place is read afresh, what one caller does with the result does not reach the next, and
neither a large template nor a refusal is kept."""

from __future__ import annotations

import pytest
import template_factory as tf
from test_hostile_template import hostile_template

from qbr_studio.deck.reading import kept_clean, template
from qbr_studio.errors import UserError


@pytest.fixture
def sanitised(monkeypatch) -> list[str]:
    """The names of the templates sanitised from here on (nothing kept before)."""
    monkeypatch.setattr(kept_clean, "_kept", type(kept_clean._kept)())
    names: list[str] = []
    real = template.sanitise_template

    def counting(data: bytes, name: str):
        names.append(name)
        return real(data, name)

    monkeypatch.setattr(template, "sanitise_template", counting)
    return names


def test_a_template_rewritten_in_place_is_sanitised_again(tmp_path, sanitised) -> None:
    path = tmp_path / "company.pptx"
    path.write_bytes(tf.no_title_only(tmp_path).read_bytes())
    before = len(template.open_presentation(path).slide_layouts)
    path.write_bytes(template.default_template_path().read_bytes())
    after = len(template.open_presentation(path).slide_layouts)
    assert before != after
    assert after == len(template.open_presentation(template.default_template_path()).slide_layouts)
    assert len(sanitised) == 3


def test_the_same_bytes_are_sanitised_once_and_the_drops_are_the_callers_own(
    tmp_path, sanitised
) -> None:
    path = tmp_path / "hostile.pptx"
    path.write_bytes(hostile_template())
    _, first = template._open(path)
    assert first, "the hostile template has parts to drop"
    first.clear()
    _, second = template._open(path)
    assert second and sanitised == ["hostile.pptx"]


def test_the_least_recently_used_go_and_large_ones_are_not_kept(
    tmp_path, sanitised, monkeypatch
) -> None:
    paths = []
    for i in range(kept_clean.MAX_KEPT + 1):
        folder = tmp_path / str(i)
        folder.mkdir()
        paths.append(tf.theme_fonts(folder, f"Font {i}"))
    for path in paths:
        template._open(path)
    template._open(paths[-1])
    assert len(sanitised) == len(paths)
    template._open(paths[0])  # the first one out
    assert len(sanitised) == len(paths) + 1
    monkeypatch.setattr(kept_clean, "MAX_KEPT_BYTES", 10)
    done = len(sanitised)
    template._open(paths[1])
    template._open(paths[1])
    assert len(sanitised) == done + 2


def test_a_refusal_is_not_kept(tmp_path, sanitised) -> None:
    path = tmp_path / "broken.pptx"
    path.write_bytes(b"PK not a zip")
    for _ in range(2):
        with pytest.raises(UserError):
            template._open(path)
    assert kept_clean._kept == {}
