"""Exports of a network view: offline HTML, PNG, CSV, GraphML, GEXF and a Kumu-style XLSX.

Inputs are plain dicts: entities ``{id, kind, name, ...properties}`` and links
``{source, target, type, ...properties}``. The CSV pair and the XLSX use the
columns the project's loader reads (Elements: ``ID, Label, Type, ...``;
Connections: ``From, To, Type, ...``), so an export loads back unchanged.

Given a `render.tables.Stamp`, every export says what it is: the marking, and on sample data the sample notice
(a header block above the CSV and XLSX header rows, which the loader skips; the graph's metadata in GraphML and
GEXF; a banner in the HTML page; text drawn on the PNG).
"""

from __future__ import annotations

import html
import io
import math
from xml.etree.ElementTree import SubElement

import networkx as nx
import openpyxl
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from graph.model import BOOKKEEPING
from graph.settings import SAMPLE_NOTICE
from render.network import colour_of, network_html
from render.tables import Stamp, block_rows, stamp_workbook, to_csv

__all__ = ["connections", "csv_pair", "elements", "notice", "to_gexf", "to_graphml", "to_html", "to_png", "to_xlsx"]

#: Elements columns in the loader's wording, and the property each holds.
ELEMENT_COLUMNS = {
    "ID": "id",
    "Label": "name",
    "Type": "kind",
    "Aliases": "aliases",
    "Country": "country",
    "Region": "region",
    "Description": "description",
    "Tags": "tags",
    "Priority": "priority",
    "Date": "date",
    "Engagement Kind": "engagement_kind",
    "Sources": "sources",
}
#: Connections columns in the loader's wording, and the property each holds.
CONNECTION_COLUMNS = {
    "From": "source",
    "To": "target",
    "Type": "type",
    "Since": "since",
    "Until": "until",
    "Role": "role",
    "Amount": "amount",
    "Currency": "currency",
    "Confidence": "confidence",
    "Notes": "notes",
    "Sources": "sources",
}
#: Stored properties that the loader derives itself, so they are not exported as columns.
DERIVED = BOOKKEEPING | {"title", "summary"}  # written by the loader, not read from a column
LIST_SEPARATOR = "|"


def _cell(value):
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def elements(entities: list[dict]) -> list[dict]:
    """Entities as Elements rows (lists joined with ``|``, free properties as their own columns).

    An engagement's own kind (dialogue, meeting) is read from ``engagement_kind``.
    """
    known = set(ELEMENT_COLUMNS.values()) | DERIVED
    rows = []
    for entity in entities:
        row = {column: _cell(entity.get(key)) for column, key in ELEMENT_COLUMNS.items()}
        row |= {key: _cell(value) for key, value in entity.items() if key not in known and value not in (None, "")}
        rows.append(row)
    return rows


def connections(links: list[dict]) -> list[dict]:
    """Links as Connections rows; ``RELATED_TO`` is written with its wording so it loads back the same."""
    rows = []
    known = set(CONNECTION_COLUMNS.values()) | DERIVED | {"kind"}
    for link in links:
        row = {column: _cell(link.get(key)) for column, key in CONNECTION_COLUMNS.items()}
        if link["type"] == "RELATED_TO":
            row["Type"] = link.get("kind") or ""
        row |= {key: _cell(value) for key, value in link.items() if key not in known and value not in (None, "")}
        rows.append(row)
    return rows


def csv_pair(entities: list[dict], links: list[dict], stamp: Stamp | None = None) -> tuple[str, str]:
    """(elements CSV, connections CSV), formula-like cells neutralised, each after `stamp`'s header block when
    given; the pair loads back as it is."""
    return to_csv(elements(entities), stamp), to_csv(connections(links), stamp)


def _sheet(workbook: openpyxl.Workbook, title: str, rows: list[dict], fallback: list[str], top: int) -> None:
    sheet = workbook.create_sheet(title)
    for _ in range(top):  # left free for the header block
        sheet.append([])
    columns = list(dict.fromkeys([*fallback, *(key for row in rows for key in row)]))
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column) if row.get(column) != "" else None for column in columns])
    for cells in sheet.iter_rows(min_row=top + 2):
        for cell in cells:
            if cell.data_type == "f":  # text that starts with "=": keep it as text, never a formula
                cell.data_type = "s"
    sheet.freeze_panes = f"A{top + 2}"


