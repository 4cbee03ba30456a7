"""The ``qbr-studio`` command line (contract in ARCHITECTURE.md).

Exit codes: 0 success; 1 the command ran but found problems (``check``: incomplete review);
2 bad input, with one line naming the file (and sheet, cell or JSON path) — never a traceback
for a user's mistake.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from qbr_studio import __version__
from qbr_studio.errors import Hint, Remedy, UserError, os_reason

if TYPE_CHECKING:
    from qbr_studio.deck.plan import DeckPlan
    from qbr_studio.deck.planning.standard import DeckStandard
    from qbr_studio.deck.review_template import TemplateChoice
    from qbr_studio.model import Meta
    from qbr_studio.storage import ReviewFile
    from qbr_studio.team.pack import LoadedPack

OK, PROBLEMS, BAD_INPUT = 0, 1, 2


def hint_text(hint: Hint) -> str:
    """What the user can do, in this command line's words."""
    if hint.remedy is Remedy.ACCEPT_WARNINGS:
        return "to import anyway, add --accept-warnings"
    if hint.remedy in (Remedy.NAME_OPPORTUNITY_TYPE, Remedy.NAME_OPPORTUNITY_TYPE_OR_ACCEPT):
        said = "say what they are with --opportunity-type renewal, expansion or cross-sell"
        if hint.remedy is Remedy.NAME_OPPORTUNITY_TYPE_OR_ACCEPT:
            said += ", or add --accept-warnings to import without them"
        return said
    if hint.remedy is Remedy.LINK_IDS:
        return "give that file with --link MAP.csv, or use --as KIND to say what the file holds"
    if hint.choices:
        return "say which with --as " + " or --as ".join(hint.choices)
    return "use --as KIND to say what the file holds"


def said(err: UserError) -> str:
    """The error's message, with its hint in the command line's words."""
    return f"{err}; {hint_text(err.hint)}" if err.hint is not None else str(err)


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
        raise UserError(
            f"{out}: cannot create the folder ({os_reason(err, out, writing=True)})"
        ) from None
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
    if args.from_review is not None:
        return cmd_new_from(args)
    if not args.csm or not args.quarter:
        raise UserError("new: give --csm and --quarter, or --from LAST.qbr")
    meta = Meta(
        csm=args.csm, quarter=args.quarter, team=args.team or "", meeting_date=args.meeting_date
    )
    pack_label = _follow_team_pack(args, meta)
    save_review(args.output, Review(meta=meta))
    print(f"New review for {meta.csm}, {meta.quarter_label}: {args.output}")
    if pack_label:
        print(f"It follows {pack_label}.")
    return OK


def cmd_new_from(args: argparse.Namespace) -> int:
    """``new --from LAST.qbr``: next quarter's review, carrying open action items (asking their
    status) and last quarter's narratives and figures as reference."""
    from qbr_studio.analytics.carry import carry_forward_file
    from qbr_studio.storage import load_review, save_review

    last_path: Path = args.from_review
    loaded = load_review(last_path)
    try:
        review, media = carry_forward_file(
            loaded.review, loaded.media, last_path.name, args.quarter
        )
    except ValueError as err:
        raise UserError(f"--quarter: {err}") from None
    if args.csm:
        review.meta.csm = args.csm
    if args.team:
        review.meta.team = args.team
    review.meta.meeting_date = args.meeting_date
    pack_label = _follow_team_pack(args, review.meta)
    save_review(args.output, review, media)
    carried = len(review.revenue.action_items)
    print(
        f"New review for {review.meta.csm}, {review.meta.quarter_label}, from "
        f"{loaded.review.meta.quarter_label}: {args.output}"
    )
    if pack_label:
        print(f"It follows {pack_label}.")
    if carried:
        print(f"{carried} open action item(s) carried over: confirm each one's status")
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
    template, said, problem = args.file, "", ""
    if args.file.suffix.lower() == ".qbr":  # the template that review's deck is built on
        from qbr_studio.deck.reading.template import default_template_path
        from qbr_studio.storage import load_review

        args.review, args.template = args.file, None
        chosen = _review_template(args, load_review(args.file), _team_pack_of(args.file))
        template = chosen.path or default_template_path()
        said, problem = f"{args.file}: {chosen.said}", chosen.problem
    elif args.file.suffix.lower() in {".pptx", ".potx"}:
        check_file(args.file, "template")
    lines = report_lines(template)
    print("\n".join([said, *lines[1:]] if said else lines))
    if args.output is not None:
        from qbr_studio.ui.slide_png import write_slide_png  # the app's own painter (Qt)

        try:
            args.output.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            reason = os_reason(err, args.output, writing=True)
            raise UserError(f"{args.output}: cannot create the folder ({reason})") from None
        plan = plan_deck(build_sample_review(), template)
        for kind in (SlideKind.TITLE, SlideKind.CONTENT):
            index = next(i for i, s in enumerate(plan.slides) if s.kind is kind)
            png = args.output / f"sample-{kind.value}.png"
            write_slide_png(plan, index, png)
            print(f"  sample {kind.value} slide: {png}")
    if problem:
        print(f"{args.file}: {problem}", file=sys.stderr)
        return PROBLEMS
    return OK


