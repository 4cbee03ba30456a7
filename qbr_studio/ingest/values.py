"""Value parsers: cells as people write them → typed values, one whole column at a time.

A column is parsed by :func:`parse_column`: the parser for its value type is chosen once, a
column that calamine already typed (numbers, dates) takes a fast path without looking at a
string, and text is parsed once per distinct value (a 120,000-row usage export has a few
hundred distinct dates). Decisions that depend on the whole column — day-first or month-first
dates, decimal comma or point, percentages written as 85 or 0.85 — are taken from the column's
own values and reported in :attr:`Parsed.notes`.

Value types (``vtype``) and what they yield:

====================  =====================================================================
``text``              str, stripped; numbers written without a trailing ``.0``
``list``              list[str], split on ``;``, ``,``, ``|``, ``/`` or new lines
``money``             float ≥ 0: ``"USD 120,000.00"``, ``"$1.2M"``, ``"€ 1.200,50"``, ``"85k"``
``number``            float ≥ 0
``count``             int ≥ 0 (whole numbers; ``"1,234"`` is 1234)
``percent``           float ratio: ``"85%"`` → 0.85; a column of 0–100 values is read as %
``date``              datetime.date: Excel dates and serials, ISO, ``31/12/2026``, ``12/31/2026``,
                      ``31.12.2026``, ``3-Mar-2026``, ``March 3, 2026``, ``Mar 2026``…
``month``             datetime.date, first day of the month
``health``            Health: Green/Yellow/Red in any case, G/Y/R, Amber, "At risk", 0–100 scores
``risk``              Risk: Low/Medium/High
``sentiment``         Sentiment: Champion/Supporter/Neutral/Detractor (and common synonyms)
``opp_kind``          OpportunityKind: Renewal/Expansion/Cross-sell (upsell, add-on… too)
``severity``          int 1 (critical) … 4 (low): ``"P1"``, ``"Sev 2"``, ``"High"``
``score``             int 0–10 (NPS)
``flag``              bool: ``True``/``"yes"``/``1`` or ``False``/``"no"``/``0`` (a trial flag)
====================  =====================================================================
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from qbr_studio.model import Health, OpportunityKind, Risk, Sentiment
from qbr_studio.model.health_band import health_band
from qbr_studio.model.words import Word


class ValueType(Word):
    """How a column's cells are parsed (the table above)."""

    TEXT = "text"
    LIST = "list"
    MONEY = "money"
    NUMBER = "number"
    COUNT = "count"
    PERCENT = "percent"
    DATE = "date"
    MONTH = "month"
    HEALTH = "health"
    RISK = "risk"
    SENTIMENT = "sentiment"
    OPP_KIND = "opp_kind"
    SEVERITY = "severity"
    SCORE = "score"
    FLAG = "flag"


V = ValueType

EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's 1900 date system (the 1900 leap-year bug makes it the 30th, not the 31st)."""

SERIAL_RANGE = (10_000, 110_000)
"""Numbers in a date column read as Excel serial days: 1927-05-18 … 2201-02-16."""


class ParseError(ValueError):
    """A value that can't be read; ``str()`` is the end of a sentence: ``is not a date``."""


class OutOfScope(ParseError):
    """A value read and understood that names what the review leaves out (a new customer's
    deal): its row is left out for ``str()``, the reason, and is not an unreadable value."""


class Unsaid(ParseError):
    """A value read and understood that does not say the field ("Existing Business" says no
    opportunity type): None, as a blank cell, with ``str()`` saying what it does say."""


@dataclass
class Hints:
    """What the file says about how values are written (CSV: decimal comma, locale)."""

    decimal_comma: bool | None = None
    day_first: bool | None = None


