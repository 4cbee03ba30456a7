"""Deciding what a table holds (its data kind) and which sheets of a workbook to import.

A table can be read as a kind when all the kind's required fields — and the account, by name
or id — are named by its header with confidence (a score of :data:`CONFIDENT`; a value-based
guess is not enough), and, for kinds whose required fields others share, one of its
:data:`DISTINCTIVE` fields is named too. Among the kinds that fit, the highest score wins:

    score = Σ match scores of the matched columns (content matches count 0.3)
          + 0.5 per required field found
          + 1.0 when the sheet name says the kind ("Usage", "Tickets"…), 0.5 when the file does
    × 0.3 for *accounts* when account names repeat (an accounts table has one row per account)

A guess is *in doubt* when a runner-up scores :data:`AMBIGUOUS` of the winner, or a kind that
does not fit has more evidence than the winner (an NPS file without a date is not a list of
accounts); :class:`TablePlan.doubts` says so, and the import refuses unless confirmed.

In a workbook, each kind is read from its best sheet; other sheets with the same header row
(one tab per region, say) are read too, and the rest are named in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qbr_studio.errors import Hint, Remedy, UserError
from qbr_studio.ingest.columns import (
    Mapping,
    match_columns,
    missing_required,
    normalise,
)
from qbr_studio.ingest.fields import KIND_SPECS, FieldSpec, KindSpec
from qbr_studio.ingest.headers import is_id_header
from qbr_studio.ingest.mapping_store import SourceMapping
from qbr_studio.ingest.tables import Table
from qbr_studio.model.data_kinds import DataKind
from qbr_studio.sheet_refs import column_letter


@dataclass
class TablePlan:
    """A table and how it will be read: kind, column mapping and where both came from."""

    table: Table
    kind: KindSpec
    mapping: Mapping
    kind_how: str
    score: float
    signature: str
    source: SourceMapping | None = None
    notes: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    evidence: str = ""
    """Why this kind: ``"accounts (Name → account, Id → account_id, Industry → industry)"``."""
    doubts: list[str] = field(default_factory=list)
    """Why the guess may be wrong (empty when the kind was given or is clear)."""
    doubt_kinds: list[str] = field(default_factory=list)
    """The other kinds the doubts name."""
    candidates: list[str] = field(default_factory=list)
    """Every kind tried, described (a guessed kind only)."""


def fixed_columns(
    table: Table, kind: KindSpec, columns: dict[str, str | None]
) -> tuple[dict[str, int], set[int], list[str]]:
    """Mapping-file or remembered ``columns`` → (field → position, ignored positions, unknown)."""
    by_header = {normalise(h): k for k, h in enumerate(table.headers)}
    by_letter = {column_letter(table.grid.left + j): k for k, j in enumerate(table.columns)}
    fixed: dict[str, int] = {}
    ignored: set[int] = set()
    unknown: list[str] = []
    for header, target in columns.items():
        k = by_header.get(normalise(header))
        if k is None and re.fullmatch(r"[A-Z]{1,3}", header.strip()):
            k = by_letter.get(header.strip())
        if k is None:
            unknown.append(header)
            continue
        if target is None:
            ignored.add(k)
        elif target in kind.field_map and target not in fixed:
            fixed[target] = k
    return fixed, ignored, unknown


def _score(table: Table, kind: KindSpec, mapping: Mapping, file_stem: str) -> float:
    total = 0.0
    for name, score in mapping.scores.items():
        total += score * (0.3 if mapping.how.get(name) == "content" else 1.0)
    total += 0.5 * sum(1 for spec in kind.fields if spec.required and spec.name in mapping.fields)
    if "account" not in mapping.fields and "account_id" in mapping.fields:
        total += 0.5
    sheet = table.grid.sheet.lower()
    if sheet and any(word in sheet for word in kind.words):
        total += 1.0
    elif any(word in file_stem for word in kind.words):
        total += 0.5
    if kind.name is DataKind.ACCOUNTS and _names_repeat(table, mapping):
        total *= 0.3
    return total


def _names_repeat(table: Table, mapping: Mapping) -> bool:
    k = mapping.fields.get("account", mapping.fields.get("account_id"))
    if k is None:
        return False
    sample = [str(v).strip().casefold() for v in table.sample(k, 300)]
    return len(sample) >= 4 and len(set(sample)) < 0.7 * len(sample)


CONFIDENT = 0.75
"""A required field (and the account key) must be named at least this well to decide a kind."""

DISTINCTIVE: dict[str, frozenset[str]] = {
    "opportunities": frozenset({"opportunity_id", "name", "stage", "kind", "risk", "next_step"}),
    "tickets": frozenset({"ticket_id", "severity", "subject", "closed", "category"}),
    "engagement": frozenset(
        {"last_contact", "emails_sent", "emails_opened", "replies", "open_rate", "reply_rate"}
    ),
}
"""A kind whose required fields other kinds share (an account and a date) is chosen only when
the header names one of these too: a sheet of accounts with a "Created" date is not tickets."""

NOT_FIELDS: dict[str, tuple[str, str]] = {
    "annual revenue": ("arr", "the company's yearly revenue"),
    "forecast category": ("stage", "a forecast bucket"),
    "forecast category name": ("stage", "a forecast bucket"),
    "number of employees": ("licensed_seats", "the company's head count"),
    "employees": ("licensed_seats", "the company's head count"),
    "probability": ("risk", "a win probability"),
}
"""Headers that look like a field and are not: said in the evidence, never mapped."""

AMBIGUOUS = 0.85
"""A runner-up kind scoring this share of the best makes the guess a doubt."""

_KEYS = ("account", "account_id")


@dataclass
class Candidate:
    """One kind a table was tried as: its mapping, what it lacks, and the evidence for it."""

    kind: KindSpec
    mapping: Mapping
    lacks: list[str]
    score: float
    evidence: float
    """Sum of the name scores of its non-key fields (what says the table *is* this kind)."""

    @property
    def fits(self) -> bool:
        return not self.lacks

    @property
    def keyed(self) -> bool:
        """It has the account (by name or id), named with confidence."""
        return any(
            self.mapping.scores.get(f, 0) >= CONFIDENT and self.mapping.how.get(f) != "content"
            for f in _KEYS
        )

    def describe(self, table: Table) -> str:
        named = [
            f"{table.headers[k]} → {name}"
            for name, k in self.mapping.fields.items()
            if self.mapping.how.get(name) != "content"
        ]
        nots = [f"{table.headers[k]} → not {why}" for k, why in self.mapping.rejected.items()]
        used = set(self.mapping.fields.values()) | set(self.mapping.rejected)
        for k, header in enumerate(table.headers):
            why = NOT_FIELDS.get(normalise(header))
            if k not in used and why and why[0] in self.kind.field_map:
                nots.append(f"{header} → not {why[0]} ({why[1]})")
        text = f"{self.kind.name} ({', '.join(named[:6]) or 'no column named'}"
        if len(named) > 6:
            text += f", +{len(named) - 6}"
        if nots:
            text += "; " + ", ".join(nots[:3])
        if self.lacks:
            text += f"; lacks {', '.join(self.lacks)}"
        return text + ")"


def _candidate(
    table: Table, kind: KindSpec, mapping: Mapping, file_stem: str, confirmed: bool
) -> Candidate:
    lacks = [spec.name for spec in missing_required(kind, mapping)]
    if not confirmed:
        for spec in kind.fields:
            if spec.name in lacks or spec.name not in mapping.fields or not spec.required:
                continue
            if spec.name == "account" and "account_id" in mapping.fields:
                continue
            if mapping.how.get(spec.name) == "content" or mapping.scores[spec.name] < CONFIDENT:
                lacks.append(f"{spec.name} (only a guess from '{_header(table, mapping, spec)}')")
        key = [mapping.scores[f] for f in _KEYS if f in mapping.fields]
        if key and max(key) < CONFIDENT and not any("account" in x for x in lacks):
            lacks.append("a column clearly naming the account")
        distinctive = DISTINCTIVE.get(kind.name)
        if distinctive and not distinctive & {
            f for f in mapping.fields if mapping.how.get(f) != "content"
        }:
            lacks.append("any of " + ", ".join(sorted(distinctive)))
    evidence = sum(
        score
        for name, score in mapping.scores.items()
        if name not in _KEYS and mapping.how.get(name) != "content"
    )
    return Candidate(kind, mapping, lacks, _score(table, kind, mapping, file_stem), evidence)


def _header(table: Table, mapping: Mapping, spec: FieldSpec) -> str:
    return table.headers[mapping.fields[spec.name]]


def candidates(
    table: Table,
    file_stem: str = "",
    forced: KindSpec | None = None,
    source: SourceMapping | None = None,
) -> list[Candidate]:
    """Every kind ``table`` was tried as, best first (fitting kinds before the others)."""
    if forced is not None:
        kinds = [forced]
    elif source is not None and source.kind:
        kinds = [KIND_SPECS[source.kind]]
    else:
        kinds = list(KIND_SPECS.values())
    confirmed = forced is not None or (source is not None and bool(source.kind))
    out: list[Candidate] = []
    for kind in kinds:
        fixed: dict[str, int] = {}
        ignored: set[int] = set()
        if source is not None and source.columns:
            fixed, ignored, _unknown = fixed_columns(table, kind, source.columns)
        how = source.origin if source is not None else "name"
        mapping = match_columns(table, kind, fixed, how, ignored)
        if mapping.how and all(h == "content" for h in mapping.how.values()):
            continue  # a header that names nothing we know is not a table of ours
        out.append(_candidate(table, kind, mapping, file_stem, confirmed))
    out.sort(key=lambda c: (not c.fits, -c.score))
    return out


def plan_table(
    table: Table,
    signature: str,
    file_stem: str,
    forced: KindSpec | None,
    source: SourceMapping | None,
) -> TablePlan | None:
    """The best way to read ``table``, or None when no kind fits.

    A guessed kind carries ``doubts`` when another kind is nearly as likely, or when a kind
    that doesn't fit has more evidence than the one that does (an NPS file without a date is
    not a list of accounts): the CLI then refuses, the app's wizard asks.
    """
    if forced is not None:
        kind_how = "given"
    elif source is not None and source.kind:
        kind_how = source.origin
    else:
        kind_how = "guessed"
    tried = candidates(table, file_stem, forced, source)
    fitting = [c for c in tried if c.fits]
    if not fitting:
        return None
    best = fitting[0]
    notes: list[str] = []
    if source is not None and source.columns:
        _fixed, _ignored, unknown = fixed_columns(table, best.kind, source.columns)
        if unknown and source.origin == "mapping file":
            notes.append(
                "mapping file columns not in this header: " + ", ".join(f'"{u}"' for u in unknown)
            )
    plan = TablePlan(table, best.kind, best.mapping, kind_how, best.score, signature, source, notes)
    plan.alternatives = [c.kind.name for c in fitting[1:] if c.score >= best.score * 0.8]
    plan.evidence = best.describe(table)
    if kind_how == "guessed":
        for other in fitting[1:]:
            if other.score >= best.score * AMBIGUOUS:
                plan.doubts.append(f"it could as well be {other.describe(table)}")
                plan.doubt_kinds.append(other.kind.name)
        for other in tried:
            if other.fits or not other.keyed or other.evidence <= max(best.evidence, 1.5):
                continue
            plan.doubts.append(f"it looks more like {other.describe(table)}")
            plan.doubt_kinds.append(other.kind.name)
        plan.candidates = [c.describe(table) for c in tried[:4]]
    return plan


def near_kinds(table: Table, file_stem: str = "") -> list[str]:
    """For a table no kind fits: the kinds it resembles most, each with what it lacks."""
    tried = [c for c in candidates(table, file_stem) if c.evidence > 0 or c.mapping.fields]
    tried.sort(key=lambda c: (-c.evidence, -c.score))
    out = [c.describe(table) for c in tried[:3]]
    if tried and not tried[0].keyed:
        links = [h for h in table.headers if is_id_header(h)]
        if links:
            out.append(
                f"{KEYED_BY} {', '.join(repr(h) for h in links[:3])}, not by an "
                "account: add an account or account id column, or link those ids to accounts "
                "with a file that maps them"
            )
    return out


KEYED_BY = "its rows are keyed by"
"""How :func:`near_kinds` starts saying a table needs a link file (see Remedy.LINK_IDS)."""


def explain_missing(table: Table, kind: KindSpec) -> str:
    """Why ``table`` can't be read as ``kind``: the required fields its header lacks."""
    mapping = match_columns(table, kind)
    missing = missing_required(kind, mapping)
    return ", ".join(_describe(spec) for spec in missing)


