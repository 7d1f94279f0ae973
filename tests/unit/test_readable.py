"""Tables for people (`render.tables.readable`): names not ids, kinds in words, blank not None, headers in words."""

import pytest

from render.tables import readable

pytestmark = pytest.mark.unit


def test_rows_read_in_words():
    rows = [
        {"target": "io", "target_name": "Pacific Islands Forum Secretariat", "target_kind": "InternationalOrganisation"}
        | {"hops": None, "last_engagement": None, "days": 154.0, "reached_by": ["AFP", "DFAT"]},
        {"target": "FJI", "target_name": "Fiji", "target_kind": "Country"}
        | {"hops": 1, "last_engagement": "2024-05", "days": 3.0, "reached_by": []},
    ]
    table = readable(rows)
    assert list(table.columns) == ["Target", "Target kind", "Hops", "Last engagement", "Days", "Reached by"]
    first, second = table.to_dict("records")
    assert first == {
        "Target": "Pacific Islands Forum Secretariat",
        "Target kind": "international organisation",
        "Hops": "",
        "Last engagement": "",
        "Days": 154,
        "Reached by": "AFP | DFAT",
    }
    assert (second["Target kind"], second["Hops"], second["Last engagement"]) == (
        "country or territory",
        "1",
        "2024-05",
    )


def test_a_kind_the_vocabulary_does_not_know_is_kept_as_written():
    assert readable([{"kind": "Caucus"}]).to_dict("records") == [{"Kind": "Caucus"}]
