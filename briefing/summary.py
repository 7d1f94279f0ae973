"""The summary of a pack, sentence by sentence, written from its sections and data (no language model).

Each sentence comes from one function, so the one-page brief (`briefing.onepage`) says the same thing in the same
words as the pack's summary.
"""

from __future__ import annotations

from briefing.model import LISTED, Notes, ProfileData, Section, Statement
from briefing.sections import engagement_rows
from briefing.words import as_verb, counted, listing, named, plural, status, subject_name, wording
from graph.dates import local_date
from graph.vocabulary import country_name, kind_name

TYPES_NAMED = 4  # relationship wordings said in the summary before "and N more relationships of K other types"
GAPS_SAID = 2  # gaps said in words in the summary; the gap table lists them all


def who_line(data: ProfileData, notes: Notes) -> Statement:
    """Who the entity is: its kind in words, where, and its priority."""
    props, kind, name = data.entity["props"], data.entity["kind"], subject_name(data)
    where = [
        f"{label.lower()} {country_name(props[key]) if key == 'country' else props[key]}"
        for key, label in (("country", "Country"), ("region", "Region"))
        if props.get(key) and not (kind == "Country" and key == "country")
    ]
    word = kind_name(kind)
    text = f"{name} is {'an' if word[0] in 'aeiou' else 'a'} {word}" + (f" ({', '.join(where)})" if where else "")
    text += f", rated {props['priority']} priority." if props.get("priority") else "."
    return Statement(text, (notes.fact(props),))


def links_line(data: ProfileData, notes: Notes, types_named: int = TYPES_NAMED, partners_named: int = 3) -> Statement:
    """How many relationships are active on the date and with whom, by wording, the most common first: partners
    named up to `partners_named` (``and N more``), engagements counted; wordings past `types_named` counted as
    ``and K more relationships of M other types``."""
    active = [link for link in data.links if status(link.get("since"), link.get("until"), data.on) == "active"]
    if not data.links:
        return Statement(
            f"No relationships are recorded for {subject_name(data)}; a missing link means not recorded, "
            "not confirmed absent.",
            (counted(notes, data, "relationships"),),
        )
    by_wording: dict[str, list[dict]] = {}
    for link in active:
        by_wording.setdefault(wording(link), []).append(link)
    ranked = sorted(by_wording.items(), key=lambda item: (-len(item[1]), item[0]))
    parts = [_with_whom(words, links, partners_named) for words, links in ranked[:types_named]]
    rest = ranked[types_named:]
    if rest:
        more = sum(len(links) for _, links in rest)
        parts.append(f"and {plural(more, 'more relationship')} of {plural(len(rest), 'other type')}")
    text = f"On {local_date(data.on)} it has {plural(len(active), 'active relationship')}"
    text += (": " + "; ".join(parts)) if parts else ""
    other = len(data.links) - len(active)
    text += f"; {other} more {'has' if other == 1 else 'have'} ended or not yet started." if other else "."
    return Statement(text, (counted(notes, data, "relationships"),))


def _with_whom(words: str, links: list[dict], limit: int) -> str:
    """One wording's links: ``is a member of Pacific Islands Forum``, ``participated in 2 engagements``."""
    if all(link.get("other_kind") == "Engagement" for link in links):
        return f"{as_verb(words)} {plural(len(links), 'engagement')}"
    partners = sorted({link.get("other_name") or link["other_id"] for link in links})
    if words.startswith(("has ", "had ")) and len(partners) > 1:
        words += "s"  # has members A, B and C
    return f"{as_verb(words)} {listing(partners, limit)}"


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
            f"Last engagement with the home set: {last['title']} ({local_date(last.get('date'))}), with "
            f"{named(last['home'], 3)}" + (f", via {last['via']}." if last["via"] else "."),
            (notes.fact(last), notes.fact(last, "link_")),
        )
    if data.entity["kind"] == "Engagement":
        return None
    return Statement(
        f"No engagement with the home set is recorded up to {local_date(data.on)}.",
        (counted(notes, data, "engagements"),),
    )


def gaps_line(sections: dict[str, Section]) -> Statement | None:
    """The open gaps, counted, the first two said in words: ``Open gaps (1): single-threaded, only ... directly``."""
    gap_tables = sections["gaps"].tables  # none for an engagement: it is not a target of the gap analyses
    gap_table = gap_tables[0] if gap_tables else None
    if gap_table is None or not gap_table.rows:
        return None
    said = [_sentence_part(row[1]) for row in gap_table.rows[:GAPS_SAID]]
    left = len(gap_table.rows) - len(said)
    return Statement(
        f"Open gaps ({len(gap_table.rows)}): " + "; ".join(said) + (f"; and {left} more" if left else "") + ".",
        tuple(sorted({n for cited in gap_table.notes for n in cited})),
    )


def _sentence_part(text: str) -> str:
    """A finding as part of a sentence: its first letter small (unless an acronym), no full stop."""
    text = text.rstrip(".")
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


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
