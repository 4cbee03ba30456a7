"""What the command line sets up before any command runs."""

from __future__ import annotations

import gc
import os

from qbr_studio import cli


def test_pydantic_plugins_are_not_looked_for_unless_the_user_says(monkeypatch, tmp_path):
    monkeypatch.setenv(cli.PYDANTIC_PLUGINS, "placeholder")  # restored after the test
    monkeypatch.delenv(cli.PYDANTIC_PLUGINS)
    assert cli.main(["check", str(tmp_path / "missing.qbr")]) == cli.BAD_INPUT
    assert os.environ[cli.PYDANTIC_PLUGINS] == "__all__"

    monkeypatch.setenv(cli.PYDANTIC_PLUGINS, "")  # the user's own choice is kept
    cli.main(["check", str(tmp_path / "missing.qbr")])
    assert os.environ[cli.PYDANTIC_PLUGINS] == ""


def test_a_one_shot_command_runs_with_fewer_collections_and_the_window_without(monkeypatch):
    seen: list[tuple[str, int]] = []

    def recording(name: str):
        def run(_args) -> int:
            seen.append((name, gc.get_threshold()[0]))
            return cli.OK

        return run

    before = gc.get_threshold()
    monkeypatch.setattr(cli, "cmd_check", recording("check"))
    monkeypatch.setattr(cli, "cmd_gui", recording("gui"))
    assert cli.main(["check", "review.qbr"]) == cli.OK
    assert gc.get_threshold() == before
    assert cli.main(["gui"]) == cli.OK
    assert seen == [("check", cli.ONE_SHOT_GC_THRESHOLD), ("gui", before[0])]
    assert gc.get_threshold() == before
