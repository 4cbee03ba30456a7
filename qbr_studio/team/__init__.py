"""The team's meeting: a folder of CSMs' reviews collected read-only (:mod:`.collect`), the
meeting deck assembled from them on one canvas (:mod:`.meeting`, slides in :mod:`.slides`,
team figures in :mod:`.rollup`), and the year's presenting plan (:mod:`.year_plan`).

Nothing here ever writes into a CSM's file or folder.
"""
