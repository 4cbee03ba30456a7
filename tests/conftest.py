from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real user's config and recovery folders."""
    monkeypatch.setenv("QBR_STUDIO_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("QBR_STUDIO_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("QBR_STUDIO_DOCUMENTS_DIR", str(tmp_path_factory.mktemp("documents")))
