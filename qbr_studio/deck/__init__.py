"""Review → slide plan (laid out, measured, paginated) → writers."""
