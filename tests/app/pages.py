"""Open the app under Streamlit's AppTest and read what a page shows."""

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
    return " ".join(
        str(e.value)
        for kind in ("markdown", "caption", "info", "warning", "error", "header", "title")
        for e in getattr(at, kind)
    )


def iframes(at):
    return [node for node in at.main if node.type == "iframe"] if hasattr(at.main, "__iter__") else []
