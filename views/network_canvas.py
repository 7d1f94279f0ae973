"""The Network page's drawing as a two-way Streamlit component: clicks, double clicks and drags come back to Python.

Declared once (components v1, a static folder with no build step: `render.network.component_dir`); the page gives
it `render.network.canvas_args` and reads the events it sends back (see ``render/components/network/network.js``).
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from render.network import component_dir

KEY = "network-canvas"
_canvas = components.declare_component("sge_network", path=str(component_dir()))


def pending_events(after: int) -> list[dict]:
    """The events the drawing has sent that are newer than `after` (a `seq`), oldest first.

    Read from the component's state before it is drawn, so a run can act on a click before drawing its answer.
    """
    value = st.session_state.get(KEY) or {}
    events = value.get("events") if isinstance(value, dict) else None
    return sorted((e for e in events or [] if isinstance(e, dict) and int(e.get("seq", 0)) > after), key=_seq)


def _seq(event: dict) -> int:
    return int(event["seq"])


def network_canvas(args: dict) -> None:
    """Draw the network (`render.network.canvas_args`); its events arrive with the next run (`pending_events`)."""
    _canvas(**args, key=KEY, default=None)
