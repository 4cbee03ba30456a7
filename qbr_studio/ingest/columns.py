"""Matching a table's columns to a kind's fields: by name, by fuzzy name, then by content.

A header is normalised (case, accents, punctuation, ``(converted)``/``(USD)`` suffixes, a
``Account:`` object prefix dropped) and scored against each field's synonyms:

- 1.0   the header *is* a synonym (``"ACV (converted)"`` → ``arr``);
- ≤0.9  every word of a multi-word synonym is in the header (``"Renewal Date (Contract)"``);
- ≤0.75 a one-word synonym is one of a short header's words (``"Account Region"`` → region);
- ≤0.9  close spelling of a header of several words (ratio ≥ 0.85, same first and last letter:
  ``"Acount Name"`` — never ``"Latitude"`` → attitude or ``"Count"`` → account).

CamelCase API names are split first (``"StageName"`` → ``stage name``). A bare generic word
(``"Id"``, ``"Name"``, ``"Type"``…) scores 0.95, so ``"Account Name"`` beats ``"Name"``.

Some headers never name a field whatever their words: an id column (``OwnerId``,
``subscription_id``) names only an id field; coordinates, postal codes, phones and URLs name
nothing (:func:`never_maps`).

Columns are then assigned greedily, best score first, one field per column. A field whose
values say what it is (dates, Green/Yellow/Red, P1–P4, 0–10 scores, e-mail addresses) can also
be found by content when no header names it — never from an id, count, coordinate or free-text
column, and never the account itself; such matches score 0.55. A column of sentences never
becomes an enum (health, sentiment…), however its header reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from qbr_studio.ingest import values as V
from qbr_studio.ingest.fields import KIND_SPECS, FieldSpec, KindSpec
from qbr_studio.ingest.headers import (
    content_barred,
    is_free_text_header,
    is_id_header,
    never_maps,
    normalise,
)
from qbr_studio.ingest.tables import Table
from qbr_studio.model.data_kinds import DataKind

MATCH_THRESHOLD = 0.6
"""A column is matched to a field only at or above this score."""

EXACT = 0.95
"""A header scoring this is the field's own name (a bare generic word included): a column so
named is that field, or nothing when another column took it; never a field it names weakly."""

CONTENT_SCORE = 0.55

_T = V.ValueType
ENUM_VTYPES = frozenset({_T.HEALTH, _T.SENTIMENT, _T.OPP_KIND, _T.SEVERITY, _T.RISK})
"""Value types with a fixed set of values: never fed from a column of sentences."""

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_JIRA_CUSTOM = re.compile(r"custom\s*field\s*\((.+)\)", re.IGNORECASE)
"""Jira's CSV export writes its custom fields as ``Custom field (Organizations)``."""
_UNITS = re.compile(
    r"\b(?:usd|eur|gbp|chf|cad|aud|jpy|converted|conv|in|currency|local|reporting|corporate)\b"
)


@lru_cache(maxsize=8192)
def variants(header: str) -> tuple[str, ...]:
    """The forms of a header that are compared with synonyms (most literal first)."""
    full = normalise(header)
    out = [full]
    stripped = normalise(_PAREN.sub(" ", header))
    stripped = " ".join(_UNITS.sub(" ", stripped).split())
    if stripped and stripped not in out:
        out.append(stripped)
    if ":" in header:
        tail = normalise(header.rsplit(":", 1)[1])
        if tail and tail not in out:
            out.append(tail)
    custom = _JIRA_CUSTOM.fullmatch(header.strip())
    if custom:
        inner = normalise(custom.group(1))
        if inner and inner not in out:
            out.append(inner)
    return tuple(v for v in out if v)


@dataclass(frozen=True)
class _Index:
    synonyms: frozenset[str]
    by_token: dict[str, tuple[tuple[str, frozenset[str]], ...]]


@lru_cache(maxsize=256)
def _index(kind: str, field_name: str) -> _Index:
    spec = KIND_SPECS[kind].field(field_name)
    syns = {normalise(s) for s in (*spec.synonyms, spec.label, spec.name.replace("_", " "))}
    by_token: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for syn in syns:
        tokens = frozenset(syn.split())
        for token in tokens:
            by_token.setdefault(token, []).append((syn, tokens))
    return _Index(frozenset(syns), {k: tuple(v) for k, v in by_token.items()})


def name_score(header: str, kind: str, field_name: str, fuzzy: bool = True) -> float:
    """How well a header names a field, 0–1 (see the module docstring)."""
    return _name_score(header, kind, field_name, fuzzy)


ID_FIELDS = frozenset({"account_id", "opportunity_id", "ticket_id", "user_id", "session_id"})
"""Fields an id column may feed (and the only ones it may)."""

GENERIC = frozenset(
    {"id", "name", "key", "number", "type", "status", "value", "date", "user", "external id"}
)
"""Bare words that name a field only weakly: ``"Account Name"`` beats ``"Name"``."""


