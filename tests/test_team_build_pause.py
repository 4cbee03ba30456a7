"""The meeting deck is built with the cyclic garbage collector paused (its runs rescanned every
presenter's review, figures and slides, held at once), and resumed after, even on a refusal."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from team_fixtures import make_team_folder

from qbr_studio.errors import UserError
from qbr_studio.team import build


def test_the_collector_is_paused_while_the_deck_is_built_and_resumed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_team_folder(tmp_path / "team", count=2)
    seen: list[bool] = []
    for step in ("collect_all", "meeting_plan", "write_meeting_deck"):
        real = getattr(build, step)

        def watched(*args: object, _real: object = real, **kwargs: object) -> object:
            seen.append(gc.isenabled())
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(build, step, watched)
    assert gc.isenabled()
    build.build_meeting([folder], tmp_path / "deck.pptx", everyone=True)
    assert seen == [False, False, False]
    assert gc.isenabled()
    assert (tmp_path / "deck.pptx").stat().st_size > 0


def test_the_collector_resumes_when_the_deck_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError):
        build.build_meeting([tmp_path / "empty"], tmp_path / "deck.pptx")
    assert gc.isenabled()
