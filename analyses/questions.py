"""The questions a team asks of the gap analyses, as ready presets: a target filter, parameters and the answer.

A preset is only a starting point: the Gaps page shows its filters in the
boxes, where they stay editable, and ``python -m queries run ANSWER`` with the
same filters and parameters prints the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRIORITY_COUNTRIES = "kind:Country priority:high OR priority:medium"


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
