"""Template reading: a .pptx/.potx → its layouts, rectangles, fonts, palettes and backdrops."""
