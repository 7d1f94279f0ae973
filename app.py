"""Stakeholder Graph Explorer: ``streamlit run app.py`` (or ``make run``)."""

import streamlit as st

from views.widgets import apply_secrets

st.set_page_config(page_title="Stakeholder Graph Explorer", page_icon="🕸️", layout="wide")
apply_secrets()

page = st.navigation(
    [
        st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("views/gaps.py", title="Gaps", icon=":material/crisis_alert:", url_path="gaps"),
        st.Page("views/strategy.py", title="Strategy", icon=":material/target:", url_path="strategy"),
        st.Page("views/network.py", title="Network", icon=":material/hub:", url_path="network"),
        st.Page("views/profile.py", title="Profile", icon=":material/badge:", url_path="profile"),
        st.Page("views/load.py", title="Load", icon=":material/upload_file:", url_path="load"),
    ]
)
page.run()
