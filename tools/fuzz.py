"""Mutation fuzzing of every reader: valid .xlsx, .xls, .csv, .qbr and .pptx bytes, flipped,
truncated and spliced (whole zip members replaced, dropped or garbled), driven by hypothesis.

Each case must end in one of two ways: the reader accepts the bytes, or it refuses them with a
:class:`~qbr_studio.errors.UserError` of one line. Anything else (another exception, a Rust
panic's text, a process abort) is a failure.

    python tools/fuzz.py                 # 2,000 cases per format, reports cases/s
    python tools/fuzz.py -n 200 xlsx qbr

tests/test_hostile_fuzz.py runs a few hundred cases with the same strategies and checks.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbr_studio.errors import UserError

# ------------------------------------------------------------------------------ seeds


@cache
def seed(kind: str) -> bytes:
    """A small valid file of each format, made in code."""
    if kind == "csv":
        return (
            "\ufeffAccount Name,ARR,Renewal Date,Health\r\n"
            'Contoso Ltd,"120,000",2027-03-31,Green\r\n'
            "Fabrikam Inc,48000,2026-12-15,Yellow\r\n"
        ).encode()
    if kind == "xlsx":
        import xlsxwriter

        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet("Accounts")
        rows = [("Account Name", "ARR", "Health"), ("Contoso Ltd", 120000, "Green")]
        rows.append(("Fabrikam Inc", 48000.5, "Yellow"))
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
        book.close()
        return buffer.getvalue()
    if kind == "xls":
        import xlwt

        book = xlwt.Workbook()
        sheet = book.add_sheet("Accounts")
        for r, row in enumerate([("Account Name", "ARR"), ("Contoso Ltd", 100)]):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    if kind == "qbr":
        from qbr_studio.model import Account, MediaRef, Meta, Review
        from qbr_studio.storage import review_to_bytes

        review = Review(meta=Meta(csm="Dana", quarter="2026-Q4"))
        review.book.accounts.append(Account(id="A", name="Acme", arr=10.0))
        review.media.append(MediaRef(name="logo.png"))
        return review_to_bytes(review, {"logo.png": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    if kind == "pptx":
        import pptx

        buffer = io.BytesIO()
        pptx.Presentation().save(buffer)
        return buffer.getvalue()
    raise ValueError(kind)


KINDS = ("xlsx", "xls", "csv", "qbr", "pptx")


# -------------------------------------------------------------------------- mutations


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """The seed of ``kind`` after a few byte flips, a truncation or a zip-member splice."""
    data = seed(kind)
    how = draw(
        st.sampled_from(
            ["flip", "truncate", "splice"] if data[:2] == b"PK" else ["flip", "truncate"]
        )
    )
    if how == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "splice":
        return _splice(draw, data)
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(out) - 1))
        out[at] = draw(st.integers(0, 255))
    return bytes(out)


def _splice(draw: st.DrawFn, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    action = draw(st.sampled_from(["drop", "garble", "truncate", "swap", "inflate"]))
    content = members[name]
    if action == "drop":
        del members[name]
    elif action == "garble":
        members[name] = draw(st.binary(max_size=256))
    elif action == "truncate":
        members[name] = content[: draw(st.integers(0, max(len(content) - 1, 0)))]
    elif action == "swap":
        other = draw(st.sampled_from(sorted(members)))
        members[name], members[other] = members[other], content
    else:  # a member repeated into something large but harmless to the fuzzer's memory
        members[name] = content * draw(st.integers(2, 50))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member, payload in members.items():
            target.writestr(member, payload)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- checks


def check(kind: str, data: bytes, folder: Path) -> str:
    """Feed ``data`` to the reader of ``kind``; "ok" or "refused", or raise AssertionError
    (a failure) for anything else."""
    try:
        _read(kind, data, folder)
    except UserError as err:
        message = str(err)
        assert "\n" not in message, f"{kind}: a refusal of several lines: {message!r}"
        assert "panicked" not in message and ".cargo" not in message, message
        return "refused"
    except Exception as err:
        raise AssertionError(
            f"{kind}: {type(err).__name__}: {err}\n{traceback.format_exc()}"
        ) from err
    return "ok"


def _read(kind: str, data: bytes, folder: Path) -> None:
    if kind in ("xlsx", "xls", "csv"):
        from qbr_studio.ingest import import_sources
        from qbr_studio.model import Meta, Review

        path = folder / f"source.{kind}"
        path.write_bytes(data)
        import_sources(Review(meta=Meta(csm="Dana", quarter="2026-Q4")), [path])
    elif kind == "qbr":
        from qbr_studio.storage import load_review

        path = folder / "review.qbr"
        path.write_bytes(data)
        load_review(path)
    elif kind == "pptx":
        import pptx

        from qbr_studio.safeio import sanitise_template

        clean = sanitise_template(data, "template.pptx").data
        try:
            pptx.Presentation(io.BytesIO(clean))
        except Exception as err:  # the deck's template loader words python-pptx's refusal
            raise UserError(f"template.pptx: can't be opened ({type(err).__name__})") from err


# -------------------------------------------------------------------------------- run


@dataclass
class Tally:
    cases: int = 0
    refused: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def fuzz(kind: str, cases: int, folder: Path, *, derandomize: bool = False) -> Tally:
    """Run ``cases`` hypothesis cases against ``kind``'s reader; failures are collected.

    ``derandomize``: the same cases every run (the test suite, so CI is repeatable; the
    long run here explores afresh each time and its finds become regression tests)."""
    tally = Tally()

    @given(mutated(kind))
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=derandomize,
    )
    def one(data: bytes) -> None:
        tally.cases += 1
        try:
            if check(kind, data, folder) == "refused":
                tally.refused += 1
        except AssertionError as err:
            tally.failures.append(str(err).splitlines()[0])

    start = time.perf_counter()
    one()
    tally.seconds = time.perf_counter() - start
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="cases per format (default 2000)")
    parser.add_argument("kinds", nargs="*", help=f"formats to fuzz (default: {' '.join(KINDS)})")
    args = parser.parse_args(argv)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds or KINDS:
            tally = fuzz(kind, args.n, Path(tmp))
            rate = tally.cases / tally.seconds if tally.seconds else 0.0
            print(
                f"{kind}: {tally.cases} cases in {tally.seconds:.1f} s ({rate:,.0f} cases/s), "
                f"{tally.refused} refused cleanly, {len(tally.failures)} failures"
            )
            for failure in sorted(set(tally.failures))[:10]:
                print(f"  - {failure}")
            failed += len(tally.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