def _names_list(text: str | None) -> tuple[str, ...]:
    """``"Dashboards, Export"`` → ``("Dashboards", "Export")``; None or blanks → ()."""
    return tuple(name.strip() for name in (text or "").split(",") if name.strip())


def cmd_import(args: argparse.Namespace) -> int:
    """Import into the review and save it, all or nothing: the file is only replaced once
    every source has been read."""
    import json

    from qbr_studio.ingest import KINDS, ImportRefused, import_sources
    from qbr_studio.safeio import check_file
    from qbr_studio.storage import load_review, review_lock, save_review

    if args.kind is not None and args.kind not in KINDS:
        raise UserError(f"--as {args.kind}: not a data kind; use one of {', '.join(KINDS)}")
    if args.mapping is not None:
        check_file(args.mapping, "mapping")  # no FIFO, device, huge or over-deep JSON
    with review_lock(args.review):  # a second import waits, then reads what this one saved
        loaded = load_review(args.review)
        try:
            result = import_sources(
                loaded.review,
                list(args.sources),
                as_kind=args.kind,
                mapping_file=args.mapping,
                remember=not args.no_remember,
                forget=args.forget,
                accept_warnings=args.accept_warnings,
                prune=args.prune,
                all_owners=args.all_owners,
                opportunity_type=args.opportunity_type,
                key_features=_names_list(args.key_features),
                links=args.link or (),
            )
        except ImportRefused as refused:
            if not args.json:
                raise
            print(json.dumps(refused.details, indent=2, default=str))
            print(f"qbr-studio: {said(refused)}", file=sys.stderr)
            return BAD_INPUT
        _restamp(args.review, result.review.meta)
        save_review(args.review, result.review, loaded.media, expected=loaded.version)
    if args.json:
        print(json.dumps(result.report.to_dict(), indent=2, default=str))
    else:
        print(result.report.to_text())
    return OK


def cmd_build(args: argparse.Namespace) -> int:
    from qbr_studio.deck.kept_widths import keep_measured
    from qbr_studio.deck.produce import build_deck
    from qbr_studio.safeio import check_file
    from qbr_studio.storage import load_review

    loaded = load_review(args.review)
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise UserError(f"{args.pdf}: the PDF must be saved as a .pdf file")
    if args.template is not None and args.template.suffix.lower() in {".pptx", ".potx"}:
        check_file(args.template, "template")  # no FIFO, device, zip bomb (others: by name)
    if args.charts is not None:
        _charts_folder(args.charts)
    pack = _team_pack_of(args.review)  # read once: a pack is a zip to unpack and validate
    standard = _say_which_pack(args.review, loaded.review.meta, pack)
    chosen = _review_template(args, loaded, pack)
    plan = build_deck(loaded.review, args.output, chosen.path, loaded.media, standard)
    keep_measured()  # the next build of this review measures no text again
    print(f"{args.output}: {len(plan.slides)} slides")
    print(f"Template: {chosen.said}")
    _say_what_the_template_lost(chosen.path)
    if chosen.problem:
        print(f"{args.review}: {chosen.problem}", file=sys.stderr)
    if args.feedback:
        from qbr_studio.feedback.pptx_comments import put_feedback

        count, problems = put_feedback(args.output, plan, loaded.review, args.review)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{args.output}: {count} comments from the review's feedback")
        if problems:
            return PROBLEMS
    if args.charts is not None:
        for path in _save_charts(plan, args.charts, args.chart_format):
            print(path)
    if args.pdf is not None:
        from qbr_studio.ui.pdf_export import export_pdf  # the app's own renderer (Qt)

        export_pdf(plan, args.pdf)
        print(f"{args.pdf}: {len(plan.slides)} pages")
    return PROBLEMS if chosen.problem else OK


