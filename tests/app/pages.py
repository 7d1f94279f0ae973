"""Open the app under Streamlit's AppTest and read what a page shows."""

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def app(page=None, **query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def texts(at):
    shown = " ".join(
        str(e.value)
        for kind in ("markdown", "caption", "info", "warning", "error", "header", "title")
        for e in getattr(at, kind)
    )
    return shown.replace("\u2060", "")  # the invisible word joiner `views.widgets.md_text` puts after @ and www


def canvas(at) -> dict | None:
    """What the Network page gave its drawing component (`render.network.canvas_args`), or None when none is drawn;
    its packed nodes and links unpacked, as the component does, under ``nodes`` and ``edges``."""
    from render.network import unpack

    found = [e for e in at.get("component_instance") if e.key == "network-canvas"]
    if not found:
        return None
    args = json.loads(found[0].proto.json_args)
    args["nodes"], args["edges"] = unpack(args)
    return args


def read_table(data: bytes):
    """A downloaded CSV as a DataFrame: the byte-order mark and the header block (lines starting with ``# ``,
    quoted when they hold a comma) above the table left out; it checks both are there."""
    import io

    import pandas as pd

    text = data.decode("utf-8")
    assert text.startswith("\ufeff# Marking: "), text[:40]
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    block = next(i for i, line in enumerate(lines) if not line.lstrip('"').startswith("# "))
    return pd.read_csv(io.StringIO("".join(lines[block:])))
