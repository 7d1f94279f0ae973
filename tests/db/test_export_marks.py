"""Every export carries the chosen marking, and the SAMPLE / DEMONSTRATION notice exactly when the graph holds
sample data: packs (every page), the network's PNG, HTML, CSV pair, XLSX, GraphML and GEXF, and table downloads."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import docx
import networkx as nx
import openpyxl
import pytest
from PIL import Image

from briefing.assemble import brief, holds_sample
from briefing.export import export
from briefing.outline import blocks_of, title
from briefing.pdf import FACE, render
from cli.queries import main
from graph.layout import positions
from graph.settings import SAMPLE_NOTICE
from loaders.pipeline import load_paths
from queries.network import export_rows
from render import exports, tables
from render.exports import MARKING_RED
from render.tables import Stamp

MARK = "OFFICIAL: Sensitive"
ON = dt.date(2026, 12, 1)
PACK_OF = {"sample": "FJI", "plain": "afp"}


@pytest.fixture
def plain_db(db, tmp_path):
    """A graph of two loaded rows and a link, none of them sample data."""
    (tmp_path / "elements.csv").write_text(
        "ID,Label,Type,Country\nafp,Australian Federal Police,Agency,AUS\npif,Pacific Islands Forum,Forum,\n"
    )
    (tmp_path / "connections.csv").write_text("From,To,Type,Since\nafp,pif,member of,2001\n")
    report = load_paths(db, [str(tmp_path)])
    assert not report.errors, report.errors
    return db


def _view(driver) -> tuple[list[dict], list[dict]]:
    ids = [r["id"] for r in driver.execute_query("MATCH (n:Entity) RETURN n.id AS id ORDER BY id LIMIT 40").records]
    return export_rows(driver, ids)


def _xlsx_text(data: bytes) -> dict[str, str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    shown = {
        sheet.title: " ".join(str(c.value) for row in sheet.iter_rows(max_row=5) for c in row if c.value)
        for sheet in book.worksheets
    }
    return shown | {"properties": f"{book.properties.keywords} {book.properties.description or ''}"}


def _docx_pages(data: bytes) -> str:
    """What the header and footer of every section (so every page) say."""
    document = docx.Document(io.BytesIO(data))
    return " | ".join(
        " ".join(p.text for p in part.paragraphs) for s in document.sections for part in (s.header, s.footer)
    )


def _pdf_pages_saying(pack, template: str, text: str) -> tuple[int, int]:
    """(pages whose drawing holds `text` in the bold face the header uses, pages) of the pack as PDF."""
    pdf = render(pack, blocks_of(pack, template), title(pack, template))
    pdf.set_font(FACE, "B", 8)
    encoded = pdf.current_font.encode_text(text)
    glyphs = encoded[1 : encoded.rindex(")")].encode("latin-1")
    return sum(glyphs in bytes(page.contents) for page in pdf.pages.values()), len(pdf.pages)


def every_export(driver, stamp: Stamp) -> dict[str, str]:
    """Each export of a view of the graph and of a table, as the text a reader would find the marks in."""
    entities, links = _view(driver)
    xy = positions(entities, links)
    elements, connections = exports.csv_pair(entities, links, stamp)
    png = Image.open(io.BytesIO(exports.to_png(entities, links, xy, stamp=stamp)))
    graphml = nx.read_graphml(io.BytesIO(exports.to_graphml(entities, links, xy, stamp)), force_multigraph=True)
    meta = ET.fromstring(exports.to_gexf(entities, links, xy, stamp=stamp)).find("{*}meta")
    assert meta is not None
    rows = [{"id": e["id"], "name": e.get("name")} for e in entities]
    shown = {
        "elements.csv": elements,
        "connections.csv": connections,
        "network.png": " ".join(png.text.values()),
        "network.graphml": " ".join(str(v) for v in graphml.graph.values()),
        "network.gexf": " ".join(e.text or "" for e in meta),
        "network.html": exports.to_html(entities, links, xy, stamp),
        "table.csv": tables.to_csv(rows, stamp),
    }
    for name, data in (
        ("network.xlsx", exports.to_xlsx(entities, links, stamp)),
        ("table.xlsx", tables.to_xlsx(rows, "table", stamp)),
    ):
        shown |= {f"{name} {part}": text for part, text in _xlsx_text(data).items()}
    # The top band of the picture holds the marking in red: it is drawn, not only in the metadata.
    band = png.convert("RGB").crop((0, 0, png.width, 24))
    assert MARKING_RED in {colour for _, colour in band.getcolors(maxcolors=1 << 16)}
    return shown


def test_every_export_from_the_sample_carries_the_marking_and_the_sample_notice(sample_db):
    assert holds_sample(sample_db)
    for name, text in every_export(sample_db, Stamp("Network around Fiji", ON, MARK, holds_sample(sample_db))).items():
        assert MARK in text, name
        assert SAMPLE_NOTICE in text, name


def test_exports_from_other_data_carry_the_marking_and_no_sample_notice(plain_db):
    assert not holds_sample(plain_db)
    for name, text in every_export(plain_db, Stamp("Network view", ON, MARK, holds_sample(plain_db))).items():
        assert MARK in text, name
        assert SAMPLE_NOTICE not in text, name


def test_the_sample_watermark_is_drawn_across_the_picture(sample_db):
    entities, links = _view(sample_db)
    xy = positions(entities, links)
    marked = Image.open(io.BytesIO(exports.to_png(entities, links, xy, stamp=Stamp("x", ON, MARK, True))))
    plain = Image.open(io.BytesIO(exports.to_png(entities, links, xy, stamp=Stamp("x", ON, MARK, False))))
    bottom = (0, marked.height - 30, marked.width, marked.height)
    assert MARKING_RED in {c for _, c in marked.convert("RGB").crop(bottom).getcolors(maxcolors=1 << 16)}
    assert MARKING_RED not in {c for _, c in plain.convert("RGB").crop(bottom).getcolors(maxcolors=1 << 16)}


@pytest.mark.parametrize("graph", ["sample", "plain"])
def test_every_page_of_a_pack_carries_the_marking_and_on_sample_data_the_notice(graph, request):
    driver = request.getfixturevalue("sample_db" if graph == "sample" else "plain_db")
    pack = brief(driver, PACK_OF[graph], marking=MARK, as_of="2025-06-01")
    assert pack is not None and pack.sample == (graph == "sample")
    for template in ("full", "one-page"):
        pages = _docx_pages(export(pack, "docx", template=template)[0])
        assert pages.count(MARK) == 2 and (SAMPLE_NOTICE in pages) == pack.sample
        md = export(pack, "md", template=template)[0].decode()
        head = md.split("\n# ", 1)[0]
        assert MARK in head and (SAMPLE_NOTICE in head) == pack.sample
        assert (SAMPLE_NOTICE in md.rsplit("---", 1)[1]) == pack.sample  # at the end too
        noticed, count = _pdf_pages_saying(pack, template, SAMPLE_NOTICE)
        marked, _ = _pdf_pages_saying(pack, template, MARK)
        assert marked == count and noticed == (count if pack.sample else 0), (template, noticed, count)


def test_the_command_line_marks_its_csv_and_packs(sample_db, tmp_path, capsys):
    assert main(["run", "degree", "--param", "top=3", "--format", "csv", "--marking", "PROTECTED"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff# Marking: PROTECTED\n")
    records = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [r[0] for r in records[1:4]][-1] == f"# {SAMPLE_NOTICE}"
    assert records[4][:2] == ["rank", "id"]
    out_file = tmp_path / "fji.md"
    assert main(["brief", "FJI", "--format", "md", "--out", str(out_file), "--marking", "PROTECTED"]) == 0
    text = out_file.read_text()
    assert text.startswith("**PROTECTED**") and SAMPLE_NOTICE in text.split("\n# ", 1)[0]
    assert "marked PROTECTED (sample data)" in capsys.readouterr().err


def test_the_command_lines_table_carries_the_marking_and_json_stays_plain_rows(sample_db, capsys):
    assert main(["run", "degree", "--param", "top=3", "--marking", "PROTECTED"]) == 0  # table, the default
    out = capsys.readouterr().out
    assert out.startswith("# Marking: PROTECTED\n") and out.split("\n\n")[0].endswith(f"# {SAMPLE_NOTICE}")
    assert "rank" in out.split("\n\n", 1)[1].splitlines()[0]  # then the table
    assert main(["run", "degree", "--param", "top=3", "--format", "json", "--marking", "PROTECTED"]) == 0
    printed = capsys.readouterr()
    assert len(json.loads(printed.out)) == 3 and "# Marking: PROTECTED" in printed.err
