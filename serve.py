"""The app served with headers that keep other sites from framing it: ``streamlit run serve.py``.

Streamlit's ``st.App`` runs `app.py` as an ASGI application; the middleware below adds, to every HTTP response,
``Content-Security-Policy: frame-ancestors 'self'`` and ``X-Frame-Options: SAMEORIGIN`` (older browsers), so only
the app itself may put its pages in a frame (the network drawing is such a frame), and no other origin can.

At start the server imports `WARM_AT_START` before it answers, so the first Network open does not wait for them.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FRAME_HEADERS = [
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


#: Files served with a day's caching: vis-network (copied from pyvis, changes only with it) was fetched again on
#: every Network open (126 kB gzipped), as Streamlit serves component files without a max-age.
CACHED_SUFFIXES = ("/vis-network.min.js",)
CACHE_FOR_A_DAY = (b"cache-control", b"public, max-age=86400")


class FrameHeaders:
    """ASGI middleware: the headers above on every HTTP response (a header the response sets already is kept), and
    a day's caching for `CACHED_SUFFIXES`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        cached = scope.get("path", "").endswith(CACHED_SUFFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if cached:
                    headers = [(n, v) for n, v in headers if n.lower() != b"cache-control"] + [CACHE_FOR_A_DAY]
                present = {name.lower() for name, _ in headers}
                message["headers"] = [*headers, *((n, v) for n, v in FRAME_HEADERS if n not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Imported once when the server starts. igraph (layout and centrality) pulls in igraph.drawing and, through it,
#: matplotlib.pyplot: about 1.0 s with only streamlit loaded, 0.12 s after app.py's own imports
#: (``bench/cold_import.py``), paid by the first Network open otherwise.
WARM_AT_START = ("igraph",)


def warm_imports() -> None:
    """Import `WARM_AT_START`: later imports of them are a look-up."""
    for name in WARM_AT_START:
        importlib.import_module(name)


@asynccontextmanager
async def warm_up(_app: st.App) -> AsyncIterator[None]:
    """Lifespan: `warm_imports` before the first request. Awaited, not left running beside the first page: a
    thread importing matplotlib while a page imports it too can meet an import deadlock."""
    await asyncio.to_thread(warm_imports)
    yield


app = st.App("app.py", middleware=[Middleware(FrameHeaders)], lifespan=warm_up)
