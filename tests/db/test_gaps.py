"""Gap analyses on hand-built graphs in the real Neo4j, with answers checked by hand."""

import json

import pytest

from analyses.catalog import ParamError, catalog, run
from cli.queries import main as queries_cli
from loaders.pipeline import load_paths
from queries import cypher

HOME = "kind:Agency country:AUS"
# Two home agencies (afp, dfat), a non-home intermediary (ngo), targets t1..t6, an engagement series,
# a forum whose chair changed hands with an overlap, and a member that left and rejoined.
ELEMENTS = """ID,Label,Type,Country,Priority,Date
afp,Australian Federal Police,agency,AUS,,
dfat,Foreign Affairs,agency,AUS,,
uk,UK Home Office,agency,GBR,,
ngo,Helping Hands,ngo,AUS,,
t1,Target One,agency,FJI,high,
t2,Target Two,agency,TON,high,
t3,Target Three,agency,WSM,medium,
t4,Target Four,agency,VUT,low,
t5,Target Five,agency,PNG,high,
forum,Pacific Forum,forum,,,
vp,Principles,principles,,,
e1,Dialogue 2024,meeting,,,2024-01-10
e2,Workshop,workshop,,,2024-03-01
e3,Visit,visit,,,2024-03-20
e4,Roundtable,roundtable,,,2024-02-15
"""
CONNECTIONS = """From,To,Type,Since,Until,Role
afp,t1,partners with,2019,,
dfat,t1,partners with,2019,,
afp,t2,partners with,2019,,
afp,ngo,partners with,2019,,
ngo,t3,partners with,2019,,
t5,forum,member of,2000,2010-06,
t5,forum,member of,2015,,
t1,forum,member of,2000,,
afp,forum,chairs,2020-01-01,2022-12-31,
dfat,forum,chairs,2022-07-01,,
t1,vp,endorsed,2021,,endorser
t2,vp,endorsed,2023-06,,endorser
afp,vp,signed,2020,,signatory
afp,e1,attended,,,
t2,e1,attended,,,
afp,e2,attended,,,
t1,e2,attended,,,
dfat,e3,attended,,,
t1,e3,attended,,,
uk,e4,attended,,,
t1,e4,attended,,,
"""


@pytest.fixture(scope="module")
def tiny_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gaps")
    (folder / "elements.csv").write_text(ELEMENTS)
    (folder / "connections.csv").write_text(CONNECTIONS)
    return folder


@pytest.fixture
def tiny(db, tiny_files):
    assert load_paths(db, [str(tiny_files)]).errors == []
    return db


def by_target(rows, key="target"):
    return {row[key]: row for row in rows}


def test_reach_counts_links_through_non_home_intermediaries(tiny):
    rows = by_target(run(tiny, "reach", home=HOME, targets="tag:none OR id:t1 OR id:t3 OR id:t4", as_of="2024-06-30"))
    assert rows["t1"]["hops"] == 1 and rows["t1"]["reached_by"] == ["Australian Federal Police", "Foreign Affairs"]
    assert rows["t3"]["hops"] == 2
    assert rows["t3"]["paths"] == ["Australian Federal Police → Helping Hands → Target Three"]
    assert rows["t4"]["status"] == "unreached" and rows["t4"]["hops"] is None


def test_reach_respects_max_hops(tiny):
    rows = by_target(run(tiny, "reach", home=HOME, targets="id:t3", params={"max_hops": "1"}))
    assert rows["t3"]["status"] == "unreached"


def test_single_threads(tiny):
    rows = run(tiny, "single_threads", home=HOME, targets="id:t1 OR id:t2 OR id:t3")
    assert len(rows) == len({r["target"] for r in rows})  # one row per target, every reason in it
    found = {r["target"]: set(zip(r["threads"], r["via"], strict=True)) for r in rows}
    assert ("one home entity", "Australian Federal Police") in found["t2"]
    assert not any(kind == "one home entity" for kind, _ in found.get("t1", ()))  # two agencies reach t1
    assert ("entity", "Helping Hands") in found["t3"]  # losing the NGO cuts t3 off
    assert any(kind == "link" and "Helping Hands" in via for kind, via in found["t3"])


@pytest.mark.parametrize(
    ("as_of", "status", "days"),
    [
        ("2024-06-18", "current", 90),  # exactly at the high-priority threshold after the 20 March visit
        ("2024-06-19", "stale", 91),
    ],
)
def test_stale_threshold_is_inclusive(tiny, as_of, status, days):
    rows = by_target(run(tiny, "stale", home=HOME, targets="id:t1", as_of=as_of, params={"all": "true"}))
    assert rows["t1"]["status"] == status
    assert rows["t1"]["days_since"] == days
    assert rows["t1"]["engagement"] == "Visit"


