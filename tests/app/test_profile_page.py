"""The Profile page under AppTest on the sample data: the whole profile, and the pack it offers."""

from tests.app.pages import app


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
    assert [b.proto.label for b in at.get("download_button")] == ["Word (DOCX)", "Markdown", "PDF"]
    assert len(at.get("vega_lite_chart")) == 1  # the engagement timeline


def test_country_profile_lists_its_entities_and_offers_a_set_pack(sample_db):
    at = app("views/profile.py", id="PHL")
    assert not at.exception
    assert any(s.value == "Entities based or operating here" for s in at.subheader)
    assert at.checkbox(key="pack-members").label.startswith("Include its agencies")