def _review_template(
    args: argparse.Namespace, loaded: ReviewFile, pack: LoadedPack | None
) -> TemplateChoice:
    """``--template``, else the review's own template, else its team pack's (``pack``, the
    one beside the review), else the default."""
    from qbr_studio.deck.review_template import choose_template

    pack = None if args.template is not None else pack
    return choose_template(
        loaded.review,
        loaded.media,
        given=args.template,
        pack=pack.template if pack else None,
        pack_name=pack.path.name if pack else "",
    )


def _charts_folder(folder: Path) -> None:
    """Make ``--charts DIR`` if missing, before the deck is built (a file there is refused)."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder}: --charts needs a folder, and this is a file")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        reason = os_reason(err, folder, writing=True)
        raise UserError(f"{folder}: cannot create the folder ({reason})") from None


def _save_charts(plan: DeckPlan, folder: Path, chart_format: str) -> list[Path]:
    """Every chart of the deck as PNG and/or SVG in ``folder``, named by its slide number and
    title, in the template's colours."""
    from qbr_studio.charts import mpl
    from qbr_studio.deck.chart_style import chart_style, charts_of

    formats = mpl.FORMATS if chart_format == "both" else (chart_format,)
    written: list[Path] = []
    for index, chart in charts_of(plan):
        slide = plan.slides[index]
        stem = f"{slide.number or index + 1:02d} {mpl.file_stem(chart.spec)}"
        taken = {p.stem for p in written}
        name, n = stem, 2
        while name in taken:
            name, n = f"{stem} ({n})", n + 1
        style = chart_style(plan, slide, chart)
        written += [mpl.save(chart.spec, style, folder / f"{name}.{fmt}") for fmt in formats]
    return written


def _say_what_the_template_lost(template: Path | None) -> None:
    """Macros, embedded objects and external links never reach a deck; say which were left."""
    from qbr_studio.deck.reading.template import load_template

    for item in load_template(template).dropped if template is not None else ():
        print(f"{template.name}: left out of the deck: {item}")


def cmd_check(args: argparse.Namespace) -> int:
    from qbr_studio.checks import budget_warnings, check_review, missing, report
    from qbr_studio.storage import load_review
    from qbr_studio.team.follow import version_note

    loaded = load_review(args.review)
    pack = _team_pack_of(args.review)
    required = pack.pack.required_fields if pack else ()
    findings = check_review(loaded.review, loaded.media, required)
    print(report(findings, budget_warnings(loaded.review)))
    if pack is not None:
        print(f"Checked against {pack.path.name} ({pack.pack.label}).")
    note = version_note(loaded.review.meta, pack)
    if note:
        print(note[0].upper() + note[1:] + ".")
    return PROBLEMS if missing(findings) else OK


def _score(text: str) -> tuple[str, int]:
    area, sep, number = text.partition("=")
    if not sep or not number.strip().lstrip("-").isdigit():
        raise argparse.ArgumentTypeError(f'"{text}" is not AREA=N, e.g. business=4')
    return area.strip(), int(number)


def cmd_annotate(args: argparse.Namespace) -> int:
    from qbr_studio.feedback.annotate import Note, annotate

    note = Note(
        author=args.author,
        target=args.on,
        comment=args.comment or "",
        scores=tuple(args.score or ()),
        reply_to=args.reply_to,
        resolve=args.resolve,
    )
    path, events = annotate(args.review, note)
    for event in events:
        print(f"{event.kind.value} {event.id} on {event.target or 'the review'}")
    print(f"Saved in {path}")
    return OK


