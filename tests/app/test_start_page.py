"""The Overview as a start page: the team's answers at a glance agree with the Gaps page they link to, the top
gaps are the Gaps page's first rows, and counts and checks read in words."""

from __future__ import annotations

import pytest

from tests.app.pages import app, texts
from tests.app.test_gaps_page import gaps_page


@pytest.fixture
def overview(sample_db):
    at = app()
    assert not at.exception
    return at


@pytest.fixture
def gaps(sample_db):
    at = gaps_page()
    assert not at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def links(at) -> list[tuple[str, str, str]]:
    return [(p.proto.label, p.proto.page, p.proto.query_string) for p in at.get("page_link")]


def test_the_glance_tiles_are_the_gaps_pages_tiles(overview, gaps):
    glance, page = metrics(overview), metrics(gaps)
    assert glance["Unreached"] == page["Unreached within 3 links"] == "1"  # TikTok, in the sample
    assert glance["Single-threaded"] == page["Single-threaded"]
    assert glance["Stale or never engaged"] == page["Stale or never engaged"]
    assert "20 high-priority targets" in texts(overview)
    assert page["Targets looked at"] == "20"


def test_the_agreements_tile_counts_the_agreements_the_gaps_tab_names(overview, gaps):
    needing = metrics(overview)["Agreements to follow up"]
    assert f"agreements: {needing} need" in texts(gaps) or f"agreements: {needing} needs" in texts(gaps)


def test_the_top_three_gaps_are_the_first_rows_of_where_each_target_stands(overview, gaps):
    lines = [m.value for m in overview.markdown if m.value[:3] in ("1. ", "2. ", "3. ")]
    assert len(lines) == 3
    first_rows = list(gaps.dataframe[0].value["Target"][:3])
    assert first_rows == ["TikTok", "Papua New Guinea", "Discord"]
    for line, name in zip(lines, first_rows, strict=True):
        assert line.split("**")[1] == name
    assert "not reached within 3 links; never engaged" in lines[0]
    assert "(country or territory): hangs by one thread: only Australian Federal Police" in lines[1]


def test_each_tile_and_gap_links_to_the_page_that_explains_it(overview):
    found = links(overview)
    assert ("See them", "gaps", "tab=Reach+and+threads") in found
    assert ("See them", "gaps", "tab=Stale") in found
    assert ("See them", "gaps", "tab=Agreement+follow-up") in found
    profiles = [q for label, page, q in found if page == "profile"]
    assert len(profiles) == 3 and profiles[0].startswith("id=")


def chosen_tab(at) -> int:
    """The index of the tab the page opens on (AppTest renders every tab; the container holds the default)."""

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and "tab_container" in proto.DESCRIPTOR.fields_by_name and proto.HasField("tab_container"):
            yield proto.tab_container.default_tab_index
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return next(walk(at._tree))


@pytest.mark.parametrize(("tab", "index"), [("Stale", 1), ("Agreement follow-up", 2), ("not a tab", 0)])
def test_a_link_opens_the_gaps_page_on_its_tab(sample_db, tab, index):
    at = gaps_page(tab=tab)
    assert not at.exception
    assert [t.label for t in at.tabs][:3] == ["Reach and threads", "Stale", "Agreement follow-up"]
    assert chosen_tab(at) == index


def test_counts_read_in_words_and_the_database_sits_in_the_status_line(overview):
    kinds, types = overview.dataframe[0].value, overview.dataframe[1].value
    assert "Government agencies" in set(kinds["Kind"])
    assert "Participated in" in set(types["Relationship"])
    assert not {"PARTICIPATED_IN", "PART_OF", "Agency"} & (set(kinds["Kind"]) | set(types["Relationship"]))
    assert any("Database:" in c.value for c in overview.sidebar.caption)
    assert not any("Database:" in c.value for c in overview.main.caption)


def test_recent_changes_show_local_times_not_iso(db):
    from graph.roles import local
    from loaders.edit import add_entity

    add_entity(db, {"Kind": "Agency", "Name": "Office of Tests"}, local("tester"))
    at = app()
    assert not at.exception
    line = next(m.value for m in at.markdown if "by tester" in m.value)
    assert "T" not in line.split(" by ")[0] and "Z" not in line.split(" by ")[0]  # 3 Dec 2026, 07:26, not ISO UTC


def test_the_help_page_lists_every_preset_every_analysis_and_the_filter_keys(sample_db):
    from analyses.catalog import catalog
    from analyses.questions import QUESTIONS, STRATEGY

    at = app("views/help.py")
    assert not at.exception
    questions, filters, analyses = (t.value for t in at.dataframe)
    assert {q.title for q in (*QUESTIONS.values(), *STRATEGY.values())} <= set(questions["Question"])
    assert 'member_of:"Pacific Islands Forum"' in set(filters["Filter"])
    assert list(analyses["Analysis"]) == list(catalog())
    assert "`member_of`" in texts(at) and "high priority 90 days" in texts(at)


def test_the_profile_opens_on_a_search_box_then_on_the_last_profile(sample_db):
    at = app("views/profile.py")
    assert not at.exception
    assert at.selectbox(key="profile-entity").value is None
    assert "Type a name or alias in the box above" in texts(at)
    at.selectbox(key="profile-entity").select("FJI").run()
    assert [h.value for h in at.header][:1] == ["Fiji"]
    at.switch_page("views/overview.py").run()
    at.switch_page("views/profile.py").run()
    assert at.selectbox(key="profile-entity").value == "FJI"
    assert [h.value for h in at.header][:1] == ["Fiji"]
