"""What the command line sets up before any command runs."""

from __future__ import annotations

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
