"""Spreadsheet import: a CSM's CRM, usage, support and survey exports → the book of business.

Public API (the CLI and the app use only these)::

    result = import_sources(review, [Path("crm.xlsx"), Path("usage.csv")])
    result.review             # a new Review; the one passed in is never modified
    print(result.report.to_text())
    json.dumps(result.report.to_dict())
    write_data_template(Path("qbr_data.xlsx"))

How it works, one module per step: :mod:`.preflight` refuses hostile files cheaply
(:mod:`.limits` holds every limit), :mod:`.readers` reads cells (python-calamine, csv),
:mod:`.tables` finds the header and the data rows, :mod:`.headers` says what a header can
never be (ids, coordinates, free text), :mod:`.columns` matches columns to the fields of
:mod:`.fields`, :mod:`.kinds` decides what a table holds — or says it can't be sure —,
:mod:`.values` parses values column by column, :mod:`.build` makes records (usage aggregated
to months, event logs to monthly users), :mod:`.join` joins accounts by id, then name,
:mod:`.apply` refreshes a copy of the review source by source (subscription lines summed),
:mod:`.plausibility` warns about results that can't be right, :mod:`.mapping_store`
remembers confident mappings, :mod:`.report` says what happened, and
:mod:`.template_writer` writes the blank data workbook.

A guessed kind in doubt, or a plausibility warning, refuses the import
(:class:`ImportRefused`, with the facts for ``--json``) unless the caller confirms it
(``confirmed=True``: the app's wizard, whose user saw the preview) or passes ``as_kind`` /
``accept_warnings``.
"""

from __future__ import annotations

from qbr_studio.ingest.fields import KINDS
from qbr_studio.ingest.pipeline import ImportResult, import_sources
from qbr_studio.ingest.report import Changes, ImportRefused, ImportReport, Issue, TableReport
from qbr_studio.ingest.template_writer import write_data_template

__all__ = [
    "KINDS",
    "Changes",
    "ImportRefused",
    "ImportReport",
    "ImportResult",
    "Issue",
    "TableReport",
    "import_sources",
    "write_data_template",
]
