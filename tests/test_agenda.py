"""The agenda's one mapping: review paths → editor page and deck part, and their labels."""

from __future__ import annotations

import pytest

from qbr_studio.checks import Finding, check_review
from qbr_studio.cli import main
from qbr_studio.model import Meta, Review
from qbr_studio.model.agenda import LOCATIONS, Page, Section, describe, locate, page_of_section
from qbr_studio.ui.sections import SECTIONS


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("meta.meeting_date", "Overview › Meeting date"),
        ("meta.team", "Overview › Team"),
        ("book.usage", "Data › Usage"),
        ("deep_dive.logo", "Deep dive › Logo"),
        ("achievements", "Achievements"),
        ("achievements[1].goal", "Achievements › Achievement 2 › Goal"),
        ("challenges[0].plan", "Adoption challenges › Patterns and plans › Challenge 1 › Plan"),
        ("communications", "Adoption challenges › Communication with critical parties"),
        ("revenue.action_items[3]", "Revenue › Action items to close › Action 4"),
        ("revenue.growth_story", "Revenue › Growth"),
    ],
)
def test_a_path_is_named_as_the_editor_labels_it(path, label):
    assert describe(path) == label


def test_every_path_the_checklist_names_has_an_editor_label():
    findings = check_review(Review(meta=Meta(csm="A", quarter="2026-Q4")))
    assert findings
    for finding in findings:
        label = describe(finding.path)
        assert "." not in label and "_" not in label, label
        assert locate(finding.path) is not None


def test_the_communication_plan_is_edited_on_its_tab_and_shown_with_the_challenges():
    where = locate("communications[2].party")
    assert where is not None
    assert where.page is Page.CHALLENGES and where.sections == (Section.CHALLENGES,)
    assert where.table and not LOCATIONS["challenges"].table


def test_deck_sections_compare_equal_to_the_slides_strings():
    assert Section.CHALLENGES == "Adoption challenges"
    assert page_of_section("Book at a glance") is Page.OVERVIEW
    assert page_of_section("Appendix") is Page.DATA


def test_the_window_shell_lists_the_agenda_pages_in_order():
    assert [(p.value, p.title) for p in Page] == list(SECTIONS)


def test_check_prints_the_editor_labels(tmp_path, capsys):
    path = tmp_path / "mine.qbr"
    assert main(["new", "-o", str(path), "--csm", "Ana", "--quarter", "Q4 2026"]) == 0
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "  - Overview › Meeting date: set the meeting date" in out
    assert "(meta." not in out
    assert str(Finding("x", "meta.team", "name your team")) == "Overview › Team: name your team"


def test_template_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "data.xlsx"
    out.write_bytes(b"mine")
    assert main(["template", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"mine"
    assert main(["template", "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != b"mine"


@pytest.mark.parametrize("command", ["demo", "new", "template", "build"])
def test_every_output_option_says_what_it_writes(command):
    import argparse

    from qbr_studio.cli import _parser

    commands = next(
        a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    output = next(a for a in commands[command]._actions if "--output" in a.option_strings)
    assert output.help and len(output.help.split()) >= 3
