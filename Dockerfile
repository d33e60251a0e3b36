# canirun Discord bot.
#   docker build -t canirun-bot .
#   docker run -d --name canirun-bot --restart unless-stopped \
#     -e DISCORD_TOKEN=... -v canirun-data:/data canirun-bot
# Sync the slash commands once (and after upgrades that change them):
#   docker run --rm -e DISCORD_TOKEN=... canirun-bot canirun-bot sync
#
# Reproducible: the base image is pinned by digest (python:3.12-slim; to move to a newer one,
# `docker pull python:3.12-slim` and put the digest it prints here), and every Python package
# comes from a lock file with hashes (requirements.lock, requirements-build.lock; regenerate with
# the command at the top of each after changing pyproject.toml). The dependencies are one layer
# that only a new lock rebuilds; a code change rebuilds only the small layer of the app.
# Several processes sharing PostgreSQL (DATABASE_URL) and splitting the shards: compose.yaml.

ARG PYTHON_IMAGE=python:3.12-slim@sha256:78387bc3881b8273120a12ebe6c1ab22b018ccc2c9adf565ae1ac9b536e184ea

FROM ${PYTHON_IMAGE} AS base
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# the app as a wheel (hatchling, itself from a lock with hashes); no dependency is resolved here
FROM base AS build
WORKDIR /src
COPY requirements-build.lock ./
RUN pip install --require-hashes --no-deps -r requirements-build.lock
COPY pyproject.toml README.md ./
COPY fitengine ./fitengine
COPY bot ./bot
COPY catalog ./catalog
RUN pip wheel --no-deps --no-build-isolation --wheel-dir /wheels .

FROM base
ENV CANIRUN_DB=/data/canirun-bot.sqlite3 \
    CANIRUN_HEARTBEAT_FILE=/tmp/canirun-bot.heartbeat
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin canirun \
    && mkdir /data && chown canirun:canirun /data
# dependencies: exactly the locked versions and files, nothing else (this layer changes only
# when requirements.lock does)
COPY requirements.lock /tmp/requirements.lock
RUN pip install --require-hashes --no-deps -r /tmp/requirements.lock && rm /tmp/requirements.lock
# the app
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-deps /tmp/wheels/*.whl && rm -rf /tmp/wheels
USER canirun
WORKDIR /home/canirun
VOLUME ["/data"]
# settings, the database, the catalog, and the gateway: the bot writes a heartbeat while it is
# connected to Discord, and a heartbeat older than CANIRUN_HEARTBEAT_MAX_AGE (120 s) fails
HEALTHCHECK --interval=30s --timeout=15s --start-period=90s --retries=3 \
    CMD ["canirun-bot", "health"]
CMD ["canirun-bot"]