_QUALIFIERS = frozenset({"owner", "usage"})
"""Words that make a header name something else: a "Contact Owner" is a person who owns the
contact, not the contact, and Gainsight's "Product Usage" measure is not the products owned;
such a header names only a field whose synonym says the word too."""


@lru_cache(maxsize=65536)
def _name_score(header: str, kind: str, field_name: str, fuzzy: bool) -> float:
    if never_maps(header) or (is_id_header(header) and field_name not in ID_FIELDS):
        return 0.0
    spec = KIND_SPECS[kind].field(field_name)
    if spec.vtype in ENUM_VTYPES and is_free_text_header(header):
        return 0.0  # "health_notes" is prose about health, not a health
    index = _index(kind, field_name)
    forms = variants(header)
    if any(form in index.synonyms for form in forms):
        return 0.95 if forms[0] in GENERIC or forms[-1] in GENERIC else 1.0
    best = 0.0
    for form in forms:
        tokens = set(form.split())
        for token in tokens:
            for syn, syn_tokens in index.by_token.get(token, ()):
                if not syn_tokens <= tokens or (_QUALIFIERS & tokens) - syn_tokens:
                    continue
                extra = len(tokens) - len(syn_tokens)
                if len(syn_tokens) >= 2:
                    best = max(best, 0.9 - 0.05 * extra)
                elif len(tokens) <= 3 and len(syn) >= 3:
                    best = max(best, 0.75 - 0.05 * extra)
    if field_name in ID_FIELDS:
        return 0.0  # ids are named exactly: "JigsawCompanyId" is not the account's id
    if fuzzy and best < 0.9:
        best = max(best, _fuzzy(forms, index.synonyms))
    return round(best, 3)


_CODE_WORD = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{4,}")
"""A word of letters and digits (``EVT0001234``, ``001Ec00000GGw3h``): an id, not a header."""

FUZZY_MIN = 0.85


def _fuzzy(forms: Iterable[str], synonyms: Iterable[str]) -> float:
    """Near spellings only, of headers of two words or more: 6+ letters, same first and last
    letter, difflib ratio ≥ FUZZY_MIN (``"Acount Name"``; never ``"Contract"`` → contacts)."""
    best = 0.0
    for form in forms:
        if len(form) < 6 or " " not in form:
            continue  # one word is a word: "Contract" is not a misspelt "contact"
        matcher = SequenceMatcher(None, "", form, autojunk=False)
        for syn in synonyms:
            if len(syn) < 6 or syn[0] != form[0] or syn[-1] != form[-1]:
                continue
            if abs(len(syn) - len(form)) > 2:
                continue
            matcher.set_seq1(syn)
            if matcher.real_quick_ratio() < FUZZY_MIN or matcher.quick_ratio() < FUZZY_MIN:
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_MIN:
                best = max(best, ratio * 0.9)
    return best


@lru_cache(maxsize=16384)
def known_header(text: str) -> float:
    """Best exact/word score of a text against every field of every kind (header detection).

    A cell that can't be a header — long, or a word mixing letters and digits like the
    ``EVT0001234`` of an event log — scores 0 at once (header search reads many data cells)."""
    if len(text) > 80 or _CODE_WORD.search(text):
        return 0.0
    best = 0.0
    for kind in KIND_SPECS.values():
        for spec in kind.fields:
            best = max(best, _name_score(text, kind.name, spec.name, False))
            if best >= 1.0:
                return best
    return best


# --------------------------------------------------------------------------- content


def _text_values(sample: list[Any]) -> list[str]:
    return [v.strip() for v in sample if isinstance(v, str) and v.strip()]


def content_says(detector: str, sample: list[Any]) -> bool:
    """Whether a column's values look like ``detector`` (see FieldSpec.by_content)."""
    if len(sample) < 2:
        return False
    need = 0.8 * len(sample)
    if detector == "date":
        hits = 0
        for value in sample:
            if isinstance(value, (dt.date, dt.datetime)):
                hits += 1
            elif isinstance(value, str):
                try:
                    V.date_from_text(value)
                    hits += 1
                except V.ParseError:
                    pass
        return hits >= need
    if detector == "score":
        numbers = [v for v in sample if isinstance(v, (int, float)) and not isinstance(v, bool)]
        numbers += [float(t) for t in _text_values(sample) if t.isascii() and t.isdigit()]
        return (
            len(numbers) >= need
            and all(0 <= n <= 10 and float(n).is_integer() for n in numbers)
            and len(set(numbers)) >= 3
        )
    texts = _text_values(sample)
    if len(texts) < need:
        return False
    if detector == "email":
        return sum("@" in t for t in texts) >= need
    parser = {
        "health": V.health_from,
        "sentiment": V.sentiment_from,
        "opp_kind": V.opp_kind_from,
        "severity": V.severity_from,
    }.get(detector)
    if parser is None:
        return False
    hits = 0
    for text in set(texts):
        if re.fullmatch(r"[\d.,\s%]+", text):
            continue  # a plain number says nothing about words
        try:
            parser(text)
            hits += texts.count(text)
        except (V.OutOfScope, V.Unsaid):
            hits += texts.count(text)  # understood: a value of this field all the same
        except V.ParseError:
            pass
    return hits >= need


