"""The factual sections of a pack: key facts, relationships, shared ties, places, engagements and the network."""

from __future__ import annotations

from collections import Counter

from briefing.model import EXPECTED, IDENTITY, RECENT, Figure, Notes, ProfileData, Section, Statement, Table
from briefing.words import counted, details, plural, status, subject_name, text_of, with_table, wording
from graph.vocabulary import kind_name


def key_facts(data: ProfileData, notes: Notes) -> tuple[list[Statement], list[str]]:
    """The entity's identity as labelled facts citing the entity's own note, and what is not recorded."""
    props, kind = data.entity["props"], data.entity["kind"]
    own = (notes.fact(props),)
    facts: list[Statement] = []  # what kind of entity it is, the summary says in words
    if kind == "Engagement":
        facts += [
            Statement(text_of(props.get(key)), own, label)
            for key, label in (("date", "Date"), ("kind", "Type"))
            if props.get(key)
        ]
    facts += [
        Statement(text_of(props[key]), own, label)
        for key, label in IDENTITY
        if props.get(key) and not (kind == "Country" and key == "country")
    ]
    missing = [key for key in EXPECTED if not props.get(key) and not (kind == "Country" and key == "country")]
    if not props.get("sources"):
        missing.append("sources")
    return facts, ([f"Not recorded for {subject_name(data)}: {', '.join(missing)}."] if missing else [])


def relationships(data: ProfileData, notes: Notes) -> Section:
    section = Section("relationships", "Relationships")
    table = Table(
        "Relationships",
        ("Relationship", "With", "Kind", "Since", "Until", "Status", "Details"),
        empty=f"No relationships are recorded for {subject_name(data)}.",
    )
    for link in sorted(data.links, key=lambda r: (r["type"], r.get("other_name") or "", r.get("since") or "")):
        table.add(
            (
                wording(link),
                link.get("other_name") or link.get("other_id"),
                kind_name(link.get("other_kind")),
                link.get("since") or "",
                link.get("until") or "",
                status(link.get("since"), link.get("until"), data.on),
                details(link),
            ),
            [notes.fact(link)],
        )
    return with_table(section, table)


def shared(data: ProfileData, notes: Notes) -> Section:
    """Agreements and forums shared with the home set; for a forum or agreement, its home-set members."""
    section = Section("shared", "Agreements and forums shared with the home set")
    if data.home_problem:
        section.missing.append(f"The home set could not be read: {data.home_problem}")
        return section
    kind = data.entity["kind"]
    if kind in ("Agreement", "Forum", "InternationalOrganisation"):
        section.title = "Home-set members and parties"
        table = Table(
            section.title,
            ("Home entity", "Relationships", "Since", "Until"),
            empty=f"No member of the home set ({data.home_filter}) is a member or party on {data.day}.",
        )
        for rows in home_links(data).values():
            since = sorted(r["since"] for r in rows if r.get("since"))
            until = sorted(r["until"] for r in rows if r.get("until"))
            table.add(
                (
                    rows[0]["other_name"] or rows[0]["other_id"],
                    "; ".join(
                        dict.fromkeys(
                            wording({**r, "direction": "out"}) + (f" ({r['role']})" if r.get("role") else "")
                            for r in rows
                        )
                    ),
                    since[0] if since and len(since) == len(rows) else "",
                    until[-1] if until and len(until) == len(rows) else "",
                ),
                [notes.fact(r) for r in rows],
            )
    else:
        table = Table(
            section.title,
            ("Agreement or forum", "Kind", "Its relationship", "Home entities"),
            empty=f"No agreement or forum shared with the home set ({data.home_filter}) on {data.day}.",
        )
        for row in data.shared:
            own = "party to" if row["type"] == "PARTY_TO" else "member of"
            own += f" ({row['role']})" if row.get("role") else ""
            own += f" since {row['since']}" if row.get("since") else ""
            home = ", ".join(sorted(h["name"] or h["id"] for h in row["home"]))
            table.add(
                (row["group_name"], kind_name(row["group_kind"]), own, home),
                [notes.fact(row), *(notes.fact(h) for h in row["home"])],
            )
    return with_table(section, table)


def home_links(data: ProfileData) -> dict[str, list[dict]]:
    """The home entities with a link into the subject active on the pack's date, each with those links (by name)."""
    found: dict[str, list[dict]] = {}
    for link in sorted(data.links, key=lambda r: (r.get("other_name") or r["other_id"], r["type"])):
        if (
            link["direction"] == "in"
            and link["other_id"] in data.home_ids
            and status(link.get("since"), link.get("until"), data.on) == "active"
        ):
            found.setdefault(link["other_id"], []).append(link)
    return found


