"""Dialogs that stay open across reruns until they save or are dismissed.

Streamlit shows a dialog only in the run that calls it; keeping which one is open in the session lets a full rerun
(a form submitted inside it, another control on the page) call it again instead of silently dropping what was typed.
"""

from __future__ import annotations

import streamlit as st

OPEN = "dialog-open"  # the key of the dialog now open
KEPT = "dialog-kept"  # what the open dialog read when it opened


def opens(label: str, key: str, container=st, *, about: str = "", **button) -> bool:
    """A button that opens the dialog `key` (about the entity `about`); True while that dialog is open about it
    (call the dialog then). Another entity's page shows it closed."""
    if container.button(label, key=key, **button):
        st.session_state[OPEN] = (key, about)
        st.session_state[KEPT] = {}
    return st.session_state.get(OPEN) == (key, about)


def kept(name: str, value):
    """`value` as it was when the open dialog opened, kept until it closes: an edit is checked against the facts
    it was opened on (and its fields keep what was typed) however often the page reruns meanwhile."""
    return st.session_state.setdefault(KEPT, {}).setdefault(name, value)


def close() -> None:
    """Close the open dialog (it saved, or it was dismissed)."""
    st.session_state.pop(OPEN, None)
    st.session_state.pop(KEPT, None)


def done() -> None:
    """The dialog saved: close it and rerun the page, which then says what was saved."""
    close()
    st.rerun()
