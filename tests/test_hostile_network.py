"""No run opens a network socket: import, build, demo, check and the window's start, with
``socket.socket`` (and the helpers built on it) made to fail the test if anything tries."""

from __future__ import annotations

import socket
from pathlib import Path

import ingest_fixtures as fx
import pytest

from qbr_studio.cli import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkUsed(f"a network socket was opened: {args}")

    class RefusingSocket(socket.socket):  # a class, so modules that subclass it still import
        def __init__(self, *args, **kwargs):
            refuse(*args)

    monkeypatch.setattr(socket, "socket", RefusingSocket)
    for name in ("create_connection", "getaddrinfo", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def test_the_guard_itself_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))
    assert no_network


def test_demo_new_import_build_check_open_no_socket(tmp_path: Path, no_network, monkeypatch):
    monkeypatch.setenv("QBR_STUDIO_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    review = tmp_path / "r.qbr"
    assert main(["new", "-o", str(review), "--csm", "Sam Ortiz", "--quarter", "2026-Q4"]) == 0
    crm = fx.crm_report(tmp_path / "crm.xlsx")
    assert main(["import", str(review), str(crm)]) == 0
    assert main(["build", str(review), "-o", str(tmp_path / "deck.pptx")]) == 0
    assert main(["check", str(tmp_path / "demo" / "sample_review.qbr")]) in (0, 1)
    assert no_network == []


@pytest.mark.qt
def test_the_window_starts_without_a_socket(qtbot, tmp_path: Path, no_network, monkeypatch):
    from qbr_studio.sample import build_sample_review
    from qbr_studio.storage import save_review
    from qbr_studio.ui.app import create_window

    monkeypatch.setenv("QBR_STUDIO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QBR_STUDIO_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "sample.qbr"
    save_review(path, build_sample_review())
    window = create_window(path, offer_recovery=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.plan is not None, timeout=20_000)
    assert no_network == []
