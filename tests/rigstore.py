"""Saved rigs in memory, for the bot's end-to-end tests: the settings store the bot has, plus the
rig methods of bot/rigs.py RigStore with the storage layer's rules (the first rig is the default;
deleting the default makes the most recently saved other rig the default; forget_user deletes
everything about a user). One `RigTable` is shared by every bot a test starts, so rigs survive a
restart as they do in the database."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from typing import Any

from bot.db import SettingsStore

_clock = itertools.count(1)


@dataclasses.dataclass(frozen=True)
class SavedRig:
    user_id: int
    name: str
    spec: Mapping[str, Any]
    is_default: bool
    updated_at: float


class RigTable:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, str], SavedRig] = {}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class RigSettingsStore(SettingsStore):
    def __init__(self, path: Any, table: RigTable):
        super().__init__(path)
        self.table = table

    def _mine(self, user_id: int) -> list[SavedRig]:
        return [r for (u, _), r in self.table.rows.items() if u == user_id]

    async def rigs(self, user_id: int) -> list[SavedRig]:
        return sorted(self._mine(user_id), key=lambda r: (not r.is_default, _key(r.name)))

    async def rig(self, user_id: int, name: str | None = None) -> SavedRig | None:
        if name is not None:
            return self.table.rows.get((user_id, _key(name)))
        mine = sorted(self._mine(user_id), key=lambda r: (not r.is_default, -r.updated_at))
        return mine[0] if mine else None

    async def save_rig(
        self, user_id: int, name: str, spec: Mapping[str, Any], *, default: bool | None = None
    ) -> SavedRig:
        key = _key(name)
        existing = {_key(r.name): r for r in self._mine(user_id)}
        has_default = any(r.is_default for r in existing.values())
        old = existing.get(key)
        make_default = (
            default if default is not None else (bool(old and old.is_default) or not has_default)
        )
        if make_default:
            for k, r in existing.items():
                if k != key and r.is_default:
                    self.table.rows[(user_id, k)] = dataclasses.replace(r, is_default=False)
        rig = SavedRig(user_id, " ".join(name.split()), dict(spec), make_default, next(_clock))
        self.table.rows[(user_id, key)] = rig
        return rig

    async def set_default_rig(self, user_id: int, name: str) -> SavedRig | None:
        key = _key(name)
        if (user_id, key) not in self.table.rows:
            return None
        for (u, k), r in list(self.table.rows.items()):
            if u == user_id:
                self.table.rows[(u, k)] = dataclasses.replace(r, is_default=k == key)
        return self.table.rows[(user_id, key)]

    async def delete_rig(self, user_id: int, name: str) -> bool:
        gone = self.table.rows.pop((user_id, _key(name)), None)
        if gone is None:
            return False
        if gone.is_default and (rest := self._mine(user_id)):
            newest = max(rest, key=lambda r: r.updated_at)
            self.table.rows[(user_id, _key(newest.name))] = dataclasses.replace(
                newest, is_default=True
            )
        return True

    async def forget_user(self, user_id: int) -> int:
        keys = [k for k in self.table.rows if k[0] == user_id]
        for k in keys:
            del self.table.rows[k]
        return len(keys)
