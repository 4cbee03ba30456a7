"""Where the app starts: the user's own copy of the bundled sample review.

The sample is generated once into the state folder (never into the package, which may be
read-only and is replaced on upgrade), so a newcomer sees a complete example at once and
their edits to it are kept like any other review's. Saving it, or building its deck, goes
to the user's documents folder instead: the state folder is hidden.
"""

from __future__ import annotations

from pathlib import Path

from qbr_studio.paths import documents_dir, state_dir

SAMPLE_NAME = "Sample review.qbr"


def sample_review_path() -> Path:
    """The user's copy of the sample review, written on first use.

    Raises UserError if the state folder can't be written.
    """
    from qbr_studio.errors import UserError, os_reason
    from qbr_studio.sample import build_sample_review
    from qbr_studio.storage import save_review

    path = _sample_path()
    if not path.is_file():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserError(
                f"Could not create {path.parent}: {os_reason(err, path.parent, writing=True)}."
            ) from err
        save_review(path, build_sample_review())
    return path


def _sample_path() -> Path:
    return state_dir() / "sample" / SAMPLE_NAME


def is_sample(path: Path | None) -> bool:
    """True if ``path`` is the user's copy of the bundled sample (in the hidden state folder)."""
    return path is not None and Path(path).resolve() == _sample_path().resolve()


def default_folder(review_path: Path | None) -> Path:
    """Where a review's saves and outputs go by default: the review's own folder, or the
    user's documents folder for a new review and for the sample."""
    if review_path is not None and not is_sample(review_path):
        return Path(review_path).parent
    folder = documents_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder
