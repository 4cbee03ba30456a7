"""`qbr-studio template` and `import`: the demo's export files import back into the book."""

from __future__ import annotations

import json

import pytest

from qbr_studio.cli import main
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import load_review


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", "-o", str(folder)]) == 0
    return folder


def test_template_writes_a_workbook(tmp_path, capsys):
    out = tmp_path / "qbr_data.xlsx"
    assert main(["template", "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_demo_exports_import_back_into_a_new_review(demo, tmp_path, capsys):
    review_path = tmp_path / "mine.qbr"
    assert (
        main(["new", "-o", str(review_path), "--csm", "Maya Okafor", "--quarter", "2026-Q4"]) == 0
    )
    sources = sorted(str(p) for p in (demo / "data").iterdir())
    capsys.readouterr()
    assert main(["import", str(review_path), *sources, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report
    book = load_review(review_path).review.book
    sample = build_sample_review().book
    assert len(book.accounts) == len(sample.accounts)
    assert sum(a.arr for a in book.accounts) == pytest.approx(sum(a.arr for a in sample.accounts))
    assert len(book.usage) == len(sample.usage)
    assert len(book.opportunities) == len(sample.opportunities)
    assert len(book.tickets) == len(sample.tickets)
    assert len(book.nps) == len(sample.nps)
    assert {a.name for a in book.accounts} == {a.name for a in sample.accounts}
    out = tmp_path / "deck.pptx"
    assert main(["build", str(review_path), "-o", str(out)]) == 0


def test_import_of_a_bad_file_changes_nothing(demo, tmp_path, capsys):
    review_path = tmp_path / "mine.qbr"
    main(["new", "-o", str(review_path), "--csm", "A", "--quarter", "2026-Q4"])
    before = review_path.read_bytes()
    bad = tmp_path / "usage.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    good = sorted((demo / "data").iterdir())[0]
    code = main(["import", str(review_path), str(good), str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and "usage.xlsx" in err and "Traceback" not in err
    assert review_path.read_bytes() == before
