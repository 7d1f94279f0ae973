"""The pages under AppTest: their caches emptied before each test, and what they offer to download, captured as the
bytes a user would get."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Pages keep reads per graph version (`queries.graphs.graph_version`), which every write of the app changes;
    a test's own Cypher may not, so each test starts with nothing kept from the one before."""
    st.cache_data.clear()


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """File name -> bytes of every file a page handed to ``st.download_button`` during the test."""
    offered: dict[str, bytes] = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        data = path_or_data if isinstance(path_or_data, bytes) else str(path_or_data).encode("utf-8")
        if filename:
            offered[filename] = data
        return keep(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    return offered