@dataclass
class Parsed:
    """A parsed column: ``values[i]`` is None for a blank or unreadable cell.

    ``errors`` lists ``(i, raw value, message)`` for every unreadable cell, ``notes`` the
    column-wide decisions worth telling the user, ``blank`` how many cells were empty.
    """

    values: list[Any]
    errors: list[tuple[int, Any, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    any_blank: bool | None = None
    """Whether some cell was empty (None: not known yet, see :attr:`blank`)."""
    distinct: Any = None
    """The distinct values of ``values`` (a set or dict keys) when the parser has them: known
    for free, or made once for the steps that each need them (an event log's months, the
    plausibility check of its dates)."""
    left_out: list[tuple[int, Any, str]] = field(default_factory=list)
    """``(i, raw value, reason)`` for cells read as :class:`OutOfScope` (None in ``values``)."""
    unsaid: list[tuple[int, Any, str]] = field(default_factory=list)
    """``(i, raw value, what it says)`` for cells read as :class:`Unsaid` (None in ``values``)."""

    @property
    def blank(self) -> int:
        """Cells that were empty (not counting unreadable ones)."""
        if self.any_blank is False:
            return 0
        return self.values.count(None) - len(self.errors) - len(self.left_out) - len(self.unsaid)

    @cached_property
    def failed_at(self) -> dict[int, str]:
        """Row position → the message of an unreadable cell (built once, when first asked)."""
        return {i: message for i, _, message in self.errors}

    @cached_property
    def left_out_at(self) -> dict[int, str]:
        """Row position → why an :class:`OutOfScope` cell leaves its row out (built once)."""
        return {i: reason for i, _, reason in self.left_out}

    @cached_property
    def unsaid_at(self) -> dict[int, str]:
        """Row position → what an :class:`Unsaid` cell says (built once, when first asked)."""
        return {i: said for i, _, said in self.unsaid}

    @property
    def has_none(self) -> bool:
        """Whether some value is None (blank, unreadable, left out or unsaid) — cheap when
        the parser knew."""
        if self.any_blank is False and not (self.errors or self.left_out or self.unsaid):
            return False
        return None in self.values


def parse_column(
    raw: Sequence[Any], vtype: ValueType | str, hints: Hints | None = None, distinct: Any = None
) -> Parsed:
    """Parse every cell of one column as ``vtype`` (see the module docstring; its name in
    words is accepted, and an unknown one is a ValueError).

    ``distinct`` may pass ``set(raw)`` when the caller already has it.
    """
    vtype = ValueType(vtype)
    hints = hints or Hints()
    if vtype in (V.DATE, V.MONTH):
        return _parse_dates(raw, vtype is V.MONTH, hints, distinct)
    if vtype in (V.MONEY, V.NUMBER, V.COUNT, V.PERCENT, V.SCORE, V.SEVERITY):
        return _parse_numbers(raw, vtype, hints)
    if vtype is V.TEXT:
        return _parse_texts(raw, distinct)
    parser = _SIMPLE[vtype]
    return _by_distinct(raw, parser, distinct)


BLANK_WORDS = frozenset(
    {"n/a", "na", "#n/a", "-", "--", "—", "–", "null", "none", "nan", "(blank)", "(empty)"}
)
"""Texts people put in a cell to say "nothing here"; read as blank, not as an error."""
_LONGEST_BLANK = max(map(len, BLANK_WORDS))
_BLANK_TEXTS = BLANK_WORDS | {""}
"""A text :func:`is_blank` holds for is, stripped and lowered, one of these."""


def is_blank(value: Any) -> bool:
    """An empty cell, whitespace, or a placeholder such as ``"n/a"`` or ``"-"``."""
    if value is None or value == "":
        return True
    if isinstance(value, str):
        if len(value) > _LONGEST_BLANK and not value[0].isspace() and not value[-1].isspace():
            return False  # longer than any blank word, and nothing to strip: the common case
        text = value.strip()
        return not text or (len(text) <= _LONGEST_BLANK and text.lower() in BLANK_WORDS)
    return False


# ----------------------------------------------------------------------- shared loop


def _by_distinct(raw: Sequence[Any], parser: Callable[[Any], Any], distinct: Any = None) -> Parsed:
    """Apply ``parser`` once per distinct value; blanks give None without a call."""
    cache: dict[Any, Any] = {}
    failures: dict[Any, str] = {}
    scoped: dict[Any, str] = {}
    unsaid: dict[Any, str] = {}
    any_blank = False
    for value in distinct if distinct is not None else set(raw):
        if is_blank(value):
            cache[value] = None
            any_blank = True
            continue
        try:
            cache[value] = parser(value)
        except OutOfScope as err:
            cache[value] = None
            scoped[value] = str(err)
        except Unsaid as err:
            cache[value] = None
            unsaid[value] = str(err)
        except ParseError as err:
            cache[value] = None
            failures[value] = str(err)
        except TypeError:  # an unhashable or odd cell type: treat as text
            cache[value] = None
            failures[value] = "can't be read"
    values = list(map(cache.__getitem__, raw))
    out = Parsed(values, any_blank=any_blank)
    if failures:
        out.errors = [(i, v, failures[v]) for i, v in enumerate(raw) if v in failures]
    if scoped:
        out.left_out = [(i, v, scoped[v]) for i, v in enumerate(raw) if v in scoped]
    if unsaid:
        out.unsaid = [(i, v, unsaid[v]) for i, v in enumerate(raw) if v in unsaid]
    return out


# ------------------------------------------------------------------------------ text


def _parse_texts(raw: Sequence[Any], distinct: Any = None) -> Parsed:
    """A text column: :func:`_by_distinct` with :func:`to_text`, made cheaper when every
    value is a string (an id column of thousands of distinct users): each is stripped in C,
    and only the short ones are looked at again for a blank word (as :func:`is_blank`)."""
    values = distinct if distinct is not None else set(raw)
    if set(map(type, values)) != {str}:
        return _by_distinct(raw, to_text, distinct)
    cache: dict[Any, str | None] = dict(zip(values, map(str.strip, values), strict=True))
    any_blank = False
    if _BLANK_TEXTS.isdisjoint(map(str.lower, cache.values())):  # lowered in C: no blank
        return Parsed(list(map(cache.__getitem__, raw)), any_blank=False)
    for value, text in cache.items():
        if len(text) <= _LONGEST_BLANK and (not text or text.lower() in BLANK_WORDS):
            cache[value] = None
            any_blank = True
    return Parsed(list(map(cache.__getitem__, raw)), any_blank=any_blank)


def to_text(value: Any) -> str:
    """A cell as the text a person sees: 120000.0 → ``"120000"``, a date → ISO."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_STRONG_SPLIT = re.compile(r"\s*[;|\n]\s*")
_WEAK_SPLIT = re.compile(r"\s*(?:,(?!\d{3}\b)|\s/\s)\s*")


def to_list(value: Any) -> list[str]:
    """``"Analytics; Workflow"`` → two items. Semicolons, bars and new lines separate items
    when present; otherwise commas (and " / ") do, except inside parentheses — so
    ``"Ana Ruiz (VP, Operations), Bo Li"`` is two items."""
    text = to_text(value)
    if _STRONG_SPLIT.search(text):
        parts = _STRONG_SPLIT.split(text)
    else:
        parts = _split_outside_parentheses(text)
    return [part.strip() for part in parts if part.strip()]


def _split_outside_parentheses(text: str) -> list[str]:
    parts: list[str] = []
    depth = start = 0
    for match in re.finditer(r"[()\[\]]|" + _WEAK_SPLIT.pattern, text):
        token = match.group(0)
        if token in "([":
            depth += 1
        elif token in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


# --------------------------------------------------------------------------- numbers

_CURRENCY = re.compile(
    r"(?i)\b(?:usd|eur|gbp|chf|cad|aud|nzd|jpy|cny|inr|sek|nok|dkk|pln|czk|brl|mxn|zar|sgd|hkd)\b"
    r"|[$€£¥₹₩₽¤]|\bus\$|\bca\$|\ba\$|\br\$|\bkr\.?(?=\s|\d|$)"
)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_SUFFIX = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9}
_SUFFIX_RE = re.compile(r"(?i)^(.*?\d)\s*(k|mm|mn|mio|m|bn|b)\.?$")
_PLAIN = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_COMMA_DECIMAL_EVIDENCE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d*)?$|^\d+,(?:\d{1,2}|\d{4,})$")
_POINT_DECIMAL_EVIDENCE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d*)?$|^\d+\.(?:\d{1,2}|\d{4,})$")


def _clean_number_text(text: str) -> tuple[str, float, bool, bool]:
    """Strip currency, spaces, sign, suffix: → (digits and separators, multiplier, %, negative)."""
    s = text.strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    s = _CURRENCY.sub("", s)
    s = _SPACES.sub("", s)
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if s.startswith("-") or s.startswith("\u2212"):
        negative, s = (not negative), s[1:]
    elif s.startswith("+"):
        s = s[1:]
    if s.endswith("-"):
        negative, s = (not negative), s[:-1]
    multiplier = 1.0
    match = _SUFFIX_RE.match(s)
    if match:
        s, multiplier = match.group(1), _SUFFIX[match.group(2).lower()]
    return s, multiplier, percent, negative


def number_from_text(text: str, decimal_comma: bool | None = None) -> tuple[float, bool]:
    """``"USD 120,000.00"`` → (120000.0, False); ``"85%"`` → (85.0, True) — the bool says %.

    ``decimal_comma`` decides ``"1,234"`` (None: a comma followed by exactly three digits is a
    thousands separator). Raises ParseError.
    """
    s, multiplier, percent, negative = _clean_number_text(text)
    if not s or not any(ch.isdigit() for ch in s):
        raise ParseError("is not a number")
    plain = _PLAIN.match(s) and not (decimal_comma is True and "." in s)
    value = float(s) if plain else float(_normalise_separators(s, decimal_comma))
    value *= multiplier
    if negative:
        value = -value
    if math.isinf(value) or math.isnan(value):
        raise ParseError("is not a number")
    return value, percent


def _normalise_separators(s: str, decimal_comma: bool | None) -> str:
    if not re.fullmatch(r"[\d.,]+", s) or (s[0] in ".," and len(s) == 1):
        raise ParseError("is not a number")
    commas, points = s.count(","), s.count(".")
    if commas and points:
        if s.rfind(",") > s.rfind("."):  # 1.234,56
            return _checked(s.replace(".", "").replace(",", "."), s, thousands=".")
        return _checked(s.replace(",", ""), s, thousands=",")  # 1,234.56
    if commas:
        if commas > 1:
            return _checked(s.replace(",", ""), s, thousands=",")
        head, tail = s.split(",")
        if len(tail) == 3 and head and decimal_comma is not True:
            return head + tail  # 1,234 (thousands) unless the column writes decimal commas
        return f"{head or '0'}.{tail}"
    if points > 1:
        return _checked(s.replace(".", ""), s, thousands=".")
    head, tail = s.split(".")
    if len(tail) == 3 and head and decimal_comma is True:
        return head + tail  # 1.234 in a decimal-comma column is a thousand
    return f"{head or '0'}.{tail}"


def _checked(normalised: str, original: str, thousands: str) -> str:
    integer = original.split("," if thousands == "." else ".")[0]
    groups = integer.split(thousands)
    if any(len(g) != 3 for g in groups[1:]) or not groups[0] or len(groups[0]) > 3:
        raise ParseError("is not a number")
    if normalised.count(".") > 1:
        raise ParseError("is not a number")
    return normalised


def _decide_decimal_comma(texts: Sequence[str], hint: bool | None) -> tuple[bool | None, str]:
    comma = point = 0
    for text in texts:
        if "," not in text and "." not in text:
            continue  # no separator: evidence of neither (cleaning adds none)
        s = _clean_number_text(text)[0]
        if _COMMA_DECIMAL_EVIDENCE.match(s):
            comma += 1
        elif _POINT_DECIMAL_EVIDENCE.match(s):
            point += 1
    if comma and not point:
        return True, ""
    if point and not comma:
        return False, ""
    if comma and point:
        return (comma > point), "mixes decimal commas and points; each value read on its own"
    return hint, ""


_NUMBER_MESSAGES: dict[ValueType, str] = {
    V.MONEY: "is not an amount",
    V.NUMBER: "is not a number",
    V.COUNT: "is not a whole number",
    V.PERCENT: "is not a percentage",
    V.SCORE: "is not a score from 0 to 10",
    V.SEVERITY: "is not a severity (1–4, P1–P4, Critical/High/Medium/Low)",
}

_SEVERITY_WORDS = {
    "critical": 1,
    "urgent": 1,
    "blocker": 1,
    "highest": 1,
    "emergency": 1,
    "high": 2,
    "major": 2,
    "medium": 3,
    "normal": 3,
    "moderate": 3,
    "med": 3,
    "low": 4,
    "minor": 4,
    "lowest": 4,
    "trivial": 4,
}
_SEVERITY_CODE = re.compile(r"(?i)^(?:p|s|sev|severity|priority|prio)?\s*[-:]?\s*([0-9])\b")


def severity_from(text: str) -> int:
    """``"P1"``, ``"Sev 2"``, ``"High"`` → 1…4; ParseError otherwise."""
    s = text.strip().lower()
    match = _SEVERITY_CODE.match(s)
    if match:
        return _severity_number(float(match.group(1)))
    for word, level in _SEVERITY_WORDS.items():
        if re.search(rf"\b{word}\b", s):
            return level
    raise ParseError(_NUMBER_MESSAGES[V.SEVERITY])


def _severity_number(value: float) -> int:
    if value.is_integer() and 1 <= value <= 4:
        return int(value)
    if value.is_integer() and value == 0:
        return 1  # P0: the most critical there is
    raise ParseError(_NUMBER_MESSAGES[V.SEVERITY])


def _parse_numbers(raw: Sequence[Any], vtype: ValueType, hints: Hints) -> Parsed:
    if vtype in (V.MONEY, V.NUMBER, V.COUNT):
        fast = _fast_floats(raw, vtype)
        if fast is not None:
            return fast
    texts = [v for v in dict.fromkeys(raw) if isinstance(v, str) and v.strip()]
    decimal_comma, mix_note = _decide_decimal_comma(texts, hints.decimal_comma)
    message = _NUMBER_MESSAGES[vtype]
    notes = [mix_note] if mix_note else []

    def one(value: Any) -> tuple[float, bool]:
        if isinstance(value, bool):
            raise ParseError(message)
        if isinstance(value, (int, float)):
            return float(value), False
        if isinstance(value, str):
            if vtype is V.SEVERITY:
                return float(severity_from(value)), False
            if value.isascii() and value.isdigit():  # "120000": what number_from_text gives
                number = float(value)
                if not math.isinf(number):
                    return number, False
            try:
                number, is_percent = number_from_text(value, decimal_comma)
            except ParseError:
                raise ParseError(message) from None
            if is_percent and vtype is not V.PERCENT:
                raise ParseError(f"is a percentage, {message.removeprefix('is ')}")
            return number, is_percent
        raise ParseError(message)

    parsed = _by_distinct(raw, one)
    pairs = parsed.values
    scale = 1.0
    if vtype is V.PERCENT:
        scale, note = _percent_scale(pairs)
        if note:
            notes.append(note)
    finish = _FINISH[vtype]
    values: list[Any] = []
    errors = parsed.errors
    for i, pair in enumerate(pairs):
        if pair is None:
            values.append(None)
            continue
        number, is_percent = pair
        if vtype is V.PERCENT:
            number = number / 100 if is_percent else number * scale
        try:
            values.append(finish(number))
        except ParseError as err:
            values.append(None)
            errors.append((i, raw[i], str(err)))
    errors.sort(key=lambda e: e[0])
    return Parsed(values, errors, notes, parsed.any_blank)


def _fast_floats(raw: Sequence[Any], vtype: ValueType) -> Parsed | None:
    """A column calamine already typed as numbers: only the sign (and wholeness) to check.

    Returns None when some cell is not a number (the caller parses cell by cell). The checks
    are C-level passes: ``float.is_integer`` raises TypeError on anything but a float, and
    ``min`` on a mix of numbers and text. A ``count`` column keeps whole floats (``120.0``):
    every consumer is an int field that takes them, and converting would cost more than
    checking.
    """
    values: list[Any]
    try:
        whole = all(map(float.is_integer, raw)) if vtype is V.COUNT else True
        values = raw if isinstance(raw, list) else list(raw)
    except TypeError:
        types = set(map(type, raw))
        if not types <= {int, float}:
            return None
        values = list(map(float, raw))
        whole = vtype is not V.COUNT or all(map(float.is_integer, values))
    try:
        lowest = min(values) if values else 0.0
    except TypeError:
        return None
    if not isinstance(lowest, (int, float)) or isinstance(lowest, bool):
        return None
    errors: list[tuple[int, Any, str]] = []
    if lowest < 0:
        errors = [(i, raw[i], "is negative") for i, v in enumerate(values) if v < 0]
    if not whole:
        errors += [
            (i, raw[i], "is not a whole number")
            for i, v in enumerate(values)
            if v >= 0 and not float(v).is_integer()
        ]
        errors.sort(key=lambda e: e[0])
    if errors:
        values = list(values)
        for i, _raw, _msg in errors:
            values[i] = None
    return Parsed(values, errors, any_blank=False)


def _percent_scale(pairs: Sequence[Any]) -> tuple[float, str]:
    plain = [p[0] for p in pairs if p is not None and not p[1]]
    if plain and max(plain) > 1.5:
        return 0.01, "values read as percentages (85 means 85%)"
    return 1.0, ""


def _finish_nonneg(value: float) -> float:
    if value < 0:
        raise ParseError("is negative")
    return value


def _finish_count(value: float) -> int:
    if value < 0:
        raise ParseError("is negative")
    if not value.is_integer():
        if abs(value - round(value)) < 1e-6:
            return round(value)
        raise ParseError("is not a whole number")
    return int(value)


def _finish_score(value: float) -> int:
    if not value.is_integer() or not 0 <= value <= 10:
        raise ParseError(_NUMBER_MESSAGES[V.SCORE])
    return int(value)


_FINISH: dict[ValueType, Callable[[float], Any]] = {
    V.MONEY: _finish_nonneg,
    V.NUMBER: _finish_nonneg,
    V.COUNT: _finish_count,
    V.PERCENT: lambda v: v,
    V.SCORE: _finish_score,
    V.SEVERITY: _severity_number,
}


# ----------------------------------------------------------------------------- dates

MONTHS = {
    "jan": 1, "january": 1, "janv": 1, "janvier": 1, "januar": 1, "ene": 1, "enero": 1,
    "feb": 2, "february": 2, "févr": 2, "fevr": 2, "février": 2, "februar": 2, "febrero": 2,
    "mar": 3, "march": 3, "mars": 3, "mär": 3, "mrz": 3, "märz": 3, "marzo": 3, "mrt": 3,
    "apr": 4, "april": 4, "avr": 4, "avril": 4, "abr": 4, "abril": 4,
    "may": 5, "mai": 5, "mayo": 5, "mei": 5,
    "jun": 6, "june": 6, "juin": 6, "juni": 6, "junio": 6,
    "jul": 7, "july": 7, "juil": 7, "juillet": 7, "juli": 7, "julio": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8, "ago": 8, "agosto": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9,
    "oct": 10, "october": 10, "octobre": 10, "okt": 10, "oktober": 10, "octubre": 10,
    "nov": 11, "november": 11, "novembre": 11, "noviembre": 11,
    "dec": 12, "december": 12, "déc": 12, "dez": 12, "dezember": 12, "décembre": 12,
    "dic": 12, "diciembre": 12,
}  # fmt: skip

_TIME_TAIL = re.compile(
    r"(?i)(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:am|pm)?\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?)$"
)
_WEEKDAY = re.compile(r"(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_AMBIGUOUS = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_D_MON_Y = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-./]*([^\W\d_]{3,9})\.?[\s\-./,]*(\d{4}|\d{2})$"
)
_MON_D_Y = re.compile(r"^([^\W\d_]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MON_Y = re.compile(r"^([^\W\d_]{3,9})\.?[\s\-/']*(\d{4}|\d{2})$")
_Y_M = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_M_Y = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _month_name(text: str) -> int:
    month = MONTHS.get(text.lower().rstrip("."))
    if month is None:
        raise ParseError("is not a date")
    return month


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError("is not a date") from None


def serial_to_date(serial: float) -> dt.date:
    """Excel's serial day number (1900 system) → date; ParseError outside SERIAL_RANGE."""
    if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        raise ParseError("is not a date")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def date_from_text(text: str, day_first: bool | None = None) -> dt.date:
    """One date written as text. ``day_first`` settles ``03/04/2026`` (None: month-first)."""
    s = _WEEKDAY.sub("", text.strip())
    if len(s) >= 10 and s[4] == "-" and s[:4].isascii() and s[:4].isdigit():
        try:
            return dt.date.fromisoformat(s[:10]) if len(s) == 10 else _iso_with_time(s)
        except ValueError:
            pass
    s = _TIME_TAIL.sub("", s).strip()
    m = _ISO.match(s) or _YMD.match(s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _AMBIGUOUS.match(s)
    if m:
        a, b, year = int(m.group(1)), int(m.group(3)), _year(m.group(4))
        if m.group(2) == "." and day_first is None:
            day_first = True
        if a > 12 >= b:
            return _make(year, b, a)
        if b > 12 >= a:
            return _make(year, a, b)
        return _make(year, b, a) if day_first else _make(year, a, b)
    m = _D_MON_Y.match(s)
    if m:
        return _make(_year(m.group(3)), _month_name(m.group(2)), int(m.group(1)))
    m = _MON_D_Y.match(s)
    if m:
        return _make(int(m.group(3)), _month_name(m.group(1)), int(m.group(2)))
    m = _MON_Y.match(s)
    if m:
        return _make(_year(m.group(2)), _month_name(m.group(1)), 1)
    m = _Y_M.match(s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), 1)
    m = _M_Y.match(s)
    if m:
        return _make(int(m.group(2)), int(m.group(1)), 1)
    m = _COMPACT.match(s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.fullmatch(r"\d{5}(?:\.\d+)?", s):
        return serial_to_date(float(s))
    raise ParseError("is not a date")


def _iso_with_time(s: str) -> dt.date:
    head = s[:10]
    rest = s[10:]
    if rest[:1] in ("T", " ") and _TIME_TAIL.fullmatch(rest):
        return dt.date.fromisoformat(head)
    raise ValueError(s)


def _order_evidence(texts: Sequence[str]) -> tuple[int, int, str]:
    """Count values that can only be day-first / only month-first; an example of ambiguity."""
    day = month = 0
    example = ""
    for text in texts:
        m = _AMBIGUOUS.match(_TIME_TAIL.sub("", text.strip()).strip())
        if not m or m.group(2) == ".":
            continue
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 >= b:
            day += 1
        elif b > 12 >= a:
            month += 1
        elif a <= 12 and b <= 12 and a != b and not example:
            example = text.strip()
    return day, month, example


def _parse_dates(
    raw: Sequence[Any], month_only: bool, hints: Hints, distinct: Any = None
) -> Parsed:
    types = set(map(type, distinct if distinct is not None else raw))
    notes: list[str] = []
    if types == {dt.date} and not month_only and isinstance(raw, list):
        # calamine gave dates already: nothing to do
        return Parsed(raw, any_blank=False, distinct=distinct)
    if types <= {dt.date, dt.datetime}:
        return _fast_dates(raw, month_only)
    # first-seen order (a set's order changes with each process's string hashing): the same
    # file gives the same example in its note every time
    texts = [v for v in dict.fromkeys(raw) if isinstance(v, str) and v.strip()]
    day, month, example = _order_evidence(texts)
    day_first = hints.day_first
    if day and month:
        notes.append("mixes day-first and month-first dates; each value read on its own")
    elif day:
        day_first = True
    elif month:
        day_first = False
    elif example:
        guess = True if day_first is None and hints.decimal_comma else day_first
        day_first = bool(guess)
        order = "day-first" if day_first else "month-first"
        sample = date_from_text(example, day_first)
        notes.append(
            f'dates are ambiguous (e.g. "{example}"): read as {order}, '
            f"so that one is {sample.day} {sample:%B %Y}"
        )

    def one(value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, bool):
            raise ParseError("is not a date")
        if isinstance(value, (int, float)):
            return serial_to_date(float(value))
        if isinstance(value, str):
            return date_from_text(value, day_first)
        raise ParseError("is not a date")

    parsed = _by_distinct(raw, one)
    if month_only:
        parsed.values = [v.replace(day=1) if v is not None else None for v in parsed.values]
    parsed.notes = notes
    return parsed


def _fast_dates(raw: Sequence[Any], month_only: bool) -> Parsed:
    """Dates and datetimes as calamine gave them → dates (first of the month if
    ``month_only``). An event log has about as many distinct times as rows, so days are
    made in C, through their ordinals, rather than one Python call per distinct time."""
    if not month_only:
        days = list(map(dt.date.fromordinal, map(dt.date.toordinal, raw)))
        return Parsed(days, any_blank=False, distinct=set(days))  # months and checks use it
    cache: dict[Any, dt.date] = {}
    for value in set(raw):
        day = value.date() if isinstance(value, dt.datetime) else value
        cache[value] = day.replace(day=1) if month_only else day
    return Parsed(list(map(cache.__getitem__, raw)), any_blank=False)


# ----------------------------------------------------------------------------- words


def _norm_word(value: Any) -> str:
    return re.sub(r"[\s_\-]+", " ", to_text(value).lower()).strip(" .!")


_HEALTH_WORDS = {
    Health.GREEN: (
        "green", "g", "healthy", "good", "on track", "ok", "low risk", "🟢",
        "grün", "grun", "gruen", "vert", "verde", "groen",
    ),
    Health.YELLOW: (
        "yellow", "amber", "y", "a", "at risk", "medium", "warning", "orange", "watch",
        "medium risk", "neutral", "🟡", "🟠", "gelb", "jaune", "amarillo", "geel", "giallo",
        "average", "fair",  # Totango's Good / Average / Poor
    ),
    Health.RED: (
        "red", "r", "critical", "poor", "bad", "high risk", "churn risk", "unhealthy", "🔴",
        "rot", "rouge", "rojo", "rood", "rosso",
    ),
}  # fmt: skip
_HEALTH = {word: health for health, words in _HEALTH_WORDS.items() for word in words}


def health_from(value: Any) -> Health:
    """Green/Yellow/Red in any case, G/Y/R, Amber, "At risk"; a 0–100 score: ≥70 G, ≥40 Y."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _health_score(float(value))
    word = _norm_word(value)
    found = _HEALTH.get(word) or _HEALTH.get(word.split(" ")[0] if " " in word else "")
    if found is not None:
        return found
    try:
        number = number_from_text(word)[0]
    except ParseError:
        raise ParseError("is not a health (Green, Yellow or Red)") from None
    return _health_score(number)


def _health_score(score: float) -> Health:
    if not 0 <= score <= 100:
        raise ParseError("is not a health (Green, Yellow or Red)")
    return health_band(score)  # the app's one band: a CRM's 45/100 is red, as ours would be


_RISK = {
    "low": Risk.LOW, "l": Risk.LOW, "minimal": Risk.LOW, "none": Risk.LOW,
    "medium": Risk.MEDIUM, "med": Risk.MEDIUM, "m": Risk.MEDIUM, "moderate": Risk.MEDIUM,
    "high": Risk.HIGH, "h": Risk.HIGH, "critical": Risk.HIGH, "severe": Risk.HIGH,
}  # fmt: skip


def risk_from(value: Any) -> Risk:
    word = _norm_word(value).removesuffix(" risk")
    found = _RISK.get(word)
    if found is None:
        raise ParseError("is not a risk (Low, Medium or High)")
    return found


_SENTIMENT = {
    "champion": Sentiment.CHAMPION, "advocate": Sentiment.CHAMPION,
    "promoter": Sentiment.CHAMPION, "sponsor": Sentiment.CHAMPION,
    "executive sponsor": Sentiment.CHAMPION,
    "supporter": Sentiment.SUPPORTER, "positive": Sentiment.SUPPORTER,
    "ally": Sentiment.SUPPORTER, "friendly": Sentiment.SUPPORTER, "supportive": Sentiment.SUPPORTER,
    "neutral": Sentiment.NEUTRAL, "unknown": Sentiment.NEUTRAL, "passive": Sentiment.NEUTRAL,
    "detractor": Sentiment.DETRACTOR, "negative": Sentiment.DETRACTOR,
    "blocker": Sentiment.DETRACTOR, "critic": Sentiment.DETRACTOR,
    "hostile": Sentiment.DETRACTOR, "opponent": Sentiment.DETRACTOR,
}  # fmt: skip


def sentiment_from(value: Any) -> Sentiment:
    found = _SENTIMENT.get(_norm_word(value))
    if found is None:
        raise ParseError("is not a sentiment (Champion, Supporter, Neutral or Detractor)")
    return found


NEW_BUSINESS = "a new customer's deal (new business), not the book's renewal or growth"
_NEW_BUSINESS_WORDS = frozenset(
    {"new business", "newbusiness", "new customer", "new logo", "net new", "new account", "new"}
)
"""Types of a first sale (Salesforce "New Customer", HubSpot "New Business"/"newbusiness")."""
_EXISTING_ONLY_WORDS = frozenset(
    {"existing business", "existingbusiness", "existing customer", "existing"}
)
"""Types that say the customer exists but not what the deal is: HubSpot's "Existing Business"
holds renewals and upsells alike, so the name, stage or the user must say which."""


def opp_kind_from(value: Any) -> OpportunityKind:
    """Renewal / Expansion (upsell, upgrade, add-on) / Cross-sell, as CRMs word them; a new
    customer's deal is :class:`OutOfScope`."""
    word = _norm_word(value)
    if word in _NEW_BUSINESS_WORDS:
        raise OutOfScope(NEW_BUSINESS)
    if word in _EXISTING_ONLY_WORDS:
        raise Unsaid("existing business")
    if "renew" in word:
        return OpportunityKind.RENEWAL
    if "cross" in word or "new product" in word:
        return OpportunityKind.CROSS_SELL
    if any(k in word for k in ("expan", "upsell", "up sell", "upgrade", "add on", "addon")):
        return OpportunityKind.EXPANSION
    if any(k in word for k in ("growth", "seat")):
        return OpportunityKind.EXPANSION
    raise ParseError("is not an opportunity type (Renewal, Expansion or Cross-sell)")


_FLAG_TRUE = frozenset({"true", "yes", "y", "1", "x", "t", "trial", "wahr", "ja", "oui", "si"})
_FLAG_FALSE = frozenset({"false", "no", "n", "0", "f", "falsch", "nein", "non"})


def flag_from(value: Any) -> bool:
    """``True``/``"yes"``/``1`` → True, ``False``/``"no"``/``0`` → False (a trial flag)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = to_text(value).strip().casefold()
    if text in _FLAG_TRUE:
        return True
    if text in _FLAG_FALSE:
        return False
    raise ParseError("is not yes or no")


_SIMPLE: dict[ValueType, Callable[[Any], Any]] = {
    V.FLAG: flag_from,
    V.TEXT: to_text,
    V.LIST: to_list,
    V.HEALTH: health_from,
    V.RISK: risk_from,
    V.SENTIMENT: sentiment_from,
    V.OPP_KIND: opp_kind_from,
}
