"""Pure calculations over the book of business: health, utilization, renewals, pipeline."""
