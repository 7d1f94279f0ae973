"""Log an engagement: who met whom, when, where, what was agreed, and the follow-up; undoable like any change."""

import streamlit as st

from graph.roles import Forbidden
from views import dialogs
from views.auth import current_actor, refused
from views.entity_edits import add_entity_dialog, added
from views.log_form import engagement_form, logged
from views.widgets import driver

st.title("Log an engagement")
drv = driver()
actor = current_actor()

if not actor.can("log"):
    refused(Forbidden(f"Only an editor or admin can log engagements; you ({actor.name}) are a {actor.role}."))
    st.stop()

if dialogs.opens("Add an entity", "log-add", help="Someone not in the graph yet: add them, then pick them below."):
    add_entity_dialog(drv, "log-add")
added(drv, "log-add")
if engagement_form(drv, "log", st.query_params.get_all("with")):
    st.rerun()  # a blank form for the next one, with what was saved said below it
logged(drv, "log")
