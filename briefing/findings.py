"""The derived sections of a pack: open gaps, lines of effort, suggested contacts and data-quality notes."""

from __future__ import annotations

from collections import defaultdict

from briefing.model import LISTED, Notes, ProfileData, Section, Statement, Table
from briefing.words import as_verb, derived_by, listing, named, plural, subject_name, text_of, wording
from graph.dates import active
from graph.gaps import ROLE_TYPES
from graph.vocabulary import reading, undirected_types

CARRIERS = ("Program", "Agreement", "Engagement")  # kinds whose pack has no lines of effort section
GAP_TITLES = {
    "reach": "Unreached",
    "single_threads": "Single-threaded",
    "stale": "Stale engagement",
    "followup": "Follow-up due",
}


def finding(name: str, row: dict) -> str:
    """One analysis row as a sentence (known analyses), else its fields as ``key: value`` pairs."""
    if name == "reach":
        if row.get("status") == "unreached":
            return "No home entity reaches it within the links searched."
        hops = row.get("hops") or 0
        via = f", via {text_of(row['via'])}" if row.get("via") else ""
        return f"Reached in {plural(hops, 'link')} by {text_of(row.get('reached_by'))}{via}."
    if name == "single_threads":  # one row per target, every reason already in words
        return "Hangs by a single thread: " + "; ".join(str(r) for r in row.get("reasons") or []) + "."
    if name == "stale":
        if row.get("status") == "never engaged":
            return f"Never engaged by the home set (threshold {row.get('threshold_days')} days)."
        via = f", via {text_of(row['via'])}" if row.get("via") else ""
        return (
            f"Last engaged {row.get('last_engagement')} ({row.get('engagement')}, with {text_of(row.get('with'))}"
            f"{via}), {row.get('days_since')} days ago; threshold {row.get('threshold_days')} days."
        )
    if name == "followup":
        text = f"{row.get('party_name')} ({row.get('role') or 'party'}) joined {row.get('agreement_name')}"
        text += f" on {row['joined']}" if row.get("joined") else ""
        return (
            text
            + f": {row.get('issue')}"
            + (f" (last engagement {row['last_engagement']})." if row.get("last_engagement") else ".")
        )
    if name == "introductions":
        chain = " → ".join(str(n) for n in row.get("entities") or [])
        who = f"through {row['introducer']}" if row.get("introducer") else f"directly from {row.get('from')}"
        return f"{who}: {chain} ({plural(row.get('hops') or 0, 'link')})."
    hidden = {k for k in row if k in ("target", "target_kind", "entity", "entity_kind") or k.endswith("_id")}
    return "; ".join(
        f"{k.replace('_', ' ')}: {text_of(v)}" for k, v in row.items() if k not in hidden and v not in (None, "", [])
    )


def gaps(data: ProfileData, notes: Notes) -> Section:
    """The gap analyses' findings about the entity; the reach of the home set is said, not listed as a gap."""
    section = Section("gaps", "Open gaps")
    if data.entity["kind"] == "Engagement":
        section.missing.append(
            "Gap analyses look at organisations, countries, forums and agreements, not at engagements."
        )
        return section
    table = Table(section.title, ("Gap", "Finding"), empty="No open gap found by the analyses that ran.")
    for name, rows in data.findings.items():
        title = GAP_TITLES.get(name, name.replace("_", " ").capitalize())
        if isinstance(rows, str):
            section.missing.append(f"{title}: not available ({rows}).")
            continue
        cite = derived_by(notes, data, name) if rows else 0
        for row in rows:
            if name == "reach" and row.get("status") != "unreached":
                section.statements.append(Statement(finding(name, row), (cite,)))
            else:
                table.add((title, finding(name, row)), [cite])
    section.tables.append(table)
    return section


def efforts(data: ProfileData, notes: Notes) -> Section:
    """Who of the home set works with the entity on each line of effort (theme), through what, and the gaps."""
    section = Section("efforts", "Lines of effort")
    if data.entity["kind"] in CARRIERS:  # they carry the themes: a program works on its own themes by definition
        section.missing.append(
            "Lines of effort are read for countries and organisations, not for programs, agreements or engagements."
        )
        return section
    if isinstance(data.efforts, str):
        section.missing.append(f"Lines of effort: not available ({data.efforts}).")
        return section
    if not data.efforts:
        section.missing.append(
            f"{subject_name(data)} is in the home set itself."
            if data.entity["id"] in data.home_ids
            else "No engagement or program carries a theme (a Themes column, or Themes on a profile)."
        )
        return section
    table = Table(section.title, ("Theme", "Who works on it", "Through"), empty="No theme to show.")
    cite = derived_by(notes, data, "lines_of_effort")
    for row in data.efforts:
        who = text_of(row["home"]) if row["home"] else "No home entity: a gap"
        table.add((row["theme"], who, text_of(row["through"])), [cite])
    gaps_left = [r["theme"] for r in data.efforts if r["status"] == "gap"]
    said = (
        f"No home entity works with {subject_name(data)} on {listing(gaps_left)}."
        if gaps_left
        else f"A home entity works with {subject_name(data)} on every theme shown."
    )
    section.statements.append(Statement(said, (cite,)))
    section.tables.append(table)
    return section


def step_text(link: dict, names: dict[str, str]) -> str:
    """A path step as words: ``Fiji Police Force based in Fiji``."""
    return f"{names[link['source']]} {as_verb(reading(link['type']))} {names[link['target']]}"


def introduction(row: dict) -> tuple[str, str]:
    """Who introduces whom, and why, from a path: the introducer's own link to the target, and how we reach it."""
    names = dict(zip(row["ids"], row["entities"], strict=True))
    links = row.get("links") or []
    why = step_text(links[-1], names) if links else ""
    first = step_text(links[0], names) if len(links) == 2 else ""
    middle = ", ".join(row["entities"][1:-2])
    reach = first or (f"{row['from']} reaches {row['introducer']} through {middle}" if middle else "")
    return why, reach


