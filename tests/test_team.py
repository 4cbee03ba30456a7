"""`team status` and `team build`: a team folder made here with a dozen files per case, read
without a byte changing, the meeting deck reopened with python-pptx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pptx import Presentation
from team_fixtures import BROKEN, CSMS, SHARED, make_team_folder, snapshot

from qbr_studio.cli import main
from qbr_studio.errors import UserError
from qbr_studio.team import collect as collect_module
from qbr_studio.team.collect import Kind, classify_name, collect, collect_all
from qbr_studio.team.meeting import plan_meeting
from qbr_studio.team.rollup import shared_challenges


@pytest.fixture(scope="module")
def team_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_team_folder(tmp_path_factory.mktemp("team") / "Enterprise East")


def test_status_names_every_broken_file_with_its_kind(team_folder: Path) -> None:
    team = collect(team_folder)
    assert team.quarter == "2026-Q4"
    kinds = {e.name: e.kind.value for e in team.problems}
    assert kinds == BROKEN
    assert all(e.reason for e in team.problems)
    assert sorted(e.csm for e in team.reviews) == sorted(CSMS)
    other = [e for e in team.entries if e.kind is Kind.OTHER_QUARTER]
    assert [e.name for e in other] == ["archive/maya-q3.qbr"]


def test_status_reports_readiness_per_csm(team_folder: Path) -> None:
    team = collect(team_folder)
    people = {p.csm: p for p in team.presenters}
    assert people["Dana Twin"].entry is None  # only in duplicate: not taken as submitted
    sofia = people["Sofia Rossi"].entry
    assert sofia is not None and not sofia.complete
    assert any(f.path == "revenue.renewals_story" for f in sofia.findings)
    assert people["Maya Okafor"].entry is not None and people["Maya Okafor"].entry.complete
    noah = people["Noah Müller"].entry
    assert noah is not None and noah.migrated_from == 1 and "older" in noah.reason


def test_status_cli_json_and_exit_code(
    team_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(team_folder)
    assert main(["team", "status", str(team_folder), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    folder = data["folders"][0]
    left = {f["file"]: f["kind"] for f in folder["left_out"]}
    assert left == BROKEN
    maya = next(c for c in folder["csms"] if c["csm"] == "Maya Okafor")
    assert maya["submitted"] and maya["complete"]
    assert maya["review"]["meeting_date"] == "2026-12-10"
    assert snapshot(team_folder) == before  # read-only


def test_status_of_a_clean_folder_is_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from team_fixtures import csm_review

    from qbr_studio.storage import save_review

    for i, csm in enumerate(CSMS[:2]):
        save_review(tmp_path / f"{i}.qbr", csm_review(csm, i))
    assert main(["team", "status", str(tmp_path)]) == 0
    assert "2 of 2 CSMs ready" in capsys.readouterr().out


def test_status_of_a_missing_folder_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["team", "status", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "does not exist" in err and "Traceback" not in err


def test_a_locked_review_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from team_fixtures import csm_review

    from qbr_studio.storage import save_review

    save_review(tmp_path / "maya.qbr", csm_review(CSMS[0], 0))

    def locked(path: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(collect_module, "load_review", locked)
    (entry,) = collect(tmp_path).entries
    assert entry.kind is Kind.LOCKED and "another program" in entry.reason


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("review (2).qbr", Kind.CONFLICT),
        ("review-LAPTOP-9XK.qbr", Kind.CONFLICT),
        ("review (Maya's conflicted copy 2026-12-01).qbr", Kind.CONFLICT),
        ("review.sync-conflict-20261201-ABCD.qbr", Kind.CONFLICT),
        ("~$review.qbr", Kind.SYNCING),
        ("review.qbr.crdownload", Kind.SYNCING),
        ("review.qbr.bak", Kind.IGNORED),
        ("review.qbr.lock", Kind.IGNORED),
        ("desktop.ini", Kind.IGNORED),
        ("maya.qbr.feedback-dana-o-neil.json", Kind.IGNORED),
        ("deck.pptx", Kind.STRAY),
        ("notes.json", Kind.STRAY),
    ],
)
def test_names_a_sync_client_leaves(name: str, kind: Kind) -> None:
    found = classify_name(Path(name))
    assert found is not None and found[0] is kind


def test_ordinary_names_are_opened() -> None:
    for name in ("maya.qbr", "jean-marc.qbr", "Q4 2026 review.qbr", "review-2026.qbr"):
        assert classify_name(Path(name)) is None, name


def test_shared_challenges_need_two_csms() -> None:
    from team_fixtures import csm_review

    from qbr_studio.deck.planning.content import ReviewContent

    contents = [ReviewContent(csm_review(c, i)) for i, c in enumerate(CSMS[:6])]
    shared = shared_challenges(contents)
    assert len(shared) == 1
    assert set(shared[0].csms) == set(CSMS[:4])
    assert shared[0].pattern in SHARED


@pytest.fixture(scope="module")
def meeting_deck(team_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "meeting.pptx"
    before = snapshot(team_folder)
    assert main(["team", "build", str(team_folder), "-o", str(out)]) == 0
    assert snapshot(team_folder) == before  # nothing written into a CSM's file
    return out


def _texts(slide: object) -> str:
    parts = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def test_meeting_deck_has_agenda_rollup_and_every_presenter(meeting_deck: Path) -> None:
    deck = Presentation(str(meeting_deck))
    texts = [_texts(s) for s in deck.slides]
    assert "Q4 2026 team review" in texts[0]
    agenda = next(t for t in texts if t.startswith("Agenda") or "\nTeam roll-up" in t)
    for csm in CSMS:
        assert csm in agenda
        assert sum(t.startswith(csm) for t in texts) == 1  # one divider each
    assert "09:00–09:15" in agenda and "09:15–09:35" in agenda
    charts = [
        shape.chart for s in deck.slides for shape in s.shapes if getattr(shape, "has_chart", 0)
    ]
    titles = {c.chart_title.text_frame.text for c in charts if c.has_title}
    assert {"ARR by health per CSM", "Renewal ARR at risk per CSM"} <= titles
    per_csm = next(c for c in charts if c.has_title and "per CSM" in c.chart_title.text_frame.text)
    assert set(per_csm.plots[0].categories) == set(CSMS)
    by_health = next(
        c for c in charts if c.has_title and "by health per CSM" in c.chart_title.text_frame.text
    )
    # each CSM's total stands above their column, as on a presenter's renewals chart
    assert any("Total" in [s.name for s in p.series] for p in by_health.plots)
    assert any("Achievements worth celebrating" in t for t in texts)
    assert any("Adoption challenges several CSMs share" in t for t in texts)


def test_meeting_deck_names_the_broken_files(meeting_deck: Path) -> None:
    deck = Presentation(str(meeting_deck))
    left = next(_texts(s) for s in deck.slides if "Not in this deck" in _texts(s))
    for name in BROKEN:
        assert name in left


def test_everyone_or_only_this_meetings_presenters(team_folder: Path, tmp_path: Path) -> None:
    import shutil

    from qbr_studio.storage import load_review, save_review

    folder = tmp_path / "team"
    shutil.copytree(team_folder, folder)
    later = load_review(folder / "maya.qbr").review
    later.meta.meeting_date = later.meta.meeting_date.replace(month=11)
    save_review(folder / "maya.qbr", later)
    (team,) = collect_all([folder])
    only = plan_meeting([team])
    assert "Maya Okafor" not in [s.csm for s in only.slots]
    assert any(e.name == "maya.qbr" and "2026-11-10" in e.reason for e in only.left_out)
    everyone = plan_meeting([team], everyone=True)
    assert "Maya Okafor" in [s.csm for s in everyone.slots]


def test_no_appendix_leaves_the_appendices_out(team_folder: Path, tmp_path: Path) -> None:
    from qbr_studio.deck.planning.canvas import Canvas
    from qbr_studio.team.meeting import meeting_plan

    meeting = plan_meeting(collect_all([team_folder]))
    canvas = Canvas.load()
    full = meeting_plan(meeting, canvas)
    short = meeting_plan(meeting, canvas, appendix=False)
    assert any(s.section == "Appendix" for s in full.slides)
    assert not any(s.section == "Appendix" for s in short.slides)


def test_a_folder_with_nothing_to_present_is_refused(tmp_path: Path) -> None:
    from qbr_studio.deck.planning.canvas import Canvas
    from qbr_studio.team.meeting import meeting_plan

    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UserError, match="no review"):
        meeting_plan(plan_meeting(collect_all([tmp_path])), Canvas.load())


def test_several_folders_need_rollup(
    team_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.pptx"
    assert main(["team", "build", str(team_folder), str(team_folder), "-o", str(out)]) == 2
    assert "--rollup" in capsys.readouterr().err


def _small_team(folder: Path, team: str, csms: tuple[str, ...]) -> Path:
    from team_fixtures import csm_review

    from qbr_studio.storage import save_review

    folder.mkdir(parents=True)
    for i, csm in enumerate(csms):
        review = csm_review(csm, i)
        review.meta.team = team
        save_review(folder / f"{i}.qbr", review)
    return folder


def test_status_and_rollup_across_several_team_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    east = _small_team(tmp_path / "east", "East", CSMS[:3])
    west = _small_team(tmp_path / "west", "West", CSMS[3:5])
    (west / "stray.docx").write_bytes(b"x")
    assert main(["team", "status", str(east), str(west), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["team"] for f in data["folders"]] == ["East", "West"]
    assert [len(f["csms"]) for f in data["folders"]] == [3, 2]
    out = tmp_path / "all.pptx"
    assert main(["team", "build", str(east), str(west), "--rollup", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "5 presenters" in printed and "stray.docx" in printed
    deck = Presentation(str(out))
    assert "East + West" in _texts(deck.slides[0])
    charts = [sh.chart for s in deck.slides for sh in s.shapes if getattr(sh, "has_chart", 0)]
    per_csm = next(c for c in charts if c.has_title and "per CSM" in c.chart_title.text_frame.text)
    assert set(per_csm.plots[0].categories) == set(CSMS[:5])


@pytest.mark.qt
def test_team_build_writes_a_pdf_with_the_apps_renderer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    team = _small_team(tmp_path / "t", "East", CSMS[:2])
    out, pdf = tmp_path / "m.pptx", tmp_path / "m.pdf"
    args = ["team", "build", str(team), "-o", str(out), "--pdf", str(pdf), "--no-appendix"]
    assert main(args) == 0
    slides = len(Presentation(str(out)).slides)
    assert f"{slides} pages" in capsys.readouterr().out
    assert pdf.read_bytes().startswith(b"%PDF")


def test_team_arr_at_risk_counts_renewals_at_risk_from_warning_signs() -> None:
    """No opportunity states a risk; one CSM's accounts use a twentieth of what they bought
    and renew within weeks: their ARR is at risk on the team's slide as on their own deck."""
    import datetime as dt

    from review_factory import small_review

    from qbr_studio.deck.planning.content import ReviewContent
    from qbr_studio.model import Risk
    from qbr_studio.team.rollup import team_figures

    red, calm = small_review(), small_review()
    calm.meta.csm = "Sam Ortiz"
    for review in (red, calm):
        review.book.opportunities = []
    for usage in red.book.usage:
        usage.active_users = 5
    for i, account in enumerate(red.book.accounts):
        account.renewal_date = dt.date(2027, 1, 5 + i)
    for account in calm.book.accounts:
        account.renewal_date = None
    fig = team_figures([ReviewContent(red), ReviewContent(calm)])
    total = sum(a.arr for a in red.book.accounts)
    assert fig.arr_at_risk == {"Maya Okafor": total, "Sam Ortiz": 0}
    assert {fig.risk_of(o) for o in fig.renewals} == {Risk.HIGH}


def test_meeting_deck_of_a_team_with_nothing_due_says_so(tmp_path: Path) -> None:
    """Every renewal outside the window and no ARR at risk (old exports): the roll-up still
    builds, and its empty charts are sentences, not a crash or a chart of zeros."""
    from team_fixtures import csm_review

    from qbr_studio.storage import save_review

    folder = tmp_path / "team"
    folder.mkdir()
    undated = 0
    for i, csm in enumerate(("Ana Lima", "Ben Ode")):
        review = csm_review(csm, i)
        review.book.opportunities = []
        for account in review.book.accounts:
            account.renewal_date = None
            undated += bool(account.arr)
        save_review(folder / f"{i}.qbr", review)
    out = tmp_path / "meeting.pptx"
    assert main(["team", "build", str(folder), "-o", str(out)]) == 0
    texts = "\n".join(_texts(s) for s in Presentation(str(out)).slides)
    # no renewal date anywhere: never "no renewals due", which the data can't know
    assert (
        f"No dated renewal due across the team in the next two quarters — {undated} accounts "
        "undated"
    ) in texts
    assert "No renewals due across the team" not in texts
    assert "No renewal due in the period is at medium or high risk" in texts
