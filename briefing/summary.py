"""The summary of a pack, sentence by sentence, written from its sections and data (no language model).

Each sentence comes from one function, so the one-page brief (`briefing.onepage`) says the same thing in the same
words as the pack's summary.
"""

from __future__ import annotations

from collections import Counter

from briefing.model import LISTED, Notes, ProfileData, Section, Statement
from briefing.sections import engagement_rows
from briefing.words import counted, named, plural, status, subject_name, wording
from graph.vocabulary import kind_name

TYPES_NAMED = 4  # relationship types named in the summary before "and N more of K other types"


def who_line(data: ProfileData, notes: Notes) -> Statement:
    """Who the entity is: its kind in words, where, and its priority."""
    props, kind, name = data.entity["props"], data.entity["kind"], subject_name(data)
    where = [
        f"{label.lower()} {props[key]}"
        for key, label in (("country", "Country"), ("region", "Region"))
        if props.get(key) and not (kind == "Country" and key == "country")
    ]
    word = kind_name(kind)
    text = f"{name} is {'an' if word[0] in 'aeiou' else 'a'} {word}" + (f" ({', '.join(where)})" if where else "")
    text += f", rated {props['priority']} priority." if props.get("priority") else "."
    return Statement(text, (notes.fact(props),))


def links_line(data: ProfileData, notes: Notes) -> Statement:
    """How many relationships are active on the date, the most common types named, the rest counted."""
    active = [link for link in data.links if status(link.get("since"), link.get("until"), data.on) == "active"]
    if not data.links:
        return Statement(
            f"No relationships are recorded for {subject_name(data)}; a missing link means not recorded, "
            "not confirmed absent.",
            (counted(notes, data, "relationships"),),
        )
    counts = Counter(wording(link) for link in active)
    top = ", ".join(f"{word} ({n})" for word, n in counts.most_common(TYPES_NAMED))
    rest = counts.most_common()[TYPES_NAMED:]
    if rest:
        top += f" and {sum(n for _, n in rest)} more of {plural(len(rest), 'other type')}"
    text = f"On {data.on} it has {plural(len(active), 'active relationship')}" + (f": {top}" if top else "")
    other = len(data.links) - len(active)
    text += f"; {other} more {'has' if other == 1 else 'have'} ended or not yet started." if other else "."
    return Statement(text, (counted(notes, data, "relationships"),))


def shared_line(data: ProfileData, sections: dict[str, Section]) -> Statement | None:
    """The agreements and forums shared with the home set (or a forum's home-set members), None when none."""
    table = sections["shared"].tables[0] if sections["shared"].tables else None
    if not (table and table.rows):
        return None
    groups = list(dict.fromkeys(row[0] for row in table.rows))
    return Statement(
        f"{table.title} ({len(groups)}): {named(groups)}.",
        tuple(sorted({n for cited in table.notes[:5] for n in cited})),
    )


def last_line(data: ProfileData, notes: Notes) -> Statement | None:
    """The last engagement with the home set, with whom and through whom (None for an engagement)."""
    last = next((r for r in engagement_rows(data) if r["home"]), None)
    if last:
        return Statement(
            f"Last engagement with the home set: {last['title']} ({last.get('date')}), with "
            f"{named(last['home'], 3)}" + (f", via {last['via']}." if last["via"] else "."),
            (notes.fact(last), notes.fact(last, "link_")),
        )
    if data.entity["kind"] == "Engagement":
        return None
    return Statement(
        f"No engagement with the home set is recorded up to {data.on}.", (counted(notes, data, "engagements"),)
    )


def gaps_line(sections: dict[str, Section]) -> Statement | None:
    gap_tables = sections["gaps"].tables  # none for an engagement: it is not a target of the gap analyses
    gap_table = gap_tables[0] if gap_tables else None
    if gap_table is None or not gap_table.rows:
        return None
    kinds = Counter(row[0] for row in gap_table.rows)
    return Statement(
        f"Open gaps: {', '.join(f'{k.lower()} ({n})' for k, n in kinds.items())}.",
        tuple(sorted({n for cited in gap_table.notes for n in cited})),
    )


def quality_line(sections: dict[str, Section]) -> Statement | None:
    problems = [s for s in sections["quality"].statements if s.label]
    if not problems:
        return None
    return Statement(
        "Data-quality notes: " + ", ".join(s.label.split(" (")[0].split(":")[0].lower() for s in problems) + ".",
        tuple(sorted({n for s in problems for n in s.notes}))[:LISTED],
    )


def summary(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> list[Statement]:
    """A short paragraph built from the data: who it is, its links, shared ties, engagement, gaps, quality."""
    lines = (
        who_line(data, notes),
        links_line(data, notes),
        shared_line(data, sections),
        last_line(data, notes),
        gaps_line(sections),
        quality_line(sections),
    )
    return [line for line in lines if line is not None]