def contacts(data: ProfileData, notes: Notes) -> Section:
    """Suggested next contacts from the path analyses (who could introduce the home set)."""
    section = Section("contacts", "Suggested next contacts")
    if data.entity["kind"] == "Engagement":
        section.missing.append("Not suggested for an engagement.")
        return section
    table = Table(
        section.title,
        ("Ask", "To introduce", "Why them", "Path"),
        empty="The path analyses suggested no one to introduce the home set.",
    )
    for name, rows in data.contacts.items():
        if isinstance(rows, str):
            section.missing.append(f"{name.replace('_', ' ').capitalize()}: not available ({rows}).")
            continue
        cite = derived_by(notes, data, name) if rows else 0
        asked: set[tuple[str, str]] = set()
        for row in rows:  # best first; one row per introducer and home entity, not one per path
            if not row.get("introducer") or (row["introducer"], row["from"]) in asked:
                continue
            asked.add((row["introducer"], row["from"]))
            why, reach = introduction(row)
            path = " → ".join(str(n) for n in row.get("entities") or [])
            table.add((row["introducer"], row["from"], "; ".join(filter(None, (why, reach))), path), [cite])
        if not rows and name == "introductions" and data.entity["id"] in data.home_ids:
            section.missing.append(f"{subject_name(data)} is in the home set itself.")
    section.tables.append(table)
    return section


def quality(data: ProfileData, notes: Notes) -> Section:
    """Data-quality notes on the entity's facts: missing sources, low confidence, conflicts, open-ended dates."""
    section = Section("quality", "Data-quality notes")
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    props = data.entity["props"]
    if not props.get("sources"):
        found["No source recorded"].append((f"the entry for {subject_name(data)}", notes.fact(props)))
    if props.get("country_as_written"):
        found["Country not recognised"].append((f"{props['country_as_written']!r}", notes.fact(props)))
    if data.entity["kind"] == "Engagement" and not props.get("date"):
        found["Engagement without a date"].append((subject_name(data), notes.fact(props)))
    for link in data.links:
        item = (f"{wording(link)} {link.get('other_name') or link.get('other_id')}", notes.fact(link))
        since, until = link.get("since"), link.get("until")
        if not link.get("sources"):
            found["No source recorded"].append(item)
        if (link.get("confidence") or "").lower() == "low":
            found["Low confidence"].append(item)
        if since and until and since > until:
            found["Ends before it starts"].append(item)
        if not since and not until:
            found["No dates recorded (start unknown, counted as still active)"].append(item)
        elif not since and link["type"] not in ("PARTICIPATED_IN",):
            found["No start date: start unknown, counted as active until its end"].append(item)
        elif not until and link["type"] not in ("PARTICIPATED_IN",):
            found["Open-ended: no end date, counted as still active"].append(item)
    for a, b in _conflicts(data.links):
        found["Conflicting records (same relationship, overlapping periods, different details)"].append(
            (f"{wording(a)} {a.get('other_name')}: {_period(a)} vs {_period(b)}", notes.fact(a))
        )
        found["Conflicting records (same relationship, overlapping periods, different details)"].append(
            (f"(second record of {wording(b)} {b.get('other_name')})", notes.fact(b))
        )
    also: dict[str, set[int]] = defaultdict(set)  # notes a problem cites beyond its items' own
    for role, holders in overlapping_roles(data).items():
        problem = f"More than one holder of one role on {data.day} (records overlap)"
        names = " and ".join(f"{h.get('other_name') or h['other_id']} ({_period(h)})" for h in holders)
        found[problem].append((f"{role} {names}", notes.fact(holders[0])))
        also[problem].update(notes.fact(h) for h in holders[1:])
    for problem, items in found.items():
        section.statements.append(
            Statement(
                f"{plural(len(items), 'case' if problem in also else 'fact')}: "
                f"{named([text for text, _ in items], LISTED)}.",
                tuple(sorted({n for _, n in items} | also[problem])),
                problem,
            )
        )
    if not found:
        section.statements.append(
            Statement(
                "No data-quality problem found in its facts.",
                (notes.derived(f"Checked over its facts in the graph on {data.day}."),),
            )
        )
    return section


def overlapping_roles(data: ProfileData) -> dict[str, list[dict]]:
    """Roles (chairs, secretariat) of the subject held by more than one entity on the pack's date."""
    by_role: dict[str, dict[str, dict]] = defaultdict(dict)
    for link in data.links:
        if (
            link["direction"] == "in"
            and link["type"] in ROLE_TYPES
            and active(link.get("since"), link.get("until"), data.on)
        ):
            by_role[wording(link)].setdefault(link["other_id"], link)
    return {role: list(holders.values()) for role, holders in by_role.items() if len(holders) > 1}


def _period(link: dict) -> str:
    return f"{link.get('since') or '?'} to {link.get('until') or 'open'}"


def _conflicts(links: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of links of one type with the same other entity whose periods overlap but whose details differ."""
    groups = defaultdict(list)
    for link in links:
        groups[
            (
                link["type"],
                "" if link["type"] in undirected_types() else link.get("direction"),
                link.get("other_id"),
                link.get("kind"),
            )
        ].append(link)
    pairs = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                overlap = (not a.get("until") or not b.get("since") or b["since"] <= a["until"]) and (
                    not b.get("until") or not a.get("since") or a["since"] <= b["until"]
                )
                differ = any(a.get(k) != b.get(k) for k in ("since", "until", "role", "amount", "confidence"))
                if overlap and differ:
                    pairs.append((a, b))
    return pairs
