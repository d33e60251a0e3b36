"""compose.yaml, checked by reading it: no Docker engine runs where the tests run, so the file is
parsed and its services, commands and environment are checked against what the bot expects.
Each bot command is also parsed by the bot's own command line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot import __main__ as cli
from bot.storage import parse_database_url

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def bots(spec: dict) -> dict[str, dict]:
    return {
        name: s for name, s in spec["services"].items() if "canirun-bot" in s.get("command", [])
    }


def test_postgres_keeps_its_data_and_says_when_it_is_ready():
    postgres = compose()["services"]["postgres"]
    assert re.fullmatch(r"postgres:\d+.*", postgres["image"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    env = postgres["environment"]
    assert env["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")  # never a literal
    assert postgres["restart"] == "unless-stopped"


def test_two_bot_processes_split_the_shards_and_share_postgres():
    spec = compose()
    services = bots(spec)
    assert len(services) >= 2
    postgres = spec["services"]["postgres"]["environment"]
    counts, covered = set(), []
    for name, service in services.items():
        argv = service["command"]
        assert argv[:2] == ["canirun-bot", "run"], name
        args = cli.parser().parse_args(argv[1:])
        settings = cli.load_settings(shard_count=args.shard_count, shard_ids=args.shard_ids)
        counts.add(settings.shard_count)
        covered += settings.shard_ids
        env = service["environment"]
        assert env["DISCORD_TOKEN"].startswith("${DISCORD_TOKEN:?")
        url = env["DATABASE_URL"].replace("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", "pw")
        target = parse_database_url(url)
        assert target.kind == "postgresql"
        assert target.url.host == "postgres" and target.url.port == 5432
        assert target.url.username == postgres["POSTGRES_USER"]
        assert target.url.database == postgres["POSTGRES_DB"]
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert service["restart"] == "unless-stopped"
        assert service.get("build") == "." or service.get("image")
    (count,) = counts  # one shard count for every process
    assert sorted(covered) == list(range(count))  # each shard run exactly once


def test_the_docs_show_the_compose_commands():
    docs = (ROOT / "docs" / "discord.md").read_text()
    assert "docker compose up -d --build" in docs and "migrate-settings" in docs
