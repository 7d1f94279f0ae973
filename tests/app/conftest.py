"""The pages under AppTest: their caches emptied before each test, and what they offer to download, captured as the
bytes a user would get."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
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


@pytest.fixture
def press_downloads(monkeypatch, downloads):
    """Presses the download buttons whose file is made when pressed (`views.widgets.lazy_downloads`): a call asks
    the run's media manager to make each file offered since the last call, as a click does, which puts it in
    `downloads`, and returns the files' names."""
    waiting: dict[str, tuple[MediaFileManager, str]] = {}
    keep = MediaFileManager.add_deferred

    def add_deferred(self, *args, **kwargs):
        file_id = keep(self, *args, **kwargs)
        waiting[kwargs.get("file_name") or file_id] = (self, file_id)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)

    def press() -> list[str]:
        pressed = sorted(waiting)
        for manager, file_id in waiting.values():
            manager.execute_deferred(file_id)
        waiting.clear()
        return pressed

    return press
