"""What to draw (ChartSpec), built from the review's data; renderers live with their backends."""
