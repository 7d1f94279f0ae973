"""The Profile page under AppTest on the sample data: the whole profile, and the pack it offers."""

import neo4j
import pytest

from tests.app.pages import app, texts

PACK_BUTTONS = [
    "Word (DOCX)",
    "Markdown",
    "PDF",
    "One page, Word (DOCX)",
    "One page, Markdown",
    "One page, PDF",
]


def test_profile_page_shows_the_whole_profile_and_offers_the_pack(sample_db):
    at = app("views/profile.py", id="pnp")
    assert not at.exception
    titles = " | ".join(s.value for s in at.subheader)
    for title in (
        "Relationships",
        "Summary",
        "Agreements and forums shared with the home set",
        "Engagement timeline",
        "Network",
        "Open gaps",
        "Lines of effort",
        "Suggested next contacts",
        "Data-quality notes",
        "Briefing pack",
    ):
        assert title in titles, title
    assert any(
        "Australian Federal Police" in " ".join(df.value.get("home set", []))
        for df in at.dataframe
        if "home set" in df.value.columns
    )
    assert len(at.get("image")) == 1  # the network picture
    labels = [b.proto.label for b in at.get("download_button")]
    assert [x for x in labels if x not in ("CSV", "XLSX")] == PACK_BUTTONS  # the tables have their own
    assert len(at.get("vega_lite_chart")) == 1  # the engagement timeline


def test_country_profile_lists_its_entities_and_offers_a_set_pack(sample_db):
    at = app("views/profile.py", id="PHL")
    assert not at.exception
    assert any(s.value == "Entities based or operating here" for s in at.subheader)
    assert at.checkbox(key="pack-members").label.startswith("Include its agencies")
    at.checkbox(key="pack-members").check().run()  # the set pack is built on the page, with a spinner
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert [x for x in labels if x not in ("CSV", "XLSX")] == PACK_BUTTONS  # the tables have their own


def _timeline(at):
    return next(df.value for df in at.dataframe if "through" in df.value.columns)


def test_country_profile_counts_its_agencies_engagements_and_says_through_whom(sample_db):
    at = app("views/profile.py", id="FJI", as_of="2025-12-31")
    assert not at.exception and at.toggle(key="profile-rollup").value is True
    suva = _timeline(at).set_index("engagement").loc["Cyber Safety Pasifika regional training, Suva"]
    assert (suva["date"], suva["home set"], suva["through"]) == (
        "2025-05-20",
        "Australian Federal Police",
        "Fiji Police Force",
    )
    summary = " ".join(m.value for m in at.markdown)
    assert "via Fiji Police Force" in summary and "No engagement with the home set" not in summary
    at.toggle(key="profile-rollup").set_value(False).run()
    assert not at.exception and at.query_params["rollup"] in ("off", ["off"])
    assert "No engagement with the home set is recorded up to 31 December 2025" in texts(at)


KINDS = [
    "Agency",
    "NGO",
    "Company",
    "Country",
    "Forum",
    "Program",
    "Agreement",
    "Engagement",
    "InternationalOrganisation",
]


@pytest.mark.parametrize("kind", KINDS)
def test_the_profile_of_every_kind_of_entity_opens_and_offers_its_pack(sample_db, kind):
    (entity,) = sample_db.execute_query(
        f"MATCH (n:{kind}) RETURN n.id AS id, n.name AS name ORDER BY n.id LIMIT 1",
        result_transformer_=neo4j.Result.data,
    )
    at = app("views/profile.py", id=entity["id"])
    assert not at.exception, kind
    assert entity["name"] in " ".join(str(t.value) for t in at.title) + texts(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert [x for x in labels if x not in ("CSV", "XLSX")] == PACK_BUTTONS  # the tables have their own


def test_a_crafted_id_in_the_url_is_shown_as_text(sample_db):
    from views.widgets import md_text

    crafted = "![x](http://127.0.0.1:9/pixel.png) [click](http://127.0.0.1:9/) **urgent**"
    at = app("views/profile.py", id=crafted)
    assert not at.exception
    said = [w.value for w in at.warning if "No entity with id" in w.value]
    assert said == [md_text(f"No entity with id {crafted!r}.")]  # escaped: no image, no link, no bold


def test_a_link_to_an_entity_beyond_the_pickers_list_opens_that_entity(sample_db, monkeypatch):
    from views import widgets

    monkeypatch.setattr(widgets, "PICKER_LIMIT", 3)  # the sample's 142 entities stand in for 100,000
    at = app("views/profile.py", id="pnp")
    assert not at.exception
    assert at.selectbox(key="profile-entity").value == "pnp"
    assert "Philippine National Police" in " ".join(str(t.value) for t in at.title) + texts(at)