def cmd_coach(args: argparse.Namespace) -> int:
    from qbr_studio.feedback.coaching import roll_up, write_xlsx

    rows, problems = roll_up(args.folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    write_xlsx(rows, args.output)
    print(f"{args.output}: {len(rows)} scores of {len({r.csm for r in rows})} CSMs")
    detached = sum(len(row.detached) for row in rows)
    if detached:
        print(f"{detached} of the scores are on something no longer in its review (detached)")
    return PROBLEMS if problems else OK


# --- team: the VP's meeting (qbr_studio.team) ------------------------------------------------


def _team_pack_of(review: Path) -> LoadedPack | None:
    """The team pack in the review's folder, read again at every call (a changed pack is
    picked up at the next open)."""
    from qbr_studio.team.follow import pack_beside

    return pack_beside(review)


def _restamp(review: Path, meta: Meta) -> None:
    """A command saving a review records the version of the team pack beside it; a pack that
    cannot be read is said and the save goes on."""
    from qbr_studio.team.follow import restamp

    problem = restamp(review, meta)
    if problem:
        print(
            f"qbr-studio: {problem} (the pack version the review follows was not updated)",
            file=sys.stderr,
        )


def _say_which_pack(review: Path, meta: Meta, pack: LoadedPack | None) -> DeckStandard:
    """The standard the review's deck follows (its folder's ``pack``, else the product's),
    said in a line when there is a pack or the review was made with one that is not there."""
    from qbr_studio.team.follow import standard_of, version_note

    if pack is not None:
        print(f"following {pack.path.name} ({pack.pack.label})")
    note = version_note(meta, pack)
    if note:
        print(f"{review}: {note}")
    return standard_of(pack)


def _follow_team_pack(args: argparse.Namespace, meta: Meta) -> str:
    """Fill the new review's team and meeting from ``--team-pack`` (or a pack in the folder
    the review is created in); the pack's label, or "" when there is none."""
    from qbr_studio.team.pack import load_pack

    pack = load_pack(args.team_pack) if args.team_pack else _team_pack_of(args.output)
    if pack is None:
        return ""
    from qbr_studio.team.follow import stamp

    meta.team = meta.team or pack.pack.team
    booked = pack.pack.meeting_for(meta.quarter)
    if booked is not None and meta.meeting_date is None:
        meta.meeting_date = booked.date
    stamp(meta, pack)
    return f"{pack.path.name} ({pack.pack.label})"


def cmd_team_status(args: argparse.Namespace) -> int:
    """Each CSM's readiness in each team folder; 1 when a file is left out or a review is
    incomplete or missing."""
    import json

    from qbr_studio.team.collect import collect_all
    from qbr_studio.team.report import status_dict, status_text

    folders = collect_all(args.folders, args.quarter, keep=False)
    if args.json:
        print(json.dumps(status_dict(folders), indent=2))
    else:
        print(status_text(folders))
    ready = all(
        p.submitted and p.entry is not None and p.entry.complete
        for f in folders
        for p in f.presenters
    )
    return OK if ready and not any(f.problems for f in folders) else PROBLEMS


def cmd_team_build(args: argparse.Namespace) -> int:
    from qbr_studio.safeio import check_file
    from qbr_studio.team.build import build_meeting

    if len(args.folders) > 1 and not args.rollup:
        raise UserError("several team folders make one deck only with --rollup")
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise UserError(f"{args.pdf}: the PDF must be saved as a .pdf file")
    if args.template is not None and args.template.suffix.lower() in {".pptx", ".potx"}:
        check_file(args.template, "template")
    built = build_meeting(
        args.folders,
        args.output,
        template=args.template,
        quarter=args.quarter,
        everyone=args.everyone,
        appendix=not args.no_appendix,
    )
    meeting, plan, pack = built.meeting, built.plan, built.pack
    names = ", ".join(s.csm for s in meeting.slots)
    print(f"{args.output}: {len(plan.slides)} slides, {len(meeting.slots)} presenters ({names})")
    if pack is not None:
        print(f"following {pack.path.name} ({pack.pack.label})")
    for note in meeting.budget_notes():
        print(f"over the team's standard: {note}")
    for entry in meeting.left_out:
        print(f"not in the deck: {entry.name}: {entry.kind.value}: {entry.reason}")
    _say_what_the_template_lost(args.template)
    if args.pdf is not None:
        from qbr_studio.ui.pdf_export import export_pdf  # the app's own renderer (Qt)

        export_pdf(plan, args.pdf)
        print(f"{args.pdf}: {len(plan.slides)} pages")
    return OK


def cmd_team_pack(args: argparse.Namespace) -> int:
    """Write the team's standard: from a team.json when given, else the defaults for --team."""
    from pydantic import ValidationError

    from qbr_studio.safeio import read_json
    from qbr_studio.storage.container import describe_validation_error
    from qbr_studio.team.pack import TeamPack, save_pack

    _refuse_overwrite(args.output, args.force)
    raw: object = read_json(args.source, "sidecar") if args.source else {}
    if not isinstance(raw, dict):
        raise UserError(f"{args.source}: must hold a JSON object")
    if args.team:
        raw["team"] = args.team
    try:
        pack = TeamPack.model_validate(raw)
    except ValidationError as err:
        where = args.source or "--team"
        raise UserError(f"{where}: {describe_validation_error(err)}") from None
    save_pack(args.output, pack, args.template)
    print(
        f"{args.output}: {pack.label}"
        + (f", template {args.template.name}" if args.template else "")
    )
    return OK


def _named_date(text: str) -> tuple[str, dt.date]:
    name, sep, day = text.rpartition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f'"{text}" must look like "Maya Okafor=2027-03-10"')
    return name.strip(), _date(day.strip())


