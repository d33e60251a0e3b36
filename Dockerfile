# canirun Discord bot.
#   docker build -t canirun-bot .
#   docker run -d --name canirun-bot --restart unless-stopped \
#     -e DISCORD_TOKEN=... -v canirun-data:/data canirun-bot
# Sync the slash commands once (and after upgrades that change them):
#   docker run --rm -e DISCORD_TOKEN=... canirun-bot canirun-bot sync
# Several processes sharing PostgreSQL (DATABASE_URL) and splitting the shards: compose.yaml.

FROM python:3.12-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml README.md ./
COPY fitengine ./fitengine
COPY bot ./bot
COPY catalog ./catalog
# the package and every dependency as wheels, so the runtime image needs no compiler
RUN pip wheel --wheel-dir /wheels .

FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CANIRUN_DB=/data/canirun-bot.sqlite3
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin canirun \
    && mkdir /data && chown canirun:canirun /data
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links /wheels canirun && rm -rf /wheels
USER canirun
WORKDIR /home/canirun
VOLUME ["/data"]
# settings, the token's presence, the database and the catalog; never contacts Discord
HEALTHCHECK --interval=60s --timeout=15s --start-period=30s --retries=3 \
    CMD ["canirun-bot", "health"]
CMD ["canirun-bot"]