def to_xlsx(entities: list[dict], links: list[dict], stamp: Stamp | None = None) -> bytes:
    """A Kumu-style workbook, sheets ``Elements`` and ``Connections``, that the loader reads back unchanged;
    `stamp`'s header block, when given, heads each sheet.

    Every cell is stored as a value (text starting with ``=`` is typed as
    text), so nothing in it runs as a formula when the workbook is opened.
    """
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None  # a new workbook has one (empty) sheet
    workbook.remove(first)
    _sheet(workbook, "Elements", elements(entities), list(ELEMENT_COLUMNS), block_rows(stamp))
    _sheet(workbook, "Connections", connections(links), list(CONNECTION_COLUMNS), block_rows(stamp))
    stamp_workbook(workbook, stamp)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def notice(stamp: Stamp | None) -> str:
    """The one line a picture or page carries: the marking, and the sample notice on sample data."""
    if stamp is None:
        return ""
    return f"{stamp.marking} · {SAMPLE_NOTICE}" if stamp.sample else stamp.marking


_GEXF_RESERVED = {"id", "label", "pid", "start", "end", "viz", "parents", "slices", "spells", "weight", "type"}


def _networkx(entities: list[dict], links: list[dict], *, for_gexf: bool = False) -> nx.MultiDiGraph:
    """A MultiDiGraph with text attributes (lists joined with ``|``); GEXF's reserved names get an ``x_``."""

    def attrs(item: dict, skip: set[str]) -> dict:
        out = {}
        for key, value in item.items():
            if key in skip or value in (None, "", []):
                continue
            out[f"x_{key}" if for_gexf and key in _GEXF_RESERVED else key] = str(_cell(value))
        return out

    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for entity in entities:
        graph.add_node(entity["id"], **attrs(entity, {"id"} | DERIVED))
    for link in links:
        if link["source"] in graph and link["target"] in graph:
            data = attrs(link, {"source", "target"} | DERIVED)
            if for_gexf:
                data["label"] = data["relationship"] = data.pop("x_type")
            graph.add_edge(link["source"], link["target"], **data)
    return graph


def _described(graph: nx.MultiDiGraph, stamp: Stamp | None) -> None:
    """The stamp as graph-level data: ``marking``, ``question``, ``as_of`` and, on sample data, ``notice``."""
    if stamp is not None:
        graph.graph.update(marking=stamp.marking, question=stamp.question, as_of=stamp.as_of.isoformat())
        if stamp.sample:
            graph.graph["notice"] = SAMPLE_NOTICE


def to_graphml(
    entities: list[dict], links: list[dict], positions: dict | None = None, stamp: Stamp | None = None
) -> bytes:
    """GraphML (directed, parallel links kept); text attributes, plus ``x``/``y`` when `positions` are given, and
    `stamp` as the graph's own data."""
    graph = _networkx(entities, links)
    _described(graph, stamp)
    for node, (x, y) in (positions or {}).items():
        if node in graph:
            graph.nodes[node].update(x=float(x), y=float(y))
    out = io.BytesIO()
    nx.write_graphml(graph, out, named_key_ids=True)
    return out.getvalue()


