"""Labels and types placed into query text: only the schema's own, never text from a file."""

from __future__ import annotations

import pytest

from graph.vocabulary import KINDS
from queries import UnknownQuery, labelled, typed


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_written_into_the_entity_write(kind):
    text = labelled("write_entities_of_kind", kind)
    assert f"SET n:{kind}\n" in text and "KIND_LABEL" not in text


@pytest.mark.parametrize("text", ["agency", "Agency:Admin", "Agency`", "Person", ""])
def test_a_label_that_is_not_a_kind_is_refused(text):
    with pytest.raises(ValueError, match="not a kind label"):
        labelled("write_entities_of_kind", text)


def test_a_query_without_the_placeholders_is_refused():
    with pytest.raises(UnknownQuery):
        labelled("entity_nodes", "Agency")
    with pytest.raises(UnknownQuery):
        typed("entity_nodes", "MEMBER_OF")
