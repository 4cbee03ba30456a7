"""What a column header says about its column, whatever field it might name.

:func:`normalise` makes headers comparable (case, accents, punctuation, CamelCase API names,
Salesforce ``__c`` suffixes); the other functions recognise columns that must never be read
as one of our fields, or never by their values: ids, coordinates, counts, free text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SF_CUSTOM = re.compile(r"__c$")
_PLURAL_IDS = re.compile(r"(?<![A-Z])IDs\b")


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """``"Contract End-Date"`` → ``"contract end date"``; ``"# of Seats"`` → ``"number of …"``;
    ``"StageName"`` → ``"stage name"``; ``"Product__c"`` (Salesforce custom) → ``"product"``;
    ``"Associated Company IDs"`` → ``"associated company ids"``."""
    return signature_form(_PLURAL_IDS.sub("Ids", str(text)))


@lru_cache(maxsize=16384)
def signature_form(text: str) -> str:
    """A header as header-row signatures are made of it (see ``mapping_store.signature``):
    frozen, because remembered mappings and the source of every imported row are keyed by
    those signatures; :func:`normalise` improves on it for matching ("IDs" here is "i ds")."""
    s = _SF_CUSTOM.sub("", str(text).strip())
    s = _CAMEL.sub(" ", s)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = s.replace("#", " number ").replace("%", " percent ").replace("&", " and ")
    s = re.sub(r"\bno\.\s*", "number ", s)
    return " ".join(_NON_WORD.sub(" ", s).split())


_ID_WORDS = frozenset({"id", "ids", "uuid", "guid", "sid"})
_NEVER_WORDS = frozenset({
    "latitude", "longitude", "lat", "lng", "lon", "geocode", "geolocation", "postal", "zip",
    "zipcode", "postcode", "phone", "fax", "mobile", "website", "url", "photo", "street",
})  # fmt: skip
_COUNT_WORDS = frozenset({
    "count", "counts", "number", "qty", "quantity", "total", "sum", "duration", "secs",
    "seconds", "minutes", "mins", "hours", "amount", "employees",
})  # fmt: skip
_FREE_TEXT_WORDS = frozenset({
    "note", "notes", "comment", "comments", "description", "descriptions", "text", "remark",
    "remarks", "summary",
})  # fmt: skip


@lru_cache(maxsize=16384)
def is_id_header(header: str) -> bool:
    """``"OwnerId"``, ``"subscription_id"``, ``"ID"``: a column of identifiers."""
    words = normalise(header).split()
    return bool(words) and (words[-1] in _ID_WORDS or words[0] in _ID_WORDS)


@lru_cache(maxsize=16384)
def never_maps(header: str) -> bool:
    """Coordinates, postal codes, phones, URLs: never a field of ours."""
    return bool(set(normalise(header).split()) & _NEVER_WORDS)


@lru_cache(maxsize=16384)
def content_barred(header: str) -> bool:
    """Columns whose values are never read as another field: ids, counts, free text…"""
    words = set(normalise(header).split())
    return (
        is_id_header(header)
        or never_maps(header)
        or bool(words & (_COUNT_WORDS | _FREE_TEXT_WORDS))
    )


@lru_cache(maxsize=16384)
def is_free_text_header(header: str) -> bool:
    """``"health_notes"``, ``"Description"``: prose about something, not its value."""
    return bool(set(normalise(header).split()) & _FREE_TEXT_WORDS)
