"""The deck's zip is written by ``deck/writing/zip_writer.py`` byte for byte as
``zipfile.ZipFile.writestr`` writes it, with a template's parts deflated once and kept by their
bytes; the relationships and content types are written out directly as lxml serialises them."""

from __future__ import annotations

import io
import threading
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.opc.packuri import PackURI

from qbr_studio.deck.writing import package_writer, zip_writer
from qbr_studio.deck.writing.zip_writer import DeflatedParts, write_zip

NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/\\"),
    min_size=1,
    max_size=20,
)
DATA = st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(str.encode))


def _zipfile(members, prefix: bytes = b"") -> bytes:
    out = io.BytesIO(prefix)
    out.seek(len(prefix))
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, strict_timestamps=False) as z:
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()


def _ours(members, kept=(), parts=None, prefix: bytes = b"") -> bytes:
    out = io.BytesIO(prefix)
    out.seek(len(prefix))
    write_zip(out, members, kept, parts or DeflatedParts())
    return out.getvalue()


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1_765_000_000.0)


@settings(max_examples=120, deadline=None)
@given(
    members=st.lists(st.tuples(NAMES, DATA), max_size=8, unique_by=lambda m: m[0]),
    prefix=st.sampled_from([b"", b"x" * 37]),
    keep=st.booleans(),
)
def test_the_zip_is_zipfiles_to_the_byte(members, prefix, keep) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(time, "time", lambda: 1_765_000_000.0)
        kept = {name for name, _ in members} if keep else ()
        parts = DeflatedParts()
        first = _ours(members, kept, parts, prefix)
        assert first == _zipfile(members, prefix)
        assert _ours(members, kept, parts, prefix) == first  # from the kept deflated bytes


def test_a_stream_that_cannot_seek_gets_zipfiles_own_zip(fixed_clock) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, b) -> int:
            self.data += b
            return len(b)

    members = [("a.xml", b"<a/>" * 50), ("b/c.bin", bytes(range(256)))]
    ours, theirs = Pipe(), Pipe()
    write_zip(ours, members)
    with zipfile.ZipFile(theirs, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    assert bytes(ours.data) == bytes(theirs.data)
    with zipfile.ZipFile(io.BytesIO(bytes(ours.data))) as z:
        assert [z.read(n) for n, _ in members] == [d for _, d in members]


def test_kept_parts_are_kept_by_their_bytes_and_within_the_budget() -> None:
    parts = DeflatedParts(budget=3000)
    one, two = b"a" * 1000, b"b" * 1000
    assert parts.get(one) == (zip_writer.zlib.crc32(one), zip_writer.deflate(one))
    assert parts.get(one) is parts.get(one)  # kept
    assert parts.get(b"a" * 999 + b"c")[1] == zip_writer.deflate(b"a" * 999 + b"c")  # not one's
    parts.get(two)
    parts.get(b"c" * 2000)  # over the budget: the least recently used go first
    assert parts._held <= 3000
    assert one not in parts._kept
    parts.get(b"d" * 5000)  # larger than the whole budget: deflated, not kept
    assert b"d" * 5000 not in parts._kept


def test_kept_parts_can_be_shared_between_threads() -> None:
    parts = DeflatedParts(budget=20_000)
    blobs = [bytes([i]) * (500 + i) for i in range(40)]
    wrong: list[bytes] = []

    def work() -> None:
        for _ in range(20):
            for blob in blobs:
                if parts.get(blob) != (zip_writer.zlib.crc32(blob), zip_writer.deflate(blob)):
                    wrong.append(blob)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong and parts._held <= 20_000
    assert parts._held == sum(len(k) + len(v[1]) for k, v in parts._kept.items())


def test_only_the_members_said_to_be_the_templates_are_kept(fixed_clock) -> None:
    parts = DeflatedParts()
    members = [("layout.xml", b"<l/>" * 40), ("slide.xml", b"<s/>" * 40)]
    _ours(members, {"layout.xml"}, parts)
    assert list(parts._kept) == [b"<l/>" * 40]


VALUES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
).filter(lambda v: all(c in "\t\n\r" or ord(c) >= 0x20 for c in v))


class _Rel:
    def __init__(self, r_id: str, reltype: str, target: str, external: bool) -> None:
        self.rId, self.reltype, self.is_external = r_id, reltype, external
        self.target_ref = target if external else None
        self.target_partname = None if external else PackURI(target)


PARTNAMES = st.sampled_from(
    ["/ppt/slides/slide1.xml", "/ppt/slideLayouts/slideLayout2.xml", "/ppt/media/a b&c.png"]
)
BASES = st.sampled_from(["/", "/ppt", "/ppt/slides", "/ppt/notesSlides"])


@settings(max_examples=200, deadline=None)
@given(
    rels=st.lists(
        st.tuples(st.integers(1, 40), VALUES, st.one_of(VALUES, PARTNAMES), st.booleans()),
        max_size=6,
        unique_by=lambda r: r[0],
    ),
    base=BASES,
)
def test_relationships_are_what_lxml_writes(rels, base) -> None:
    rels = [(n, t, target, ext or not target.startswith("/")) for n, t, target, ext in rels]
    mapping = {f"rId{n}": _Rel(f"rId{n}", t, target, ext) for n, t, target, ext in rels}
    children = []
    for n, t, target, ext in sorted(rels):
        ref = target if ext else PackURI(target).relative_ref(base)  # python-pptx's target_ref
        attributes = {"Id": f"rId{n}", "Type": t, "Target": ref}
        children.append(
            ("Relationship", {**attributes, **({"TargetMode": "External"} if ext else {})})
        )
    ns = package_writer.RELATIONSHIPS_NS
    assert package_writer.relationships(mapping, base) == package_writer._lxml_item(
        "Relationships", ns, children
    )


@settings(max_examples=200, deadline=None)
@given(
    children=st.lists(
        st.tuples(
            st.sampled_from(["Default", "Override"]),
            st.dictionaries(
                st.sampled_from(["Extension", "PartName", "ContentType"]), VALUES, max_size=2
            ),
        ),
        max_size=5,
    )
)
def test_items_written_out_directly_are_what_lxml_writes(children) -> None:
    ns = package_writer.CONTENT_TYPES_NS
    assert package_writer._item("Types", ns, children) == package_writer._lxml_item(
        "Types", ns, children
    )
