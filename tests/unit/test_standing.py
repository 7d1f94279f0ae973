"""Where each target stands: one row per target, and tiles that count those rows (pure)."""

import pytest

from graph.standing import counts, gap_line, sentence, severity, standing, worst_first

REACH = [
    {"target": t, "target_name": n, "target_kind": "Country", "priority": "high", "status": s, "hops": h}
    | {"reached_by": ["AFP"] if h else [], "paths": [], "via": v, "in_home": home}
    for t, n, s, h, v, home in (
        ("FJI", "Fiji", "reached", 1, ["Fiji Police Force"], False),
        ("TON", "Tonga", "reached", 2, [], False),
        ("NRU", "Nauru", "unreached", None, [], False),
        ("afp", "AFP", "reached", 0, [], True),
    )
]
THREADS = [{"target": "TON", "thread": "intermediary", "reasons": ["every path within 3 links goes through CSP"]}]
STALE = [
    {"target": "FJI", "status": "current", "last_engagement": "2026-06", "with": ["AFP"], "via": ["Fiji Police Force"]}
    | {"days_since": 10, "threshold_days": 90},
    {"target": "TON", "status": "stale", "last_engagement": "2024", "with": ["AFP"], "via": []}
    | {"days_since": 700, "threshold_days": 90},
    {"target": "NRU", "status": "never engaged", "last_engagement": None, "with": None, "via": []}
    | {"days_since": None, "threshold_days": 90},
]


def test_one_row_per_target_outside_the_home_set():
    rows = standing(REACH, THREADS, STALE)
    assert [r["target"] for r in rows] == ["FJI", "TON", "NRU"]
    fiji, tonga, nauru = rows
    assert (fiji["engaged_via"], fiji["reached_via"], fiji["single_thread"]) == (
        ["Fiji Police Force"],
        ["Fiji Police Force"],
        "",
    )
    assert tonga["threads"] == ["every path within 3 links goes through CSP"]
    assert (nauru["reach"], nauru["engagement"], nauru["engaged_with"]) == ("unreached", "never engaged", [])


def test_counts_are_the_rows_and_add_up():
    tally = counts(standing(REACH, THREADS, STALE))
    assert tally == {
        "looked_at": 3,
        "reached": 2,
        "unreached": 1,
        "single_threaded": 1,
        "stale": 1,
        "never_engaged": 1,
        "current": 1,
    }
    assert tally["reached"] + tally["unreached"] == tally["stale"] + tally["never_engaged"] + tally["current"] == 3


@pytest.mark.parametrize(
    ("tally", "hops", "said"),
    [
        (
            {"looked_at": 3, "reached": 2, "unreached": 1, "single_threaded": 1, "stale": 1, "never_engaged": 1}
            | {"current": 1},
            3,
            "Of 3 targets looked at, 2 are reached within 3 links and 1 is not; 1 hangs by one thread; "
            "1 engaged within its threshold, 1 stale and 1 never engaged.",
        ),
        (
            {"looked_at": 1, "reached": 1, "unreached": 0, "single_threaded": 0, "stale": 0, "never_engaged": 0}
            | {"current": 1},
            1,
            "Of 1 target looked at, 1 is reached within 1 link and 0 are not; 0 hang by one thread; "
            "1 engaged within its threshold, 0 stale and 0 never engaged.",
        ),
    ],
)
def test_sentence_says_the_tiles(tally, hops, said):
    assert sentence(tally, hops) == said


def test_sentence_when_nothing_was_looked_at():
    assert sentence(counts([]), 3).startswith("No target was looked at")


def test_severity_and_the_gap_in_words():
    fiji, tonga, nauru = standing(REACH, THREADS, STALE)
    assert [severity(r) for r in (fiji, tonga, nauru)] == [0, 2, 5]  # none; stale + one thread; unreached + never
    assert gap_line(fiji, 3) == "no gap"
    assert gap_line(tonga, 3) == (
        "hangs by one thread: every path within 3 links goes through CSP; last engaged 700 days ago (threshold 90)"
    )
    assert gap_line(nauru, 1) == "not reached within 1 link; never engaged"


def test_worst_first_by_priority_then_severity_then_countries_then_distance():
    rows = [
        {"target_name": "A", "target_kind": "Company", "priority": "high", "reach": "reached", "hops": 1}
        | {"engagement": "never engaged", "single_thread": ""},
        {"target_name": "B", "target_kind": "Country", "priority": "high", "reach": "reached", "hops": 1}
        | {"engagement": "never engaged", "single_thread": ""},
        {"target_name": "C", "target_kind": "Country", "priority": "low", "reach": "unreached", "hops": None}
        | {"engagement": "never engaged", "single_thread": ""},
        {"target_name": "D", "target_kind": "Country", "priority": "high", "reach": "reached", "hops": 1}
        | {"engagement": "current", "single_thread": ""},
        {"target_name": "E", "target_kind": "Company", "priority": "high", "reach": "reached", "hops": 3}
        | {"engagement": "never engaged", "single_thread": ""},
        {"target_name": "F", "target_kind": "Company", "priority": "high", "reach": "reached", "hops": 2}
        | {"engagement": "stale", "single_thread": "one home entity"},
    ]
    # B (country) before E (farther) before A; F ties on severity 2 and is a company at 2 links; then low C; D last.
    assert [r["target_name"] for r in worst_first(rows)] == ["B", "E", "F", "A", "C", "D"]