def to_gexf(
    entities: list[dict],
    links: list[dict],
    positions: dict | None = None,
    *,
    colour_by: str = "kind",
    stamp: Stamp | None = None,
) -> bytes:
    """GEXF for Gephi: node labels, the view's colours and positions, the relationship type as edge label, and
    `stamp` in the file's ``meta`` (keywords: the marking; description: the question and the sample notice)."""
    graph = _networkx(entities, links, for_gexf=True)
    scale = _fit(positions or {}, 1000, 1000, margin=0)
    for entity in entities:
        node = graph.nodes[entity["id"]]
        node["label"] = str(entity.get("name") or entity["id"])
        red, green, blue = _rgb(colour_of(entity, colour_by)[2])
        node["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}}
        if entity["id"] in scale:
            x, y = scale[entity["id"]]
            node["viz"]["position"] = {"x": x - 500, "y": 500 - y, "z": 0.0}
    writer = nx.readwrite.gexf.GEXFWriter()
    writer.add_graph(graph)
    if stamp is not None:
        meta = writer.xml.find("meta")
        assert meta is not None  # the writer starts every file with one
        SubElement(meta, "keywords").text = stamp.marking
        description = f"{stamp.question}, as of {stamp.as_of.isoformat()}"
        SubElement(meta, "description").text = f"{description}. {SAMPLE_NOTICE}" if stamp.sample else description
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BANNER_STYLE = "padding: 3px 8px; background: #a00000; color: #fff; font-weight: bold; text-align: center;"


def to_html(
    nodes: list[dict], links: list[dict], positions: dict | None = None, stamp: Stamp | None = None, **options
) -> str:
    """The view as one standalone, offline HTML page (vis-network inlined, nothing fetched), headed by a banner
    with the `stamp`'s marking (and the sample notice) as text."""
    page = network_html(nodes, links, positions=positions, height=options.pop("height", 900), **options)
    if stamp is None:
        return page
    banner = f'<div id="sge-marking" role="note" style="{BANNER_STYLE}">{html.escape(notice(stamp))}</div>'
    return page.replace("<body>", f"<body>\n{banner}", 1)


def _font(size: int):
    """DejaVu Sans where the system has it (accents, most scripts), else Pillow's built-in font."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        try:
            return ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", size)
        except OSError:
            return ImageFont.load_default(size=size)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _fit(positions: dict, width: int, height: int, margin: int) -> dict:
    """Positions scaled into a ``width`` x ``height`` box (y down), aspect kept."""
    if not positions:
        return {}
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    size = min(width, height) - 2 * margin
    dx = (width - (max(xs) - min(xs)) * size / span) / 2
    dy = (height - (max(ys) - min(ys)) * size / span) / 2
    return {
        key: (dx + (float(x) - min(xs)) * size / span, dy + (float(y) - min(ys)) * size / span)
        for key, (x, y) in positions.items()
    }


def to_png(
    nodes: list[dict],
    links: list[dict],
    positions: dict,
    *,
    colour_by: str = "kind",
    size_by: dict | None = None,
    width: int = 1600,
    height: int = 1200,
    labels: int = 150,
    stamp: Stamp | None = None,
) -> bytes:
    """A PNG drawn with Pillow from the view's positions: links, entities coloured as on screen, a legend, and
    the `stamp`'s marking across the top (with the sample notice across the middle, on sample data).

    Parameters
    ----------
    size_by : dict, optional
        ``{id: number}``; entities are scaled by it as in the view.
    labels : int
        How many entities get their name written, largest first (all in a small view).
    """
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(14), _font(11)
    legend: dict[tuple, tuple[str, str]] = {}
    for node in nodes:
        order, key, colour = colour_of(node, colour_by)
        legend[order] = (key, colour)
    marked = 24 if stamp is not None else 0
    top = 30 + marked + 22 * math.ceil(len(legend) / 6)
    xy = _fit({k: v for k, v in positions.items() if k in {n["id"] for n in nodes}}, width, height - top, margin=40)
    xy = {key: (x, y + top) for key, (x, y) in xy.items()}
    for link in links:
        if link["source"] in xy and link["target"] in xy:
            draw.line([xy[link["source"]], xy[link["target"]]], fill=(170, 170, 170), width=1)
    values = size_by or {}
    high = max(values.values(), default=0) or 1
    radius = {n["id"]: 5 + 14 * (float(values.get(n["id"], 0)) / high if size_by else 0.3) for n in nodes}
    for node in nodes:
        if node["id"] in xy:
            x, y = xy[node["id"]]
            r = radius[node["id"]]
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour_of(node, colour_by)[2], outline=(60, 60, 60))
    for node in sorted(nodes, key=lambda n: -radius[n["id"]])[:labels]:
        if node["id"] in xy:
            x, y = xy[node["id"]]
            name = str(node.get("name") or node["id"])
            draw.text(
                (x, y + radius[node["id"]] + 2),
                name if len(name) <= 32 else name[:31] + "…",
                fill=(30, 30, 30),
                font=small,
                anchor="mt",
            )
    for i, order in enumerate(sorted(legend)):
        key, colour = legend[order]
        x, y = 20 + (i % 6) * (width - 40) / 6, 14 + marked + 22 * (i // 6)
        draw.ellipse([x, y, x + 12, y + 12], fill=colour, outline=(60, 60, 60))
        draw.text((x + 18, y - 1), key, fill=(30, 30, 30), font=font)
    info = PngInfo()
    if stamp is not None:
        _stamp(image, stamp)
        info.add_text("Title", stamp.question)
        info.add_text("Copyright", stamp.marking)  # the standard keyword closest to a marking
        if stamp.sample:
            info.add_text("Disclaimer", SAMPLE_NOTICE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()


MARKING_RED = (160, 0, 0)


def _stamp(image: Image.Image, stamp: Stamp) -> None:
    """The marking along the top; on sample data the notice along the bottom and, faint, across the middle."""
    draw = ImageDraw.Draw(image)
    width, height = image.size
    draw.text((width / 2, 6), stamp.marking, fill=MARKING_RED, font=_font(16), anchor="mt")
    if not stamp.sample:
        return
    draw.text((width / 2, height - 8), SAMPLE_NOTICE, fill=MARKING_RED, font=_font(14), anchor="mb")
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(layer).text(
        (width / 2, height / 2), "SAMPLE / DEMONSTRATION", fill=(*MARKING_RED, 60), font=_font(width // 14), anchor="mm"
    )
    tilted = layer.rotate(20, center=(width / 2, height / 2))
    image.paste(tilted, mask=tilted)