def _describe(spec: FieldSpec) -> str:
    examples = [spec.label, *[s.title() for s in spec.synonyms[:3]]]
    seen: list[str] = []
    for e in examples:
        if e.lower() not in (s.lower() for s in seen):
            seen.append(e)
    return f"{spec.name} (a column such as {' / '.join(repr(e) for e in seen[:3])})"


def choose(plans: list[TablePlan]) -> tuple[list[TablePlan], list[str]]:
    """Per kind: the best table, plus tables with the same header row; notes on the rest."""
    chosen: list[TablePlan] = []
    notes: list[str] = []
    by_kind: dict[str, list[TablePlan]] = {}
    for plan in plans:
        by_kind.setdefault(plan.kind.name, []).append(plan)
    for group in by_kind.values():
        best = max(group, key=lambda p: p.score)
        for plan in group:
            if plan is best or plan.signature == best.signature:
                chosen.append(plan)
            else:
                notes.append(
                    f'sheet "{plan.table.grid.sheet}" also looks like {plan.kind.name}; '
                    f'read "{best.table.grid.sheet}" instead (its columns match better)'
                )
    order = {id(p): i for i, p in enumerate(plans)}
    chosen.sort(key=lambda p: order[id(p)])
    return chosen, notes


def no_table_error(
    file_name: str,
    sheets: list[str],
    forced: KindSpec | None,
    near: str,
    resembles: list[str] | None = None,
) -> UserError:
    where = f" in sheets {', '.join(repr(s) for s in sheets[:6])}" if len(sheets) > 1 else ""
    if forced is not None:
        needs = ", ".join(_describe(s) for s in forced.fields if s.required and s.name != "account")
        account = _describe(forced.field("account"))
        detail = f"{account}{', ' + needs if needs else ''}"
        message = f"{file_name}: no table with the columns {forced.name} needs{where}: {detail}"
        if near:
            message += f"; the closest, {near}"
        return UserError(message)
    if resembles:
        keyed = resembles[-1].startswith(KEYED_BY)
        return UserError(
            f"{file_name}: can't tell what this table holds{where}; it resembles "
            + "; ".join(resembles),
            Hint(Remedy.LINK_IDS if keyed else Remedy.NAME_THE_KIND),
        )
    return UserError(
        f"{file_name}: no table QBR Studio recognizes{where}: looked for a header row with "
        "columns such as 'Account Name', 'ARR', 'Renewal Date', 'Active Users', 'Close Date'",
        Hint(Remedy.NAME_THE_KIND),
    )