# -------------------------------------------------------------------------- assignment


@dataclass
class Mapping:
    """Which table column (position in ``Table.columns``) feeds each field of a kind.

    ``how[field]`` is ``"name"``, ``"content"``, ``"remembered"`` or ``"mapping file"``;
    ``scores[field]`` the match score (1.0 for remembered and mapping-file columns).
    """

    kind: str
    fields: dict[str, int] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    rejected: dict[int, str] = field(default_factory=dict)
    """Column → why it was *not* read as the field its header suggests (for the report)."""


def match_columns(
    table: Table,
    kind: KindSpec,
    fixed: dict[str, int] | None = None,
    how_fixed: str = "mapping file",
    ignored: set[int] | None = None,
) -> Mapping:
    """Assign the table's columns to ``kind``'s fields. ``fixed`` fields are taken as given."""
    mapping = Mapping(kind.name)
    taken: set[int] = set(ignored or ())
    for name, k in (fixed or {}).items():
        mapping.fields[name] = k
        mapping.how[name] = how_fixed
        mapping.scores[name] = 1.0
        taken.add(k)
    candidates: list[tuple[float, int, int, str]] = []
    for k, header in enumerate(table.headers):
        if k in taken or (header.startswith("Column ") and header[7:].isalpha()):
            continue
        for position, spec in enumerate(kind.fields):
            if spec.name in mapping.fields:
                continue
            score = name_score(header, kind.name, spec.name)
            if score >= MATCH_THRESHOLD:
                candidates.append((score, -position, k, spec.name))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    exact = {k: name for score, _pos, k, name in candidates if score >= EXACT}
    for score, _pos, k, name in candidates:
        if k in taken or name in mapping.fields:
            continue
        if score < EXACT and k in exact and exact[k] in mapping.fields:
            continue  # "CSM Sentiment" names health exactly: a second health, not the CSM
        spec = kind.field(name)
        if spec.vtype in ENUM_VTYPES and is_free_text(table.sample(k, 60)):
            mapping.rejected[k] = f"sentences, not {spec.label}"
            taken.add(k)
            continue
        mapping.fields[name] = k
        mapping.how[name] = "name"
        mapping.scores[name] = score
        taken.add(k)
    _match_by_content(table, kind, mapping, taken)
    return mapping


_WORD = re.compile(r"\w+")

PICKLIST_SHARE = 0.25
"""A sample of 8 or more values with at most this share distinct repeats a list of choices
(Salesforce's "Existing Customer - Upgrade"), however many words each has: not free text."""


def is_free_text(sample: list[Any]) -> bool:
    """Mostly sentences (four words or more, dashes and other marks not counted) that do not
    repeat as a picklist's values do: a comment column, not a list of values."""
    texts = _text_values(sample)
    if len(texts) < 2:
        return False
    if len(texts) >= 8 and len(set(texts)) <= PICKLIST_SHARE * len(texts):
        return False
    return sum(len(_WORD.findall(t)) >= 4 for t in texts) >= 0.5 * len(texts)


def _match_by_content(table: Table, kind: KindSpec, mapping: Mapping, taken: set[int]) -> None:
    wanted = [
        spec
        for spec in kind.fields
        if spec.by_content
        and spec.name not in mapping.fields
        and spec.name not in ("account", "account_id")
    ]
    if not wanted:
        return
    samples: dict[int, list[Any]] = {}
    for spec in wanted:
        for k in range(len(table.headers)):
            if k in taken or content_barred(table.headers[k]):
                continue
            if k not in samples:
                samples[k] = table.sample(k, 60)
            if content_says(spec.by_content, samples[k]):
                mapping.fields[spec.name] = k
                mapping.how[spec.name] = "content"
                mapping.scores[spec.name] = CONTENT_SCORE
                taken.add(k)
                break


def missing_required(kind: KindSpec, mapping: Mapping) -> list[FieldSpec]:
    """Required fields the mapping lacks (an account *or* an account id will do)."""
    missing = []
    present = mapping.fields
    for spec in kind.fields:
        if not spec.required or spec.name in present:
            continue
        if spec.name == "account" and "account_id" in present:
            continue
        if (
            spec.name == "name"
            and kind.name is DataKind.CONTACTS
            and ("first_name" in present or "last_name" in present)
        ):
            continue
        if spec.name == "active_users" and "user_id" in present:
            continue  # an event log: active users are counted from its user ids
        missing.append(spec)
    return missing
