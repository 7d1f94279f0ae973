"""Profile: everything about one entity, and its briefing pack (DOCX, Markdown, PDF) to take into a meeting."""

import datetime as dt

import pandas as pd
import streamlit as st

from briefing.assemble import SET_LABELS, Reader, brief, members_of
from briefing.build import build_brief
from briefing.export import export
from briefing.model import Brief, ProfileData, Statement, Table, cite, flag
from briefing.outline import cited
from briefing.sections import engagement_rows
from briefing.words import status, wording
from graph.dates import local_date, local_moment, local_time
from graph.settings import home_filter, today
from graph.vocabulary import kind_name
from queries import read
from queries.connection import settings
from queries.graphs import graph_version as stored_version
from render.palette import HOME_COLOUR, OTHER_COLOUR
from render.tables import readable, slug
from views.entity_edits import history_section, link_controls, notes_section
from views.finding_form import finding_form
from views.widgets import (
    as_of_input,
    chosen_marking,
    downloads,
    driver,
    entity_picker,
    md_source,
    md_text,
    run_or_outage,
    sample_banner,
    sample_data,
)

st.title("Profile")
drv = driver()
LAST_PROFILE = "last-profile"
#: The Profile's relationship columns, with their headers in words.
RELATIONSHIP_COLUMNS = {
    "other_name": "With",
    "other_kind": "Kind",
    "since": "Since",
    "until": "Until",
    "status": "Status",
    "role": "Role",
    "kind": "Wording as loaded",
    "confidence": "Confidence",
    "amount": "Amount",
    "currency": "Currency",
    "notes": "Notes",
    "sources": "Sources",
    "loaded_from": "Loaded from",
}
SHOWN = ("aliases", "country", "region", "priority", "tags", "themes", "date", "kind", "description")
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
    "pdf": "application/pdf",
}


def said(items: list[Statement]) -> str:
    """Statements as one markdown paragraph: data text escaped, note markers kept."""
    out = []
    for item in items:
        text, marker, end = cited(item)
        out.append(md_text(text) + (f" {md_text(marker)}" if marker else "") + md_text(end))
    return " ".join(out)


def show_table(table: Table, key: str) -> None:
    frame = pd.DataFrame(table.rows, columns=list(table.columns))
    frame["Sources"] = [cite(n) for n in table.notes]
    st.dataframe(frame, hide_index=True, width="stretch", key=key)
    downloads(frame.to_dict("records"), f"profile-{key}", key=f"{key}-download", question=table.title)


def show_section(pack: Brief, key: str, *, table: bool = True) -> None:
    section = pack.section(key)
    if section is None:
        return
    st.subheader(section.title)
    plain = [s for s in section.statements if not s.label]
    if plain:
        st.markdown(said(plain))
    for item in (s for s in section.statements if s.label):
        st.markdown(f"- **{md_text(item.label)}**: {said([item])}")
    for figure in section.figures:
        st.image(figure.png, caption=md_text(figure.caption))  # a caption is Markdown
    for i, found in enumerate(section.tables if table else []):
        if found.rows:
            show_table(found, f"{key}-{i}")
        elif found.empty not in section.missing:
            st.caption(md_text(found.empty))
    for text in section.missing:
        st.caption(md_text(text))


def relationships(entity_id: str, as_of: dt.date | None, name: str = "") -> None:
    """Links grouped by type, each with its dates, status on the as-of date (or today) and sources."""
    links = read(drv, "entity_links", id=entity_id, as_of=as_of.isoformat() if as_of else None)
    on = (as_of or today()).isoformat()
    st.subheader(f"Relationships ({len(links)})")
    st.caption(
        f"Status on {local_date(on)}: a link is active when it started on or before that date (or its start is "
        "unknown) and has not ended."
    )
    if not links:
        st.caption("No relationships recorded.")
    frame = pd.DataFrame(links)
    if links:
        frame["status"] = [status(link["since"], link["until"], on) for link in links]
    if links:
        frame["relationship"] = [wording(link) for link in links]  # as it reads from this entity: "funded by"
        frame["other_kind"] = [kind_name(k) if k else "" for k in frame["other_kind"]]
    for words, group in frame.groupby("relationship", sort=True) if links else []:
        st.markdown(f"**{md_text(words)}** ({len(group)})")
        table = group.assign(sources=group["sources"].map(" | ".join))[list(RELATIONSHIP_COLUMNS)]
        table = table.dropna(axis=1, how="all").rename(columns=RELATIONSHIP_COLUMNS)
        st.dataframe(readable(table.to_dict("records")), hide_index=True, width="stretch")
        slug = str(words).replace(" ", "-")
        downloads(
            table.to_dict("records"),
            f"relationships-{entity_id}-{slug}",
            key=f"relationships-{slug}",
            question=f"Relationships of {name or entity_id}: {words}",
        )
    link_controls(drv, entity_id, links)


