"""Stakeholder Graph Explorer: ``streamlit run app.py`` (or ``make run``)."""

import streamlit as st

from views.auth import gate
from views.widgets import apply_secrets, marking_selector, status_line

st.set_page_config(page_title="Stakeholder Graph Explorer", page_icon="🕸️", layout="wide")
apply_secrets()
actor = gate()  # sign in first (when configured): nothing below runs until then

pages = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/gaps.py", title="Gaps", icon=":material/crisis_alert:", url_path="gaps"),
    st.Page("views/strategy.py", title="Strategy", icon=":material/target:", url_path="strategy"),
    st.Page("views/network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page("views/profile.py", title="Profile", icon=":material/badge:", url_path="profile"),
]
if actor.can("log"):  # hidden from a viewer; views/log.py and loaders.edit refuse one too
    pages.append(st.Page("views/log.py", title="Log engagement", icon=":material/edit_note:", url_path="log"))
if actor.can("load"):  # hidden from a viewer; views/load.py and load_paths refuse one too
    pages.append(st.Page("views/load.py", title="Load", icon=":material/upload_file:", url_path="load"))
if actor.can("audit"):  # admins; views/audit.py refuses anyone else too
    pages.append(st.Page("views/audit.py", title="Audit trail", icon=":material/history:", url_path="audit"))
pages.append(st.Page("views/help.py", title="Help", icon=":material/help:", url_path="help"))
page = st.navigation(pages)
marking_selector()  # one choice for the session, printed on every export of every page
status_line()
page.run()
