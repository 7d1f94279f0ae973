"""Briefing packs: built from the real graph, written as DOCX, Markdown and PDF, and read back.

Pure parts (dates, citations, escaping, the network cut) are tested on small
hand-made data; packs are generated for sample entities and for graphs made to
have no relationships, hundreds of them, and facts without sources.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
import networkx as nx
import pytest

from briefing import assemble as qb
from briefing.build import build_brief
from briefing.docx import to_docx
from briefing.markdown import escape, source, to_markdown
from briefing.model import Brief, ProfileData, Statement, cite
from briefing.outline import cited
from briefing.pdf import to_pdf
from briefing.words import status
from cli.queries import main
from graph.dates import local_date
from graph.neighbourhood import ego_view
from graph.settings import SAMPLE_NOTICE
from queries import read

MARKING = "OFFICIAL: Sensitive"
_PACKS: dict[tuple, Brief] = {}


def pack_of(driver, entity_id, **kwargs) -> Brief:
    """One pack per entity and options for the whole module (the sample graph is read-only)."""
    key = (entity_id, tuple(sorted(kwargs.items())))
    if key not in _PACKS:
        _PACKS[key] = qb.brief(driver, entity_id, marking=MARKING, **kwargs)
    return _PACKS[key]


# ---- reading a DOCX and a Markdown pack back -------------------------------------------------------------------


def docx_blocks(data: bytes) -> dict:
    """Headings, tables (rows of cell text), note lines, header and footer text of a DOCX pack."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Source notes")
    section = document.sections[0]
    return {
        "headings": [p.text for p in paragraphs if p.style.name.startswith("Heading")],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in document.tables],
        "notes": [p.text for p in paragraphs[start + 1 :] if p.text],
        "bullets": [p.text for p in paragraphs if p.style.name == "List Bullet"],
        "header": " ".join(p.text for p in section.header.paragraphs),
        "footer": " ".join(p.text for p in section.footer.paragraphs),
        "text": "\n".join(p.text for p in paragraphs),
    }


def unescape(text: str) -> str:
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return re.sub(r"\\(.)", r"\1", text)


