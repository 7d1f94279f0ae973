"""Roles: which action each role allows, the one-line refusal, and the role configuration gives a user (pure)."""

import pytest

from graph.roles import ACTIONS, ROLES, Actor, Forbidden, acting, allows, local, require, role_for

EXPECTED = {
    "viewer": {"read", "export"},
    "editor": {"read", "export", "log", "edit", "load", "merge", "undo"},
    "admin": set(ACTIONS),
    "none": set(),
    "": set(),
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_allows_exactly_its_actions(role, action):
    actor = Actor("ana@example.org", role, signed_in=True)
    assert allows(role, action) is (action in EXPECTED[role])
    assert actor.can(action) is (action in EXPECTED[role])
    if action in EXPECTED[role]:
        require(actor, action)
    else:
        with pytest.raises(Forbidden):
            require(actor, action)


def test_roles_are_ordered_and_every_action_names_one():
    assert ROLES == ("viewer", "editor", "admin")
    assert set(ACTIONS.values()) <= set(ROLES)


@pytest.mark.parametrize(
    ("actor", "action", "message"),
    [
        (
            Actor("ana@example.org", "viewer"),
            "load",
            "Only an editor or admin can load files; you (ana@example.org) are a viewer.",
        ),
        (
            Actor("ed@example.org", "editor"),
            "manage",
            "Only an admin can manage saved sets and views; you (ed@example.org) are an editor.",
        ),
        (
            Actor("x@example.org", "none"),
            "read",
            "Only a viewer or editor or admin can read the graph; you (x@example.org) are not given a role.",
        ),
    ],
)
def test_a_refusal_says_who_may_and_what_you_are(actor, action, message):
    with pytest.raises(Forbidden) as refused:
        require(actor, action)
    assert str(refused.value) == message
    assert isinstance(refused.value, PermissionError)


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        require(local(), "fly")


def test_the_local_user_has_every_role_and_is_not_signed_in(monkeypatch):
    monkeypatch.setenv("SGE_USER", "desk-officer")
    me = local()
    assert me == Actor("desk-officer", "admin", signed_in=False)
    assert all(me.can(action) for action in ACTIONS)
    assert local("cli-name").name == "cli-name"
    assert acting(None, "by-flag") == Actor("by-flag", "admin", False)
    viewer = Actor("v", "viewer", True)
    assert acting(viewer, "by-flag") is viewer


CONFIG = {
    "admin": ["Boss@Example.org"],
    "editor": ["ed@example.org", "group:strategy"],
    "viewer": ["group:readers"],
}


@pytest.mark.parametrize(
    ("email", "groups", "config", "role"),
    [
        ("boss@example.org", [], CONFIG, "admin"),  # e-mails compare without case
        ("  BOSS@example.org ", [], CONFIG, "admin"),
        ("ed@example.org", [], CONFIG, "editor"),
        ("someone@example.org", ["strategy"], CONFIG, "editor"),  # by group claim
        ("someone@example.org", ["Strategy"], CONFIG, "editor"),
        ("boss@example.org", ["readers"], CONFIG, "admin"),  # the highest role that names them
        ("reader@example.org", ["readers", "other"], CONFIG, "viewer"),
        ("stranger@example.org", [], CONFIG, "viewer"),  # default viewer
        ("stranger@example.org", [], {**CONFIG, "default": "none"}, "none"),
        ("stranger@example.org", [], {**CONFIG, "default": "editor"}, "editor"),
        ("stranger@example.org", [], {**CONFIG, "default": "superuser"}, "none"),  # an unknown default refuses
        (None, ["strategy"], CONFIG, "editor"),
        (None, [], {}, "viewer"),
        ("ed@example.org", [], {"editor": None}, "viewer"),  # an empty list names nobody
        ("strategy", [], CONFIG, "viewer"),  # an e-mail is not a group
        ("a", [], {"admin": "ana@example.org"}, "viewer"),  # one text is one entry, not its letters
        ("ana@example.org", [], {"admin": "ana@example.org"}, "admin"),
    ],
)
def test_role_for(email, groups, config, role):
    assert role_for(email, groups, config) == role