def located(data: ProfileData, notes: Notes) -> Section:
    """A country's entities, based in or operating in it, by kind."""
    section = Section("located", "Entities based or operating here")
    by_entity: dict[str, dict] = {}
    for row in data.located or []:
        item = by_entity.setdefault(row["id"], {**row, "how": [], "cites": []})
        detail = row["how"] + (f" from {row['since']}" if row.get("since") else "")
        detail += f" until {row['until']}" if row.get("until") else ""
        item["how"].append(detail)
        item["cites"].append(notes.fact(row))
    counts = Counter(item["kind"] for item in by_entity.values())
    table = Table(section.title, ("Kind", "Entity", "How"), empty="No entity is recorded as based or operating here.")
    for item in sorted(by_entity.values(), key=lambda i: (i["kind"] or "", i["name"] or "")):
        table.add((kind_name(item["kind"]), item["name"] or item["id"], "; ".join(item["how"])), item["cites"])
    if counts:
        text = ", ".join(f"{n} {kind_name(k, n)}" for k, n in sorted(counts.items()))
        section.statements.append(
            Statement(
                f"{len(by_entity)} entities are recorded here: {text}.",
                (counted(notes, data, "entities recorded in this country"),),
            )
        )
    return with_table(section, table)


def engagement_rows(data: ProfileData) -> list[dict]:
    """The entity's engagements up to the as-of date, newest first, one row each.

    With roll-up they include those of its units (and a country's agencies):
    ``via`` names the unit when the entity did not take part itself.  ``home``
    names the home entities that took part, themselves or through their units.
    """
    me = data.entity["id"]
    found: dict[str, dict] = {}
    for row in data.engagements:
        if row.get("date") and row["date"] > data.on:
            continue
        names = {p["id"]: p["name"] or p["id"] for p in row["participants"]}
        home = sorted(
            {
                name
                for p in row["participants"]
                if p["id"] != me
                for name in data.home_of.get(p["id"]) or ([names[p["id"]]] if p["id"] in data.home_ids else [])
            }
        )
        through = row.get("through", me)
        item = {**row, "home": home, "via": "" if through == me else data.via.get(through, names.get(through, ""))}
        kept = found.get(row["id"])
        if kept is None or (through == me) or (kept["via"] and item["via"] < kept["via"]):
            found[row["id"]] = item  # the entity itself first, else the first unit by name
    return sorted(found.values(), key=lambda r: (r.get("date") or "", r.get("title") or ""), reverse=True)


def engagements(data: ProfileData, notes: Notes, limit: int | None = RECENT) -> Section:
    section = Section("engagements", "Recent engagements")
    rows = engagement_rows(data)
    through = any(r["via"] for r in rows)
    table = Table(
        section.title,
        ("Date", "Engagement", "Type", "Role", "With the home set", *(("Through",) if through else ())),
        empty=f"No engagement of {subject_name(data)} is recorded up to {data.day}.",
    )
    for row in rows[:limit]:
        table.add(
            (
                row.get("date") or "undated",
                row["title"],
                row.get("kind") or "",
                row.get("role") or "",
                ", ".join(row["home"]),
                *((row["via"],) if through else ()),
            ),
            [notes.fact(row), notes.fact(row, "link_")],
        )
    if rows:
        with_home = [r for r in rows if r["home"]]
        text = f"{plural(len(rows), 'engagement')} recorded up to {data.day}, {len(with_home)} with the home set"
        rolled = sum(bool(r["via"]) for r in rows)
        if rolled:
            whose = "agencies and units" if data.entity["kind"] == "Country" else "units"
            text += f", {rolled} of them through its {whose}"
        if limit is not None and len(rows) > limit:
            text += f"; the {limit} most recent are listed"
        section.statements.append(Statement(text + ".", (counted(notes, data, "engagements"),)))
    later = {r["id"] for r in data.engagements if r.get("date") and r["date"] > data.on}
    if later:
        section.statements.append(
            Statement(
                f"{plural(len(later), 'engagement')} dated after {data.day} not shown.",
                (counted(notes, data, "engagements"),),
            )
        )
    if rows and data.timeline:
        section.figures.append(
            Figure(
                f"Engagements of {subject_name(data)} per year",
                data.timeline,
                f"Engagements of {subject_name(data)} per year up to {data.day}, with the home set and without.",
            )
        )
    return with_table(section, table)


def network(data: ProfileData, notes: Notes) -> Section:
    section = Section("network", "Network")
    net = data.network
    if not net:
        section.missing.append("No network picture was drawn.")
        return section
    cite = notes.derived(
        f"Drawn from the links active on {data.day}; each link's source is in the Relationships "
        "table or in the profile of the entities shown."
    )
    shown = len(net["nodes"])
    text = (
        f"{plural(shown, 'entity', 'entities')} within {plural(net['hops'], 'link')} of {subject_name(data)}"
        + f" on {data.day}"
        + (
            f", the nearest first and the home set before others; and {net['total'] - shown} more within 2 links "
            "not shown"
            if net["total"] > shown
            else ""
        )
        + "."
    )
    section.statements.append(Statement(text, (cite,)))
    if net.get("png"):
        section.figures.append(Figure(f"{subject_name(data)} and its network", net["png"], text))
    elif shown <= 1:
        section.missing.append(f"{subject_name(data)} has no active link on {data.day}; there is no network to draw.")
    return section
