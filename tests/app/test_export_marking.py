"""The marking chosen in the sidebar is the one every download of the session carries, on any page."""

from graph.settings import SAMPLE_NOTICE
from tests.app.pages import app, texts


def _links_csv(downloads: dict[str, bytes]) -> bytes:
    found = [name for name in downloads if name.startswith("network-links-afp-") and name.endswith(".csv")]
    assert found, sorted(downloads)
    return downloads[found[-1]]


def test_the_sidebar_marking_goes_into_the_downloads_bytes(sample_db, downloads, monkeypatch):
    monkeypatch.setenv("SGE_MARKINGS", "OFFICIAL,OFFICIAL: Sensitive,PROTECTED")
    monkeypatch.delenv("SGE_MARKING", raising=False)
    at = app("views/network.py", id="afp", hops="1")
    assert not at.exception
    chooser = at.sidebar.selectbox(key="export-marking")
    assert chooser.options == ["OFFICIAL", "OFFICIAL: Sensitive", "PROTECTED"] and chooser.value == "OFFICIAL"
    first = _links_csv(downloads)
    assert first.startswith("\ufeff# Marking: OFFICIAL\n".encode()) and SAMPLE_NOTICE.encode() in first
    downloads.clear()
    chooser.set_value("PROTECTED").run()
    assert not at.exception
    assert _links_csv(downloads).startswith("\ufeff# Marking: PROTECTED\n".encode())
    downloads.clear()
    at.query_params["id"] = "afp"
    at.switch_page("views/profile.py").run()  # another page, the same session: the same marking
    assert not at.exception
    assert "Marked **PROTECTED**" in texts(at)
    relationships = [
        data for name, data in downloads.items() if name.startswith("relationships-afp-") and name.endswith(".csv")
    ]
    assert relationships and all(data.startswith("\ufeff# Marking: PROTECTED\n".encode()) for data in relationships)
