"""The app's team view: it lists the team folder and updates when a review is added (by the
folder watch, natively and by polling), and builds the meeting deck."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from pptx import Presentation
from team_fixtures import CSMS, csm_review, snapshot

from qbr_studio.storage import save_review
from qbr_studio.team.watch import is_network_folder
from qbr_studio.ui.team_view import TeamView

pytestmark = pytest.mark.qt


@pytest.mark.parametrize("polling", [False, True])
def test_team_view_lists_the_folder_and_follows_new_reviews(
    qtbot: object, tmp_path: Path, polling: bool
) -> None:
    save_review(tmp_path / "maya.qbr", csm_review(CSMS[0], 0))
    (tmp_path / "maya (1).qbr").write_bytes((tmp_path / "maya.qbr").read_bytes())
    view = TeamView(tmp_path, polling=polling)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    try:
        assert view.watch.polling is polling
        assert view.csms() == ["Maya Okafor"]
        assert view.left_out.item(0, 0).text() == "maya (1).qbr"
        assert "1 of 1 CSMs ready" in view.summary.text()
        with qtbot.waitSignal(view.refreshed, timeout=15_000):  # type: ignore[attr-defined]
            save_review(tmp_path / "liam.qbr", csm_review(CSMS[1], 1))
        qtbot.waitUntil(lambda: len(view.csms()) == 2, timeout=15_000)  # type: ignore[attr-defined]
        assert view.csms() == ["Liam Chen", "Maya Okafor"]
    finally:
        view.close()


def test_team_view_builds_the_meeting_deck(qtbot: object, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    for i, csm in enumerate(CSMS[:2]):
        save_review(folder / f"{i}.qbr", csm_review(csm, i))
    view = TeamView(folder, polling=True)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    before = snapshot(folder)
    try:
        out = view.build_meeting_deck(tmp_path / "meeting.pptx")
        assert out is not None and "2 presenters" in view.summary.text()
        assert len(Presentation(str(out)).slides) > 10
        assert view.build_meeting_deck(tmp_path / "meeting.txt") is None
        assert ".pptx" in view.summary.text()
    finally:
        view.close()
    assert snapshot(folder) == before


def test_a_local_folder_is_watched_natively(tmp_path: Path) -> None:
    assert not is_network_folder(tmp_path)
    assert is_network_folder(Path("//server/share/team"))
