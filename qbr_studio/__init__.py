"""QBR Studio: a CSM's quarterly peer-review deck from their spreadsheets and notes."""

__version__ = "0.1.0"
