"""The realistic sample review that ``qbr-studio demo`` ships (fictional company and customers)."""

from qbr_studio.sample.generate import build_sample_review

__all__ = ["build_sample_review"]
