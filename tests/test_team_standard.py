"""A team pack's standard enforced: its health weights and thresholds score health in the
deck, the app's figures and the team roll-up; its slide budgets keep each agenda part of a
review's deck (and a presenter's part of the meeting deck) within them, the rest moved to the
appendix and named on the slide; and the pack version a review was made with, stamped by
`new --team-pack` and the app's save, reported by `check` and `team status`."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from review_factory import small_review
from team_fixtures import CSMS, csm_review

from qbr_studio.analytics.health import DriverKind, score_book
from qbr_studio.cli import main
from qbr_studio.deck.planning.standard import DeckStandard
from qbr_studio.deck.produce import plan_deck
from qbr_studio.model import Health
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.storage import load_review, save_review
from qbr_studio.team.collect import collect_all
from qbr_studio.team.meeting import plan_meeting
from qbr_studio.team.pack import HealthStandard, TeamPack, save_pack

UTILIZATION_ONLY = {"weights": {"utilization": 1.0}, "green": 90, "yellow": 60}
"""Health by utilization alone, green only from 90: small_review's acc-6 (utilization 87%,
yellow by the product's weights at 69.5) stays yellow at 87.5; acc-4 (yellow at 63.3) is
yellow at 67.5; acc-2 (yellow at 52.7) turns red at 47.5."""


def _pack(folder: Path, version: int = 1, **changes: object) -> Path:
    path = folder / "team.qbrteam"
    raw = {"team": "Enterprise East", "version": version, **changes}
    save_pack(path, TeamPack.model_validate(raw))
    return path


# --- health: the pack's weights and thresholds -----------------------------------------------


def test_pack_weights_and_thresholds_make_the_score() -> None:
    review = small_review()
    card = HealthStandard.model_validate(UTILIZATION_ONLY).scorecard()
    product, pack = (
        score_book(review.book, review.as_of),
        score_book(review.book, review.as_of, card),
    )
    assert set(card.weights) == {DriverKind.UTILIZATION}
    for score in pack.values():
        (utilization,) = score.drivers  # the drivers without weight are not counted
        assert score.score == pytest.approx(round(utilization.score, 1))
    assert product["acc-2"].health is Health.YELLOW and pack["acc-2"].health is Health.RED
    assert pack["acc-6"].score == pytest.approx(87.5) and pack["acc-6"].health is Health.YELLOW
    assert product["acc-8"].health is pack["acc-8"].health is Health.GREEN


@pytest.mark.parametrize(
    ("health", "words"),
    [
        ({"weights": {"trend": 1.0}}, '"trend" is not a health driver'),
        ({"weights": {"utilization": 0.5}}, "add up to 1"),
        ({"weights": {"utilization": 1.5, "nps": -0.5}}, "cannot be negative"),
    ],
)
def test_a_pack_weight_must_name_a_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], health: dict, words: str
) -> None:
    pack = tmp_path / "team.qbrteam"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("team.json", json.dumps({"team": "x", "health": health}))
    save_review(tmp_path / "maya.qbr", csm_review(CSMS[0], 0))
    assert main(["check", str(tmp_path / "maya.qbr")]) == 2
    err = capsys.readouterr().err
    assert "team.qbrteam" in err and words in err and len(err.strip().splitlines()) == 1
    if "driver" in words:
        assert "active_user_trend" in err  # the message lists the names a weight may have


def test_build_scores_health_by_the_pack_beside_the_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review_path = tmp_path / "maya.qbr"
    save_review(review_path, small_review())

    def deck_text() -> str:
        out = tmp_path / "deck.pptx"
        assert main(["build", str(review_path), "-o", str(out)]) == 0
        return "\n".join(
            shape.text_frame.text
            for slide in Presentation(str(out)).slides
            for shape in slide.shapes
            if shape.has_text_frame
        )

    product = deck_text()
    assert "green from 70, yellow from 50" in product and "Weight 25%" in product
    _pack(tmp_path, health=UTILIZATION_ONLY)
    capsys.readouterr()
    text = deck_text()
    assert (
        "following team.qbrteam (Enterprise East team pack, version 1)" in capsys.readouterr().out
    )
    assert "green from 90, yellow from 60" in text
    assert "Weights and thresholds: Enterprise East team pack, version 1." in text
    assert "Weight 100%" in text and "Weight 25%" not in text


def test_team_rollup_scores_each_presenter_by_their_pack(tmp_path: Path) -> None:
    east, west = tmp_path / "east", tmp_path / "west"
    for folder in (east, west):
        folder.mkdir()
    save_review(east / "maya.qbr", csm_review(CSMS[0], 0))
    save_review(west / "liam.qbr", csm_review(CSMS[1], 0))
    _pack(east, health=UTILIZATION_ONLY)
    meeting = plan_meeting(collect_all([east, west]))
    by = meeting.figures.arr_by_health
    review = small_review()
    arr = {a.id: a.arr for a in review.book.accounts}
    card = HealthStandard.model_validate(UTILIZATION_ONLY).scorecard()
    scored = {
        "Maya Okafor": score_book(review.book, review.as_of, card),
        "Liam Chen": score_book(review.book, review.as_of),
    }
    for csm, scores in scored.items():  # the same book (i=0), scored by two standards
        red = sum(arr[k] for k, s in scores.items() if s.health is Health.RED)
        assert by[csm].get(Health.RED, 0) == pytest.approx(red)
    assert by["Maya Okafor"][Health.RED] > by["Liam Chen"][Health.RED]


# --- slide budgets ------------------------------------------------------------------------


def _note(slide) -> str:
    return next(
        (e.paragraphs[0].text for e in slide.elements if getattr(e, "name", "") == "Budget note"),
        "",
    )


def test_the_standard_deck_keeps_each_part_within_its_budget() -> None:
    review = small_review()
    full = plan_deck(review)
    tight = plan_deck(review, standard=DeckStandard(budgets={DeckSection.REVENUE: 1}))
    revenue = [s for s in full.slides if s.section is DeckSection.REVENUE]
    assert len(revenue) == 3
    kept = [s for s in tight.slides if s.section is DeckSection.REVENUE]
    assert [s.title for s in kept] == [revenue[0].title]
    # nothing dropped: the same slides, the two over budget after the appendix
    assert sorted(s.title for s in tight.slides) == sorted(s.title for s in full.slides)
    moved = tight.slides[-2:]
    assert [s.title for s in moved] == [s.title for s in revenue[1:]]
    assert all(s.section is DeckSection.APPENDIX for s in moved)
    first_appendix = next(s for s in tight.slides if s.section is DeckSection.APPENDIX)
    assert first_appendix.number < moved[0].number
    note = _note(kept[0])
    where = f"slides {moved[0].number}–{moved[1].number}"
    assert note == f"+ 2 more Revenue slides in the appendix ({where}), over the team's budget of 1"
    assert note in kept[0].notes
    assert not any(_note(s) for s in tight.slides if s is not kept[0])
    assert not any(_note(s) for s in full.slides)


def test_the_meeting_deck_keeps_each_presenter_within_the_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    for i, csm in enumerate(CSMS[:2]):
        save_review(folder / f"{i}.qbr", csm_review(csm, i))
    _pack(folder, slide_budgets={"Revenue": 1})
    for extra in ([], ["--no-appendix"]):
        out = tmp_path / "meeting.pptx"
        assert main(["team", "build", str(folder), "-o", str(out), *extra]) == 0
        printed = capsys.readouterr().out
        assert printed.count("Revenue takes 3 slides, the budget is 1; 2 slides moved") == 2
        slides = [
            "\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
            for s in Presentation(str(out)).slides
        ]
        found = [
            (int(m[1]), int(m[2]))
            for t in slides
            if (m := re.search(r"2 more Revenue slides in the appendix \(slides (\d+)–(\d+)\)", t))
        ]
        assert len(found) == 2  # one per presenter, on their one Revenue slide kept
        for first, last in found:
            assert last == first + 1
            if not extra:  # with appendices: right after that presenter's own appendix
                assert slides[first - 2].startswith("Appendix")
        if extra:  # without appendices: together at the deck's end, still there
            assert found[1][1] == len(slides) and found[1][0] == found[0][1] + 1


# --- the pack version a review was made with ----------------------------------------------


def test_new_stamps_the_pack_version_and_check_names_a_newer_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path, version=3)
    review = tmp_path / "grace.qbr"
    args = ["new", "-o", str(review), "--csm", "Grace Kim", "--quarter", "2026-Q4"]
    assert main([*args, "--team-pack", str(pack)]) == 0
    stamp = load_review(review).review.meta.team_pack
    assert stamp is not None and (stamp.team, stamp.version) == ("Enterprise East", 3)
    assert stamp.checked_on == dt.date.today()
    capsys.readouterr()
    main(["check", str(review)])
    assert "the review was made with version" not in capsys.readouterr().out
    _pack(tmp_path, version=4)
    before = review.read_bytes()
    main(["check", str(review)])
    out = capsys.readouterr().out
    assert "Checked against version 4; the review was made with version 3." in out
    assert review.read_bytes() == before  # check writes nothing


def test_check_says_when_the_pack_a_review_was_made_with_is_not_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    pack = _pack(packs)
    review = tmp_path / "grace.qbr"
    args = ["new", "-o", str(review), "--csm", "Grace Kim", "--quarter", "2026-Q4"]
    assert main([*args, "--team-pack", str(pack)]) == 0
    capsys.readouterr()
    main(["check", str(review)])
    out = capsys.readouterr().out
    assert "made with the Enterprise East team pack, version 1, which is not in its folder" in out


def test_status_flags_a_review_made_with_an_older_pack_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path, version=2)
    for csm, name in (("Maya Okafor", "maya"), ("Liam Chen", "liam")):
        args = ["new", "-o", str(tmp_path / f"{name}.qbr"), "--csm", csm, "--quarter", "2026-Q4"]
        assert main([*args, "--team-pack", str(pack)]) == 0
    _pack(tmp_path, version=3)
    review = load_review(tmp_path / "liam.qbr").review
    from qbr_studio.team.follow import pack_beside, stamp

    stamp(review.meta, pack_beside(tmp_path / "liam.qbr"))  # as a save by the app does
    save_review(tmp_path / "liam.qbr", review)
    capsys.readouterr()
    main(["team", "status", str(tmp_path)])
    text = capsys.readouterr().out
    maya = text.split("Maya Okafor:")[1].split("Liam Chen:")[0]
    assert "pack: checked against version 3; the review was made with version 2" in maya
    assert "pack:" not in text.split("Liam Chen:")[1].split("Maya Okafor:")[0]
    main(["team", "status", str(tmp_path), "--json"])
    csms = {
        c["csm"]: c["review"] for c in json.loads(capsys.readouterr().out)["folders"][0]["csms"]
    }
    assert csms["Maya Okafor"]["pack_behind"] and not csms["Liam Chen"]["pack_behind"]
    assert csms["Maya Okafor"]["team_pack"] == {"team": "Enterprise East", "version": 2}


@pytest.mark.qt
def test_the_app_follows_the_pack_beside_the_review_and_stamps_it_at_save(
    qapp, tmp_path: Path
) -> None:
    from qbr_studio.ui.document import DocumentController
    from qbr_studio.ui.planner import Planner

    path = tmp_path / "maya.qbr"
    save_review(path, small_review())
    _pack(tmp_path, version=2, health=UTILIZATION_ONLY, slide_budgets={"Revenue": 1})
    doc = DocumentController()
    doc.open_file(path)
    assert (doc.standard.card.green, doc.standard.card.yellow) == (90, 60)
    planner = Planner(doc, lambda: None)
    planner.refresh()
    assert planner.plan is not None
    sections = [s.section for s in planner.plan.slides]
    assert sections.count(DeckSection.REVENUE) == 1 and sections[-1] is DeckSection.APPENDIX
    assert doc.review.meta.team_pack is None
    doc.save_to(path)
    stamp = load_review(path).review.meta.team_pack
    assert stamp is not None and stamp.version == 2
    _pack(tmp_path, version=3, health={**UTILIZATION_ONLY, "green": 95})
    assert doc.standard.card.green == 90  # read once per open
    doc.open_file(path)
    assert doc.standard.card.green == 95  # a changed pack is picked up at the next open


def test_the_app_checklist_asks_for_the_fields_the_pack_requires(qapp, tmp_path: Path) -> None:
    from qbr_studio.ui.document import DocumentController
    from qbr_studio.ui.planner import Planner

    path = tmp_path / "maya.qbr"
    review = small_review()
    review.meta.company = ""
    save_review(path, review)
    doc = DocumentController()
    doc.open_file(path)
    planner = Planner(doc, lambda: None)
    planner.refresh()
    assert not [f for f in planner.findings if "meta.company" in f.path]
    _pack(tmp_path, required_fields=["meta.company"])
    doc.open_file(path)
    planner.refresh()
    assert [f for f in planner.findings if "meta.company" in f.path]


def test_import_records_the_pack_version_and_a_broken_pack_does_not_stop_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path, version=2)
    review = tmp_path / "maya.qbr"
    args = ["new", "-o", str(review), "--csm", "Maya Okafor", "--quarter", "2026-Q4"]
    assert main([*args, "--team-pack", str(pack)]) == 0
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("Account ID,Account Name,ARR\nA1,Acme Corp,120000\n", "utf-8")
    _pack(tmp_path, version=3)
    assert main(["import", str(review), str(accounts)]) == 0
    stamp = load_review(review).review.meta.team_pack
    assert stamp is not None and stamp.version == 3
    pack.write_bytes(b"not a zip")
    capsys.readouterr()
    assert main(["import", str(review), str(accounts)]) == 0
    err = capsys.readouterr().err
    assert "team.qbrteam" in err and "was not updated" in err
    loaded = load_review(review).review
    assert loaded.meta.team_pack is not None and loaded.meta.team_pack.version == 3
    assert [a.name for a in loaded.book.accounts] == ["Acme Corp"]


@pytest.mark.qt
def test_the_team_view_shows_the_pack_version_each_review_follows(qtbot, tmp_path: Path) -> None:
    from qbr_studio.ui.team_view import COLUMNS, TeamView

    pack = _pack(tmp_path, version=2)
    for csm, name in (("Maya Okafor", "maya"), ("Liam Chen", "liam")):
        args = ["new", "-o", str(tmp_path / f"{name}.qbr"), "--csm", csm, "--quarter", "2026-Q4"]
        assert main([*args, "--team-pack", str(pack)]) == 0
    save_review(tmp_path / "sofia.qbr", csm_review(CSMS[2], 2))  # never saved with the pack
    _pack(tmp_path, version=3)
    liam = load_review(tmp_path / "liam.qbr").review
    liam.meta.team_pack = liam.meta.team_pack.model_copy(update={"version": 3})
    save_review(tmp_path / "liam.qbr", liam)
    view = TeamView(tmp_path, polling=True)
    qtbot.addWidget(view)
    try:
        col = COLUMNS.index("Pack version")
        shown = {
            view.table.item(r, 0).text(): view.table.item(r, col).text()
            for r in range(view.table.rowCount())
        }
        assert shown == {
            "Liam Chen": "3",
            "Maya Okafor": "2 (older than 3)",
            "Sofia Rossi": "not yet saved with the pack",
        }
    finally:
        view.close()


def test_meeting_health_chart_shows_unscored_arr_so_each_column_adds_up():
    from qbr_studio.charts.catalog import NOT_SCORED
    from qbr_studio.model import Health
    from qbr_studio.team.charts import arr_by_health_per_csm

    arr = {
        "Ana": {Health.GREEN: 100.0, Health.RED: 50.0, None: 30.0},
        "Ben": {Health.YELLOW: 80.0},
    }
    spec = arr_by_health_per_csm(arr, lambda v: f"${v:.0f}", "$")
    assert [s.name for s in spec.series][-1] == NOT_SCORED
    for i, csm in enumerate(spec.categories):
        assert sum(s.values[i] for s in spec.series) == sum(arr[csm].values())
    scored_only = arr_by_health_per_csm({"Ben": arr["Ben"]}, lambda v: f"${v:.0f}", "$")
    assert NOT_SCORED not in [s.name for s in scored_only.series]