def test_stale_lists_never_engaged_and_editable_thresholds(tiny):
    rows = by_target(run(tiny, "stale", home=HOME, targets="priority:high", as_of="2024-06-30"))
    assert rows["t5"]["status"] == "never engaged"
    assert rows["t2"]["status"] == "stale" and rows["t2"]["last_engagement"] == "2024-01-10"
    rows = by_target(
        run(tiny, "stale", home=HOME, targets="priority:high", as_of="2024-06-30", params={"high_days": "365"})
    )
    assert "t2" not in rows


def test_coverage_cells_hold_links_engagements_and_agreements(tiny):
    cells = {(r["home"], r["target"]): r for r in run(tiny, "coverage", home=HOME, targets="id:t1 OR id:t3")}
    assert cells[("afp", "t1")]["last_engagement"] == "2024-03-01"
    assert cells[("dfat", "t1")]["last_engagement"] == "2024-03-20"
    assert cells[("afp", "t1")]["direct_links"] == ["PARTNERS_WITH"]
    assert cells[("afp", "t1")]["shared_agreements"] == ["Principles"]
    assert ("uk", "t1") not in cells  # the UK roundtrip is not ours
    assert cells[("dfat", "t3")]["score"] == 0  # an empty cell: a gap


def test_followup_finds_parties_not_engaged_since_joining(tiny):
    rows = run(tiny, "followup", home=HOME, targets="kind:Agreement", as_of="2024-06-30")
    issues = {(r["party"], r["issue"]) for r in rows}
    # t2 endorsed in June 2023 and was engaged in January 2024; t1 endorsed in 2021 and engaged since.
    assert issues == set()
    rows = run(tiny, "followup", home=HOME, targets="kind:Agreement", as_of="2023-12-31")
    assert {(r["party"], r["issue"]) for r in rows} == {
        ("t1", "no engagement since joining"),
        ("t2", "no engagement since joining"),
    }


def test_overlap(tiny):
    rows = run(tiny, "overlap", home="party_to:Principles", targets='member_of:"Pacific Forum"', as_of="2024-06-30")
    assert {(r["entity"], r["in"]) for r in rows} == {
        ("t1", "both"),
        ("afp", "first only"),
        ("t2", "first only"),
        ("t5", "second only"),
    }


def test_deconfliction_needs_several_home_entities(tiny):
    rows = run(tiny, "deconfliction", home="kind:Agency -id:t1", targets="id:t1", as_of="2024-06-30")
    assert [(r["target"], r["count"]) for r in rows] == [("t1", 3)]
    assert run(tiny, "deconfliction", home=HOME, targets="id:t1", as_of="2024-06-30") == []  # only two AUS


def test_members_flag_overlapping_role_holders(tiny):
    rows = run(tiny, "members", params={"of": "Pacific Forum"}, as_of="2022-09-01")
    chairs = [r for r in rows if r["relationship"] == "CHAIRS"]
    assert {r["entity"] for r in chairs} == {"afp", "dfat"}
    assert all("2 holders of chairs" in r["note"] for r in chairs)
    rows = run(tiny, "members", params={"of": "forum"}, as_of="2023-06-30")
    assert [r["entity"] for r in rows if r["relationship"] == "CHAIRS"] == ["dfat"]


@pytest.mark.parametrize(("as_of", "t5_member"), [("2005-01-01", True), ("2012-01-01", False), ("2020-01-01", True)])
def test_membership_that_ended_and_restarted(tiny, as_of, t5_member):
    rows = run(tiny, "members", params={"of": "Pacific Forum"}, as_of=as_of)
    assert ("t5" in {r["entity"] for r in rows if r["relationship"] == "MEMBER_OF"}) is t5_member


def test_changes_between_two_dates(tiny):
    rows = run(tiny, "changes", params={"of": "Pacific Forum", "from": "2012-01-01", "to": "2023-06-30"})
    assert {(r["change"], r["entity"], r["relationship"]) for r in rows} == {
        ("joined", "t5", "MEMBER_OF"),
        ("joined", "dfat", "CHAIRS"),
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"home": "kind:Spaceship", "targets": "id:t1"}, "--home: unknown kind 'Spaceship'"),
        ({"home": HOME, "targets": "orbits:Mars"}, "--targets: unknown filter key 'orbits'"),
        ({"home": HOME, "targets": 'member_of:"Nowhere Forum"'}, "--targets: no entity named 'Nowhere Forum'"),
        ({"home": HOME}, "this analysis needs --targets FILTER"),
    ],
)
def test_filter_errors_are_clear(tiny, kwargs, message):
    with pytest.raises(ParamError, match=message):
        run(tiny, "reach", **kwargs)


