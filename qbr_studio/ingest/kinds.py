"""Deciding what a table holds (its data kind) and which sheets of a workbook to import.

A table can be read as a kind when all the kind's required fields are found and at least one
column is matched by its header (so a sheet of instructions or a pivot of numbers is never
taken for data). Among the kinds that fit, the one with the highest score wins:

    score = Σ match scores of the matched columns (content matches count 0.3)
          + 0.5 per required field found
          + 1.0 when the sheet name says the kind ("Usage", "Tickets"…), 0.5 when the file does
    × 0.3 for *accounts* when account names repeat (an accounts table has one row per account)

In a workbook, each kind is read from its best sheet; other sheets with the same header row
(one tab per region, say) are read too, and the rest are named in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qbr_studio.errors import UserError
from qbr_studio.ingest.columns import (
    Mapping,
    match_columns,
    missing_required,
    normalise,
)
from qbr_studio.ingest.fields import KIND_SPECS, FieldSpec, KindSpec
from qbr_studio.ingest.mapping_store import SourceMapping
from qbr_studio.ingest.preflight import column_letter
from qbr_studio.ingest.tables import Table


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
    if kind.name == "accounts" and _names_repeat(table, mapping):
        total *= 0.3
    return total


def _names_repeat(table: Table, mapping: Mapping) -> bool:
    k = mapping.fields.get("account", mapping.fields.get("account_id"))
    if k is None:
        return False
    sample = [str(v).strip().casefold() for v in table.sample(k, 300)]
    return len(sample) >= 4 and len(set(sample)) < 0.7 * len(sample)


def plan_table(
    table: Table,
    signature: str,
    file_stem: str,
    forced: KindSpec | None,
    source: SourceMapping | None,
) -> TablePlan | None:
    """The best way to read ``table``, or None when no kind fits."""
    if forced is not None:
        kinds = [forced]
        kind_how = "given"
    elif source is not None and source.kind:
        kinds = [KIND_SPECS[source.kind]]
        kind_how = source.origin
    else:
        kinds = list(KIND_SPECS.values())
        kind_how = "guessed"
    results: list[tuple[float, TablePlan]] = []
    for kind in kinds:
        fixed: dict[str, int] = {}
        ignored: set[int] = set()
        notes: list[str] = []
        if source is not None and source.columns:
            fixed, ignored, unknown = fixed_columns(table, kind, source.columns)
            if unknown and source.origin == "mapping file":
                notes.append(
                    "mapping file columns not in this header: "
                    + ", ".join(f'"{u}"' for u in unknown)
                )
        how = source.origin if source is not None else "name"
        mapping = match_columns(table, kind, fixed, how, ignored)
        if missing_required(kind, mapping):
            continue
        if all(h == "content" for h in mapping.how.values()):
            continue  # a header that names nothing we know is not a table of ours
        score = _score(table, kind, mapping, file_stem)
        plan = TablePlan(table, kind, mapping, kind_how, score, signature, source, notes)
        results.append((score, plan))
    if not results:
        return None
    results.sort(key=lambda r: -r[0])
    best = results[0][1]
    best.alternatives = [p.kind.name for s, p in results[1:] if s >= results[0][0] * 0.8]
    return best


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


AS_KIND_HINT = " (use --as KIND to say what the file holds)"
"""The end of the no-table message: a command-line hint, which the app leaves out."""


def no_table_error(
    file_name: str, sheets: list[str], forced: KindSpec | None, near: str
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
    return UserError(
        f"{file_name}: no table QBR Studio recognizes{where}: looked for a header row with "
        "columns such as 'Account Name', 'ARR', 'Renewal Date', 'Active Users', 'Close Date'"
        + AS_KIND_HINT
    )
