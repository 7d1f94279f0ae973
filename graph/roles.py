"""Who may do what: three roles, the actions each allows, and the role a signed-in user gets from configuration.

**viewer** reads and exports; **editor** also logs engagements, edits, loads, merges and undoes; **admin** also
manages saved sets and views, deletes and sees the audit page.  Every write function takes the `Actor` making the
change and calls `require` first, so that a role is checked where the write happens, not only by hiding buttons.

Without sign-in configured the app and the command line act for one local user with every role (`local`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.settings import user

ROLES = ("viewer", "editor", "admin")  # each allows everything the ones before it allow

ACTIONS = {
    "read": "viewer",
    "export": "viewer",
    "log": "editor",  # log an engagement, mark a follow-up done
    "edit": "editor",  # add or change entities, links and notes; end a link
    "load": "editor",
    "merge": "editor",
    "undo": "editor",
    "manage": "admin",  # saved sets, saved views, team wording
    "delete": "admin",
    "audit": "admin",
}

ACTION_WORDS = {
    "read": "read the graph",
    "export": "export",
    "log": "log engagements",
    "edit": "edit the graph",
    "load": "load files",
    "merge": "merge entities",
    "undo": "undo changes",
    "manage": "manage saved sets and views",
    "delete": "delete",
    "audit": "see the audit trail",
}


class Forbidden(PermissionError):
    """An action the actor's role does not allow; the message is one line for the user."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: the name change records carry, their role, and whether they signed in."""

    name: str
    role: str = "admin"
    signed_in: bool = False

    def can(self, action: str) -> bool:
        """Whether this actor's role allows `action` (a key of `ACTIONS`)."""
        return allows(self.role, action)


def allows(role: str, action: str) -> bool:
    """Whether `role` allows `action`; an unknown role allows nothing, an unknown action is a programming error."""
    needed = ACTIONS[action]
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def require(actor: Actor, action: str) -> None:
    """Refuse with `Forbidden` unless `actor` may do `action`.

    Raises
    ------
    Forbidden
        ``"Only an editor or admin can log engagements; you (ana@example.org) are a viewer."``
    """
    if actor.can(action):
        return
    needed = ACTIONS[action]
    who = " or ".join(ROLES[ROLES.index(needed) :])
    article = "an" if who[0] in "aeiou" else "a"
    raise Forbidden(f"Only {article} {who} can {ACTION_WORDS[action]}; you ({actor.name}) are {_as(actor.role)}.")


def _as(role: str) -> str:
    if role not in ROLES:
        return "not given a role"
    return ("an " if role[0] in "aeiou" else "a ") + role


def local(name: str | None = None) -> Actor:
    """The one local user of an app or command without sign-in: every role, named by `graph.settings.user`."""
    return Actor(name=user(name), role="admin", signed_in=False)


def acting(actor: Actor | None, by: str | None = None) -> Actor:
    """`actor`, else the local user named `by` (a command line's ``--by``, else `graph.settings.user`)."""
    return actor if actor is not None else local(by)


def role_for(email: str | None, groups: Iterable[str], config: Mapping) -> str:
    """The role configuration gives a signed-in user: the highest role that names their e-mail or one of their groups.

    Parameters
    ----------
    email : str or None
        The e-mail claim (compared without case).
    groups : iterable of str
        The values of the group claim.
    config : mapping
        The ``[roles]`` table: ``admin``, ``editor`` and ``viewer`` lists of e-mails or ``group:NAME`` entries, and
        ``default``, the role of anyone signed in whom no list names (``viewer`` unless set; ``none`` refuses them).
        (Its ``group_claim``, the ID-token claim that lists a user's groups, is read by `views.auth`.)

    Returns
    -------
    str
        ``admin``, ``editor``, ``viewer`` or ``none``.

    Examples
    --------
    >>> role_for("ana@example.org", ["strategy"], {"editor": ["group:strategy"]})
    'editor'
    """
    mail = (email or "").strip().lower()
    keys = {f"group:{g}".lower() for g in groups} | ({mail} if mail else set())
    for role in reversed(ROLES):
        entries = config.get(role) or []
        if isinstance(entries, str):  # ``admin = "ana@example.org"``: one entry, not its letters
            entries = [entries]
        named = {str(entry).strip().lower() for entry in entries}
        if keys & named:
            return role
    default = str(config.get("default", "viewer")).strip().lower()
    return default if default in ROLES else "none"