def test_cli_prints_json_and_exits_2_on_bad_filters(tiny, capsys):
    assert queries_cli(["run", "reach", "--home", HOME, "--targets", "id:t3", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["hops"] == 2
    assert queries_cli(["run", "reach", "--home", "kind:Spaceship", "--targets", "id:t3"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --home: unknown kind") and "Traceback" not in err
    assert queries_cli(["run", "members", "--param", "of=forum", "--as-of", "31/12/2020"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_saved_sets_are_reused_by_name(tiny):
    tiny.execute_query(
        cypher("save_set"),
        name="pacific",
        filter='member_of:"Pacific Forum"',
        description="",
        saved_at="2024-01-01",
        by="t",
    )
    rows = run(tiny, "overlap", home="set:pacific", targets="priority:high", params={"show": "both"})
    assert {r["entity"] for r in rows} == {"t1", "t5"}


@pytest.mark.parametrize(
    "name",
    [
        "active_links",
        "entity_table",
        "saved_sets",
        "entity_choices",
        "subgraph",
        "neighbour_ids",
        "entity_links",
        "entity_profile",
    ],
)
def test_analysis_queries_use_indexes_not_all_node_scans(tiny, name):
    plan = tiny.execute_query(
        "EXPLAIN " + cypher(name),
        {"as_of": "2024-01-01", "types": None, "ids": ["afp"], "id": "afp", "limit": 10},
        result_transformer_=lambda r: r.consume().plan,
    )
    assert "AllNodesScan" not in json.dumps(plan)


def test_every_analysis_is_listed(capsys):
    assert queries_cli(["list"]) == 0
    out = capsys.readouterr().out
    for name in (
        "reach",
        "coverage",
        "single_threads",
        "stale",
        "followup",
        "overlap",
        "deconfliction",
        "members",
        "changes",
    ):
        assert name in catalog() and name in out


def test_on_the_sample_priority_countries_reach_and_forum_members(sample_db, capsys):
    assert (
        queries_cli(
            [
                "run",
                "reach",
                "--home",
                HOME,
                "--targets",
                'member_of:"Pacific Islands Forum"',
                "--param",
                "max_hops=2",
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert {r["target_name"] for r in rows} >= {"Fiji", "Kiribati", "Papua New Guinea"}
    assert (
        queries_cli(
            ["run", "members", "--param", "of=Pacific Islands Forum", "--as-of", "2023-06-30", "--format", "csv"]
        )
        == 0
    )
    assert "Kiribati" in capsys.readouterr().out
    assert (
        queries_cli(
            ["run", "members", "--param", "of=Pacific Islands Forum", "--as-of", "2022-10-01", "--format", "csv"]
        )
        == 0
    )
    assert "Kiribati" not in capsys.readouterr().out
    assert (
        queries_cli(
            [
                "run",
                "overlap",
                "--home",
                'party_to:"Voluntary Principles to Counter Online Child Sexual Exploitation and Abuse"',
                "--targets",
                'member_of:"WeProtect Global Alliance"',
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert any(r["in"] == "both" for r in json.loads(capsys.readouterr().out))
    assert queries_cli(["run", "stale", "--home", HOME, "--targets", "priority:high", "--format", "table"]) == 0
    assert "never engaged" in capsys.readouterr().out


RUN = ["run", "reach", "--home", HOME, "--targets", "id:t3"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([*command, "--as-of", value], message)
        for command in (RUN, ["brief", "t3"])
        for value, message in (
            ("0001-01-01", "--as-of '0001-01-01' must be a date from 1900-01-01 to 2100-12-31"),
            ("9999-12-31", "--as-of '9999-12-31' must be a date from 1900-01-01 to 2100-12-31"),
            ("garbage", "--as-of 'garbage' is not a date (YYYY-MM-DD)"),
        )
    ]
    + [
        ([*RUN, "--param", "max_hops=abc"], "--param max_hops='abc' is not a int"),
        ([*RUN, "--param", "max_hops=-5"], "--param max_hops='-5' must be a number from 0 to 100,000"),
        ([*RUN, "--param", "max_hops=99999999999999999999"], "must be a number from 0 to 100,000"),
    ],
)
def test_cli_refuses_bad_dates_and_numbers_with_exit_2_and_no_traceback(tiny, capsys, argv, message):
    assert queries_cli(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err
