"""Streamlit's grid "Download as CSV" writes cells as they are, so the app turns it off (client.disableDataExport)
and puts its own CSV and XLSX beside the grids of user data, formula-like cells neutralised."""

import csv
import io
import tomllib

from tests.app.pages import app
from tests.conftest import ROOT

FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","click")'


def test_the_grids_own_csv_download_is_off():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True


def _cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def test_network_links_and_profile_relationships_offer_neutralised_downloads(sample_db, downloads):
    with sample_db.session() as s:
        s.run("MATCH (:Entity {id: 'afp'})-[r]-() SET r.notes = $notes", notes=FORMULA).consume()
    network = app("views/network.py", id="afp", hops="1")
    profile = app("views/profile.py", id="afp")
    assert not network.exception and not profile.exception
    links = [name for name in downloads if name.startswith("network-links-afp-") and name.endswith(".csv")]
    relationships = [name for name in downloads if name.startswith("relationships-afp-") and name.endswith(".csv")]
    assert links and relationships
    for name in [*links, *relationships]:
        cells = _cells(downloads[name])
        assert "'" + FORMULA in cells, name  # the note is there, neutralised
        assert not [c for c in cells if c[:1] in ("=", "+", "@")], name


def test_links_files_made_when_pressed_are_neutralised_too(sample_db, downloads, press_downloads, monkeypatch):
    import views.widgets

    with sample_db.session() as s:
        s.run("MATCH (:Entity {id: 'afp'})-[r]-() SET r.notes = $notes", notes=FORMULA).consume()
    monkeypatch.setattr(views.widgets, "EAGER_ROWS", 0)  # every table counts as large: its files wait for a press
    network = app("views/network.py", id="afp", hops="1")
    assert not network.exception
    assert not [name for name in downloads if name.startswith("network-links-afp-")]
    pressed = [name for name in press_downloads() if name.startswith("network-links-afp-")]
    assert {name.rsplit(".", 1)[1] for name in pressed} == {"csv", "xlsx"}
    cells = _cells(downloads[next(name for name in pressed if name.endswith(".csv"))])
    assert "'" + FORMULA in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]
