"""Review → slide plan (laid out, measured, paginated) → writers.

``reading/`` describes the template, ``planning/`` assembles a review's parts onto it into a
:class:`~qbr_studio.deck.plan.DeckPlan`, ``writing/`` turns the plan into a .pptx;
:mod:`qbr_studio.deck.produce` ties them together. The plan (``plan.py``), geometry, colours,
text measuring (``fit.py``) and the type scale (``style.py``) are shared by all three and by the
app's painters. See ``docs/ARCHITECTURE.md``.
"""
