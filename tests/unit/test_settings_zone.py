"""The time zone and the mirror/aggregator list packs read from the environment."""

from zoneinfo import ZoneInfo

import pytest

from graph.settings import SettingError, aggregator, aggregator_domains, timezone


def test_the_time_zone_defaults_to_canberra_and_reads_sge_timezone(monkeypatch):
    monkeypatch.delenv("SGE_TIMEZONE", raising=False)
    assert timezone() == ZoneInfo("Australia/Canberra")
    monkeypatch.setenv("SGE_TIMEZONE", "Pacific/Fiji")
    assert timezone() == ZoneInfo("Pacific/Fiji")
    monkeypatch.setenv("SGE_TIMEZONE", "Mars/Olympus")
    with pytest.raises(SettingError, match="SGE_TIMEZONE"):
        timezone()


def test_mirrors_and_aggregators_come_from_a_configurable_list(monkeypatch):
    monkeypatch.delenv("SGE_AGGREGATOR_DOMAINS", raising=False)
    assert "web.archive.org" in aggregator_domains()
    assert aggregator("https://en.wikipedia.org/wiki/Fiji") == "wikipedia.org"
    assert aggregator("https://www.police.gov.fj/") is None
    assert aggregator("not a url wikipedia.org") is None
    monkeypatch.setenv("SGE_AGGREGATOR_DOMAINS", "example.org, www.mirror.net")
    assert aggregator("http://a.example.org/x") == "example.org"
    assert aggregator("https://mirror.net/") == "mirror.net"
    assert aggregator("https://en.wikipedia.org/wiki/Fiji") is None
