"""Where the app starts: the user's own copy of the bundled sample review.

The sample is generated once into the state folder (never into the package, which may be
read-only and is replaced on upgrade), so a newcomer sees a complete example at once and
their edits to it are kept like any other review's.
"""

from __future__ import annotations

from pathlib import Path

from qbr_studio.paths import state_dir

SAMPLE_NAME = "Sample review.qbr"


def sample_review_path() -> Path:
    """The user's copy of the sample review, written on first use.

    Raises UserError if the state folder can't be written.
    """
    from qbr_studio.errors import UserError
    from qbr_studio.sample import build_sample_review
    from qbr_studio.storage import save_review

    path = state_dir() / "sample" / SAMPLE_NAME
    if not path.is_file():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserError(f"Could not create {path.parent}: {err.strerror}.") from err
        save_review(path, build_sample_review())
    return path
