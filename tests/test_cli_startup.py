"""What the command line sets up before any command runs."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import zipfile
from pathlib import Path

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


def test_only_a_one_shot_command_of_an_ending_process_leaves_its_objects_to_the_exit(monkeypatch):
    """``program()`` (the process's own command) freezes every object at the first collection
    of a one-shot command (the imports' modules and classes, which live until the exit) and
    once the command is done, so neither the restored threshold nor the interpreter's exit
    scans them again; ``main()`` called in a longer-lived process (these tests) and the window
    never do."""
    frozen: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append("frozen"))
    callbacks = list(gc.callbacks)

    def collecting(_args) -> int:
        gc.collect(0)
        frozen.append("collected")
        gc.collect(0)  # only the first collection freezes
        frozen.append("collected")
        return cli.OK

    monkeypatch.setattr(cli, "cmd_check", collecting)
    monkeypatch.setattr(cli, "cmd_gui", lambda args: collecting(args))  # `run is cmd_gui`
    before = gc.get_threshold()

    assert cli.main(["check", "review.qbr"]) == cli.OK
    assert frozen == ["collected", "collected"]
    frozen.clear()
    monkeypatch.setattr(sys, "argv", ["qbr-studio", "gui"])
    assert cli.program() == cli.OK
    assert frozen == ["collected", "collected"]
    frozen.clear()
    monkeypatch.setattr(sys, "argv", ["qbr-studio", "check", "review.qbr"])
    assert cli.program() == cli.OK
    assert frozen == ["frozen", "collected", "collected", "frozen"]
    assert gc.get_threshold() == before
    assert gc.callbacks == callbacks


def test_a_refused_command_of_an_ending_process_still_says_why(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(gc, "freeze", lambda: None)  # this test process goes on
    monkeypatch.setattr(sys, "argv", ["qbr-studio", "check", str(tmp_path / "missing.qbr")])
    assert cli.program() == cli.BAD_INPUT
    assert capsys.readouterr().err.startswith("qbr-studio: ")


UNNEEDED_BY_A_BUILD = (
    "logging",  # kept caches log only what they could not use or keep
    "subprocess",  # fc-match, where fontconfig's library doesn't load
    "getpass",  # a lock's holder: only saving takes the lock
    "defusedxml",  # spreadsheets' XML
    "qbr_studio.document.document",  # the editable document
    "qbr_studio.deck.reading.backdrop_reader",  # describing a template not described before
    "qbr_studio.deck.reading.grounds",
    "PIL.ImageDraw",
)
"""What a repeated ``build`` of a review (its template described before) never imports."""


def test_the_program_as_a_process_writes_the_whole_deck_and_imports_only_what_it_needs(tmp_path):
    """The process that ends without a last collection still writes, flushes and closes
    everything: the deck opens and its standard output is whole. A repeated build imports
    nothing of :data:`UNNEEDED_BY_A_BUILD`."""
    env = {**os.environ, "QBR_STUDIO_STATE_DIR": str(tmp_path / "state")}
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = str(root)
    demo = subprocess.run(
        [sys.executable, "-m", "qbr_studio", "demo", "-o", str(tmp_path / "d")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert demo.stdout.count("\n") == 3
    out = tmp_path / "o.pptx"
    code = (
        "import sys\n"
        "from qbr_studio.cli import program\n"
        "code = program()\n"
        f"print([m for m in {UNNEEDED_BY_A_BUILD!r} if m in sys.modules])\n"
        "sys.exit(code)\n"
    )
    review = str(tmp_path / "d" / "sample_review.qbr")
    done = subprocess.run(
        [sys.executable, "-c", code, "build", review, "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    said = f"{out}: 16 slides\nTemplate: the bundled QBR Studio template\n"
    assert done.stdout == said + "[]\n"
    with zipfile.ZipFile(out) as deck:
        assert deck.testzip() is None
        assert sum(n.startswith("ppt/slides/slide") for n in deck.namelist()) == 16