def cmd_team_plan(args: argparse.Namespace) -> int:
    from qbr_studio.team.collect import collect
    from qbr_studio.team.pack import PACK_SUFFIX, find_pack, load_pack
    from qbr_studio.team.plan_export import write_plan
    from qbr_studio.team.year_plan import PlannedMeeting, plan_year

    if args.output is None and args.ics is None:
        raise UserError("say where to write the plan: -o PLAN.xlsx and/or --ics PLAN.ics")
    source: Path | None = args.source
    pack, csms = None, list(args.csm or [])
    if source is not None and source.suffix.lower() == PACK_SUFFIX:
        pack = load_pack(source)
    elif source is not None:
        team = collect(source)
        pack = team.pack or find_pack(source)
        csms = csms or [p.csm for p in team.presenters]
    if pack is not None:
        csms = csms or list(pack.pack.roster)
    if args.meeting:
        meetings = [
            PlannedMeeting(d, capacity=args.capacity or 8) for d in sorted(set(args.meeting))
        ]
    else:
        booked = pack.pack.calendar if pack else []
        meetings = [
            PlannedMeeting(m.date, m.start, m.minutes_each, args.capacity or m.capacity)
            for m in booked
            if args.year is None or m.date.year == args.year
        ]
    absent: dict[str, set[dt.date]] = {}
    fixed: dict[str, set[dt.date]] = {}
    for name, day in args.absent or []:
        absent.setdefault(name, set()).add(day)
    for name, day in args.fixed or []:
        fixed.setdefault(name, set()).add(day)
    plan = plan_year(csms, meetings, times=args.times, absent=absent, fixed=fixed)
    team_name = pack.pack.team if pack else (source.name if source else "Team")
    write_plan(plan, team_name, args.output, args.ics)
    for meeting in plan.meetings:
        names = plan.presenters[meeting.date]
        print(f"{meeting.date.isoformat()}: {len(names)} presenters: {', '.join(names)}")
    for written in (args.output, args.ics):
        if written is not None:
            print(f"Written: {written}")
    return OK


