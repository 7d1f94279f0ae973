"""The questions a team asks of the gap and strategy analyses, as ready presets: a target filter, parameters and
the analysis that answers.

A preset is only a starting point: the Gaps and Strategy pages show its
filters in the boxes, where they stay editable, and ``python -m queries run
ANSWER`` with the same filters and parameters prints the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.gaps import STALE_DAYS

PRIORITY_COUNTRIES = "kind:Country priority:high OR priority:medium"
PACIFIC_COUNTRIES = "kind:Country region:Pacific"
PRIORITY_TARGETS = "priority:high"  #: the Gaps page's targets until the user chooses (and the Overview's)
MAX_HOPS = 3  #: the Gaps page's reach until the user chooses


def gap_params(max_hops: int = MAX_HOPS, stale_days: dict[str, int] | None = None, rollup: bool = True) -> dict:
    """The gap analyses' parameters as the Gaps page sends them (its defaults unless told)."""
    days = {**STALE_DAYS, **(stale_days or {})}
    return {
        "max_hops": str(max_hops),
        **{f"{level}_days": str(n) for level, n in days.items()},
        "rollup": "on" if rollup else "off",
    }


@dataclass(frozen=True)
class Question:
    """A preset question.

    Attributes
    ----------
    title : str
        The question as a team says it.
    targets : str
        The target filter it uses (the home set is the page's).
    answer : str
        The analysis whose rows answer it.
    params : dict
        Parameters it sets (thresholds, peers...).
    """

    key: str
    title: str
    targets: str
    answer: str
    params: dict[str, str] = field(default_factory=dict)


QUESTIONS = {
    q.key: q
    for q in (
        Question(
            "pacific",
            "Pacific coverage: which priority Pacific countries we engage, when and through whom",
            "kind:Country region:Pacific priority:high OR priority:medium",
            "standing",
        ),
        Question(
            "not-engaged-90",
            "Priority countries we have not engaged in 90 days",
            PRIORITY_COUNTRIES,
            "stale",
            {"high_days": "90", "medium_days": "90", "low_days": "90"},
        ),
        Question("one-thread", "Priority countries reached by one thread", PRIORITY_COUNTRIES, "single_threads"),
        Question(
            "peer-forums",
            "Forums where a peer sits and we don't",
            "kind:Forum OR kind:InternationalOrganisation",
            "peer_forums",
            {"peers": "kind:Country tag:five-country -id:AUS"},
        ),
    )
}

# The Strategy page's questions (`analyses.strategy`); the home set is the page's.
STRATEGY = {
    q.key: q
    for q in (
        Question(
            "invest-pacific",
            "Which three relationships would close most of our Pacific gaps?",
            PACIFIC_COUNTRIES,
            "investments",
            {"k": "3", "max_hops": "2"},
        ),
        Question(
            "pacific-program-ends",
            "What if the AFP program in the Pacific (Cyber Safety Pasifika) ended?",
            PACIFIC_COUNTRIES,
            "whatif",
            {"without": "Cyber Safety Pasifika", "max_hops": "2"},
        ),
        Question(
            "pacific-key-players",
            "Whose loss would hurt our reach in the Pacific most?",
            PACIFIC_COUNTRIES,
            "key_players",
            {"max_hops": "2"},
        ),
        Question(
            "brokers-by-country", "Who brokers between countries?", PACIFIC_COUNTRIES, "brokerage", {"by": "country"}
        ),
        Question(
            "pacific-priority-grid",
            "Where should we put effort among our priority Pacific partners?",
            PACIFIC_COUNTRIES + " -id:AUS",  # ourselves would stretch the engagement axis
            "priority_grid",
            {"x": "priority", "y": "home_links"},
        ),
        Question(
            "pacific-lines-of-effort",
            "Who works on awareness, reporting and legislation with each Pacific country?",
            PACIFIC_COUNTRIES + " -id:AUS",
            "lines_of_effort",
            {"themes": "awareness; reporting; legislation"},
        ),
    )
}

# Agreements whose parties no home entity engaged since joining, or that end soon (the Gaps page's tab).
AGREEMENTS = Question("agreements", "Agreements needing follow-up", "kind:Agreement", "followup", {"window_days": "90"})
