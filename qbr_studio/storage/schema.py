"""The JSON Schema of ``review.json``, generated from the review model and shipped in the package.

Regenerate the shipped copy after changing the model::

    python -m qbr_studio.storage.schema

A test compares the shipped file with :func:`review_json_schema`, so it can't go stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from qbr_studio.model import SCHEMA_VERSION, Review
from qbr_studio.paths import resource
from qbr_studio.storage.atomic import atomic_write_bytes

SCHEMA_PATH = resource("schema", "review.schema.json")
"""Where the schema ships inside the package."""

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:qbr-studio:schema:review:{SCHEMA_VERSION}"
"""``$id`` of the schema; it changes with each file format (``schema_version``)."""

QUARTER_PATTERN = r"^\d{4}-Q[1-4]$"


def review_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``review.json`` of the current file format.

    It is ``Review.model_json_schema()`` with an ``$id``, title and description, and two rules
    the model enforces in code: ``schema_version`` is required and equals the current format,
    and ``meta.quarter`` is written like ``2026-Q4``.
    """
    generated = Review.model_json_schema()
    generated["properties"]["schema_version"] = {
        "const": SCHEMA_VERSION,
        "description": (
            "File format of this review.json. QBR Studio upgrades older formats on open and "
            "refuses newer ones."
        ),
        "title": "Schema Version",
        "type": "integer",
    }
    required = generated.setdefault("required", [])
    if "schema_version" not in required:
        required.insert(0, "schema_version")
    quarter = generated.get("$defs", {}).get("Meta", {}).get("properties", {}).get("quarter")
    if quarter is not None:
        quarter["pattern"] = QUARTER_PATTERN
    header = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "QBR Studio review (review.json)",
        "description": (
            f"The document inside a QBR Studio .qbr file, file format {SCHEMA_VERSION}. "
            "A .qbr file is a zip holding this review.json and the pictures it names under "
            "media/<name>; see docs/file-format.md."
        ),
    }
    generated.pop("title", None)
    return {**header, **generated}


def schema_text() -> str:
    """The schema as shipped: two-space indent, UTF-8, final newline."""
    return json.dumps(review_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to ``SCHEMA_PATH`` (or to the path given as the only argument)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, schema_text().encode("utf-8"))
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