def md_blocks(text: str) -> dict:
    lines = text.splitlines()
    tables, current = [], None
    for line in lines:
        if line.startswith("|"):
            if line.startswith("|---"):
                continue
            cells = [unescape(c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if current is None:
                current = []
                tables.append(current)
            current.append(cells)
        else:
            current = None
    start = lines.index("# Source notes") if "# Source notes" in lines else lines.index("## Source notes")
    return {
        "headings": [unescape(re.sub(r"^#+ ", "", line)) for line in lines if re.match(r"^#{2,} ", line)],
        "tables": tables,
        "notes": [unescape(line) for line in lines[start + 1 :] if re.match(r"^\d+\. ", line)],
        "bullets": [unescape(re.sub(r"^- \*\*(.*?)\*\*", r"\1", line)) for line in lines if line.startswith("- **")],
        "first": lines[0],
        "last": [line for line in lines if line][-1],
    }


# ---- pure pieces --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("since", "until", "on", "expected"),
    [
        (None, None, "2024-01-01", "active"),
        ("2023-02", None, "2023-02-15", "active"),
        ("2023-02", None, "2023-01-31", "not yet started"),
        (None, "2022-07", "2022-07-31", "active"),  # a partial end covers its whole month
        (None, "2022-07", "2022-08-01", "ended"),
        ("2020", "2021", "2021-12-31", "active"),
    ],
)
def test_status_on_a_date_reads_partial_dates_as_periods(since, until, on, expected):
    assert status(since, until, on) == expected


def test_note_markers_collapse_runs():
    assert cite([5, 1, 2, 3, 9, 2]) == "[1–3, 5, 9]"
    assert cite([]) == ""
    text, marker, end = cited(Statement("It is so.", (2,)))
    assert (text, marker, end) == ("It is so", "[2]", ".")


def test_markdown_escaping_makes_data_inert():
    assert escape("<img src=x onerror=alert(1)>") == r"\<img src=x onerror=alert(1)\>"
    assert escape("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert escape("# not a heading").startswith("\\#")
    assert escape("a\nb | c") == r"a b \| c"
    assert source("https://example.org/a_b") == "<https://example.org/a_b>"
    assert source("javascript:alert(1)") == "javascript:alert(1)"


def test_network_picture_falls_back_to_one_hop_then_keeps_the_best_connected():
    graph = nx.MultiDiGraph()
    graph.add_edges_from(("hub", f"n{i}") for i in range(100))
    graph.add_edges_from((f"n{i}", f"m{i}") for i in range(100))
    graph.add_edges_from(("n1", "n2") for _ in range(3))
    ego, hops, total = ego_view(graph, "hub", hops=2, cap=60)
    assert (hops, total, len(ego)) == (1, 101, 60)
    assert {"hub", "n1", "n2"} <= set(ego)  # n1 and n2 have more links than the other neighbours
    small, hops, total = ego_view(graph, "m3", hops=2, cap=60)
    assert (hops, total, set(small)) == (2, 3, {"m3", "n3", "hub"})


def _data(**kwargs) -> ProfileData:
    entity = {
        "id": "x",
        "kind": "NGO",
        "props": {"name": "X <b>", "sources": [], "loaded_from": "e.csv:2", "load_id": "L1"},
    }
    return ProfileData(entity=entity, on="2024-06-30", home_filter="kind:Agency", **kwargs)


def test_a_pack_without_links_or_sources_says_what_is_missing():
    pack = build_brief(
        _data(findings={"stale": "no analysis named 'stale' is registered"}),
        marking=MARKING,
        generated_at="2024-06-30T09:00:00+10:00",
        loads={},
    )
    text = " ".join(s.text for s in pack.summary)
    assert "No relationships are recorded" in text and "not confirmed absent" in text
    assert any("Not recorded for X <b>: country, region, description, priority, sources" in m for m in pack.missing)
    assert "Stale engagement: not available (no analysis named 'stale' is registered)." in pack.section("gaps").missing
    assert pack.notes[0].text == "No source recorded. Load record: e.csv:2, load L1 (no record of that load)."
    assert pack.section("quality").statements[0].label == "No source recorded"


# ---- packs from the sample graph ------------------------------------------------------------------------------


def test_docx_pack_has_the_marking_the_graph_rows_and_a_note_for_every_fact(sample_db):
    pack = pack_of(sample_db, "KIR")
    got = docx_blocks(to_docx(pack))
    assert MARKING in got["header"] and MARKING in got["footer"]
    assert got["text"].startswith("Briefing pack: Kiribati")
    links = read(sample_db, "entity_links", id="KIR", as_of=pack.as_of)
    relationships = got["tables"][0]
    assert relationships[0][:2] == ["Relationship", "With"] and relationships[0][-1] == "Sources"
    assert len(relationships) - 1 == len(links) == 6
    assert sorted(r[1] for r in relationships[1:]) == sorted(link["other_name"] for link in links)
    numbers = {n.number for n in pack.notes}
    assert len(got["notes"]) == len(pack.notes)
    for table in got["tables"]:
        for row in table[1:]:
            cited = {int(n) for n in re.findall(r"\d+", row[-1])}
            assert cited and cited <= numbers, row
    for bullet in got["bullets"]:
        assert re.search(r"\[\d", bullet), bullet
    everything = [*pack.summary, *pack.facts, *(s for sec in pack.sections for s in sec.statements)]
    assert all(s.notes and set(s.notes) <= numbers for s in everything)
    sources = {s for link in links for s in link["sources"]}
    noted = " ".join(got["notes"])
    assert all(s in noted for s in sources)
    assert "Load record: connections.csv:" in noted and "load " in noted


def test_markdown_matches_the_docx(sample_db):
    pack = pack_of(sample_db, "KIR")
    text, images = to_markdown(pack, image_prefix="kir")
    md, dx = md_blocks(text), docx_blocks(to_docx(pack))
    assert md["first"] == md["last"] == f"**{MARKING}**"
    assert md["headings"] == dx["headings"]
    assert md["tables"] == dx["tables"]
    assert md["notes"] == dx["notes"]
    assert md["bullets"] == dx["bullets"]
    assert set(images) == {"kir-1.png", "kir-2.png"} and all(png.startswith(b"\x89PNG") for png in images.values())
    embedded, none = to_markdown(pack)
    assert none == {} and embedded.count("data:image/png;base64,") == 2


def test_pack_sections_follow_the_graph(sample_db):
    pack = pack_of(sample_db, "KIR", as_of="2024-01-01")
    relationships = pack.section("relationships").tables[0]
    assert relationships.rows[0][:6] == ("member of", "Pacific Islands Forum", "forum", "", "2022-07", "ended")
    assert relationships.rows[1][:6] == ("member of", "Pacific Islands Forum", "forum", "2023-02", "", "active")
    located = {row[1] for row in pack.section("located").tables[0].rows}
    assert located == {r["name"] for r in read(sample_db, "entities_in_country", code="KIR")}
    assert pack.section("network").figures[0].png.startswith(b"\x89PNG")
    gaps = pack.section("gaps")
    assert not gaps.missing, gaps.missing  # the gap analyses are registered and ran
    assert any("Never engaged" in row[1] for row in gaps.tables[0].rows)


def test_a_pack_says_who_works_on_each_line_of_effort_as_the_command_line_does(sample_db):
    from analyses.catalog import run
    from briefing.words import listing

    pack = pack_of(sample_db, "FJI")
    rows = run(sample_db, "lines_of_effort", home=pack.home_filter, targets="id:FJI")
    section = pack.section("efforts")
    assert section.title == "Lines of effort" and not section.missing
    table = section.tables[0]
    assert [row[0] for row in table.rows] == [r["theme"] for r in rows]
    for row, r in zip(table.rows, rows, strict=True):
        assert row[1] == (", ".join(r["home"]) if r["home"] else "No home entity: a gap")
        assert row[2] == ", ".join(r["through"])
    awareness = next(row for row in table.rows if row[0] == "awareness")
    assert "Australian Federal Police" in awareness[1] and "Cyber Safety Pasifika" in awareness[2]
    gaps = [r["theme"] for r in rows if r["status"] == "gap"]
    assert gaps and [s.text for s in section.statements] == [f"No home entity works with Fiji on {listing(gaps)}."]
    (note,) = {n for s in section.statements for n in s.notes} | {n for ns in table.notes for n in ns}
    assert "'lines_of_effort' analysis" in next(n.text for n in pack.notes if n.number == note)
    assert pack_of(sample_db, "afp").section("efforts").missing == [
        "Australian Federal Police is in the home set itself."
    ]
    engagement = pack_of(sample_db, "eng-csp-suva-2025").section("efforts")
    program = pack_of(sample_db, "cyber-safety-pasifika").section("efforts")
    assert (
        engagement.missing
        == program.missing
        == ["Lines of effort are read for countries and organisations, not for programs, agreements or engagements."]
    )


def test_a_pack_lists_the_risks_and_opportunities_recorded_about_the_entity_each_citing_its_row(sample_db):
    pack = pack_of(sample_db, "FJI")
    section = pack.section("assessments")
    assert section.title == "Risks and opportunities" and not section.missing
    stored = read(sample_db, "findings_about", ids=["FJI"])
    table = section.tables[0]
    assert sorted(row[3] for row in table.rows) == sorted(r["text"] for r in stored)
    assert [row[0] for row in table.rows] == ["Risk", "Risk", "Opportunity", "Opportunity", "Opportunity"]
    assert [row[2] for row in table.rows[:2]] == ["high", "medium"]  # risks first, the highest first
    risks = [r for r in stored if r["kind"] == "risk"]
    high = sum(r["level"] == "high" for r in risks)
    high_opportunities = sum(r["level"] == "high" for r in stored if r["kind"] == "opportunity")
    assert (len(risks), high, len(stored) - len(risks), high_opportunities) == (2, 1, 3, 1)
    assert [s.text for s in section.statements] == [
        "2 risks (1 high) and 3 opportunities (1 high) are recorded for Fiji."
    ]
    for row_notes in table.notes:
        (note,) = [n for n in pack.notes if n.number in row_notes]
        assert "Pacific Environmental Scan" in " ".join(note.sources) and "findings.csv:" in (note.origin or "")
    assert pack_of(sample_db, "afp").section("assessments").missing == [
        "No risks or opportunities are recorded for Australian Federal Police."
    ]


def test_engagements_and_shared_agreements_for_a_home_partner(sample_db):
    pack = pack_of(sample_db, "pnp")
    engagements = pack.section("engagements").tables[0]
    assert engagements.rows and engagements.rows[0][0] >= engagements.rows[-1][0]  # newest first
    launch = next(r for r in engagements.rows if r[1].startswith("Launch of the Philippine Internet Crimes"))
    assert "Australian Federal Police" in launch[4]
    assert any(s.text.startswith("Last engagement with the home set") for s in pack.summary)


def test_a_set_pack_covers_a_forum_and_its_members(sample_db):
    pack = pack_of(sample_db, "pif", members=True)
    members = read(sample_db, "set_members", id="pif", as_of=pack.as_of)
    assert pack.title == "Pacific Islands Forum and its members"
    assert len(members) >= 18 and len(pack.parts) == len(members)
    assert {p.title for p in pack.parts} == {m["name"] for m in members}
    numbers = {n.number for n in pack.notes}
    for part in pack.parts:
        assert part.section("network") is None
        for table in (t for s in part.sections for t in s.tables):
            assert all(n and set(n) <= numbers for n in table.notes)
    got = docx_blocks(to_docx(pack))
    assert "Kiribati (country or territory)" in got["headings"]
    assert to_pdf(pack).startswith(b"%PDF")


def test_a_country_pack_covers_its_agencies(sample_db):
    pack = pack_of(sample_db, "AUS", members=True)
    assert pack.title == "Australia and its agencies"
    assert {p.kind for p in pack.parts} == {"Agency"} and any(p.subject_id == "afp" for p in pack.parts)
    located = pack.section("located")
    assert "government agencies" in located.statements[0].text


def test_pdf_pack_builds_offline(sample_db):
    data = to_pdf(pack_of(sample_db, "KIR"))
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def test_a_missing_analysis_leaves_its_part_saying_so(sample_db, monkeypatch):
    from analyses import catalog

    def broken(ctx):
        raise RuntimeError("boom")

    monkeypatch.setitem(catalog.ANALYSES, "single_threads", catalog.Analysis("single_threads", "", broken, {}))
    monkeypatch.setattr(qb, "GAP_ANALYSES", (*qb.GAP_ANALYSES, "not_there"))
    monkeypatch.setattr(qb, "CONTACTS", "no_such_paths")
    pack = qb.brief(sample_db, "KIR", marking=MARKING)
    missing = " ".join(pack.section("gaps").missing + pack.section("contacts").missing)
    assert "Single-threaded: not available (the analysis failed: RuntimeError: boom)" in missing
    assert "no analysis named 'not_there'" in missing and "no analysis named 'no_such_paths'" in missing
    text, _ = to_markdown(pack)
    assert "not available" in text and to_docx(pack)


# ---- packs for awkward graphs ------------------------------------------------------------------------------------


def test_packs_for_no_links_many_links_and_missing_sources(db, tmp_path):
    from loaders.pipeline import load_paths

    rows = [
        "ID,Label,Type,Country,Sources",
        "lonely,Lonely Org,ngo,,",
        "hub,Hub Forum,forum,,https://hub.example/",
        "afp,Australian Federal Police,agency,AUS,https://www.afp.gov.au/",
    ]
    rows += [f"c{i:03},Company {i:03},company,,https://c.example/{i}" for i in range(1, 300)]
    rows.append('c000,"Co $x^2$ <i>it</i> [x](javascript:alert(1))",company,,https://c.example/0')
    links = ["From,To,Type,Since,Until,Confidence,Sources", "afp,hub,member of,2020,,high,https://hub.example/m"]
    links += [
        f"c{i:03},hub,member of,20{10 + i % 15},,{'low' if i % 50 == 0 else 'high'},"
        + ("" if i % 100 == 0 else f"https://c.example/{i}/m")
        for i in range(300)
    ]
    (tmp_path / "elements.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "connections.csv").write_text("\n".join(links) + "\n")
    report = load_paths(db, [str(tmp_path)])
    assert not report.errors, report.errors

    lonely = qb.brief(db, "lonely", marking=MARKING, as_of="2025-01-01")
    text, _ = to_markdown(lonely)
    assert "No relationships are recorded for Lonely Org" in text
    assert "No source recorded" in text and "has no active link on 1 January 2025" in text
    assert all(t[0][0] != "Relationship" for t in docx_blocks(to_docx(lonely))["tables"])
    assert to_pdf(lonely).startswith(b"%PDF")

    hub = qb.brief(db, "hub", marking=MARKING, as_of="2025-01-01")
    got = docx_blocks(to_docx(hub))
    assert len(got["tables"][0]) == 302  # the header and every one of the 301 members
    network = hub.section("network")
    assert (
        network.statements[0].text.startswith("25 entities within 1 link")
        and "277 more within 2 links not shown" in network.statements[0].text
    )
    quality = {s.label: s for s in hub.section("quality").statements}
    assert quality["No source recorded"].text.startswith("3 facts")
    assert quality["Low confidence"].text.startswith("6 facts")
    markdown, _ = to_markdown(hub)
    assert markdown.count("No source recorded. Load record") == 3  # one note for each link row without a source
    assert r"Co \$x^2\$ \<i\>it\</i\> \[x\](javascript:alert(1))" in markdown and "<i>" not in markdown
    assert any(row[1] == "Co $x^2$ <i>it</i> [x](javascript:alert(1))" for row in got["tables"][0])
    assert to_pdf(hub).startswith(b"%PDF")


# ---- the headless command -----------------------------------------------------------------------------------------


def test_brief_command_writes_each_format(sample_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SGE_MARKING", MARKING)
    for fmt in ("md", "docx", "pdf"):
        out = tmp_path / f"kir.{fmt}"
        assert main(["brief", "KIR", "--format", fmt, "--out", str(out), "--as-of", "2024-01-01"]) == 0
        assert out.stat().st_size > 1000
    assert (tmp_path / "kir-1.png").exists()
    assert MARKING in docx_blocks((tmp_path / "kir.docx").read_bytes())["footer"]
    assert "wrote" in capsys.readouterr().err
    assert main(["brief", "Kiribati", "--format", "md", "--out", str(tmp_path / "by-name.md")]) == 0


def test_brief_command_reports_problems_in_one_line(sample_db, tmp_path, capsys):
    assert main(["brief", "no-such-entity", "--out", str(tmp_path / "x.docx")]) == 2
    assert "no entity named 'no-such-entity'" in capsys.readouterr().err
    assert main(["brief", "KIR", "--as-of", "31/12/2024", "--out", str(tmp_path / "x.docx")]) == 2
    assert "not a date" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


# ---- the profile page ---------------------------------------------------------------------------------------------


def test_a_country_pack_rolls_up_what_its_agencies_did_and_says_through_whom(sample_db):
    pack = pack_of(sample_db, "FJI", as_of="2025-12-31")
    said = " ".join(s.text for s in pack.summary)
    assert (
        "Last engagement with the home set: Cyber Safety Pasifika regional training, Suva (20 May 2025), "
        "with Australian Federal Police, via Fiji Police Force." in said
    )
    table = pack.section("engagements").tables[0]
    assert table.columns[-1] == "Through"
    suva = next(r for r in table.rows if r[1] == "Cyber Safety Pasifika regional training, Suva")
    assert (suva[0], suva[4], suva[5]) == ("2025-05-20", "Australian Federal Police", "Fiji Police Force")
    assert len({r[1] for r in table.rows}) == len(table.rows)  # one row per engagement, however many units took part
    findings = " ".join(row[1] for row in pack.section("gaps").tables[0].rows)
    assert "via Fiji Police Force" in findings and "Never engaged" not in findings
    reach = next(s.text for s in pack.section("gaps").statements if s.text.startswith("Reached"))
    assert reach.startswith("Reached in 1 link by Australian Federal Police, via Fiji Police Force")


def test_a_country_pack_without_rollup_counts_the_country_alone(sample_db):
    pack = pack_of(sample_db, "FJI", as_of="2025-12-31", rollup=False)
    said = " ".join(s.text for s in pack.summary)
    assert "No engagement with the home set is recorded up to 31 December 2025." in said
    assert "Through" not in pack.section("engagements").tables[0].columns


# ---- every sentence of a pack read back against the graph --------------------------------------------------------

READBACK = (("FJI", "2025-06-01"), ("vgt", "2024-11-15"), ("afp", "2025-06-01"))
LINKS = """
MATCH (n:Entity {id: $id})-[r]-(o:Entity)
RETURN CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, type(r) AS type, r.kind AS kind,
       o.id AS other_id, o.name AS other_name, [l IN labels(o) WHERE l <> 'Entity'][0] AS other_kind,
       r.since AS since, r.until AS until
"""
SHARED = """
MATCH (n:Entity {id: $id})-[r:PARTY_TO|MEMBER_OF]->(g:Entity)<-[h:PARTY_TO|MEMBER_OF]-(m:Entity)
WHERE m.id IN $home AND m <> n AND (g:Agreement OR g:Forum OR g:InternationalOrganisation)
RETURN g.name AS name, r.since AS r_since, r.until AS r_until, h.since AS h_since, h.until AS h_until
"""
OWN_ENGAGEMENTS = """
MATCH (n:Entity {id: $id})-[:PARTICIPATED_IN]->(e:Engagement)<-[:PARTICIPATED_IN]-(m:Entity)
WHERE m.id IN $home AND m <> n
RETURN e.title AS title, e.date AS date
"""


def on_date(since, until, on: str) -> bool:
    """Active on `on`, written again here: a partial end date covers its whole month or year."""
    return (since is None or since <= on) and (until is None or until >= on[: len(until)])


def rows_of(driver, query: str, **params) -> list[dict]:
    return [r.data() for r in driver.execute_query(query, params).records]


@dataclass
class Graph:
    """What a pack's sentences are read back against: the graph's own rows, queried here, not the pack's."""

    db: object
    entity_id: str
    on: str
    pack: Brief
    home: list[str]
    entity: dict
    links: list[dict]
    active: list[dict]
    names: dict[str, str]
    home_names: set[str]
    quality: dict[str, str]


def graph_of(driver, entity_id: str, on: str) -> Graph:
    pack = pack_of(driver, entity_id, as_of=on)
    home = sorted(qb.Reader(driver, as_of=on).home_ids)
    links = rows_of(driver, LINKS, id=entity_id)
    return Graph(
        db=driver,
        entity_id=entity_id,
        on=on,
        pack=pack,
        home=home,
        entity=read(driver, "entity_profile", id=entity_id)[0],
        links=links,
        active=[link for link in links if on_date(link["since"], link["until"], on)],
        names={r["other_id"]: r["other_name"] for r in links},
        home_names={
            r["name"] for r in rows_of(driver, "MATCH (m:Entity) WHERE m.id IN $ids RETURN m.name AS name", ids=home)
        },
        quality={s.label: s.text for s in pack.section("quality").statements if s.label},
    )


def listed(text: str) -> set[str]:
    """The names of a list sentence: ``A, B and 3 more`` is {A, B}."""
    return set(re.sub(r" and \d+ more$", "", text).split(", "))


def summary_sentence(g: Graph, sentence: str) -> bool:
    """Check one sentence of a pack's summary against the graph; False when it is none the summary writes."""

    from briefing.words import wording
    from graph.vocabulary import kind_name

    on, active, home = g.on, g.active, g.home
    if m := re.fullmatch(r"(?!On )(.+?) is an? (.+?)(?: \((.*)\))?(?:, rated (\w+) priority)?\.", sentence):
        assert m[1] == g.entity["props"]["name"] and m[2] == kind_name(g.entity["kind"])
        assert m[4] == g.entity["props"].get("priority"), sentence
    elif m := re.fullmatch(
        r"On (.+?) it has (\d+) active relationships?(?:: (.*?))?"
        r"(?:; (\d+) more ha(?:s|ve) ended or not yet started)?\.",
        sentence,
    ):
        assert m[1] == local_date(on) and int(m[2]) == len(active), sentence
        by_wording: dict[str, list[dict]] = {}
        for link in active:
            by_wording.setdefault(wording(link), []).append(link)
        parts = m[3].split("; ") if m[3] else []
        more = re.fullmatch(r"and (\d+) more relationships? of (\d+) other types?", parts[-1]) if parts else None
        said = [relationship_part(part, by_wording) for part in (parts[:-1] if more else parts)]
        unsaid = [w for w in by_wording if w not in said]
        assert sum(len(by_wording[w]) for w in said) + (int(more[1]) if more else 0) == len(active), sentence
        assert (int(more[2]) if more else 0) == len(unsaid), sentence
        assert not unsaid or min(len(by_wording[w]) for w in said) >= max(len(by_wording[w]) for w in unsaid)
        assert int(m[4] or 0) == len(g.links) - len(active), sentence
    elif m := re.fullmatch(r"Home-set members and parties \((\d+)\): (.+)\.", sentence):
        expected = {g.names[r["other_id"]] for r in active if r["direction"] == "in" and r["other_id"] in home}
        assert int(m[1]) == len(expected), (sentence, expected)
        assert listed(m[2]) <= expected
    elif m := re.fullmatch(r"Agreements and forums shared with the home set \((\d+)\): (.+)\.", sentence):
        assert int(m[1]) == len(shared_groups(g)), (sentence, shared_groups(g))
        assert listed(m[2]) <= shared_groups(g)
    elif m := re.fullmatch(
        r"Last engagement with the home set: (.+) \(([^()]+)\), with (.+?)(?:, via (.+))?\.", sentence
    ):
        found = read(g.db, "entity_lookup")
        assert any(r.get("name") == m[1] for r in found), sentence
        assert listed(m[3]) <= g.home_names
        ids = [g.entity_id, *(id_of(g, n) for n in listed(m[4]))] if m[4] else [g.entity_id]  # rolled up: its units
        own = [r["date"] for i in ids for r in rows_of(g.db, OWN_ENGAGEMENTS, id=i, home=home) if r["date"] <= on]
        assert own and local_date(max(own)) == m[2], (sentence, own)  # the latest with the home set
    elif m := re.fullmatch(r"No engagement with the home set is recorded up to (.+)\.", sentence):
        own = [r for r in rows_of(g.db, OWN_ENGAGEMENTS, id=g.entity_id, home=home) if r["date"] <= on]
        assert m[1] == local_date(on) and not own, own
    elif m := re.fullmatch(r"Open gaps \((\d+)\): (.+)\.", sentence):
        rows = g.pack.section("gaps").tables[0].rows
        parts = m[2].split("; ")
        left = re.fullmatch(r"and (\d+) more", parts[-1])
        said = parts[:-1] if left else parts
        assert int(m[1]) == len(rows) == len(said) + (int(left[1]) if left else 0), sentence
        assert [p.lower() for p in said] == [row[1].rstrip(".").lower() for row in rows[: len(said)]], sentence
    elif m := re.fullmatch(r"Data-quality notes: (.+)\.", sentence):
        labels = [label.split(" (")[0].split(":")[0].lower() for label in g.quality]
        assert m[1].split(", ") == labels
    else:
        return False
    return True


def relationship_part(part: str, by_wording: dict[str, list[dict]]) -> str:
    """Check one part of the relationships sentence (``is a member of A, B and C``, ``participated in 2
    engagements``) against the active links of its wording, and return the wording."""
    from briefing.words import as_verb

    verbs = {as_verb(w + s): w for w in by_wording for s in ("", "s")}
    verb = max((v for v in verbs if part.startswith(v + " ")), key=len)
    links, rest = by_wording[verbs[verb]], part[len(verb) + 1 :]
    if n := re.fullmatch(r"(\d+) engagements?", rest):
        assert int(n[1]) == len(links) and all(link["other_kind"] == "Engagement" for link in links), part
        return verbs[verb]
    partners = sorted({link["other_name"] for link in links})
    if more := re.fullmatch(r"(.+) and (\d+) more", rest):
        shown = more[1].split(", ")
        assert shown == partners[: len(shown)] and len(shown) + int(more[2]) == len(partners), part
    else:
        assert rest == " and ".join(filter(None, (", ".join(partners[:-1]), partners[-1]))), part
    return verbs[verb]


def shared_groups(g: Graph) -> set[str]:
    return {
        r["name"]
        for r in rows_of(g.db, SHARED, id=g.entity_id, home=g.home)
        if on_date(r["r_since"], r["r_until"], g.on) and on_date(r["h_since"], r["h_until"], g.on)
    }


@pytest.mark.parametrize(("entity_id", "on"), READBACK)
def test_every_summary_sentence_reads_back_against_the_graph(sample_db, entity_id, on):
    g = graph_of(sample_db, entity_id, on)
    links, active, names, quality = g.links, g.active, g.names, g.quality
    for sentence in (s.text for s in g.pack.summary):
        if not summary_sentence(g, sentence):
            pytest.fail(f"a sentence the test cannot read back: {sentence!r}")

    # the data-quality notes, counted again from the graph
    dated = [r for r in links if r["type"] != "PARTICIPATED_IN"]
    for label, count in (
        ("No dates recorded", sum(not r["since"] and not r["until"] for r in links)),
        ("No start date", sum(not r["since"] and bool(r["until"]) for r in dated)),
        ("Open-ended", sum(bool(r["since"]) and not r["until"] for r in dated)),
    ):
        text = next((t for k, t in quality.items() if k.startswith(label)), "0 facts")
        assert int(text.split()[0]) == count, (label, text, count)
    chairs = {r["other_id"] for r in active if r["direction"] == "in" and r["type"] == "CHAIRS"}
    overlap = next((t for k, t in quality.items() if k.startswith("More than one holder")), "")
    assert bool(overlap) == (len(chairs) > 1), (chairs, overlap)
    assert all(names[c] in overlap for c in chairs if len(chairs) > 1)


# ---- the one-page brief, every sentence read back against the graph --------------------------------------------

PAIR = """
MATCH (a:Entity {name: $a})-[r]-(b:Entity {name: $b})
RETURN CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction, type(r) AS type, r.kind AS kind,
       r.since AS since, r.until AS until
"""
HOME_LINKED = """
MATCH (h:Entity)-[r]-(n:Entity) WHERE h.id IN $home AND n.id IN $ids AND NOT n:Engagement AND NOT h:Engagement
RETURN h.name AS name, r.since AS since, r.until AS until
"""


def linked_as(g: Graph, a: str, verb: str, b: str) -> bool:
    """Whether `a` has a link to `b` active on the date that reads `verb` from `a`'s side."""
    from briefing.words import as_verb, wording

    rows = rows_of(g.db, PAIR, a=a, b=b)
    return any(on_date(r["since"], r["until"], g.on) and as_verb(wording(r)) == verb for r in rows)


def reads_as_link(g: Graph, text: str, a: str, b: str) -> bool:
    """Whether `text` is ``A <verb> B`` for a link between `a` and `b` active on the date."""
    return text.startswith(a + " ") and text.endswith(" " + b) and linked_as(g, a, text[len(a) + 1 : -len(b) - 1], b)


def id_of(g: Graph, name: str) -> str:
    (row,) = rows_of(g.db, "MATCH (n:Entity {name: $name}) RETURN n.id AS id", name=name)
    return row["id"]


def one_page_sentence(g: Graph, sentence: str, label: str) -> bool:
    """Check a sentence only the one-page brief writes; False when it is none of them."""
    from graph.dates import days_since

    name, on, props = g.entity["props"]["name"], g.on, g.entity["props"]
    own = [r for r in rows_of(g.db, OWN_ENGAGEMENTS, id=g.entity_id, home=g.home) if r["date"] <= on]
    if m := re.fullmatch(
        r"Purpose: where our relationship with (.+) stands on (.+?) for the home set \((.+)\), "
        r"and what to do next\.",
        sentence,
    ):
        assert (m[1], m[2], m[3]) == (name, local_date(on), g.pack.home_filter)
    elif sentence == props.get("description") or (
        sentence.endswith("…") and props["description"].startswith(sentence[:-1])
    ):
        pass  # the description, as recorded
    elif m := re.fullmatch(r"No agreement or forum is shared with the home set on (.+)\.", sentence):
        assert m[1] == local_date(on) and not shared_groups(g)
    elif m := re.fullmatch(r"Reached in (\d+) links? by (.+?)(?:, via (.+))?\.", sentence):
        assert listed(m[2]) <= g.home_names and int(m[1]) >= 1
        assert not m[3] or listed(m[3]) <= {g.names[r["other_id"]] for r in g.active}
    elif m := re.fullmatch(r"(.+) is in the home set itself\.", sentence):
        assert m[1] == name and g.entity_id in g.home
    elif label == "Single-threaded":
        m = re.fullmatch(r"Hangs by a single thread: only (.+) links to it directly(?: \(to (.+)\))?\.", sentence)
        assert m, sentence
        ids = [g.entity_id, *([id_of(g, n) for n in listed(m[2])] if m[2] else [])]
        linked = {
            r["name"] for r in rows_of(g.db, HOME_LINKED, home=g.home, ids=ids) if on_date(r["since"], r["until"], on)
        }
        assert linked == {m[1]}, (sentence, linked)
    elif label == "Stale engagement":
        m = re.fullmatch(r"Never engaged by the home set \(threshold (\d+) days\)\.", sentence)
        assert m and not own, (sentence, own)
    elif sentence == "No open gap found by the analyses that ran.":
        assert not g.pack.section("gaps").tables[0].rows
    else:
        return one_page_step(g, sentence, own, days_since)
    return True


def one_page_step(g: Graph, sentence: str, own: list[dict], days_since) -> bool:
    """Check a suggested next step: who, through whom and why, against the graph."""
    name, on = g.entity["props"]["name"], g.on
    if m := re.fullmatch(
        r"Engage (.+?)(?: through (.+?), which (.+) it already)?: no engagement with the home set "
        r"is recorded up to (.+?) \(threshold \d+ days\)\.",
        sentence,
    ):
        assert m[1] == name and m[4] == local_date(on) and not own
        assert not m[2] or (m[2] in g.home_names and linked_as(g, m[2], m[3], name)), sentence
    elif m := re.fullmatch(
        r"Open a second line to (.+?): ask (.+?) to introduce (.+?) to it \((.+)\); today only "
        r"(.+?) links to it\.",
        sentence,
    ):
        assert m[1] == name and m[3] in g.home_names and m[3] not in listed(m[5]) and listed(m[5]) <= g.home_names
        assert reads_as_link(g, m[4], m[2], name), sentence
    elif m := re.fullmatch(
        r"Open a second line to (.+?): today only (.+?) links to it, and none of the (\d+) best "
        r"introduction paths? to it starts from another home entity\.",
        sentence,
    ):
        rows = qb.Reader(g.db, as_of=on).run("introductions", params={"to": g.entity_id, "limit": m[3]})
        assert m[1] == name and len(rows) == int(m[3]), rows
        assert {r["from"] for r in rows} <= listed(m[2]) <= g.home_names, rows
    elif m := re.fullmatch(r"Ask (.+?) to introduce (.+?) to (.+?): (.+?)(?:, and (.+))? \((\d+) links?\)\.", sentence):
        introducer, start = m[1], m[2]
        assert m[3] == name and start in g.home_names
        assert reads_as_link(g, m[4], introducer, name), sentence
        if via := re.fullmatch(rf"{re.escape(start)} reaches {re.escape(introducer)} through (.+)", m[5] or ""):
            middle = via[1].split(", ")
            assert int(m[6]) == len(middle) + 2, sentence
        else:
            assert reads_as_link(g, m[5], start, introducer) and int(m[6]) == 2, sentence
    elif m := re.fullmatch(r"Coordinate with (.+?) through (.+?): (.+) sits in it with them on (.+)\.", sentence):
        assert m[3] == name and m[4] == local_date(on) and m[2] in shared_groups(g) and listed(m[1]) <= g.home_names
    elif m := re.fullmatch(
        r"Follow up (.+) \((\S+)\) with (.+?): it is the last engagement with the home set, (\d+) "
        r"days before (.+)\.",
        sentence,
    ):
        assert m[5] == local_date(on) and int(m[4]) == days_since(m[2], on) and listed(m[3]) <= g.home_names
        assert m[2] <= on and all(r["date"] <= m[2] for r in own), (sentence, own)
    elif m := re.fullmatch(r"Check whether (.+?) is still (.+): the record ended (\S+)\.", sentence):
        from briefing.words import wording

        ended = {f"{wording(r)} {r['other_name']}": r["until"] for r in g.links if r["until"] and r["until"] < on}
        assert m[1] == name and ended.get(m[2]) == m[3], (sentence, ended)
    elif m := re.fullmatch(r"Only (\d+) next steps? follows? from the recorded data\.", sentence):
        assert int(m[1]) == len(g.pack.one_page.steps) - 1
    else:
        return False
    return True


@pytest.mark.parametrize(("entity_id", "on"), READBACK)
def test_every_one_page_sentence_reads_back_against_the_graph(sample_db, entity_id, on):
    g = graph_of(sample_db, entity_id, on)
    page = g.pack.one_page
    assert page is not None and len(page.relationship) == 3 and len(page.steps) == 3
    assert len({s.text for s in page.steps}) == 3  # three different steps, not one suggestion three times
    for s in page.statements():
        if not (one_page_sentence(g, s.text, s.label) or summary_sentence(g, s.text)):
            pytest.fail(f"a sentence of the one-page brief the test cannot read back: {s.text!r}")
    assert all(s.notes for s in page.statements() if s is not page.purpose and "home set itself" not in s.text)


@pytest.mark.parametrize(("entity_id", "on"), READBACK)
def test_the_one_page_brief_fits_one_a4_page_and_the_pack_follows_as_annex(sample_db, entity_id, on):
    from briefing.export import export
    from briefing.outline import one_page_outline
    from briefing.pdf import render

    pack = pack_of(sample_db, entity_id, as_of=on)
    alone = bytes(render(pack, one_page_outline(pack, annex=False), "Brief").output())
    assert len(re.findall(rb"/Type\s*/Page\b", alone)) == 1
    full = export(pack, "pdf")[0]
    with_annex = export(pack, "pdf", template="one-page")[0]
    assert len(re.findall(rb"/Type\s*/Page\b", with_annex)) == 1 + len(re.findall(rb"/Type\s*/Page\b", full))
    md = export(pack, "md", template="one-page")[0].decode()
    page, _, annex = md.partition("## Annex: full briefing pack")
    assert page.startswith(f"**{MARKING}**") and "### Suggested next steps" in page and "## Source notes" in annex
    cited = set(pack.one_page.cited())
    assert [int(n) for n in re.findall(r"^(\d+)\. ", page.split("### Sources")[1], re.M)] == sorted(cited)
    blocks = docx_blocks(export(pack, "docx", template="one-page")[0])
    assert blocks["headings"][:5] == [
        "Who they are",
        "Our relationship",
        "Open gaps",
        "Suggested next steps",
        "Sources",
    ]
    assert MARKING in blocks["header"]


def test_brief_command_writes_the_one_page_brief(sample_db, tmp_path, capsys):
    out = tmp_path / "vgt.md"
    assert main(["brief", "vgt", "--one-page", "--format", "md", "--out", str(out), "--as-of", "2024-11-15"]) == 0
    text = out.read_text()
    assert text.splitlines()[2] == f"**{SAMPLE_NOTICE}**"  # the sample graph says so before the title
    assert text.splitlines()[4] == "# Brief: Virtual Global Taskforce" and "## Annex: full briefing pack" in text
    assert "wrote" in capsys.readouterr().err


# ---- plain wording: local times, kinds as words, sources before the load record, mirrors flagged, tables fit ----


def test_a_pack_reads_in_plain_words(sample_db, monkeypatch):
    from briefing.model import MIRROR
    from graph.vocabulary import load_vocabulary

    monkeypatch.setenv("SGE_TIMEZONE", "Australia/Canberra")
    monkeypatch.delenv("SGE_AGGREGATOR_DOMAINS", raising=False)
    pack = qb.brief(sample_db, "FJI", as_of="2025-06-01", marking=MARKING)
    text = to_markdown(pack)[0]
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}, \d\d:\d\d AE[DS]T \(Australia/Canberra\)", pack.generated_at)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)  # no ISO time anywhere
    assert "Kind" not in {s.label for s in pack.facts}
    tags = set(load_vocabulary().kind_names)  # Country, InternationalOrganisation, ...
    cells = {c for sec in pack.sections for t in sec.tables for row in t.rows for c in row}
    assert not cells & (tags - {"Country"}), cells & tags  # kinds in tables are words
    for note in (n for n in pack.notes if not n.derived):
        last_source = max(note.text.index(s) + len(s) for s in note.sources) if note.sources else 0
        assert note.text.index("Load record:") > last_source, note.text
    mirrored = [n for n in pack.notes if any("fdocuments.us" in s for s in n.sources)]
    assert mirrored and all(f"({MIRROR}: fdocuments.us)" in n.text for n in mirrored)
    assert f"{MIRROR}: fdocuments.us" in text
    monkeypatch.setenv("SGE_AGGREGATOR_DOMAINS", "")
    assert MIRROR not in to_markdown(qb.brief(sample_db, "FJI", as_of="2025-06-01"))[0]


@pytest.mark.parametrize("entity_id", ["FJI", "afp"])
def test_table_columns_fit_their_longest_word_in_pdf_and_docx(sample_db, entity_id):
    from briefing.docx import CELL_MARGINS_CM, TEXT_WIDTH_CM, text_cm
    from briefing.pdf import FACE, _Pack

    pack = pack_of(sample_db, entity_id, as_of="2025-06-01")
    tables = [t for sec in pack.sections for t in sec.tables if t.rows]
    assert tables
    pdf = _Pack(MARKING, pack.title)
    pdf.add_page()
    pdf.set_font(FACE, "B", 7)
    for table in tables:
        widths = table.widths(pdf.epw, pdf.get_string_width, pad=2.2)
        assert abs(sum(widths) - pdf.epw) < 0.01
        for width, header in zip(widths, [*table.columns, "Sources"], strict=True):
            assert all(pdf.get_string_width(w) + 1.6 <= width for w in header.split()), (table.title, header, width)
        cm = table.widths(TEXT_WIDTH_CM, text_cm, pad=CELL_MARGINS_CM)
        for width, header in zip(cm, [*table.columns, "Sources"], strict=True):
            assert all(text_cm(w) < width for w in header.split()), (table.title, header, width)
    document = docx.Document(io.BytesIO(to_docx(pack)))
    grid = document.tables[0].columns
    assert abs(sum(c.width.cm for c in grid) - TEXT_WIDTH_CM) < 0.05


# ---- the network picture, readable at A4 ------------------------------------------------------------------------


def test_the_network_picture_shows_at_most_25_entities_the_nearest_first_and_counts_the_rest(sample_db):
    pack = pack_of(sample_db, "FJI", as_of="2025-06-01")
    reader = qb.Reader(sample_db, as_of="2025-06-01")
    simple = nx.Graph(reader.graph.to_undirected())
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    distance = nx.single_source_shortest_path_length(simple, "FJI", cutoff=2)
    (sentence,) = (s.text for s in pack.section("network").statements)
    m = re.fullmatch(
        r"(\d+) entities within (\d) links? of Fiji on 1 June 2025(?:, .*; and (\d+) more within 2 links "
        r"not shown)?\.",
        sentence,
    )
    assert m, sentence
    shown = int(m[1])
    assert shown <= 25 < len(distance) and int(m[3]) == len(distance) - shown, (sentence, len(distance))
    data = reader.profile("FJI")
    nodes = data.network["nodes"]
    assert len(nodes) == shown and {n for n, d in distance.items() if d == 1} <= set(nodes)  # every neighbour first
    assert data.network["png"].startswith(b"\x89PNG")


def test_a_one_page_brief_keeps_hostile_names_as_text_in_every_format():
    from briefing.export import export

    data = _data()
    data.entity["props"]["name"] = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) # Heading"
    pack = build_brief(data, marking=MARKING, generated_at="2 December 2026, 09:00 AEDT (Australia/Canberra)")
    md = export(pack, "md", template="one-page")[0].decode()
    assert not re.search(r"(?<!\\)<img", md) and not re.search(r"(?<!\\)\]\(javascript:", md)
    assert not re.search(r"^#+ Heading", md, re.M) and "\\<img src=x" in md
    assert pack.one_page is not None and pack.one_page.steps[-1].text.startswith("Only 0 next steps")
    text = docx_blocks(export(pack, "docx", template="one-page")[0])["text"]
    assert "<img src=x onerror=alert(1)>" in text  # Word shows the name as it was written, as text
    assert export(pack, "pdf", template="one-page")[0].startswith(b"%PDF")


@pytest.mark.parametrize("entity_id", ["FJI", "pif", "PNG"])
def test_suggested_contacts_say_whom_to_ask_and_why_once_each(sample_db, entity_id):
    pack = pack_of(sample_db, entity_id)
    (table,) = pack.section("contacts").tables
    assert table.columns == ("Ask", "To introduce", "Why them", "Path")
    assert table.rows  # each of the three has introducers in the sample
    assert len({row[:2] for row in table.rows}) == len(table.rows)  # one row per introducer and home entity
    name = read(sample_db, "entity_profile", id=entity_id)[0]["props"]["name"]
    for ask, home, why, path in (row[:4] for row in table.rows):
        steps = path.split(" → ")
        assert steps[0] == home and steps[-2] == ask and ask in why, (ask, home, path)
        assert steps[-1] == name
        assert "introductions" not in " ".join((ask, home, why, path))
