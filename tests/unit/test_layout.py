"""Positions that stay: known entities keep theirs, new ones are placed next to the entity they came from (pure)."""

import math

import pytest

from graph.layout import CLEAR, STEP, arrange, pixel_positions, to_pixels

STAR = [("hub", f"leaf{i}") for i in range(5)]


def test_with_nothing_known_the_view_is_laid_out_afresh_in_pixels():
    ids = ["hub"] + [b for _, b in STAR]
    placed = arrange(ids, STAR, {})
    assert placed == pixel_positions(ids, STAR)  # seeded: the same view is drawn the same way
    xs = [x for x, _ in placed.values()]
    assert max(xs) - min(xs) >= 300  # pixels, not igraph's units


def test_a_fresh_layout_kept_for_the_next_open_is_handed_out_as_a_copy():
    ids = ["hub"] + [b for _, b in STAR]
    first = pixel_positions(ids, STAR)
    first["hub"] = (1e6, 1e6)  # the page moves what it was given
    again = pixel_positions(ids, STAR)
    assert again["hub"] != (1e6, 1e6)
    assert again == arrange(ids, STAR, {})


def test_known_entities_keep_their_positions_exactly():
    known = {"hub": (10.0, 20.0), "leaf0": [300.5, -40.0], "gone": (999.0, 999.0)}
    placed = arrange(["hub", "leaf0", "leaf1"], STAR, known)
    assert placed["hub"] == (10.0, 20.0) and placed["leaf0"] == (300.5, -40.0)
    assert set(placed) == {"hub", "leaf0", "leaf1"}  # only what is in view


def test_a_new_entity_goes_next_to_its_placed_neighbour_facing_away_from_the_rest():
    known = {"a": (0.0, 0.0), "b": (200.0, 0.0)}
    placed = arrange(["a", "b", "c"], [("a", "b"), ("b", "c")], known)
    assert placed["c"] == pytest.approx((200.0 + STEP, 0.0))  # outward from a, through b


def test_the_entities_an_expand_brings_sit_around_the_expanded_one():
    known = {"focus": (0.0, 0.0), "x": (150.0, 0.0), "y": (-150.0, 40.0)}
    new = [f"n{i}" for i in range(12)]
    links = [("focus", "x"), ("focus", "y")] + [("x", n) for n in new] + [("y", n) for n in new[:3]]
    origins = dict.fromkeys(new, "x")
    placed = arrange(["focus", "x", "y", *new], links, known, origins=origins)
    for n in new:
        assert math.dist(placed[n], placed["x"]) < 2.5 * STEP
        assert math.dist(placed[n], placed["x"]) < math.dist(placed[n], placed["y"])
    assert {k: placed[k] for k in known} == known


def test_placed_entities_keep_clear_of_each_other():
    known = {"a": (0.0, 0.0), "b": (STEP, 0.0)}  # b sits where a's first new neighbour would go
    placed = arrange(["a", "b", "c", "d"], [("a", "c"), ("a", "d")], known, origins={"c": "a", "d": "a"})
    points = list(placed.values())
    assert all(math.dist(p, q) >= CLEAR - 0.2 for i, p in enumerate(points) for q in points[i + 1 :])


def test_entities_reached_through_new_ones_follow_them_and_a_separate_group_goes_to_the_right():
    known = {"a": (0.0, 0.0)}
    links = [("a", "b"), ("b", "c"), ("p", "q")]
    placed = arrange(["a", "b", "c", "p", "q"], links, known)
    assert math.dist(placed["a"], placed["b"]) == pytest.approx(STEP)
    assert math.dist(placed["b"], placed["c"]) == pytest.approx(STEP, abs=CLEAR * 8)
    assert min(placed["p"][0], placed["q"][0]) > max(placed[n][0] for n in "abc")


def test_arrange_is_deterministic_and_order_of_links_does_not_matter():
    known = {"hub": (0.0, 0.0)}
    ids = ["hub"] + [b for _, b in STAR]
    assert arrange(ids, STAR, known) == arrange(ids, list(reversed(STAR)), known)


def test_to_pixels_centres_and_scales():
    assert to_pixels({}) == {}
    scaled = to_pixels({"a": (-1, -1), "b": (1, 1)})
    assert scaled == {"a": (-200.0, -200.0), "b": (200.0, 200.0)}