def timeline(data: ProfileData) -> None:
    """Engagements as a chart per year and a table (all of them up to the as-of date, newest first)."""
    rows = engagement_rows(data)
    st.subheader(f"Engagement timeline ({len(rows)})")
    if not rows:
        st.caption(f"No engagement is recorded up to {data.on}.")
        return
    years = pd.DataFrame(
        {
            "year": [(r.get("date") or "undated")[:4] for r in rows],
            "with": ["with the home set" if r["home"] else "other" for r in rows],
        }
    )
    counts = years.value_counts().unstack(fill_value=0)
    colours = {"other": OTHER_COLOUR, "with the home set": HOME_COLOUR}  # as in the pack's picture
    st.bar_chart(counts, y_label="engagements", stack=True, color=[colours[c] for c in counts.columns])
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "date": r.get("date"),
                    "engagement": r["title"],
                    "type": r.get("kind"),
                    "role": r.get("role"),
                    "home set": ", ".join(r["home"]),
                    "through": r["via"],
                    "participants": len(r["participants"]),
                    "sources": " | ".join(r["sources"]),
                }
                for r in rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def pack_downloads(pack: Brief, entity_id: str, as_of: str, home: str, kind: str, rollup: bool) -> None:
    st.subheader("Briefing pack")
    st.caption(
        f"Marked **{md_text(pack.marking)}** (choose another in the sidebar). Every statement cites numbered "
        "source notes: the sources and the load each fact came from. *One page*: purpose, who they are, our "
        "relationship, open gaps and three next steps on one page, the full pack as its annex."
    )
    label = SET_LABELS.get(kind)
    members = members_of(drv, entity_id, as_of=as_of) if label else []
    whole = False
    if members:
        whole = st.checkbox(
            f"Include its {label} ({len(members)})",
            key="pack-members",
            help=f"One pack covering {pack.title} and each of its {label}.",
        )

    # The set pack (seconds for a country with many agencies) is built here, with progress shown, so a click only
    # writes the file (under a second; Streamlit shows nothing from inside a download's callable).
    chosen = set_pack(drv, graph_version(), entity_id, as_of, home, chosen_marking(), rollup) if whole else pack

    def make(fmt: str, template: str):
        def build() -> bytes:
            return export(chosen, fmt, template=template)[0]

        return build

    formats = (("docx", "Word (DOCX)"), ("md", "Markdown"), ("pdf", "PDF"))
    for template, prefix, suffix in (("full", "", ""), ("one-page", "One page, ", "-one-page")):
        stem = f"brief-{slug(entity_id) or 'entity'}{'-set' if whole else ''}{suffix}-{as_of}"
        for column, (fmt, title) in zip(st.columns(3), formats, strict=True):
            column.download_button(
                prefix + title,
                make(fmt, template),
                file_name=f"{stem}.{fmt}",
                mime=MIME[fmt],
                key=f"pack-{template}-{fmt}",
                on_click="ignore",
                icon=":material/download:",
            )


@st.cache_data(ttl=300, max_entries=8, show_spinner="Building the pack with each of its members…")
def set_pack(_drv, version: tuple, entity_id: str, as_of: str, home: str, mark: str, rollup: bool) -> Brief:
    """The pack of an entity and its members, kept while the graph and the choices are the same."""
    made = brief(_drv, entity_id, as_of=as_of, home=home, members=True, rollup=rollup, marking=mark)
    assert made is not None  # the entity was read on this run, and entities are never deleted
    return made


@st.cache_data(ttl=300, max_entries=32, show_spinner="Reading the profile and running the gap analyses…")
def profile_pack(
    _drv, version: tuple, entity_id: str, as_of: dt.date | None, home: str, mark: str, rollup: bool, sample: bool
):
    """The profile's data and its pack, kept while the graph (its loads and size) and the choices are the same."""
    reader = Reader(_drv, as_of=as_of, home=home, rollup=rollup)
    reader.analyse([entity_id])
    data = reader.profile(entity_id)
    assert data is not None  # body() read the entity before asking, and entities are never deleted
    pack = build_brief(
        data,
        marking=mark,
        generated_at=local_time(),
        loads=reader.loads([data]),
        sample=sample,
    )
    return reader.home_problem, data, pack


