"""Notes follow items by id, never by position: deleting, inserting, moving or duplicating
items detaches a note or leaves it on its item, it never re-points it; notes of format 1
(positions) read as detached; `coach` marks scores on deleted items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbr_studio.cli import main
from qbr_studio.document import Document
from qbr_studio.errors import UserError
from qbr_studio.feedback.anchors import anchor, describe, locate, target_for
from qbr_studio.feedback.coaching import roll_up
from qbr_studio.feedback.events import Kind, event_from_json, is_detached, merge, new_event
from qbr_studio.feedback.sidecar import FORMAT, add_events, gather, load_sidecar, sidecar_bytes
from qbr_studio.feedback.views import Grouping, grouped
from qbr_studio.model import Achievement, ActionItem, Meta, Revenue, Review, StakeholderNote
from qbr_studio.model.review import DeepDive
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review

LISTS = ("achievements", "revenue.action_items", "deep_dive.stakeholders")


def tiny_review() -> Review:
    return Review(
        meta=Meta(csm="Ana", quarter="2026-Q4"),
        achievements=[Achievement(title=f"Win {i}") for i in range(3)],
        revenue=Revenue(action_items=[ActionItem(text=f"Do {i}") for i in range(3)]),
        deep_dive=DeepDive(stakeholders=[StakeholderNote(name=f"Person {i}") for i in range(3)]),
    )


def test_a_note_names_its_item_by_id_and_finds_it_after_a_move():
    review = tiny_review()
    first = review.achievements[0]
    target = anchor(review, "achievements[0].title")
    assert target == f'achievements["{first.id}"].title'
    review.achievements.reverse()
    assert locate(review, target) == "achievements[2].title"
    del review.achievements[2]
    assert locate(review, target) is None  # gone: detached, not the next achievement


def test_an_item_without_an_id_is_named_by_its_content():
    review = tiny_review()
    target = anchor(review, "deep_dive.stakeholders[1].name")
    assert target.startswith("deep_dive.stakeholders[#") and target.endswith("].name")
    review.deep_dive.stakeholders.insert(0, StakeholderNote(name="New"))
    assert locate(review, target) == "deep_dive.stakeholders[2].name"
    review.deep_dive.stakeholders[2].role = "CFO"  # edited: it can't be told from another now
    assert locate(review, target) is None


def test_items_that_cannot_be_told_apart_are_refused_and_detach_older_notes():
    review = tiny_review()
    target = anchor(review, "achievements[1]")
    review.achievements.append(review.achievements[1].model_copy())  # the same id twice
    assert locate(review, target) is None
    with pytest.raises(UserError, match=r"achievements\[1\] cannot be told apart"):
        anchor(review, "achievements[1]")
    with pytest.raises(LookupError):
        target_for(review, "achievements[9]")
    with pytest.raises(ValueError):
        target_for(review, "achievements[[")
    assert target_for(review, "meta.csm") == "meta.csm"


def test_a_typed_target_that_already_names_items_is_kept_if_it_is_there():
    review = tiny_review()
    target = anchor(review, "revenue.action_items[2].owner")
    assert target_for(review, target) == target
    with pytest.raises(LookupError):
        target_for(review, 'revenue.action_items["nope"]')


OPS = st.lists(
    st.tuples(
        st.sampled_from(("note", "delete", "insert", "move", "duplicate_id", "undo", "merge")),
        st.sampled_from(LISTS),
        st.integers(0, 5),
        st.integers(0, 5),
        st.sampled_from(("Dana", "Lee", "Sam")),
    ),
    max_size=30,
)


@settings(max_examples=120, deadline=None)
@given(ops=OPS, order=st.randoms(use_true_random=False))
def test_no_order_of_merges_and_edits_ever_re_points_a_note(ops, order):
    doc = Document()
    doc.load(tiny_review())
    sidecars: dict[str, list] = {"Dana": [], "Lee": [], "Sam": []}
    arrived: tuple = ()
    removed: list[tuple[str, int, object]] = []
    truth: dict[str, object] = {}  # note id → the very item object it was written on

    def check(events) -> None:
        for event in events:
            item = truth[event.id]
            siblings = doc.value(event.target.split("[")[0])
            if getattr(item, "id", ""):
                # an id names its item: a copy made with the same id (duplicate_id) is that
                # item too, so once the original is gone the copy carries its notes
                alike = [other for other in siblings if other.id == item.id]
                present = bool(alike)
            else:
                # no id: its content names it, so an item made again with the very same
                # content (deleted, then a new "Person 0") is that item too
                alike = [other for other in siblings if other == item]
                present = bool(alike)
            where = locate(doc.review, event.target)
            assert (where is not None) == (present and len(alike) == 1)
            if where is not None:  # attached: to the very item it was written on (or its copy)
                assert doc.value(where) is item or doc.value(where) is alike[0]

    for kind, where, first, second, author in ops:
        items = doc.value(where)
        if kind == "note" and items:
            path = f"{where}[{first % len(items)}]"
            try:
                target = anchor(doc.review, path)
            except UserError:
                continue  # two items alike: refused, never attached to one of them
            event = new_event(author, Kind.COMMENT, target=target, text=path)
            truth[event.id] = doc.value(path)
            sidecars[author].append(event)
        elif kind == "delete" and items:
            index = first % len(items)
            removed.append((where, index, doc.remove_item(where, index)))
        elif kind == "undo" and removed:
            back_to, index, item = removed.pop()
            doc.insert_item(back_to, min(index, len(doc.value(back_to))), item)
        elif kind == "insert":
            fresh = {
                "achievements": Achievement(title="new"),
                "revenue.action_items": ActionItem(text="new"),
                "deep_dive.stakeholders": StakeholderNote(name="Person 0"),
            }[where]
            doc.insert_item(where, first % (len(items) + 1), fresh)
        elif kind == "duplicate_id" and items:
            doc.insert_item(where, len(items), items[first % len(items)].model_copy())
        elif kind == "move" and len(items) > 1:
            doc.move_item(where, first % len(items), second % len(items))
        elif kind == "merge":
            arrived = merge(arrived, sidecars[author])
            check(arrived)
    sources = [tuple(events) for events in sidecars.values() if events]
    order.shuffle(sources)
    every = merge(*sources, *sources[:1])
    assert every == merge(*reversed(sources))
    check(every)
    for author, events in sidecars.items():  # through the file format and back
        raw = json.loads(sidecar_bytes(author, events))["events"]
        assert merge(event_from_json(item) for item in raw) == merge(events)


@pytest.fixture
def review_file(tmp_path: Path) -> Path:
    path = tmp_path / "q4.qbr"
    save_review(path, build_sample_review())
    return path


def test_a_format_1_sidecar_that_named_positions_reads_as_detached(review_file):
    old = new_event("Lee", Kind.COMMENT, target="achievements[0].title", text="by position")
    whole = new_event("Lee", Kind.COMMENT, target="revenue.renewals_story", text="a field")
    path = review_file.with_name(review_file.name + ".feedback-lee.json")
    path.write_text(
        json.dumps(
            {
                "format": FORMAT,
                "version": 1,
                "author": "Lee",
                "events": [old.to_json(), whole.to_json()],
            }
        )
    )
    loaded = load_sidecar(path)
    assert loaded.problems == [] and len(loaded.events) == 2
    review = build_sample_review()
    assert is_detached(old, review) and not is_detached(whole, review)
    headings = [heading for heading, _ in grouped(loaded.events, review, Grouping.TARGET)]
    assert "achievements[0].title (detached: an older note by position" in headings[0]
    assert headings[1] == "revenue.renewals_story"
    add_events(review_file, "Lee", [new_event("Lee", Kind.COMMENT, text="new")])
    assert json.loads(path.read_text())["version"] == 2
    assert {e.text for e in gather(review_file).events} == {"by position", "a field", "new"}


def test_deleting_an_item_detaches_its_note_in_the_panel_grouping_and_in_coach(
    review_file, tmp_path, capsys
):
    lee = ["annotate", str(review_file), "--as", "Lee", "--on"]
    assert main([*lee, "achievements[1]", "--score", "business=2", "--comment", "thin"]) == 0
    assert main([*lee, "achievements[2]", "--comment", "nice"]) == 0
    review = build_sample_review()
    del review.achievements[1]
    save_review(review_file, review)
    events = gather(review_file).events
    headings = [heading for heading, _ in grouped(events, review, Grouping.TARGET)]
    assert headings == [
        "achievements[…] (detached: no longer in the review)",
        'achievements[1] "Live spoilage alerts from trailer sensors"',
    ]
    assert describe(review, events[1].target) == headings[1]
    (row,), problems = roll_up(tmp_path)
    assert problems == [] and row.comments == (
        "Lee: thin (detached: on something no longer in the review)",
    )
    capsys.readouterr()
    assert main(["coach", str(tmp_path), "-o", str(tmp_path / "coach.xlsx")]) == 0
    assert "1 of the scores are on something no longer in its review (detached)" in (
        capsys.readouterr().out
    )
