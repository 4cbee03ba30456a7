"""`team status` keeps what it learnt of each review in the user's state folder and opens
only the reviews that changed since: the same answer, a changed file read again, a changed
pack or code making the kept statuses stale, a damaged cache ignored, nothing written into
the team folder."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from team_fixtures import CSMS, csm_review, make_team_folder, snapshot

from qbr_studio.storage import review_to_bytes, save_review
from qbr_studio.team import collect as collect_module
from qbr_studio.team import status_cache
from qbr_studio.team.collect import collect_all
from qbr_studio.team.pack import TeamPack, save_pack
from qbr_studio.team.report import status_dict


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files ``team status`` opens as reviews."""
    names: list[str] = []
    load = collect_module.load_review

    def counted(path: Path):
        names.append(path.name)
        return load(path)

    monkeypatch.setattr(collect_module, "load_review", counted)
    return names


def _status(folder: Path) -> dict[str, object]:
    return status_dict(collect_all([folder], keep=False))


def test_an_unchanged_review_is_not_opened_again(tmp_path: Path, opened: list[str]) -> None:
    folder = make_team_folder(tmp_path / "team", count=4)
    before = snapshot(folder)
    first = _status(folder)
    reviews = sorted(opened)
    assert "maya.qbr" in reviews and "liam.qbr" in reviews
    opened.clear()
    again = _status(folder)
    assert again == first  # the same answer, findings and older-format notes included
    # only what was not a good review is opened again (a damaged file, a newer format)
    assert sorted(opened) == ["broken.qbr", "future.qbr"]
    assert snapshot(folder) == before  # the cache lives in the user's state folder
    assert status_cache.cache_file(folder).is_relative_to(Path(os.environ["QBR_STUDIO_STATE_DIR"]))


def test_a_changed_or_replaced_review_is_read_again(tmp_path: Path, opened: list[str]) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    save_review(folder / "maya.qbr", csm_review(CSMS[0], 0, complete=False))
    save_review(folder / "liam.qbr", csm_review(CSMS[1], 1))
    _status(folder)
    opened.clear()
    maya = folder / "maya.qbr"
    maya.write_bytes(_variant(10, 0))  # now complete
    status = _status(folder)
    assert opened == ["maya.qbr"]
    csms = {c["csm"]: c for c in status["folders"][0]["csms"]}  # type: ignore[index]
    assert csms["Maya Okafor"]["complete"]
    # replaced by a sync client with a file of the same size, keeping the old time
    old, size = maya.stat(), maya.stat().st_size
    data, day = _same_size(size)
    (folder / "incoming.part").write_bytes(data)
    os.replace(folder / "incoming.part", maya)
    os.utime(maya, ns=(old.st_atime_ns, old.st_mtime_ns))
    opened.clear()
    status = _status(folder)
    assert opened == ["maya.qbr"]
    csms = {c["csm"]: c for c in status["folders"][0]["csms"]}  # type: ignore[index]
    assert csms["Maya Okafor"]["review"]["meeting_date"] == f"2026-12-{day}"


def _variant(day: int, n: int) -> bytes:
    """Maya's complete review meeting on ``day`` December, its company numbered ``n``."""
    review = csm_review(CSMS[0], 0)
    review.meta.meeting_date = dt.date(2026, 12, day)
    review.meta.company = f"Northwind {n:03d}"
    return review_to_bytes(review)


def _same_size(size: int) -> tuple[bytes, int]:
    """A variant meeting on another day at exactly ``size`` bytes (the company's number
    varied until the compressed file comes out that long)."""
    for day in range(11, 28):
        for n in range(200):
            data = _variant(day, n)
            if len(data) == size:
                return data, day
    raise AssertionError(f"no variant of {size} bytes")


def test_a_changed_pack_makes_the_kept_statuses_stale(tmp_path: Path, opened: list[str]) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    save_review(folder / "maya.qbr", csm_review(CSMS[0], 0))
    _status(folder)
    opened.clear()
    pack = TeamPack.model_validate({"team": "Enterprise East", "required_fields": ["meta.company"]})
    save_pack(folder / "team.qbrteam", pack)
    status = _status(folder)
    assert opened == ["maya.qbr"]
    (maya,) = status["folders"][0]["csms"]  # type: ignore[index]
    assert maya["review"]["missing"] == ["Overview › Company: the team's standard requires it"]


def test_a_damaged_or_foreign_cache_is_ignored(
    tmp_path: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    save_review(folder / "maya.qbr", csm_review(CSMS[0], 0))
    first = _status(folder)
    kept = status_cache.cache_file(folder)
    kept.write_text("{not json", "utf-8")
    opened.clear()
    assert _status(folder) == first and opened == ["maya.qbr"]
    raw = json.loads(kept.read_text("utf-8"))
    (entry,) = raw["entries"].values()
    entry["findings"] = [["Review", "meta.team", "made up"]]
    kept.write_text(json.dumps(raw), "utf-8")
    monkeypatch.setattr(status_cache, "CACHE_FORMAT", 99)  # another version of the code
    status_cache.code_fingerprint.cache_clear()
    opened.clear()
    assert _status(folder) == first and opened == ["maya.qbr"]
    status_cache.code_fingerprint.cache_clear()


def test_the_cache_is_written_whole_but_not_flushed_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushed.append(fd), fsync(fd)))
    folder = tmp_path / "team"
    folder.mkdir()
    save_review(folder / "maya.qbr", csm_review(CSMS[0], 0))
    assert flushed  # a review's save is durable
    flushed.clear()
    first = _status(folder)
    assert not flushed and status_cache.cache_file(folder).is_file()
    assert not list(status_cache.cache_file(folder).parent.glob("*.tmp"))
    assert _status(folder) == first
