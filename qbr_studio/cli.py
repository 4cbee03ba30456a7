"""The ``qbr-studio`` command line (contract in ARCHITECTURE.md).

Exit codes: 0 success; 1 the command ran but found problems (``check``: incomplete review);
2 bad input, with one line naming the file (and sheet, cell or JSON path) — never a traceback
for a user's mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from qbr_studio import __version__
from qbr_studio.errors import UserError

OK, PROBLEMS, BAD_INPUT = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date like 2026-12-10') from None


def _quarter(text: str) -> str:
    from qbr_studio.model import format_quarter, parse_quarter

    try:
        return format_quarter(*parse_quarter(text))
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def cmd_demo(args: argparse.Namespace) -> int:
    from qbr_studio.deck.produce import build_deck
    from qbr_studio.sample import build_sample_review
    from qbr_studio.sample.export import export_sample_data
    from qbr_studio.storage import save_review

    out: Path = args.output
    try:
        (out / "data").mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"{out}: cannot create the folder ({err.strerror})") from None
    review = build_sample_review()
    files = export_sample_data(review, out / "data")
    review_path = out / "sample_review.qbr"
    save_review(review_path, review)
    deck_path = out / "sample_review.pptx"
    plan = build_deck(review, deck_path)
    print(f"Sample data ({len(files)} files, as CRM and tool exports): {out / 'data'}")
    print(f"Sample review: {review_path}")
    print(f"Its deck ({len(plan.slides)} slides): {deck_path}")
    return OK


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UserError(f"{path}: already exists; choose another name or add --force")


def cmd_new(args: argparse.Namespace) -> int:
    from qbr_studio.model import Meta, Review
    from qbr_studio.storage import save_review

    if args.output.suffix.lower() != ".qbr":
        raise UserError(f"{args.output}: a review file must end in .qbr")
    _refuse_overwrite(args.output, args.force)
    meta = Meta(
        csm=args.csm, quarter=args.quarter, team=args.team or "", meeting_date=args.meeting_date
    )
    save_review(args.output, Review(meta=meta))
    print(f"New review for {meta.csm}, {meta.quarter_label}: {args.output}")
    return OK


def cmd_template(args: argparse.Namespace) -> int:
    from qbr_studio.ingest import write_data_template

    if args.action == "check":
        return cmd_template_check(args)
    if args.output is None:
        raise UserError("template: give -o FILE.xlsx (or: template check T.pptx)")
    if args.output.suffix.lower() != ".xlsx":
        raise UserError(f"{args.output}: the data template must be saved as a .xlsx file")
    _refuse_overwrite(args.output, args.force)
    write_data_template(args.output)
    print(f"Blank data workbook with instructions: {args.output}")
    return OK


def cmd_template_check(args: argparse.Namespace) -> int:
    """What the app found in a company template, and a sample slide of each kind as a PNG
    drawn by the app's own painter (into ``-o DIR`` when given)."""
    from qbr_studio.deck.produce import plan_deck
    from qbr_studio.deck.template_report import report_lines
    from qbr_studio.model.deck_kinds import SlideKind
    from qbr_studio.safeio import check_file
    from qbr_studio.sample import build_sample_review

    if args.file is None:
        raise UserError("template check: name the template, e.g. template check T.pptx")
    if args.file.suffix.lower() in {".pptx", ".potx"}:
        check_file(args.file, "template")
    print("\n".join(report_lines(args.file)))
    if args.output is not None:
        from qbr_studio.ui.slide_png import write_slide_png  # the app's own painter (Qt)

        try:
            args.output.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserError(f"{args.output}: cannot create the folder ({err.strerror})") from None
        plan = plan_deck(build_sample_review(), args.file)
        for kind in (SlideKind.TITLE, SlideKind.CONTENT):
            index = next(i for i, s in enumerate(plan.slides) if s.kind is kind)
            png = args.output / f"sample-{kind.value}.png"
            write_slide_png(plan, index, png)
            print(f"  sample {kind.value} slide: {png}")
    return OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import into the review and save it, all or nothing: the file is only replaced once
    every source has been read."""
    import json

    from qbr_studio.ingest import KINDS, import_sources
    from qbr_studio.safeio import check_file
    from qbr_studio.storage import load_review, review_lock, save_review

    if args.kind is not None and args.kind not in KINDS:
        raise UserError(f"--as {args.kind}: not a data kind; use one of {', '.join(KINDS)}")
    if args.mapping is not None:
        check_file(args.mapping, "mapping")  # no FIFO, device, huge or over-deep JSON
    with review_lock(args.review):  # a second import waits, then reads what this one saved
        loaded = load_review(args.review)
        result = import_sources(
            loaded.review, list(args.sources), as_kind=args.kind, mapping_file=args.mapping
        )
        save_review(args.review, result.review, loaded.media, expected=loaded.version)
    if args.json:
        print(json.dumps(result.report.to_dict(), indent=2, default=str))
    else:
        print(result.report.to_text())
    return OK


def cmd_build(args: argparse.Namespace) -> int:
    from qbr_studio.deck.produce import build_deck
    from qbr_studio.safeio import check_file
    from qbr_studio.storage import load_review

    loaded = load_review(args.review)
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise UserError(f"{args.pdf}: the PDF must be saved as a .pdf file")
    if args.template is not None and args.template.suffix.lower() in {".pptx", ".potx"}:
        check_file(args.template, "template")  # no FIFO, device, zip bomb (others: by name)
    plan = build_deck(loaded.review, args.output, args.template, media=loaded.media)
    print(f"{args.output}: {len(plan.slides)} slides")
    _say_what_the_template_lost(args.template)
    if args.pdf is not None:
        from qbr_studio.ui.pdf_export import export_pdf  # the app's own renderer (Qt)

        export_pdf(plan, args.pdf)
        print(f"{args.pdf}: {len(plan.slides)} pages")
    return OK


def _say_what_the_template_lost(template: Path | None) -> None:
    """Macros, embedded objects and external links never reach a deck; say which were left."""
    from qbr_studio.deck.reading.template import load_template

    for item in load_template(template).dropped if template is not None else ():
        print(f"{template}: left out of the deck: {item}")


def cmd_check(args: argparse.Namespace) -> int:
    from qbr_studio.checks import check_review, report
    from qbr_studio.storage import load_review

    loaded = load_review(args.review)
    findings = check_review(loaded.review, loaded.media)
    print(report(findings))
    return PROBLEMS if findings else OK


def cmd_gui(args: argparse.Namespace) -> int:
    from qbr_studio.ui.app import run  # Qt is loaded only for the window

    return run(getattr(args, "review", None))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qbr-studio",
        description="Prepare a quarterly customer success review and its deck.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the app (the default with no command)")
    gui.add_argument("review", nargs="?", type=Path, metavar="FILE.qbr")
    gui.set_defaults(run=cmd_gui)

    demo = sub.add_parser("demo", help="write the sample review and its deck")
    demo.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder to write the sample review, its data and its deck into",
    )
    demo.set_defaults(run=cmd_demo)

    new = sub.add_parser("new", help="start a new, empty review file")
    new.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.qbr", help="the review to create"
    )
    new.add_argument("--csm", required=True, help="your name, as it appears on the deck")
    new.add_argument("--quarter", required=True, type=_quarter, help="e.g. 2026-Q4")
    new.add_argument("--team", help="your team's name")
    new.add_argument("--meeting-date", type=_date, help="e.g. 2026-12-10")
    new.add_argument("--force", action="store_true", help="replace an existing file")
    new.set_defaults(run=cmd_new)

    template = sub.add_parser(
        "template",
        help="write a blank data workbook with instructions; or 'template check T.pptx': "
        "what the app finds in a company deck template",
    )
    template.add_argument("action", nargs="?", choices=["check"], help="check a deck template")
    template.add_argument("file", nargs="?", type=Path, metavar="T.pptx", help="(with check)")
    template.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.xlsx|DIR",
        help="the workbook to write; with check, a folder for sample slide PNGs",
    )
    template.add_argument("--force", action="store_true", help="replace an existing file")
    template.set_defaults(run=cmd_template)

    imp = sub.add_parser("import", help="import spreadsheets into a review's book of business")
    imp.add_argument("review", type=Path, metavar="FILE.qbr")
    imp.add_argument(
        "sources",
        type=Path,
        nargs="+",
        metavar="SOURCE",
        help=".xlsx, .xlsm, .xls, .ods, .csv or .tsv",
    )
    imp.add_argument(
        "--as",
        dest="kind",
        metavar="KIND",
        help="what the sources hold: accounts, usage, opportunities, contacts, tickets, nps "
        "or engagement",
    )
    imp.add_argument(
        "--mapping",
        type=Path,
        metavar="MAPPING.json",
        help="column mapping to use instead of the remembered one",
    )
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(run=cmd_import)

    build = sub.add_parser("build", help="generate the deck of a review")
    build.add_argument("review", type=Path, metavar="FILE.qbr")
    build.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pptx", help="the deck to write"
    )
    build.add_argument(
        "--template", type=Path, metavar="T.pptx", help="company template (.pptx or .potx)"
    )
    build.add_argument(
        "--pdf",
        type=Path,
        metavar="OUT.pdf",
        help="also write the deck as a PDF, drawn by QBR Studio itself",
    )
    build.set_defaults(run=cmd_build)

    check = sub.add_parser("check", help="list what is missing before the meeting")
    check.add_argument("review", type=Path, metavar="FILE.qbr")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", cmd_gui)
    try:
        return run(args)
    except UserError as err:
        print(f"qbr-studio: {err}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print("qbr-studio: cancelled", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
