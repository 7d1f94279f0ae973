"""The benchmark generator (`bench.generate`): seeded, heavy-tailed, the whole vocabulary, loadable as it is."""

import collections
import statistics
import tracemalloc

import pytest

from bench import generate
from graph.vocabulary import KINDS, REL_TYPES, load_vocabulary
from loaders.identity import fold_name
from loaders.pipeline import load_paths

VOCAB = load_vocabulary()


@pytest.fixture(scope="module")
def rows():
    """2,000 entities and 10,000 links, the suite's small size."""
    found = list(generate.generate(2000, 10_000, seed=7))
    return [r for t, r in found if t == "Elements"], [r for t, r in found if t == "Connections"]


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows():
    first = list(generate.generate(300, 1500, seed=5))
    assert first == list(generate.generate(300, 1500, seed=5))
    assert first != list(generate.generate(300, 1500, seed=6))


def test_exactly_the_rows_asked_for_streamed(rows):
    elements, links = rows
    assert (len(elements), len(links)) == (2000, 10_000)
    stream = generate.generate(10, 10, seed=1)
    assert iter(stream) is stream  # a generator: rows are made as they are read


def test_memory_does_not_grow_with_the_links():
    dataset = generate.plan(1000, seed=3)
    peaks = []
    for links in (2000, 20_000):
        tracemalloc.start()
        for _ in generate.link_rows(dataset, links):
            pass
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 2 * peaks[0] + 2**20


def test_every_kind_and_every_relationship_type_of_the_vocabulary(rows):
    elements, links = rows
    assert {VOCAB.kind(r["Type"]) for r in elements} == set(KINDS)
    found = {VOCAB.relationship(r["Type"]) for r in links}
    assert None not in found  # every wording is in the vocabulary
    assert {rel_type for rel_type, _ in found} == set(REL_TYPES)


def test_ids_and_names_are_unique_and_every_end_is_a_generated_element(rows):
    elements, links = rows
    ids = [r["ID"] for r in elements]
    assert len(set(ids)) == len(ids)
    assert len({fold_name(r["Label"]) for r in elements}) == len(elements)
    assert {r["From"] for r in links} | {r["To"] for r in links} <= set(ids)
    keys = [(VOCAB.relationship(r["Type"]), r["From"], r["To"], r["Since"]) for r in links]
    assert len(set(keys)) == len(keys)  # no two rows the loader would merge


def test_heavy_tailed_a_few_hubs_and_forums_with_many_members(rows):
    elements, links = rows
    degree = collections.Counter([r["From"] for r in links] + [r["To"] for r in links])
    assert max(degree.values()) >= 20 * statistics.median(degree.values())
    forums = {r["ID"] for r in elements if r["Type"] == "Forum"}
    members = collections.Counter(
        r["To"] for r in links if r["To"] in forums and VOCAB.relationship(r["Type"])[0] == "MEMBER_OF"
    )
    assert max(members.values()) >= 5 * statistics.median(members.values())
    agencies = [r for r in elements if r["Type"] == "Agency"]
    home = sum(1 for r in agencies if r["Country"] == "AUS")
    assert home > 3 * len(agencies) / len({r["Country"] for r in agencies})  # the home country has the most


def test_engagements_are_dated_over_fifteen_years_with_participants(rows):
    elements, links = rows
    dates = sorted(r["Date"] for r in elements if r["Type"] == "Engagement")
    assert dates[0][:4] <= "2013" and dates[-1][:4] >= "2025"
    engagements = {r["ID"] for r in elements if r["Type"] == "Engagement"}
    attended = {r["To"] for r in links if VOCAB.relationship(r["Type"])[0] == "PARTICIPATED_IN"}
    assert attended <= engagements and len(attended) > len(engagements) / 2


def test_the_files_validate_with_no_error_and_no_warning(tmp_path):
    written = generate.write(tmp_path, 300, 1500, seed=7)
    assert written == {"Elements": 300, "Connections": 1500}
    assert (tmp_path / "Elements.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(generate.ELEMENT_HEADERS)
    report = load_paths(None, [str(tmp_path)])
    assert not report.errors, report.errors[:3]
    assert not report.warnings, report.warnings[:3]  # no direction, date or wording fix: clean like real exports
