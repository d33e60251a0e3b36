"""What went wrong with the database, said twice: once for the people using the bot (server
admins see it in /settings and in the reply to a write that failed: what is wrong and what to do,
never a host path or the database URL), once for the operator (logs and `canirun-bot health`:
where, and the driver's own words, never the password)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator

OPERATOR_HINT = "the bot's operator can see why with `canirun-bot health`"


class StorageError(Exception):
    """str(): one sentence for the bot's users, safe to show in Discord."""


class NotSaved(StorageError):
    """A write did not happen; nothing was changed."""


@dataclasses.dataclass(frozen=True)
class Problem:
    """Why the database is not (fully) usable.

    kind: 'corrupt' and 'newer' (refused: left untouched, nothing is read or written),
    'unreachable' and 'unusable' (could not be opened: defaults, retried for 'unreachable'),
    'readonly' (opened and read, but writes fail)."""

    kind: str
    reason: str  # for users: "the file is read-only"
    detail: str  # for the operator

    @property
    def message(self) -> str:
        if self.kind == "corrupt":
            return (
                "The bot's settings database is damaged, so it runs on default settings and "
                "saves no changes. The bot's operator needs to restore a backup or move the file "
                f"aside; {OPERATOR_HINT}."
            )
        if self.kind == "newer":
            return (
                "The bot's settings database was written by a newer version of the bot, so this "
                "one runs on default settings and saves no changes. The bot's operator needs to "
                "upgrade it (or restore an older backup)."
            )
        if self.kind == "readonly":
            return (
                f"The bot's settings database can't be written ({self.reason}): saved settings "
                f"still apply, but changes are not saved until the operator fixes it; "
                f"{OPERATOR_HINT}."
            )
        if self.kind == "unreachable":
            return (
                f"The bot can't reach its settings database ({self.reason}), so it runs on "
                f"default settings and saves no changes. It keeps trying; {OPERATOR_HINT}."
            )
        return (
            f"The bot's settings database can't be opened ({self.reason}), so it runs on default "
            f"settings and saves no changes; {OPERATOR_HINT}."
        )


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])


# PostgreSQL SQLSTATE classes and codes -> (kind, reason)
_SQLSTATES = {
    "25006": ("readonly", "the database is read-only"),
    "53100": ("readonly", "the database server's disk is full"),
    "28P01": ("unusable", "the database refused the login"),
    "28000": ("unusable", "the database refused the login"),
    "3D000": ("unusable", "the database does not exist"),
    "42501": ("readonly", "the database user may not write"),
    "57P01": ("unreachable", "the database server is shutting down"),
    "57P03": ("unreachable", "the database server is starting up"),
}


def classify(exc: BaseException, *, sqlite: bool = False) -> tuple[str, str]:
    """(kind, reason) for a database failure; the reason names no path, host or URL. An SQLite
    file is on this machine: a system error there is about the file, never a server away."""
    for e in _chain(exc):
        state = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
        if isinstance(state, str):
            if state in _SQLSTATES:
                return _SQLSTATES[state]
            if state.startswith("08"):
                return "unreachable", "the database server does not answer"
        text = str(e).lower()
        if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("aiosqlite"):
            if "readonly" in text or "read-only" in text:
                return "readonly", "the file is read-only"
            if "disk is full" in text or "disk i/o" in text:
                return "readonly", "the disk is full or failing"
            if "locked" in text or "busy" in text:
                return "busy", "the database is busy"
            if "unable to open" in text:
                return "unusable", "the file can't be opened"
            if "not a database" in text or "malformed" in text:
                return "corrupt", "the file is damaged"
    if sqlite:
        if any(isinstance(e, TimeoutError) for e in _chain(exc)):
            return "busy", "the database is busy"
        return "unusable", "the file can't be created or opened"
    for e in _chain(exc):
        if isinstance(e, TimeoutError):
            return "unreachable", "the database did not answer in time"
        if isinstance(e, ConnectionError | OSError):
            return "unreachable", "the database server does not answer"
        name = type(e).__name__
        if name in ("ConnectionDoesNotExistError", "CannotConnectNowError", "InterfaceError"):
            return "unreachable", "the database server does not answer"
    return "unusable", "a database error"


def operator_words(exc: BaseException) -> str:
    """The driver's own words, for the operator (one line)."""
    for e in _chain(exc):
        orig = getattr(e, "orig", None)
        if orig is not None:
            e = orig
        text = " ".join(str(e).split())
        return f"{type(e).__name__}: {text[:300]}" if text else type(e).__name__
    return type(exc).__name__
