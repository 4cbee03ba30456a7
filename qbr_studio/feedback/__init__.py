"""Peer feedback on a review: immutable events, one sidecar file per reviewer, the rubric."""

from __future__ import annotations
