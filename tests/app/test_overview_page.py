"""The Overview page's "Likely duplicates": pairs by name with reasons in words, and "Not a duplicate"."""

from __future__ import annotations

import random
import string

import pytest
import streamlit as st

from queries import read
from tests.app.pages import app, texts
from views.overview import DUPLICATES_SHOWN
from views.widgets import md_text

LABEL = "Not a duplicate"


@pytest.fixture(autouse=True)
def fresh_cache():
    # The page keeps its candidates while the graph's loads and size are the same; these tests write behind its back.
    st.cache_data.clear()


def agencies(db, names: list[tuple[str, str]]) -> None:
    db.execute_query(
        "UNWIND $rows AS row CREATE (:Entity:Agency {id: row[0], name: row[1], aliases: [], sources: []})",
        rows=[list(r) for r in names],
    )


def not_duplicate_buttons(at):
    return [b for b in at.button if b.label == LABEL]


def test_the_sample_has_no_likely_duplicates(sample_db):
    at = app()
    assert not at.exception
    assert "Likely duplicates" in [h.value for h in at.subheader]
    assert "No likely duplicates." in [s.value for s in at.success]
    assert not not_duplicate_buttons(at)


def test_a_pair_is_shown_by_name_with_reasons_and_not_a_duplicate_removes_it(db):
    agencies(
        db,
        [
            ("afp", "Australian Federal Police"),
            ("afp-again", "Australian Federal Police"),
            ("dfat", "Department of Foreign Affairs and Trade"),
            ("dfat-short", "DFAT"),
            ("ofcom", "Ofcom"),
        ],
    )
    at = app()
    assert not at.exception
    shown = texts(at)
    assert "2 pairs that may be one organisation" in shown
    assert (
        f"**{md_text('Australian Federal Police')}** and **{md_text('Australian Federal Police')}** "
        f"({md_text('Agency')}): {md_text('same name after folding case, spaces and punctuation')}"
    ) in shown
    assert md_text("'DFAT' matches the initials of 'Department of Foreign Affairs and Trade'") in shown
    assert "afp-again" not in shown  # names, not ids
    assert len(not_duplicate_buttons(at)) == 2

    not_duplicate_buttons(at)[0].click().run()  # the strongest first: the two Australian Federal Police
    assert not at.exception
    assert [(r["a"], r["b"]) for r in read(db, "not_duplicates")] == [("afp", "afp-again")]
    assert len(not_duplicate_buttons(at)) == 1
    shown = texts(at)
    assert "1 pair that may be one organisation" in shown
    assert md_text("Remembered: Australian Federal Police and Australian Federal Police are not duplicates.") in [
        s.value for s in at.success
    ]
    assert md_text("same name after folding case") not in shown

    at = app()  # a new visit remembers it too
    assert len(not_duplicate_buttons(at)) == 1
    not_duplicate_buttons(at)[0].click().run()
    assert "No likely duplicates." in [s.value for s in at.success]


def test_at_most_twenty_are_shown_with_the_total_and_names_are_text(db):
    rng = random.Random(3)
    words = ["".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(25)]
    agencies(db, [(f"{side}{i}", f"**{w}** [{w}](javascript:{w})") for i, w in enumerate(words) for side in "ab"])
    at = app()
    assert not at.exception
    assert len(not_duplicate_buttons(at)) == DUPLICATES_SHOWN
    shown = texts(at)
    assert f"25 pairs that may be one organisation; the strongest {DUPLICATES_SHOWN} shown" in shown
    assert md_text(f"**{words[0]}** [{words[0]}](javascript:{words[0]})") in shown
    assert "](javascript:" not in shown
