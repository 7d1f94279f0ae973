"""A whole pack from profile data: the sections, then a summary written from them (no language model)."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.assessments import assessments
from briefing.findings import contacts, efforts, gaps, quality
from briefing.model import Brief, Notes, ProfileData, Statement
from briefing.onepage import one_page
from briefing.sections import engagements, key_facts, located, network, relationships, shared
from briefing.summary import summary
from briefing.words import counted, named, plural, subject_name


def build_profile(data: ProfileData, notes: Notes, *, marking: str, generated_at: str, member: bool = False) -> Brief:
    """The brief of one entity (`member`: a part of a set's pack, without network and country listing)."""
    facts, missing = key_facts(data, notes)
    parts = {"relationships": relationships(data, notes), "shared": shared(data, notes)}
    if data.entity["kind"] == "Country" and data.located is not None:
        parts["located"] = located(data, notes)
    parts["engagements"] = engagements(data, notes)
    parts["gaps"] = gaps(data, notes)
    parts["assessments"] = assessments(data, notes)
    parts["efforts"] = efforts(data, notes)
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
    if not member:
        brief.one_page = one_page(data, notes, parts)
    return brief


def build_brief(
    data: ProfileData,
    *,
    marking: str,
    generated_at: str,
    loads: dict[str, dict] | None = None,
    members: Sequence[ProfileData] = (),
    set_label: str = "",
    sample: bool = False,
) -> Brief:
    """The pack of one entity, or of a set: the entity and each of `members` (its agencies, members or parties);
    `sample`: made from sample data, which every page of it then says."""
    notes = Notes(loads)
    brief = build_profile(data, notes, marking=marking, generated_at=generated_at)
    brief.sample = sample
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
