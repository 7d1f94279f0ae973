"""The one-page brief: purpose, who they are, our relationship in three lines, open gaps, three next steps each
with its reason (who, through whom, why), and the notes it cites; the whole pack follows it as an annex.

Every sentence is written from the pack's own sections and data, in fixed patterns a test reads back.
"""

from __future__ import annotations

from briefing.findings import introduction
from briefing.model import Notes, OnePage, ProfileData, Section, Statement
from briefing.sections import engagement_rows
from briefing.summary import last_line, links_line, shared_line, who_line
from briefing.words import as_verb, counted, derived_by, named, plural, status, subject_name, wording
from graph.dates import days_since

STEPS = 3  # next steps on the page
GAPS_SHOWN = 3  # gap findings on the page before "and N more in the annex"
DESCRIPTION = 300  # characters of the description on the page


def purpose(data: ProfileData) -> Statement:
    home = f" for the home set ({data.home_filter})" if data.home_filter else ""
    return Statement(
        f"Purpose: where our relationship with {subject_name(data)} stands on {data.day}{home}, and what to do next.",
        (),
    )


def who(data: ProfileData, notes: Notes) -> list[Statement]:
    said = [who_line(data, notes)]
    text = " ".join(str(data.entity["props"].get("description") or "").split())
    if text:
        short = text if len(text) <= DESCRIPTION else text[: DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"
        said.append(Statement(short, (notes.fact(data.entity["props"]),)))
    return said


def relationship(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> list[Statement]:
    """Three lines: active links, the last engagement and through whom, the agreements and forums shared."""
    lines = [links_line(data, notes, types_named=2, partners_named=2)]  # one line of the page
    last = last_line(data, notes)
    if last is not None:
        lines.append(last)
    lines.append(
        shared_line(data, sections)
        or Statement(
            f"No agreement or forum is shared with the home set on {data.day}.",
            (notes.derived(f"Counted from the agreements and forums in the graph as on {data.day}."),),
        )
    )
    return lines


def open_gaps(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> list[Statement]:
    section = sections.get("gaps")
    if section is None:
        return []
    said = [s for s in section.statements if not s.label]  # how the home set reaches it
    if data.entity["id"] in data.home_ids:
        said = [Statement(f"{subject_name(data)} is in the home set itself.", (counted(notes, data, "home set"),))]
    table = section.tables[0] if section.tables else None
    rows = list(zip(table.rows, table.notes, strict=True)) if table else []
    said += [Statement(finding, notes, title) for (title, finding), notes in rows[:GAPS_SHOWN]]
    if len(rows) > GAPS_SHOWN:
        said.append(Statement(f"And {len(rows) - GAPS_SHOWN} more in the annex.", rows[GAPS_SHOWN][1]))
    if not rows:
        ran = ", ".join(name.replace("_", " ") for name in data.findings)
        checked = notes.derived(f"Checked by the gap analyses ({ran}) on the graph as on {data.day}.")
        said.append(Statement("No open gap found by the analyses that ran.", (checked,)))
    return said


def _rows(data: ProfileData, name: str, source: str = "findings") -> list[dict]:
    rows = getattr(data, source).get(name)
    return rows if isinstance(rows, list) else []


def _holder(data: ProfileData) -> tuple[str, str] | None:
    """A home entity with an active link into the subject, and the link as it reads from the home entity."""
    for link in sorted(data.links, key=lambda r: (r.get("other_name") or "", r["type"])):
        if link["other_id"] in data.home_ids and status(link.get("since"), link.get("until"), data.on) == "active":
            return link.get("other_name") or link["other_id"], wording(
                {**link, "direction": "in" if link["direction"] == "out" else "out"}
            )
    return None


def next_steps(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> list[Statement]:
    """Up to three next steps, most pressing first: engage what is stale, open a second line to what hangs by one,
    follow up agreements, ask introducers, use shared forums, follow up the last engagement, check ended links."""
    name, steps = subject_name(data), []
    if data.entity["kind"] == "Engagement":
        return [Statement("No next step is suggested for an engagement; see its participants' briefs.", ())]
    for row in _rows(data, "stale"):
        cite = (derived_by(notes, data, "stale"),)
        if row.get("status") == "never engaged":
            holder = _holder(data)
            how = f" through {holder[0]}, which {as_verb(holder[1])} it already" if holder else ""
            steps.append(
                Statement(
                    f"Engage {name}{how}: no engagement with the home set is recorded up to {data.day} "
                    f"(threshold {row.get('threshold_days')} days).",
                    cite,
                )
            )
        else:
            steps.append(
                Statement(
                    f"Re-engage {name} through {named(list(row.get('with') or []), 3)}: the last engagement, "
                    f"{row.get('engagement')} on {row.get('last_engagement')}, was {row.get('days_since')} days "
                    f"before {data.day}, over the {row.get('threshold_days')}-day threshold.",
                    cite,
                )
            )
    intros = _rows(data, "introductions", "contacts")
    used: set[tuple] = set()
    for row in _rows(data, "single_threads"):
        single = set(row.get("via") or [])
        other = next((r for r in intros if r["from"] not in single and r.get("introducer")), None)
        alone = named(sorted(single), 3)
        cite = (derived_by(notes, data, "single_threads"),)
        if other:
            used.add((other["from"], other["introducer"]))
            why, _ = introduction(other)
            steps.append(
                Statement(
                    f"Open a second line to {name}: ask {other['introducer']} to introduce {other['from']} to it "
                    f"({why}); today only {alone} links to it.",
                    (*cite, derived_by(notes, data, "introductions")),
                )
            )
        else:
            steps.append(
                Statement(
                    f"Open a second line to {name}: today only {alone} links to it, and none of the "
                    f"{plural(len(intros), 'best introduction path')} to it starts from another home entity.",
                    cite,
                )
            )
    for row in _rows(data, "followup"):
        steps.append(
            Statement(
                f"Follow up {row.get('agreement_name')} with {row.get('party_name')}: {row.get('issue')}.",
                (derived_by(notes, data, "followup"),),
            )
        )
    for row in intros:
        pair = (row["from"], row.get("introducer"))
        if not row.get("introducer") or pair in used:
            continue
        used.add(pair)
        why, reach = introduction(row)
        steps.append(
            Statement(
                f"Ask {row['introducer']} to introduce {row['from']} to {name}: {why}"
                + (f", and {reach}" if reach else "")
                + f" ({plural(row['hops'], 'link')}).",
                (derived_by(notes, data, "introductions"),),
            )
        )
    steps += _own_steps(data, notes, sections)
    steps = steps[:STEPS]
    if len(steps) < STEPS:
        steps.append(
            Statement(
                f"Only {plural(len(steps), 'next step')} {'follows' if len(steps) == 1 else 'follow'} from the "
                "recorded data.",
                (notes.derived(f"Looked for in the gap and path analyses and the links as on {data.day}."),),
            )
        )
    return steps


def _own_steps(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> list[Statement]:
    """Steps from the entity's own facts: shared forums, the last engagement, links that ended."""
    name, steps = subject_name(data), []
    table = sections["shared"].tables[0] if sections["shared"].tables else None
    if table is not None and data.entity["kind"] not in ("Agreement", "Forum", "InternationalOrganisation"):
        for (group, _, _, home), cited in zip(table.rows, table.notes, strict=True):
            steps.append(
                Statement(f"Coordinate with {home} through {group}: {name} sits in it with them on {data.day}.", cited)
            )
    last = next((r for r in engagement_rows(data) if r["home"]), None)
    if last and last.get("date"):
        steps.append(
            Statement(
                f"Follow up {last['title']} ({last['date']}) with {named(last['home'], 3)}: it is the last "
                f"engagement with the home set, {days_since(last['date'], data.on)} days before {data.day}.",
                (notes.fact(last), notes.fact(last, "link_")),
            )
        )
    ended = [r for r in data.links if r.get("until") and status(r.get("since"), r.get("until"), data.on) == "ended"]
    for link in sorted(ended, key=lambda r: r["until"], reverse=True):
        steps.append(
            Statement(
                f"Check whether {name} is still {wording(link)} {link.get('other_name') or link['other_id']}: "
                f"the record ended {link['until']}.",
                (notes.fact(link),),
            )
        )
    return steps


def one_page(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> OnePage:
    return OnePage(
        purpose=purpose(data),
        who=who(data, notes),
        relationship=relationship(data, notes, sections),
        gaps=open_gaps(data, notes, sections),
        steps=next_steps(data, notes, sections),
    )