def graph_version() -> tuple:
    """What changes when the graph does: the database, the size, the latest load and the latest change (a merge or
    an undo too)."""
    return settings().uri, *stored_version(drv)


def body():
    sample_banner(drv)
    last = st.session_state.get(LAST_PROFILE)  # the page opens on the last profile opened, else on a search box
    entity_id = entity_picker(drv, "Entity", key="profile-entity", default_id=last, start_empty=True)
    if entity_id is None:
        if read(drv, "graph_size")[0]["entities"]:
            st.info(
                "Type a name or alias in the box above to open its profile, or open one from the Overview's top "
                "gaps, the Gaps page or the Network."
            )
        else:
            st.warning("The graph is empty: load files first (`python -m loaders load PATH`).")
        return
    rows = read(drv, "entity_profile", id=entity_id)
    if not rows:
        st.session_state.pop(LAST_PROFILE, None)  # deleted or merged since: the next visit starts on the search
        st.warning(md_text(f"No entity with id {entity_id!r}."))  # the id may come from a crafted URL
        return
    entity = rows[0]
    st.session_state[LAST_PROFILE] = entity_id
    props = entity["props"]
    st.header(md_text(props.get("name", entity_id)))
    st.caption(f"{entity['kind']} · id {md_text(entity_id)}")  # no code span: md_text's escapes would show in one
    left, right = st.columns(2)
    with left:
        as_of = as_of_input()
    with right:
        home = st.text_input(
            "Home set",
            value=st.query_params.get("home") or home_filter(),
            key="profile-home",
            help="Whose engagement counts, as a filter: e.g. `kind:Agency country:AUS`.",
        )
    if home != home_filter():
        st.query_params["home"] = home
    else:
        st.query_params.pop("home", None)
    rollup = st.toggle(
        "Roll up agencies and units",
        value=st.query_params.get("rollup") != "off",
        key="profile-rollup",
        help="On: a country counts what its government agencies and their units do, an organisation what its "
        "units do, and each fact says through whom. Off: the entity's own facts only.",
    )
    st.query_params["rollup"] = "on" if rollup else "off"
    problem, data, pack = profile_pack(
        drv, graph_version(), entity_id, as_of, home, chosen_marking(), rollup, sample_data(drv)
    )
    if problem:
        st.warning(f"The home set could not be read: {md_text(problem)}")
    pack_downloads(pack, entity_id, data.on, home, entity["kind"], rollup)
    if st.button("Show its network", key="to-network"):
        st.switch_page("views/network.py", query_params={"id": entity_id, "hops": "1"})
    facts = {key: props[key] for key in SHOWN if props.get(key)}
    for key, value in facts.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        st.markdown(f"**{key.title()}**: {md_text(shown)}")
    if props.get("sources"):
        st.markdown("**Sources**: " + " · ".join(md_source(s) for s in props["sources"]))
    else:
        st.markdown("**Sources**: _none recorded_")
    when = local_moment(props.get("loaded_at")) or "?"
    st.caption(f"Loaded from {md_text(props.get('loaded_from', '?'))} on {md_text(when)}")
    notes_section(drv, entity_id, props)

    relationships(entity_id, as_of, props.get("name", ""))

    st.subheader("Summary")
    st.markdown(said(pack.summary))
    show_section(pack, "shared")
    show_section(pack, "located")
    timeline(data)
    show_section(pack, "network")
    show_section(pack, "gaps")
    show_section(pack, "assessments")
    finding_form(drv, entity_id)
    show_section(pack, "efforts")
    show_section(pack, "contacts")
    show_section(pack, "quality")
    with st.expander(f"Source notes ({len(pack.notes)})"):
        for note in pack.notes:
            if note.derived:
                st.markdown(f"{note.number}\\. {md_text(note.derived)}")
            else:
                cited_sources = (
                    " · ".join(
                        md_source(s) + (f" **{md_text(flag(s).strip())}**" if flag(s) else "") for s in note.sources
                    )
                    or "_no source recorded_"
                )
                st.markdown(f"{note.number}\\. {cited_sources}{md_text(note.provenance)}")
    history_section(drv, entity_id)


run_or_outage(body)
