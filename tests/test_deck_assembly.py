"""The deck is assembled from parts onto one canvas: the template side read once, the content
side per review, so a team meeting deck (several reviews, one template) is a second assembly of
the same parts, not a copy of the composer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_factory import small_review

from qbr_studio.deck.plan import PlaceholderRole
from qbr_studio.deck.planning import content as content_module
from qbr_studio.deck.planning.assembly import Part, assemble
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.compose import STANDARD_DECK, compose, standard_parts
from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.slides.deep_dive import profile_slides
from qbr_studio.deck.reading import template
from qbr_studio.model.deck_kinds import DeckSection, SlideKind
from qbr_studio.sample import build_sample_review


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of template descriptions and figure computations made while the test runs."""
    counts = {"template": 0, "figures": 0}
    describe, figures = template._describe, content_module.book_figures

    def counted_describe(*args):
        counts["template"] += 1
        return describe(*args)

    def counted_figures(review, *args):
        counts["figures"] += 1
        return figures(review, *args)

    monkeypatch.setattr(template, "_describe", counted_describe)
    monkeypatch.setattr(content_module, "book_figures", counted_figures)
    template._load_cached.cache_clear()
    yield counts
    template._load_cached.cache_clear()


def test_two_reviews_on_one_canvas_read_the_template_once(tmp_path: Path, counted) -> None:
    path = tmp_path / "team.pptx"
    shutil.copy(template.default_template_path(), path)
    first, second = build_sample_review(), small_review()
    second.meta.csm = "Second Presenter"
    canvas = Canvas.load(path)
    a, b = ReviewContent(first), ReviewContent(second)
    deck = assemble(canvas, [*standard_parts(a), *standard_parts(b)])

    assert counted["template"] == 1
    assert counted["figures"] == 2  # once per review, however many parts use them
    alone_a, alone_b = compose(first, canvas), compose(second, canvas)
    assert len(deck.slides) == len(alone_a.slides) + len(alone_b.slides)
    assert [s.number for s in deck.slides] == list(range(1, len(deck.slides) + 1))
    assert deck.template == path and deck.palette == canvas.palette
    second_half = deck.slides[len(alone_a.slides) :]
    assert [s.title for s in second_half] == [s.title for s in alone_b.slides]
    footed = [s for s in second_half if s.kind is SlideKind.CONTENT]
    assert footed and all(s.footer.startswith("Second Presenter · ") for s in footed)
    footer_lines = [
        t.paragraph.text for s in footed for t in s.placeholders if t.role is PlaceholderRole.FOOTER
    ]  # the bundled layout has footer and slide-number placeholders: the footer goes there
    assert len(footer_lines) == len(footed)
    assert all(line.startswith("Second Presenter · ") for line in footer_lines)
    assert deck.slides[-1].footer.endswith(f"· {len(deck.slides)}")


def test_a_deck_of_chosen_parts(counted) -> None:
    """One title slide, then both reviews' deep dives: the seam a team deck would use."""
    canvas = Canvas.load(None)
    a, b = ReviewContent(build_sample_review()), ReviewContent(small_review())
    title, deep_dive = STANDARD_DECK[0], profile_slides
    deck = assemble(canvas, [Part(a, title), Part(a, deep_dive), Part(b, deep_dive)])
    sections = [s.section for s in deck.slides]
    assert sections[0] is DeckSection.TITLE
    assert set(sections[1:]) == {DeckSection.DEEP_DIVE}
    names = {a.review.deep_dive.account_id, b.review.deep_dive.account_id}
    titles = " ".join(s.title for s in deck.slides)
    for account_id in names:
        assert (
            a.review.book.account(account_id) or b.review.book.account(account_id)
        ).name in titles
