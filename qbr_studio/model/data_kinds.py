"""The kinds of data a review's book is imported from, as one type for the importer, the
wizard and the command line (``--as KIND``)."""

from __future__ import annotations

from qbr_studio.model.words import Word


class DataKind(Word):
    """What one imported table holds, in the order the data template lists them."""

    ACCOUNTS = "accounts"
    USAGE = "usage"
    OPPORTUNITIES = "opportunities"
    CONTACTS = "contacts"
    TICKETS = "tickets"
    NPS = "nps"
    ENGAGEMENT = "engagement"
