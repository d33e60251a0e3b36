"""The bot's state (server settings, saved rigs, the Hugging Face cache) in SQLite or PostgreSQL,
through SQLAlchemy Core (async) with Alembic migrations. See store.py."""

from .errors import NotSaved, Problem, StorageError
from .store import GuildSettings, HubCache, Rig, RigError, Storage
from .target import BadDatabaseURL, Target, parse_database_url, resolve_target, sqlite_target

__all__ = [
    "BadDatabaseURL",
    "GuildSettings",
    "HubCache",
    "NotSaved",
    "Problem",
    "Rig",
    "RigError",
    "Storage",
    "StorageError",
    "Target",
    "parse_database_url",
    "resolve_target",
    "sqlite_target",
]
