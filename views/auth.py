"""Who is using the app: sign-in through Streamlit's `st.login` (OpenID Connect) when ``[auth]`` is configured.

With an ``[auth]`` table in ``.streamlit/secrets.toml`` nobody sees a page before signing in (`gate`), and the role
comes from the ``[roles]`` table by e-mail or group claim (`graph.roles.role_for`).  Without ``[auth]`` the app runs
for one local user with every role (`graph.roles.local`), and the sidebar says so.  Pages pass `current_actor()` to
every write function, which checks the role itself (`graph.roles.require`): hiding a button is not the check.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from graph.roles import Actor, Forbidden, local, role_for
from views.widgets import md_text


def _secrets(table: str) -> Mapping[str, Any] | None:
    """The secrets table `table`, or None when there is none (or no secrets file at all)."""
    try:
        if table in st.secrets:
            return st.secrets[table]
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        pass
    return None


def sign_in_configured() -> bool:
    """Whether ``[auth]`` is configured, so that signing in is required."""
    return _secrets("auth") is not None


def _groups(claims: Mapping[str, Any], claim: str) -> list[str]:
    value = claims.get(claim)
    if value is None:
        return []
    if isinstance(value, str):
        return value.replace(",", " ").split()
    return [str(v) for v in value]


def current_actor() -> Actor:
    """Who acts in this session: the signed-in user with their configured role, else the local user.

    A signed-out session (sign-in configured, nobody signed in) is an actor with role ``none``: it may do nothing.
    """
    if not sign_in_configured():
        return local()
    if not st.user.is_logged_in:
        return Actor(name="(not signed in)", role="none", signed_in=False)
    claims = st.user.to_dict()
    roles = _secrets("roles") or {}
    email = claims.get("email")
    name = str(email or claims.get("preferred_username") or claims.get("name") or claims.get("sub") or "unknown")
    role = role_for(str(email) if email else None, _groups(claims, str(roles.get("group_claim", "groups"))), roles)
    return Actor(name=name, role=role, signed_in=True)


def gate() -> Actor:
    """Before any page: sign in (or say there is no access), else say in the sidebar who acts, with Sign out.

    Stops the script, with nothing else rendered, while nobody is signed in or the signed-in user has no role.
    """
    actor = current_actor()
    if not sign_in_configured():
        st.sidebar.caption(
            f"No sign-in configured: you act as {md_text(actor.name)} with every role (set `[auth]` in secrets to "
            "sign in)."
        )
        return actor
    if not actor.signed_in:
        st.title("Stakeholder Graph Explorer")
        st.write("Sign in to use the app.")
        if st.button("Sign in", key="sign-in", type="primary"):
            st.login()
        st.stop()
    if actor.role == "none":
        st.title("Stakeholder Graph Explorer")
        st.error(md_text(f"You ({actor.name}) have no access to this app. Ask an admin to give you a role."))
        if st.button("Sign out", key="sign-out"):
            st.logout()
        st.stop()
    st.sidebar.caption(f"Signed in as {md_text(actor.name)} ({actor.role})")
    if st.sidebar.button("Sign out", key="sign-out"):
        st.logout()
    return actor


def refused(exc: Forbidden) -> None:
    """Say a `Forbidden` as text on the page (never a stack trace)."""
    st.error(md_text(str(exc)))
