"""Planning: a review on a template → the slide plan (every element placed and measured)."""