def _team_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    team = sub.add_parser("team", help="the team's meeting: readiness, meeting deck, year plan")
    team_sub = team.add_subparsers(dest="team_command", metavar="TEAM_COMMAND", required=True)

    status = team_sub.add_parser("status", help="each CSM's review in the team folder(s)")
    status.add_argument("folders", type=Path, nargs="+", metavar="FOLDER")
    status.add_argument("--quarter", type=_quarter, help="e.g. 2026-Q4 (default: the latest)")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.set_defaults(run=cmd_team_status)

    build = team_sub.add_parser("build", help="one meeting deck from the team's reviews")
    build.add_argument("folders", type=Path, nargs="+", metavar="FOLDER")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pptx")
    build.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="also write it as a PDF")
    build.add_argument("--template", type=Path, metavar="T.pptx", help="company template")
    build.add_argument("--quarter", type=_quarter, help="e.g. 2026-Q4 (default: the latest)")
    who = build.add_mutually_exclusive_group()
    who.add_argument(
        "--presenters-only",
        dest="everyone",
        action="store_false",
        help="only this meeting's presenters (the default)",
    )
    who.add_argument("--everyone", action="store_true", help="every CSM with a review")
    build.add_argument("--no-appendix", action="store_true", help="leave the appendices out")
    build.add_argument("--rollup", action="store_true", help="one deck across several folders")
    build.set_defaults(run=cmd_team_build)

    plan = team_sub.add_parser("plan", help="split the CSMs across the year's meetings")
    plan.add_argument(
        "source", type=Path, nargs="?", metavar="FOLDER|PACK", help="team folder or pack"
    )
    plan.add_argument("-o", "--output", type=Path, metavar="PLAN.xlsx", help="the spreadsheet")
    plan.add_argument("--ics", type=Path, metavar="PLAN.ics", help="the calendar")
    plan.add_argument("--year", type=int, help="only the pack's meetings of this year")
    plan.add_argument(
        "--meeting", type=_date, action="append", metavar="DATE", help="a meeting (repeat)"
    )
    plan.add_argument("--capacity", type=int, help="presenters a meeting holds (default 8)")
    plan.add_argument("--csm", action="append", metavar="NAME", help="a CSM (repeat)")
    plan.add_argument("--times", type=int, help="presentations per CSM in the year")
    plan.add_argument(
        "--absent", type=_named_date, action="append", metavar="NAME=DATE", help="(repeat)"
    )
    plan.add_argument(
        "--fixed", type=_named_date, action="append", metavar="NAME=DATE", help="(repeat)"
    )
    plan.set_defaults(run=cmd_team_plan)

    pack = team_sub.add_parser("pack", help="write the team's standard (.qbrteam)")
    pack.add_argument("-o", "--output", type=Path, required=True, metavar="PACK.qbrteam")
    pack.add_argument("--from", dest="source", type=Path, metavar="TEAM.json", help="the standard")
    pack.add_argument("--team", help="the team's name (overrides the JSON's)")
    pack.add_argument("--template", type=Path, metavar="T.pptx", help="company template to hold")
    pack.add_argument("--force", action="store_true", help="replace an existing file")
    pack.set_defaults(run=cmd_team_pack)


def cmd_gui(args: argparse.Namespace) -> int:
    from qbr_studio.ui.platform_check import display_problem  # imports no Qt

    review: Path | None = getattr(args, "review", None)
    if review is not None and not review.is_file():
        raise UserError(f"{review}: no such review file")
    problem = display_problem()
    if problem is not None:
        raise UserError(problem)
    from qbr_studio.ui.app import run  # Qt is loaded only for the window

    return run(review)


