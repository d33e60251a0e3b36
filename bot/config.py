"""Settings, read from the environment (and an optional .env file).

Every variable is optional except the token, and even the token is only needed to connect:
`canirun-bot invite` works with CANIRUN_APPLICATION_ID alone and `canirun-bot health` only checks
what it can without Discord.

    DISCORD_TOKEN             the bot token (Developer Portal > Bot > Reset Token); never logged
    CANIRUN_APPLICATION_ID    the application id, for `canirun-bot invite` (else read from the token)
    DATABASE_URL              postgresql://user:password@host:5432/name to keep settings, rigs and
                              the Hugging Face cache in PostgreSQL (shared by several processes);
                              unset: the SQLite file CANIRUN_DB. Never logged with its password.
    CANIRUN_DB                SQLite file for the bot's state (default ./canirun-bot.sqlite3)
    CANIRUN_LOG_LEVEL         DEBUG, INFO (default), WARNING, ERROR
    CANIRUN_MESSAGE_CONTENT   true to request the Message Content intent (enable it in the portal first)
    CANIRUN_SHARD_COUNT       total shards over all processes (default: what Discord recommends)
    CANIRUN_SHARD_IDS         shards this process runs, e.g. "0,1" or "0-3" (needs SHARD_COUNT)
    CANIRUN_CHAT_COOLDOWN     seconds between two chat answers to one user (default 5)
    CANIRUN_CHAT_PER_USER     chat questions of one user waiting or being answered at once (default 1)
    CANIRUN_CHAT_QUEUE        chat questions waiting or being answered in all (default 256)
    CANIRUN_CHAT_WORKERS      threads answering chat questions (default 2)
    CANIRUN_COMMAND_WORKERS   threads answering slash commands and card menus (default 4)
    CANIRUN_HEARTBEAT_FILE    where the bot writes the time while connected to Discord
                              (default ./canirun-bot.heartbeat), read by `canirun-bot health`
    CANIRUN_HEARTBEAT_MAX_AGE seconds without a gateway connection before `health` fails
                              (default 120)
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .storage.target import Target, parse_database_url, resolve_target


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CANIRUN_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "CANIRUN_DISCORD_TOKEN")
    )
    application_id: int | None = Field(
        default=None,
        validation_alias=AliasChoices("CANIRUN_APPLICATION_ID", "DISCORD_APPLICATION_ID"),
    )
    db: Path = Path("canirun-bot.sqlite3")
    database_url: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "CANIRUN_DATABASE_URL")
    )
    log_level: str = "INFO"
    message_content: bool = False
    shard_count: int | None = Field(default=None, gt=0)
    shard_ids: Annotated[list[int] | None, NoDecode] = None
    chat_cooldown: float = Field(default=5.0, ge=0)
    chat_max_chars: int = Field(default=2000, gt=0)
    # chat has its own threads and limits: slash commands never wait behind chat answers
    chat_per_user: int = Field(default=1, ge=1, le=100)
    chat_queue: int = Field(default=256, ge=1, le=100_000)
    chat_workers: int = Field(default=2, ge=1, le=64)
    command_workers: int = Field(default=4, ge=1, le=64)
    heartbeat_file: Path = Path("canirun-bot.heartbeat")
    heartbeat_max_age: float = Field(default=120.0, gt=0)

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("use DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().strip():
            parse_database_url(value.get_secret_value())  # BadDatabaseURL is a ValueError
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_ids(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        ids: list[int] = []
        for part in value.replace(" ", "").split(","):
            if not part:
                continue
            lo, _, hi = part.partition("-")
            if not lo.isdigit() or (hi and not hi.isdigit()) or (hi and int(hi) < int(lo)):
                raise ValueError(f'{part!r} is not a shard id or range: use e.g. "0-3" or "0,2"')
            ids.extend(range(int(lo), int(hi or lo) + 1))
        if len(set(ids)) != len(ids):
            raise ValueError("a shard id is listed twice")
        return ids or None

    @model_validator(mode="after")
    def _shards(self) -> Settings:
        if self.shard_ids is not None:
            if self.shard_count is None:
                raise ValueError("CANIRUN_SHARD_IDS needs CANIRUN_SHARD_COUNT")
            bad = [i for i in self.shard_ids if not 0 <= i < self.shard_count]
            if bad:
                raise ValueError(f"shard ids {bad} are outside 0..{self.shard_count - 1}")
        return self

    def storage_target(self) -> Target:
        """Where the state lives: DATABASE_URL, else the SQLite file CANIRUN_DB."""
        url = self.database_url.get_secret_value() if self.database_url else None
        return resolve_target(url, self.db)

    @property
    def log_level_int(self) -> int:
        return logging.getLevelName(self.log_level)

    def token(self) -> str:
        """The token, or a ConfigError with one clear line (which never shows the token)."""
        if self.discord_token is None or not self.discord_token.get_secret_value().strip():
            raise ConfigError(
                "DISCORD_TOKEN is not set: copy the token from the Developer Portal "
                "(your application > Bot > Reset Token) into the environment"
            )
        token = self.discord_token.get_secret_value().strip()
        if not _TOKEN_CHARS.fullmatch(token):
            # a line break or a space inside would reach an HTTP header and fail with a traceback
            raise ConfigError(
                "DISCORD_TOKEN is not a bot token as the Developer Portal shows it: it has a line "
                "break, a space, quotes or another character a token never has; copy it again in "
                "one piece (your application > Bot > Reset Token)"
            )
        return token

    def resolved_application_id(self) -> int:
        """The application id from CANIRUN_APPLICATION_ID, else decoded from the token."""
        if self.application_id:
            return self.application_id
        if self.discord_token is not None:
            app_id = application_id_from_token(self.discord_token.get_secret_value())
            if app_id:
                return app_id
        raise ConfigError(
            "no application id: set CANIRUN_APPLICATION_ID (Developer Portal > General "
            "Information > Application ID) or DISCORD_TOKEN"
        )


# a bot token is three base64url parts joined by dots
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_.\-]+")


class ConfigError(Exception):
    """A configuration problem the operator has to fix; str() is one line."""


def application_id_from_token(token: str) -> int | None:
    """A bot token starts with the bot user's id in base64, which is the application id."""
    head = token.strip().split(".", 1)[0]
    try:
        raw = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(raw) if raw.isdigit() else None


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment; a validation error becomes one ConfigError line."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "settings"
        name = f"CANIRUN_{where.upper()}" if where != "settings" else where
        if where in ("database_url", "DATABASE_URL", "CANIRUN_DATABASE_URL"):
            name = "DATABASE_URL"  # the message never repeats the value: it may hold a password
        raise ConfigError(f"bad setting {name}: {err['msg']}") from None
