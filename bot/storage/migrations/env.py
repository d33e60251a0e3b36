"""Alembic's entry point. The bot runs the migrations itself when it opens the database
(bot/storage/migrate.py passes the connection in `config.attributes`); run by hand, e.g. to write
a new revision with --autogenerate, it connects to `-x url=...` or DATABASE_URL:

    alembic -c bot/storage/alembic.ini -x url=sqlite:///scratch.sqlite3 revision --autogenerate -m "..."
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage.schema import metadata
from bot.storage.target import parse_database_url


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters tables by copying them; batch mode does that for us
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_url(url: str) -> None:
    engine = create_async_engine(parse_database_url(url).url)
    async with engine.begin() as connection:
        await connection.run_sync(run)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("give the database with -x url=... or DATABASE_URL")
    asyncio.run(run_from_url(url))
