"""A whole pack from profile data: the sections, then a summary written from them (no language model)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from briefing.findings import contacts, gaps, quality
from briefing.model import LISTED, Brief, Notes, ProfileData, Section, Statement
from briefing.sections import engagement_rows, engagements, key_facts, located, network, relationships, shared
from briefing.words import counted, named, plural, status, subject_name, wording
from graph.vocabulary import kind_name

TYPES_NAMED = 4  # relationship types named in the summary before "and N more of K other types"


def summary(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> list[Statement]:
    """A short paragraph built from the data: who it is, its links, shared ties, engagement, gaps, quality."""
    props, kind, name = data.entity["props"], data.entity["kind"], subject_name(data)
    where = [
        f"{label.lower()} {props[key]}"
        for key, label in (("country", "Country"), ("region", "Region"))
        if props.get(key) and not (kind == "Country" and key == "country")
    ]
    word = kind_name(kind)
    text = f"{name} is {'an' if word[0] in 'aeiou' else 'a'} {word}" + (f" ({', '.join(where)})" if where else "")
    text += f", rated {props['priority']} priority." if props.get("priority") else "."
    said = [Statement(text, (notes.fact(props),))]
    active = [link for link in data.links if status(link.get("since"), link.get("until"), data.on) == "active"]
    if data.links:
        counts = Counter(wording(link) for link in active)
        top = ", ".join(f"{word} ({n})" for word, n in counts.most_common(TYPES_NAMED))
        rest = counts.most_common()[TYPES_NAMED:]
        if rest:
            top += f" and {sum(n for _, n in rest)} more of {plural(len(rest), 'other type')}"
        text = f"On {data.on} it has {plural(len(active), 'active relationship')}" + (f": {top}" if top else "")
        other = len(data.links) - len(active)
        text += f"; {other} more {'has' if other == 1 else 'have'} ended or not yet started." if other else "."
        said.append(Statement(text, (counted(notes, data, "relationships"),)))
    else:
        said.append(
            Statement(
                f"No relationships are recorded for {name}; a missing link means not recorded, not confirmed absent.",
                (counted(notes, data, "relationships"),),
            )
        )
    table = sections["shared"].tables[0] if sections["shared"].tables else None
    if table and table.rows:
        groups = list(dict.fromkeys(row[0] for row in table.rows))
        said.append(
            Statement(
                f"{table.title} ({len(groups)}): {named(groups)}.",
                tuple(sorted({n for cited in table.notes[:5] for n in cited})),
            )
        )
    rows = engagement_rows(data)
    last = next((r for r in rows if r["home"]), None)
    if last:
        said.append(
            Statement(
                f"Last engagement with the home set: {last['title']} ({last.get('date')}), with "
                f"{named(last['home'], 3)}" + (f", via {last['via']}." if last["via"] else "."),
                (notes.fact(last), notes.fact(last, "link_")),
            )
        )
    elif kind != "Engagement":
        said.append(
            Statement(
                f"No engagement with the home set is recorded up to {data.on}.", (counted(notes, data, "engagements"),)
            )
        )
    gap_tables = sections["gaps"].tables  # none for an engagement: it is not a target of the gap analyses
    gap_table = gap_tables[0] if gap_tables else None
    if gap_table is not None and gap_table.rows:
        kinds = Counter(row[0] for row in gap_table.rows)
        said.append(
            Statement(
                f"Open gaps: {', '.join(f'{k.lower()} ({n})' for k, n in kinds.items())}.",
                tuple(sorted({n for cited in gap_table.notes for n in cited})),
            )
        )
    problems = [s for s in sections["quality"].statements if s.label]
    if problems:
        said.append(
            Statement(
                "Data-quality notes: "
                + ", ".join(s.label.split(" (")[0].split(":")[0].lower() for s in problems)
                + ".",
                tuple(sorted({n for s in problems for n in s.notes}))[:LISTED],
            )
        )
    return said


def build_profile(data: ProfileData, notes: Notes, *, marking: str, generated_at: str, member: bool = False) -> Brief:
    """The brief of one entity (`member`: a part of a set's pack, without network and country listing)."""
    facts, missing = key_facts(data, notes)
    parts = {"relationships": relationships(data, notes), "shared": shared(data, notes)}
    if data.entity["kind"] == "Country" and data.located is not None:
        parts["located"] = located(data, notes)
    parts["engagements"] = engagements(data, notes)
    parts["gaps"] = gaps(data, notes)
    if not member:
        parts["contacts"] = contacts(data, notes)
        parts["network"] = network(data, notes)
    parts["quality"] = quality(data, notes)
    brief = Brief(
        title=subject_name(data),
        subject_id=data.entity["id"],
        kind=data.entity["kind"],
        as_of=data.on,
        generated_at=generated_at,
        marking=marking,
        home_filter=data.home_filter,
        summary=summary(data, notes, parts),
        facts=facts,
        missing=missing,
        sections=list(parts.values()),
    )
    return brief


def build_brief(
    data: ProfileData,
    *,
    marking: str,
    generated_at: str,
    loads: dict[str, dict] | None = None,
    members: Sequence[ProfileData] = (),
    set_label: str = "",
) -> Brief:
    """The pack of one entity, or of a set: the entity and each of `members` (its agencies, members or parties)."""
    notes = Notes(loads)
    brief = build_profile(data, notes, marking=marking, generated_at=generated_at)
    brief.parts = [build_profile(m, notes, marking=marking, generated_at=generated_at, member=True) for m in members]
    if members:
        brief.title = f"{brief.title} and its {set_label or 'members'}"
        brief.summary.append(
            Statement(
                f"This pack also covers its {plural(len(members), 'entity', 'entities')} "
                f"({set_label or 'members'}): {named([p.title for p in brief.parts], 8)}.",
                (counted(notes, data, set_label or "members"),),
            )
        )
    brief.notes = notes.items
    return brief
