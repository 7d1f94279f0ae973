"""Dialogs that stay open across reruns until they save or are dismissed.

Streamlit shows a dialog only in the run that calls it; keeping which one is open in the session lets a full rerun
(a form submitted inside it, another control on the page) call it again instead of silently dropping what was typed.
"""

from __future__ import annotations

import streamlit as st

OPEN = "dialog-open"  # the key of the dialog now open


def opens(label: str, key: str, container=st, **button) -> bool:
    """A button that opens the dialog `key`; True while that dialog is open (call the dialog then)."""
    if container.button(label, key=key, **button):
        st.session_state[OPEN] = key
    return st.session_state.get(OPEN) == key


def close() -> None:
    """Close the open dialog (it saved, or it was dismissed)."""
    st.session_state.pop(OPEN, None)


def done() -> None:
    """The dialog saved: close it and rerun the page, which then says what was saved."""
    close()
    st.rerun()
