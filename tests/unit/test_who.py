"""Who a change is recorded as: there is no sign-in yet (graph.settings.user)."""

import getpass

from graph.settings import user


def test_a_name_given_wins_then_sge_user_then_the_os_user(monkeypatch):
    monkeypatch.setenv("SGE_USER", "Sam Lee")
    assert user("alice") == "alice"
    assert user() == "Sam Lee"
    monkeypatch.setenv("SGE_USER", "  ")
    assert user() == getpass.getuser()
    monkeypatch.delenv("SGE_USER")
    assert user(None) == getpass.getuser()
