"""The command line contract: exit codes, messages naming the file, nothing half-written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from qbr_studio.cli import main
from qbr_studio.storage import load_review


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_writes_sample_review_and_deck(tmp_path, capsys):
    code, out, _ = run(capsys, "demo", "-o", tmp_path / "demo")
    assert code == 0
    review = load_review(tmp_path / "demo" / "sample_review.qbr").review
    assert len(review.book.accounts) >= 30
    deck = Presentation(str(tmp_path / "demo" / "sample_review.pptx"))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    main = [t for t in titles if not t.startswith("Appendix")]
    assert 8 <= len(main) <= 12 and len(titles) == len(deck.slides)
    assert "sample_review.pptx" in out
    data = sorted(p.name for p in (tmp_path / "demo" / "data").iterdir())
    assert data == sorted(s.file for s in review.book.sources)


def test_new_then_check_reports_what_is_missing(tmp_path, capsys):
    path = tmp_path / "mine.qbr"
    code, _, _ = run(capsys, "new", "-o", path, "--csm", "Ana Ruiz", "--quarter", "2026-q4")
    assert code == 0
    assert load_review(path).review.meta.quarter == "2026-Q4"
    code, out, _ = run(capsys, "check", path)
    assert code == 1
    assert "Deep dive › Account: choose the account" in out and "Data › Accounts:" in out
    assert "deep_dive.account_id" not in out  # the editor's labels, not internal paths


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "mine.qbr"
    run(capsys, "new", "-o", path, "--csm", "A", "--quarter", "2026-Q4")
    before = path.read_bytes()
    code, _, err = run(capsys, "new", "-o", path, "--csm", "B", "--quarter", "2026-Q4")
    assert code == 2 and str(path) in err
    assert path.read_bytes() == before


def test_bad_quarter_is_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["new", "-o", "x.qbr", "--csm", "A", "--quarter", "Q4"])
    assert exc.value.code == 2
    assert "2026-Q4" in capsys.readouterr().err


@pytest.fixture(scope="module")
def sample_qbr(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", "-o", str(folder)]) == 0
    return folder / "sample_review.qbr"


def test_check_passes_on_the_complete_sample(sample_qbr, capsys):
    code, out, _ = run(capsys, "check", sample_qbr)
    assert code == 0, out
    assert "Ready for the meeting" in out


def test_build_with_template(sample_qbr, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    code, stdout, _ = run(capsys, "build", sample_qbr, "-o", out)
    assert code == 0 and "slides" in stdout
    assert len(Presentation(str(out)).slides) >= 8


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.write_text("not a zip"), ""),
        (lambda p: p.write_bytes(b"PK\x03\x04truncated"), ""),
    ],
)
def test_build_refuses_unreadable_review_with_exit_2(tmp_path, capsys, make, expected):
    bad = tmp_path / "bad.qbr"
    make(bad)
    out = tmp_path / "deck.pptx"
    code, _, err = run(capsys, "build", bad, "-o", out)
    assert code == 2
    assert "bad.qbr" in err and "Traceback" not in err
    assert expected.lower() in err.lower()
    assert not out.exists()


def test_build_refuses_a_template_that_is_not_a_presentation(sample_qbr, tmp_path, capsys):
    template = tmp_path / "brand.pptx"
    template.write_text("hello")
    code, _, err = run(
        capsys, "build", sample_qbr, "-o", tmp_path / "d.pptx", "--template", template
    )
    assert code == 2 and "brand.pptx" in err
    assert not (tmp_path / "d.pptx").exists()


def test_build_refuses_macro_templates(sample_qbr, tmp_path, capsys):
    template = tmp_path / "brand.pptm"
    template.write_bytes(b"")
    code, _, err = run(
        capsys, "build", sample_qbr, "-o", tmp_path / "d.pptx", "--template", template
    )
    assert code == 2 and "brand.pptm" in err and "macro" in err.lower()


def test_build_into_missing_folder_is_exit_2(sample_qbr, tmp_path, capsys):
    out = tmp_path / "nope" / "deck.pptx"
    code, _, err = run(capsys, "build", sample_qbr, "-o", out)
    assert code == 2 and "deck.pptx" in err
    assert not out.parent.exists()


def test_failed_build_leaves_existing_deck_untouched(sample_qbr, tmp_path, capsys, monkeypatch):
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"previous deck")
    import qbr_studio.storage.atomic as atomic

    def fail(*_a, **_k):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", fail)
    code, _, err = run(capsys, "build", sample_qbr, "-o", out)
    assert code == 2 and "deck.pptx" in err
    assert out.read_bytes() == b"previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_build_refuses_non_pptx_output(sample_qbr, tmp_path, capsys):
    code, _, err = run(capsys, "build", sample_qbr, "-o", tmp_path / "deck.ppt")
    assert code == 2 and "deck.ppt" in err


def test_schema_invalid_review_names_the_json_path(tmp_path, capsys):
    bad = tmp_path / "bad.qbr"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr(
            "review.json",
            '{"schema_version": 2, "meta": {"csm": "A", "quarter": "2026-Q4"},'
            ' "book": {"accounts": [{"id": "a", "name": "A", "arr": -5}]}}',
        )
    code, _, err = run(capsys, "check", bad)
    assert code == 2
    assert "book.accounts[0].arr" in err


def test_build_also_writes_a_pdf(sample_qbr, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    pdf = tmp_path / "deck.pdf"
    code, out, _ = run(capsys, "build", sample_qbr, "-o", tmp_path / "deck.pptx", "--pdf", pdf)
    assert code == 0 and "pages" in out
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    slides = len(Presentation(str(tmp_path / "deck.pptx")).slides)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == slides


def test_a_refusal_is_worded_for_the_command_line_only_here(tmp_path, capsys):
    """The library carries what would help as a hint; the CLI says it with its own options."""
    from openpyxl import Workbook

    from qbr_studio.cli import said
    from qbr_studio.errors import Hint, Remedy, UserError

    review = tmp_path / "r.qbr"
    assert run(capsys, "new", "-o", review, "--csm", "Ana Ruiz", "--quarter", "2026-Q4")[0] == 0
    book = Workbook()
    book.active["A1"] = "Meeting notes"
    book.active["A3"] = "We talked about the weather."
    book.save(tmp_path / "notes.xlsx")
    code, _, err = run(capsys, "import", review, tmp_path / "notes.xlsx")
    assert code == 2
    assert err.startswith("qbr-studio: notes.xlsx: no table QBR Studio recognizes")
    assert err.rstrip().endswith("; use --as KIND to say what the file holds")

    doubt = UserError("crm.csv: can't be sure", Hint(Remedy.NAME_THE_KIND, ("accounts", "nps")))
    assert said(doubt) == "crm.csv: can't be sure; say which with --as accounts or --as nps"
    warned = UserError("the import looks wrong", Hint(Remedy.ACCEPT_WARNINGS))
    assert said(warned) == "the import looks wrong; to import anyway, add --accept-warnings"
    assert said(UserError("plain")) == "plain"


def test_a_closed_pipe_ends_quietly_without_a_traceback(tmp_path: Path) -> None:
    """``qbr-studio check FILE | head -1``: the reader stops early; no BrokenPipeError trace."""
    import os
    import subprocess
    import sys

    from review_factory import small_review

    from qbr_studio.storage import save_review

    path = tmp_path / "r.qbr"
    review = small_review()
    review.achievements = []  # many findings: more than one line to print
    save_review(path, review)
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "qbr_studio", "check", str(path)],
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 141
