"""Word budgets outside the deck: ``check`` warns of a field longer than its slide shows (and
still passes), and the editor counts each narrative field against its budget as one types."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from qbr_studio.checks import budget_message, budget_warnings, check_review, report
from qbr_studio.cli import main
from qbr_studio.model.word_budgets import WORD_BUDGETS, first_sentences
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review


def test_first_sentences_keep_whole_sentences_within_the_budget():
    text = "One two three. Four five six seven. Eight nine."
    assert first_sentences(text, 3) == "One two three."
    assert first_sentences(text, 8) == "One two three. Four five six seven."
    assert first_sentences(text, 50) == text
    assert first_sentences("a b c d e f", 3) == "a b c …"


def test_check_warns_of_a_long_story_and_still_passes(tmp_path, capsys):
    review = build_sample_review()
    review.deep_dive.health_story = "word " * 480
    warnings = budget_warnings(review)
    budget = WORD_BUDGETS["deep_dive.health_story"]
    story = [w for w in warnings if w.path == "deep_dive.health_story"]
    assert story and story[0].message.startswith(f"480 words, the slide shows {budget}")
    assert not [f for f in check_review(review) if f.path == "deep_dive.health_story"]
    assert "Longer than the slide shows" in report([], warnings)
    path = tmp_path / "long.qbr"
    save_review(path, review)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Their health: what is going on: 480 words, the slide shows {budget}" in out


def test_a_story_within_its_budget_is_not_warned_of():
    review = build_sample_review()
    for path, budget in WORD_BUDGETS.items():
        setattr(review.deep_dive, path.split(".")[1], "word " * budget)
    assert budget_warnings(review) == []


def test_budget_message_counts_against_the_budget():
    budget = WORD_BUDGETS["deep_dive.health_story"]
    assert budget_message("deep_dive.health_story", "a b c") == f"3 / {budget} words on the slide"
    long = budget_message("deep_dive.health_story", "w " * (budget + 1))
    assert long.startswith(f"{budget + 1} / {budget}") and "notes and the appendix" in long


@pytest.mark.qt
def test_the_editor_counts_words_as_one_types(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from qbr_studio.ui import dialogs
    from qbr_studio.ui.app import create_window

    path = tmp_path / "review.qbr"
    save_review(path, build_sample_review())
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    win.go_to_section("deep_dive")
    page = win.page("deep_dive")
    counter = page.findChild(QLabel, "budget:deep_dive.health_story")
    editor = page.bindings["deep_dive.health_story"].widget
    editor.setPlainText("one two three")
    budget = WORD_BUDGETS["deep_dive.health_story"]
    assert counter.text() == f"3 / {budget} words on the slide"
    editor.setPlainText("w " * 100)
    assert counter.text().startswith(f"100 / {budget}")
