"""The team pack (.qbrteam): written and read back, its JSON Schema, required fields enforced
in `check` and `team status`, `new --team-pack`, the pack's template, calendar and budgets
followed by `team build`, and a bad pack refused with one line."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from pptx import Presentation
from team_fixtures import CSMS, csm_review
from template_factory import decorated_four_by_three

from qbr_studio.cli import main
from qbr_studio.paths import resource
from qbr_studio.storage import load_review, save_review
from qbr_studio.team.collect import collect
from qbr_studio.team.pack import DEFAULT_RUBRIC, TeamPack, load_pack, pack_json_schema, save_pack

STANDARD = {
    "version": 3,
    "team": "Enterprise East",
    "roster": ["Maya Okafor", "Liam Chen", "Nobody Yet"],
    "slide_budgets": {"Deep dive": 2},
    "required_fields": ["meta.company"],
    "calendar": [
        {"date": "2026-12-14", "quarter": "2026-Q4", "start": "10:00", "minutes_each": 25}
    ],
}


def _pack(folder: Path, template: Path | None = None, **changes: object) -> Path:
    path = folder / "team.qbrteam"
    save_pack(path, TeamPack.model_validate({**STANDARD, **changes}), template)
    return path


def test_pack_round_trip_and_default_rubric(tmp_path: Path) -> None:
    loaded = load_pack(_pack(tmp_path))
    assert loaded.pack.version == 3 and loaded.pack.team == "Enterprise East"
    assert tuple(loaded.pack.rubric) == DEFAULT_RUBRIC and len(DEFAULT_RUBRIC) == 7
    assert loaded.template is None
    with zipfile.ZipFile(tmp_path / "team.qbrteam") as archive:
        assert archive.namelist()[0] == "mimetype"


def test_shipped_schema_is_the_models_and_validates_a_pack(tmp_path: Path) -> None:
    shipped = json.loads(resource("schema", "team.schema.json").read_text("utf-8"))
    assert shipped == pack_json_schema()
    with zipfile.ZipFile(_pack(tmp_path)) as archive:
        jsonschema.validate(json.loads(archive.read("team.json")), shipped)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"team": "x", "colour": "red"}, shipped)


def test_required_field_is_enforced_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = csm_review(CSMS[0], 0)
    save_review(tmp_path / "maya.qbr", review)
    assert main(["check", str(tmp_path / "maya.qbr")]) == 0
    _pack(tmp_path)
    capsys.readouterr()
    assert main(["check", str(tmp_path / "maya.qbr")]) == 1
    out = capsys.readouterr().out
    assert "team's standard requires it" in out and "version 3" in out
    review.meta.company = "Northwind"
    save_review(tmp_path / "maya.qbr", review)
    assert main(["check", str(tmp_path / "maya.qbr")]) == 0


def test_status_follows_the_pack_roster_and_fields(tmp_path: Path) -> None:
    save_review(tmp_path / "maya.qbr", csm_review(CSMS[0], 0))
    _pack(tmp_path)
    team = collect(tmp_path)
    people = {p.csm: p for p in team.presenters}
    assert set(people) == {"Maya Okafor", "Liam Chen", "Nobody Yet"}
    assert not people["Liam Chen"].submitted
    maya = people["Maya Okafor"].entry
    assert maya is not None and [f.path for f in maya.findings] == ["meta.company"]


def test_status_says_which_pack_version_it_checked_against(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_review(tmp_path / "maya.qbr", csm_review(CSMS[0], 0))
    _pack(tmp_path)
    assert main(["team", "status", str(tmp_path)]) == 1
    assert "team.qbrteam (Enterprise East team pack, version 3)" in capsys.readouterr().out
    _pack(tmp_path, version=4)  # a changed pack is picked up at the next read
    assert main(["team", "status", str(tmp_path), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["folders"][0]["pack"]["version"] == 4


def test_new_with_team_pack_takes_team_and_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path)
    out = tmp_path / "new.qbr"
    args = ["new", "-o", str(out), "--csm", "Grace Kim", "--quarter", "2026-Q4"]
    assert main([*args, "--team-pack", str(pack)]) == 0
    meta = load_review(out).review.meta
    assert meta.team == "Enterprise East" and meta.meeting_date == dt.date(2026, 12, 14)
    assert "version 3" in capsys.readouterr().out


def test_team_build_uses_the_packs_template_calendar_and_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    for i, csm in enumerate(CSMS[:3]):
        save_review(folder / f"{i}.qbr", csm_review(csm, i))
    template = decorated_four_by_three(tmp_path)
    _pack(folder, template, slide_budgets={"Deep dive": 1})
    out = tmp_path / "m.pptx"
    capsys.readouterr()
    assert main(["team", "build", str(folder), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Deep dive takes" in printed and "the budget is 1" in printed
    deck = Presentation(str(out))
    assert deck.slide_width == Presentation(str(template)).slide_width
    texts = "\n".join(
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    assert "10:00–10:15" in texts and "10:15–10:40" in texts
    assert list(folder.iterdir()) and not any(p.suffix == ".pptx" for p in folder.iterdir())


@pytest.mark.parametrize(
    ("team_json", "words"),
    [
        ({"team": "x", "required_fields": ["meta.nope"]}, "meta.nope"),
        ({"team": "x", "health": {"green": 30, "yellow": 50}}, "yellow threshold"),
        ({"team": "x", "slide_budgets": {"Deep dive": 0}}, "at least one slide"),
        ({"team": "x", "schema_version": 9}, "newer QBR Studio"),
    ],
)
def test_a_bad_pack_is_refused_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], team_json: dict[str, object], words: str
) -> None:
    pack = tmp_path / "team.qbrteam"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("team.json", json.dumps(team_json))
    save_review(tmp_path / "maya.qbr", csm_review(CSMS[0], 0))
    assert main(["team", "status", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "team.qbrteam" in err and words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_team_pack_command_writes_a_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "team.json"
    source.write_text(json.dumps(STANDARD), "utf-8")
    out = tmp_path / "t.qbrteam"
    template = decorated_four_by_three(tmp_path)
    args = ["team", "pack", "-o", str(out), "--from", str(source), "--template", str(template)]
    assert main(args) == 0
    loaded = load_pack(out)
    assert loaded.pack.required_fields == ["meta.company"]
    assert loaded.template == template.read_bytes()
    assert main(args) == 2  # exists: not replaced without --force
