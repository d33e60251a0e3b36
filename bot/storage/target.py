"""Where the bot keeps its state: an SQLite file (the default) or a PostgreSQL database.

`DATABASE_URL=postgresql://user:password@host:5432/name` selects PostgreSQL (through asyncpg);
without it the state lives in the SQLite file `CANIRUN_DB`. The URL may carry a password, so it is
only ever shown with the password masked.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

# what people write -> the async driver SQLAlchemy runs it with
_DRIVERS = {
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
}


class BadDatabaseURL(ValueError):
    """DATABASE_URL cannot be used; str() never contains the URL (it may hold a password)."""


@dataclasses.dataclass(frozen=True)
class Target:
    url: URL

    @property
    def kind(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.url.get_backend_name()

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database or "") if self.kind == "sqlite" else None

    def describe(self) -> str:
        """For the operator (logs, `canirun-bot health`): where, never the password."""
        if self.sqlite_path is not None:
            return f"SQLite file {self.sqlite_path}"
        host = self.url.host or "localhost"
        port = f":{self.url.port}" if self.url.port else ""
        return f"PostgreSQL database {self.url.database or '?'} on {host}{port}"


def sqlite_target(path: Path | str) -> Target:
    return Target(URL.create("sqlite+aiosqlite", database=str(path)))


def parse_database_url(value: str) -> Target:
    try:
        url = make_url(value.strip())
    except ArgumentError:
        raise BadDatabaseURL(
            "not a database URL; use postgresql://user:password@host:5432/name"
        ) from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise BadDatabaseURL(
            f"unsupported database {url.drivername!r}; use postgresql://... (or leave it unset "
            "for the SQLite file in CANIRUN_DB)"
        )
    url = url.set(drivername=driver)
    if driver.startswith("sqlite") and not url.database:
        raise BadDatabaseURL("an sqlite URL needs a file: sqlite:////data/canirun-bot.sqlite3")
    if driver.startswith("postgresql") and not url.database:
        raise BadDatabaseURL("the URL names no database: postgresql://user@host:5432/NAME")
    return Target(url)


def resolve_target(database_url: str | None, sqlite_file: Path | str) -> Target:
    """DATABASE_URL when set, else the SQLite file."""
    if database_url and database_url.strip():
        return parse_database_url(database_url)
    return sqlite_target(sqlite_file)
