"""How numbers, money and dates read on a slide: short, exact enough, never ambiguous."""

from __future__ import annotations

from qbr_studio.analytics.book import RENEWAL_HORIZON_QUARTERS
from qbr_studio.wording import day as day  # the slides use formatting.day
from qbr_studio.wording import plural as plural  # the slides use formatting.plural

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def money(amount: float, currency: str = "USD") -> str:
    """``1234567`` → ``$1.2M``; ``340000`` → ``$340k``; other currencies keep their code."""
    symbol = _SYMBOLS.get(currency)
    prefix, suffix = (symbol, "") if symbol else ("", f" {currency}")
    value = abs(amount)
    if value >= 999_500:
        text = f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    elif value >= 1_000:
        text = f"{value / 1_000:.0f}k"
    else:
        text = f"{value:.0f}"
    sign = "-" if amount < 0 else ""
    return f"{sign}{prefix}{text}{suffix}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"
    if not unit:
        return text
    if unit in {"%", "pp"}:
        return f"{text}{unit}"
    if unit in _SYMBOLS.values():
        return f"{unit}{text}"
    return f"{text} {unit}"


def quarters(count: int) -> str:
    """``1`` → ``quarter``, ``2`` → ``two quarters``: a span of quarters in running text."""
    if count == 1:
        return "quarter"
    words = _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)
    return f"{words} quarters"


RENEWAL_HORIZON = quarters(RENEWAL_HORIZON_QUARTERS)
"""The span 'renewals due' covers, in words (``"two quarters"``): the next ones after the
review quarter."""


def symbol(currency: str) -> str:
    """What goes before an amount in a chart's number format: ``$``, ``€``, or ``CHF ``."""
    return _SYMBOLS.get(currency, f"{currency} ")
