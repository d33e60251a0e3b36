"""`canirun-bot migrate-settings`: copy what an SQLite file holds (server settings with their
listen and reply channels, saved rigs) into another database, usually PostgreSQL when one
process is no longer enough.

The source is only read (through a read-only connection, after the same checks that refuse a
damaged or newer file), so it stays as it was: a way back. Any schema version since the first
is read. The Hugging Face cache is not copied: it refills itself.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import urllib.parse
from pathlib import Path

from . import migrate
from .store import GuildSettings, Rig, Storage


@dataclasses.dataclass
class Snapshot:
    settings: list[GuildSettings]
    rigs: list[Rig]


class SourceError(Exception):
    """The source cannot be read; str() is one line for the operator."""


def read_sqlite(path: Path) -> Snapshot:
    if not path.is_file():
        raise SourceError(f"{path} does not exist (or is not a file)")
    try:
        migrate.sqlite_preflight(path)
    except migrate.Refused as exc:
        raise SourceError(f"{path} is refused ({exc}); nothing was copied") from None
    db = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}

        def channel_set(table: str) -> dict[int, frozenset[int]]:
            found: dict[int, set[int]] = {}
            if table in tables:
                for gid, cid in db.execute(f"SELECT guild_id, channel_id FROM {table}"):
                    found.setdefault(gid, set()).add(cid)
            return {gid: frozenset(ids) for gid, ids in found.items()}

        listen, replies = channel_set("listen_channels"), channel_set("reply_channels")
        by_guild = {
            gid: GuildSettings(gid, channels=listen.get(gid, frozenset()))
            for gid in listen.keys() | replies.keys()
        }
        if "guild_settings" in tables:
            query = (
                "SELECT guild_id, chat_enabled, default_mode, default_workload FROM guild_settings"
            )
            for gid, chat, mode, workload in db.execute(query):
                by_guild[gid] = GuildSettings(
                    gid, bool(chat), mode, workload, listen.get(gid, frozenset())
                )
        settings = [
            dataclasses.replace(s, reply_channels=replies.get(gid, frozenset()))
            for gid, s in by_guild.items()
        ]
        rigs: list[Rig] = []
        if "rigs" in tables:
            query = "SELECT user_id, name, spec, is_default, updated_at FROM rigs"
            for uid, name, spec, default, updated in db.execute(query):
                rigs.append(Rig(uid, name, json.loads(spec), bool(default), updated))
    except sqlite3.Error as exc:
        raise SourceError(f"{path} could not be read ({exc}); nothing was copied") from None
    finally:
        db.close()
    return Snapshot(sorted(settings, key=lambda s: s.guild_id), rigs)


async def copy_into(snapshot: Snapshot, target: Storage) -> tuple[int, int]:
    """Write the snapshot into an open, writable Storage; (servers, rigs) copied."""
    return await target.import_rows(snapshot.settings, snapshot.rigs)
