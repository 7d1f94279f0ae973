"""Help: the questions the app answers and where, the filter syntax with examples, and what each analysis counts.

Built from the presets (`analyses.questions`), the filter keys (`graph.filters`) and the analyses' own
descriptions (`analyses.catalog`), so the page says what the code does.
"""

import pandas as pd
import streamlit as st

from analyses.catalog import catalog
from analyses.questions import AGREEMENTS, PRIORITY_TARGETS, QUESTIONS, STRATEGY
from graph.filters import LINK_KEYS, PROPERTY_KEYS
from graph.gaps import STALE_DAYS
from graph.settings import home_filter

st.title("Help")
st.markdown(
    "The Stakeholder Graph Explorer keeps who your team works with (agencies, NGOs, companies, countries, forums, "
    "programs, agreements and engagements) as a network, and answers where engagement is missing, thin or stale."
)

st.header("Questions and where to ask them")
where = [
    ("Where do we stand with our priority partners today?", "Overview (at a glance), then Gaps"),
    ("Who or what has gone unreached, hangs by one thread, or is stale?", "Gaps: the tiles and their tables"),
    ("Which agreement parties have we not engaged since they joined?", f"Gaps: {AGREEMENTS.title}"),
    ("Who is in a forum on a date, and who joined or left?", "Gaps: Forum members; Network: the date"),
    ("What does the network around an entity look like, and how do we reach it?", "Network"),
    ("What do we know about one entity, with sources? A brief to hand over?", "Profile (pack buttons at the top)"),
    ("Record a meeting, a call or a follow-up", "Log engagement (editors)"),
    ("Load or correct spreadsheets, and take a load back", "Load (editors); Overview: Recent loads"),
]
where += [(q.title, "Gaps: the Question box") for q in QUESTIONS.values()]
where += [(q.title, "Strategy: the Question box") for q in STRATEGY.values()]
st.dataframe(pd.DataFrame(where, columns=["Question", "Where"]), hide_index=True, width="stretch")
st.caption(
    f'The home set (who "we" are) starts as `{home_filter()}` (set SGE_HOME to change it) and the targets as '
    f"`{PRIORITY_TARGETS}`; both can be changed on each page and saved as named sets."
)

st.header("Filters: choosing a set of entities")
st.markdown(
    "One line of terms. Terms separated by spaces must all hold; `OR` between two terms allows either; a leading "
    "`-` negates a term; put values with spaces in quotes; a word without a key searches names and aliases."
)
examples = [
    ("kind:Agency country:AUS", "Australian government agencies"),
    ('member_of:"Pacific Islands Forum"', "members of the Pacific Islands Forum"),
    ('kind:Company -party_to:"Voluntary Principles"', "companies that are not parties to the Voluntary Principles"),
    ("tag:pacific OR tag:asean", "entities tagged pacific or asean"),
    ("kind:Country priority:high OR priority:medium", "countries of high or medium priority"),
    ("set:pacific-priority", "a saved set, by its name"),
    ("police", "entities whose name or alias contains 'police'"),
]
st.dataframe(pd.DataFrame(examples, columns=["Filter", "Selects"]), hide_index=True, width="stretch")
st.markdown(
    "Keys about the entity: "
    + ", ".join(f"`{k}`" for k in PROPERTY_KEYS)
    + ". Keys about its links (to the entity named after the colon): "
    + ", ".join(f"`{k}`" for k in LINK_KEYS)
    + "."
)

st.header("What the analyses count")
st.markdown(
    "- **Reached**: a target is reached when a home entity links to it within the page's number of links "
    "(3 unless changed), counting links active on the chosen date.\n"
    "- **Single-threaded**: every path to the target goes through one home entity or one intermediary.\n"
    "- **Stale**: the last engagement is older than the target's threshold ("
    + ", ".join(f"{level} priority {days} days" for level, days in STALE_DAYS.items())
    + "); **never engaged**: no engagement recorded.\n"
    "- **Roll-up** (on unless switched off): a country counts what its government agencies and their units do, "
    "an organisation what its units do, and each fact says through whom."
)
rows = [{"Analysis": a.name, "Counts": a.description} for a in catalog().values()]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
st.caption("Each analysis also runs from a shell: `python -m queries run NAME --home FILTER --targets FILTER`.")
