"""Bad URL parameters on every page that reads them: the value is ignored with a warning naming it, and the page
still renders; a very long Network search does not break the page either."""

import pytest

from tests.app.pages import app

#: (page, parameter, bad value): each page with the parameters it reads as numbers or dates.
BAD = [
    (page, key, value)
    for page, keys in (
        ("views/gaps.py", ("hops", "high_days", "medium_days", "low_days", "as_of")),
        ("views/strategy.py", ("hops", "as_of")),
        ("views/network.py", ("hops", "as_of", "compare")),
        ("views/profile.py", ("as_of",)),
    )
    for key in keys
    for value in (
        ("abc", "-5", "0", "99999999999999999999", "1e3")
        if key.endswith(("hops", "_days"))
        else ("0001-01-01", "9999-12-31", "garbage", "2024-02-30", "2024-01-01T00:00", "x" * 5000)
    )
]


@pytest.mark.parametrize(("page", "key", "value"), BAD)
def test_a_bad_url_parameter_is_ignored_with_a_warning(sample_db, page, key, value):
    context = {"as_of": "2024-01-01"} if key == "compare" else {"id": "FJI"} if page == "views/profile.py" else {}
    at = app(page, **context, **{key: value})
    assert not at.exception
    warnings = [w.value for w in at.warning if "Ignored the URL parameter" in w.value]
    assert len(warnings) == 1 and key.replace("_", "\\_") in warnings[0]
    assert len(warnings[0]) < 200  # a long value is shortened
    assert at.query_params.get(key) != value  # the page wrote back a value it can use, or dropped it


def test_bad_values_in_the_url_are_escaped_in_the_warning(sample_db):
    at = app("views/gaps.py", hops="![x](http://127.0.0.1:9/x.png)")
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "Ignored" in w.value]
    assert "\\!\\[x\\]\\(" in warning


@pytest.mark.parametrize("text", ["word " * 2000, "a" * 20000, "*?~^\\/:" * 500, "AND OR NOT " * 300])
def test_a_very_long_network_search_keeps_the_page(sample_db, text):
    at = app("views/network.py")
    at.text_input(key="search").input(text).run()
    assert not at.exception
    assert at.selectbox(key="focus").value is not None
