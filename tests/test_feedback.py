"""Peer feedback: immutable events in one sidecar per reviewer, merged as a set in any order;
corrupt, newer and detached notes reported and kept; `annotate` writes only the sidecar."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbr_studio.cli import main
from qbr_studio.feedback.events import FeedbackEvent, Kind, is_detached, merge, new_event
from qbr_studio.feedback.sidecar import (
    FORMAT,
    add_events,
    gather,
    load_sidecar,
    sidecar_bytes,
    sidecar_path,
)
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review

REVIEWERS = ("Dana O'Neil", "Lee", "Sam Ng")


@pytest.fixture
def review_file(tmp_path: Path) -> Path:
    path = tmp_path / "q4.qbr"
    save_review(path, build_sample_review())
    return path


def three_reviewers_offline(review_file: Path, copies: Path) -> list[Path]:
    """Each reviewer annotates their own copy of the review; their sidecars come back."""
    sidecars = []
    for number, author in enumerate(REVIEWERS):
        folder = copies / f"copy{number}"
        folder.mkdir(parents=True)
        copy = folder / review_file.name
        shutil.copy(review_file, copy)
        add_events(
            copy,
            author,
            [
                new_event(author, Kind.COMMENT, target="achievements[0]", text=f"{author} 1"),
                new_event(author, Kind.SCORE, area="business", score=number + 2, text="why"),
            ],
        )
        sidecars.append(sidecar_path(copy, author))
    return sidecars


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_order_of_arrival_and_duplicates_give_the_same_feedback(tmp_path, data):
    review = tmp_path / "q4.qbr"
    if not review.exists():
        save_review(review, build_sample_review())
        three_reviewers_offline(review, tmp_path / "copies")
    sidecars = sorted((tmp_path / "copies").rglob("*.json"))
    expected = gather(review, sidecars).events
    assert len(expected) == 6 and {e.author for e in expected} == set(REVIEWERS)
    arrival = data.draw(st.permutations(sidecars + data.draw(st.lists(st.sampled_from(sidecars)))))
    assert gather(review, arrival).events == expected
    loaded = [load_sidecar(path).events for path in arrival]
    assert merge(*loaded) == merge(*reversed(loaded)) == expected


def test_every_order_of_syncing_into_one_folder_gives_the_same_feedback(review_file, tmp_path):
    sidecars = three_reviewers_offline(review_file, tmp_path / "copies")
    results = set()
    for order in itertools.permutations(sidecars):
        folder = tmp_path / "synced" / str(len(results) + hash(order) % 1000)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(review_file, folder / review_file.name)
        for path in order:
            shutil.copy(path, folder / path.name)
        results.add(gather(folder / review_file.name).events)
    assert len(results) == 1 and len(next(iter(results))) == 6


def test_a_sidecar_round_trips_and_the_same_events_give_the_same_bytes():
    events = [new_event("Lee", Kind.COMMENT, target="meta", text="ok") for _ in range(3)]
    assert sidecar_bytes("Lee", events) == sidecar_bytes("Lee", reversed(events + events))
    raw = json.loads(sidecar_bytes("Lee", events))
    assert raw["format"] == FORMAT and raw["version"] == 2 and len(raw["events"]) == 3


def test_names_of_sidecars(review_file):
    assert sidecar_path(review_file, "Dana O'Neil").name == "q4.qbr.feedback-dana-o-neil.json"


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def good(author: str = "Lee") -> dict:
    return new_event(author, Kind.COMMENT, target="meta", text="kept").to_json()


def test_a_corrupt_sidecar_is_reported_and_the_others_still_read(review_file):
    write(sidecar_path(review_file, "Broken"), "{not json")
    add_events(review_file, "Lee", [FeedbackEvent(**{**good(), "kind": Kind.COMMENT})])
    loaded = gather(review_file)
    assert [e.author for e in loaded.events] == ["Lee"]
    assert (
        len(loaded.problems) == 1
        and "feedback-broken.json: is not a feedback file" in (loaded.problems[0])
    )


def test_bad_events_are_named_and_the_valid_ones_kept(review_file):
    bad = {"time": "yesterday", "id": "x", "author": "Lee", "kind": "comment"}
    path = write(
        sidecar_path(review_file, "Lee"),
        {"format": FORMAT, "version": 1, "events": [good(), bad, {**good(), "kind": "shout"}]},
    )
    loaded = load_sidecar(path)
    assert [e.text for e in loaded.events] == ["kept"]
    assert loaded.problems[0].endswith(
        "events[1] time 'yesterday' is not an ISO 8601 time; that note is left out."
    )
    assert "events[2] kind must be one of comment" in loaded.problems[1]


def test_a_newer_sidecar_is_reported_its_notes_kept_and_never_overwritten(review_file):
    path = write(
        sidecar_path(review_file, "Lee"), {"format": FORMAT, "version": 9, "events": [good()]}
    )
    loaded = load_sidecar(path)
    assert len(loaded.events) == 1 and "newer QBR Studio (feedback format 9" in loaded.problems[0]
    before = path.read_bytes()
    with pytest.raises(Exception, match="left as it is"):
        add_events(review_file, "Lee", [new_event("Lee", Kind.COMMENT, text="more")])
    assert path.read_bytes() == before


def test_notes_on_something_deleted_are_detached_not_dropped(review_file):
    on = 'achievements["ach-4"]'
    add_events(review_file, "Lee", [new_event("Lee", Kind.COMMENT, target=on)])
    review = build_sample_review()
    (event,) = gather(review_file).events
    assert not is_detached(event, review)
    del review.achievements[3:]
    assert is_detached(event, review)
    assert gather(review_file).events == (event,)


def test_annotate_writes_only_the_reviewers_sidecar(review_file, capsys):
    before = review_file.read_bytes()
    args = ["annotate", str(review_file), "--as", "Lee", "--on", "achievements[1].title"]
    assert main([*args, "--comment", "Which quarter?"]) == 0
    assert (
        main(
            [
                "annotate",
                str(review_file),
                "--as",
                "Lee",
                "--score",
                "playbook=4",
                "--comment",
                "clear plays",
            ]
        )
        == 0
    )
    assert review_file.read_bytes() == before
    events = gather(review_file).events
    assert [(e.kind, e.target, e.text) for e in events] == [
        (Kind.COMMENT, 'achievements["ach-2"].title', "Which quarter?"),
        (Kind.SCORE, "", "clear plays"),
    ]
    assert events[1].area == "playbook" and events[1].score == 4
    comment = events[0].id
    assert (
        main(
            ["annotate", str(review_file), "--as", "Ana", "--reply-to", comment, "--comment", "Q3"]
        )
        == 0
    )
    assert main(["annotate", str(review_file), "--as", "Ana", "--resolve", comment]) == 0
    replies = [e for e in gather(review_file).events if e.author == "Ana"]
    assert [(e.kind, e.parent, e.target) for e in replies] == [
        (Kind.REPLY, comment, 'achievements["ach-2"].title'),
        (Kind.RESOLVE, comment, 'achievements["ach-2"].title'),
    ]
    assert sidecar_path(review_file, "Ana").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--on", "achievements[99]", "--comment", "x"], 'has nothing at "achievements[99]"'),
        (["--on", "a[[", "--comment", "x"], '"a[[" is not a path into the review'),
        (["--score", "charm=3"], '"charm" is not a rubric area'),
        (["--score", "business=6"], "must be 1 to 5 (found 6)"),
        (["--resolve", "nope"], "no comment with id nope"),
        ([], "Nothing to note"),
    ],
)
def test_annotate_refuses_bad_input_with_exit_2(review_file, capsys, extra, message):
    assert main(["annotate", str(review_file), "--as", "Lee", *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not sidecar_path(review_file, "Lee").exists()