def window_main(argv: Sequence[str] | None = None) -> int:
    """The windowed executable (``QBR Studio.exe`` on Windows, the macOS app): the window,
    on ``FILE`` if one is given (a double click). It has no console, so a refusal is shown
    in a message box as well as written to stderr, where there is one."""
    import os

    for name in ("stdout", "stderr"):  # a windowed program is started without them
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return cmd_gui(argparse.Namespace(review=Path(args[0]) if args else None))
    except UserError as err:
        print(f"qbr-studio: {said(err)}", file=sys.stderr)
        from qbr_studio.ui.platform_check import display_problem  # imports no Qt

        if display_problem() is None:  # else there is nowhere to show a window
            from qbr_studio.ui.app import show_refusal

            show_refusal(said(err))
        return BAD_INPUT


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
    new.add_argument("--csm", help="your name, as it appears on the deck")
    new.add_argument(
        "--quarter", type=_quarter, help="e.g. 2026-Q4 (with --from: the next quarter)"
    )
    new.add_argument(
        "--from",
        dest="from_review",
        type=Path,
        metavar="LAST.qbr",
        help="start from last quarter's review: open action items and its narratives carry over",
    )
    new.add_argument("--team", help="your team's name")
    new.add_argument("--meeting-date", type=_date, help="e.g. 2026-12-10")
    new.add_argument("--force", action="store_true", help="replace an existing file")
    new.add_argument(
        "--team-pack", type=Path, metavar="PACK.qbrteam", help="follow the team's standard"
    )
    new.set_defaults(run=cmd_new)

    template = sub.add_parser(
        "template",
        help="write a blank data workbook with instructions; or 'template check T.pptx': "
        "what the app finds in a company deck template",
    )
    template.add_argument("action", nargs="?", choices=["check"], help="check a deck template")
    template.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="T.pptx",
        help="(with check) a template, or a review (.qbr): the template its deck uses",
    )
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
    imp.add_argument(
        "--prune",
        action="store_true",
        help="remove accounts that a re-imported accounts file no longer lists "
        "(without it they are kept, and listed with their ARR)",
    )
    imp.add_argument(
        "--all-owners",
        action="store_true",
        help="keep every CSM's accounts of a team's file (by default only the review's CSM's)",
    )
    imp.add_argument(
        "--link",
        type=Path,
        action="append",
        metavar="MAP",
        help="a file that maps the ids of sources without an account column (subscription or "
        "user ids) to accounts: e.g. a subscriptions export with subscription_id and account_id "
        "(may be given more than once)",
    )
    imp.add_argument(
        "--key-features",
        metavar='"A,B"',
        help="the features whose users count as key-feature users in an event log "
        "(comma-separated, as the log names them; by default every feature)",
    )
    imp.add_argument(
        "--opportunity-type",
        metavar="TYPE",
        help="what opportunities with a blank or unknown Type are: renewal, expansion or "
        "cross-sell (without it they are left out, unless their name, stage or file says)",
    )
    imp.add_argument(
        "--accept-warnings",
        action="store_true",
        help="import even when the result looks implausible (the warnings are still reported)",
    )
    imp.add_argument(
        "--no-remember",
        action="store_true",
        help="don't remember how these files were read (by default a confident mapping is)",
    )
    imp.add_argument(
        "--forget",
        action="store_true",
        help="forget how these files were read last time and read them afresh",
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
    build.add_argument(
        "--feedback", action="store_true", help="put the reviewers' notes on the slides"
    )
    build.add_argument(
        "--charts",
        type=Path,
        metavar="DIR",
        help="also save every chart of the deck as a picture in DIR, for emails and wikis",
    )
    build.add_argument(
        "--chart-format",
        choices=("png", "svg", "both"),
        default="both",
        help="the pictures --charts writes (default: both)",
    )
    build.set_defaults(run=cmd_build)

    check = sub.add_parser("check", help="list what is missing before the meeting")
    check.add_argument("review", type=Path, metavar="FILE.qbr")
    check.set_defaults(run=cmd_check)

    note = sub.add_parser("annotate", help="comment on or score a review, in your own sidecar")
    note.add_argument("review", type=Path, metavar="FILE.qbr")
    note.add_argument("--as", dest="author", required=True, metavar="NAME", help="your name")
    note.add_argument("--on", default="", metavar="TARGET", help="e.g. achievements[0].title")
    note.add_argument("--comment", metavar="TEXT", help="your comment (with --score: its reason)")
    note.add_argument("--score", type=_score, action="append", metavar="AREA=N", help="1 to 5")
    note.add_argument("--reply-to", metavar="ID", help="reply to the comment with this id")
    note.add_argument("--resolve", metavar="ID", help="mark the comment with this id resolved")
    note.set_defaults(run=cmd_annotate)

    coach = sub.add_parser("coach", help="rubric scores per CSM per area over quarters (xlsx)")
    coach.add_argument("folder", type=Path, metavar="TEAM_FOLDER")
    coach.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.xlsx")
    coach.set_defaults(run=cmd_coach)
    _team_parser(sub)
    return parser


def _opening_a_file(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``qbr-studio FILE.qbr`` (a double click on a review) means ``qbr-studio gui FILE.qbr``."""
    commands = next(
        (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {}
    )
    if argv and not argv[0].startswith("-") and argv[0] not in commands:
        return ["gui", *argv]
    return argv


PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
"""pydantic looks for plugins (observability hooks) in every installed package's metadata the
first time it builds a validator: ~30 ms of every command, for hooks QBR Studio never uses.
The app's own run turns that off unless this variable is set already."""


ONE_SHOT_GC_THRESHOLD = 50_000
"""The cyclic collector's first-generation threshold while a one-shot command runs (Python's
default is 700). Starting up makes a hundred thousand long-lived objects (modules, classes,
pydantic's validators, the template's XML) and the collector scanned them ~140 times, ~80 ms
CPU of a cold ``build`` on a loaded machine (~30 ms at this threshold). Garbage in cycles is
still collected, every 50,000 allocations; the app's window (``gui``) keeps Python's default."""


@contextlib.contextmanager
def _one_shot_gc(process_ends: bool) -> Iterator[None]:
    """:data:`ONE_SHOT_GC_THRESHOLD` for the block, Python's thresholds back after it.

    When the process ends after the block (``process_ends``), the collector scans nothing
    that lives until the exit anyway: the block's first collection, which comes while the
    command imports its modules, freezes every object instead (``gc.freeze``: the modules,
    classes and functions imported so far, and pydantic's validators), and so does the end of
    the block, before the restored threshold would collect the young objects at once and the
    interpreter's exit scan all of them again: ~50–60 ms CPU of a cold ``build``. Frozen
    objects are still freed by reference counting; only garbage in reference cycles among them
    stays until the exit (a few hundred lists and dicts, the parsed command line). Later
    collections go on as usual, and files are closed where they are written, not by the
    collector.
    """
    before = gc.get_threshold()
    gc.set_threshold(ONE_SHOT_GC_THRESHOLD, *before[1:])
    frozen: list[bool] = []

    def freeze_instead(phase: str, _info: dict[str, int]) -> None:
        if phase == "start" and not frozen:
            frozen.append(True)
            gc.freeze()  # the collection starting now finds nothing young to scan

    if process_ends:
        gc.callbacks.append(freeze_instead)
    try:
        yield
    finally:
        if process_ends:
            gc.callbacks.remove(freeze_instead)
            gc.freeze()
        gc.set_threshold(*before)


def main(argv: Sequence[str] | None = None, *, process_ends: bool = False) -> int:
    """Run the command in ``argv`` (default: this program's arguments); its exit code.
    ``process_ends``: the process exits right after (see :func:`program`)."""
    os.environ.setdefault(PYDANTIC_PLUGINS, "__all__")
    parser = _parser()
    args = parser.parse_args(_opening_a_file(parser, list(sys.argv[1:] if argv is None else argv)))
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", cmd_gui)
    try:
        with contextlib.nullcontext() if run is cmd_gui else _one_shot_gc(process_ends):
            return run(args)
    except UserError as err:
        print(f"qbr-studio: {said(err)}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print("qbr-studio: cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `qbr-studio check FILE | head`: the reader has all it wanted
        _quiet_closed_stdout()
        return 141  # as a shell reports a program stopped by SIGPIPE


def program() -> int:
    """The ``qbr-studio`` program (the console script, ``python -m qbr_studio`` and the
    bundle's ``launch.py``): :func:`main` on this process's arguments, in a process that ends
    when it returns."""
    return main(process_ends=True)


def _quiet_closed_stdout() -> None:
    """Point stdout at devnull, so flushing it at exit raises no second BrokenPipeError."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(program())
