"""The deck's type scale and spacing (DECK.md "Look"): every size the composer uses."""

from __future__ import annotations

from qbr_studio.deck.geometry import inches, pt_to_emu

TITLE_SIZE = 28.0
TITLE_MIN = 24.0
TITLE_SLIDE_SIZE = 36.0
BODY_SIZE = 16.0
BODY_MIN = 14.0
"""Body text never shrinks below this; what doesn't fit continues on a "(cont.)" slide."""
TABLE_SIZE = 12.0
TABLE_MIN = 10.0
TABLE_ALONE_SIZE = 14.0
"""A table with a slide to itself (action items, the communication plan)."""
APPENDIX_SIZE = 11.0
"""Tables and text of the appendix's overflow (DECK.md allows 10–11 pt there only); main slides'
tables stay at ``TABLE_SIZE``."""
CHART_SIZE = 12.0
"""Chart labels, axes and legends."""
CHART_MIN_SIZE = 10.0
"""The smallest chart text (DECK.md: chart labels >= 10 pt): values inside stacked segments."""
CAPTION_SIZE = 10.0
"""Source lines under charts, footers."""
FIGURE_SIZE = 28.0
"""The big number on a figure tile."""
MAX_BODY_WORDS = 60
"""At most about this many words of narrative per slide; more continues on the next."""

INSET_X = 7.2
"""Text box left/right inset, points (PowerPoint's default 0.1 in)."""
INSET_Y = 3.6
"""Text box top/bottom inset, points (0.05 in)."""
BULLET_INDENT = 18.0
"""Hanging indent of a bulleted paragraph, points."""
CELL_MARGIN_X = 5.4
CELL_MARGIN_Y = 3.6
PARAGRAPH_GAP = 6.0
"""Space between paragraphs of narrative, points."""

GUTTER = inches(0.3)
"""Space between columns and between stacked blocks, EMU."""
CAPTION_H = pt_to_emu(CAPTION_SIZE * 1.22 + 2 * INSET_Y)
"""Height of a one-line caption box, EMU."""
LOGO_MAX_H = inches(0.8)
"""Tallest a customer's logo is drawn (above the deep dive's facts), EMU."""
LOGO_MAX_W = inches(2.6)
"""Widest a customer's logo is drawn, EMU (never wider than its column)."""

CHART_TITLE_SIZE = 14.0
"""Points: a chart's own title, bold."""
CHART_GAP_WIDTH = 60
"""Space between bar groups as a percentage of a bar's width."""
CHART_LINE_WIDTH = 2.5
"""Points: width of a line series."""
GRIDLINE_SHARE = 0.18
"""Gridlines are the text colour mixed this far into the background: visible, not loud."""
