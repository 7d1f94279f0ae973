"""Where the database is, and the one place a driver is built.

With no ``NEO4J_URI`` the project's own local Neo4j on 127.0.0.1 is used
(``NEO4J_LOCAL_PORT``, default 7687).  Nothing connects at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import neo4j

ENV_KEYS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@dataclass(frozen=True)
class Settings:
    """Connection settings; ``local`` is True when the project runs the server itself."""

    uri: str
    user: str | None
    password: str | None
    database: str | None
    local: bool

    def describe(self) -> str:
        """Where the app reads from, without credentials (a user and password written inside the URI are left out)."""
        where = redacted(self.uri) + (f" database {self.database}" if self.database else "")
        return where + (" (the project's local Neo4j)" if self.local else "")


def redacted(uri: str) -> str:
    """`uri` without its userinfo: ``neo4j://user:secret@host:7687`` reads ``neo4j://host:7687``."""
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri
    host, slash, path = rest.partition("/")
    return f"{scheme}://{host.rpartition('@')[2]}{slash}{path}"


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read connection settings from `env` (default: the process environment)."""
    env = os.environ if env is None else env
    uri = env.get("NEO4J_URI", "").strip()
    local = not uri
    if local:
        uri = f"bolt://127.0.0.1:{env.get('NEO4J_LOCAL_PORT', '7687').strip() or '7687'}"
    return Settings(
        uri=uri,
        user=env.get("NEO4J_USER") or None,
        password=env.get("NEO4J_PASSWORD") or None,
        database=env.get("NEO4J_DATABASE") or None,
        local=local,
    )


def database() -> str | None:
    """Database name to use (None: the server's default)."""
    return settings().database


def create_driver(config: Settings | None = None) -> neo4j.Driver:
    """Build the driver (it connects lazily, on first use)."""
    config = config or settings()
    auth = (config.user or "neo4j", config.password or "") if (config.user or config.password) else None
    # Server notices ("property key does not exist" on an empty graph) are not for users.
    return neo4j.GraphDatabase.driver(
        config.uri, auth=auth, connection_timeout=5, max_transaction_retry_time=10, notifications_min_severity="OFF"
    )
