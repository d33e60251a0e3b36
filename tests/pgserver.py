"""A throwaway PostgreSQL server from the packaged binaries (Debian's postgresql package), for the
tests and bench/shard_load.py.

initdb and postgres refuse to run as root, and CI runs as root: then the server runs as the
`postgres` system user the package creates (through runuser), with its data in a temporary
directory that user owns. The server listens on 127.0.0.1 only, on a free port, and trusts local
connections (it holds nothing but test data and is removed on stop).

We start it ourselves rather than through pytest-postgresql, whose executor runs pg_ctl as the
current user and so cannot start a server as root.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REQUIRE_ENV = "CANIRUN_REQUIRE_POSTGRES"

# run as `python -c _WATCHDOG PARENT_PID STOP_ARGV_JSON`: waits for the parent to go, then stops
# the server (if it still runs) and removes its directory
_WATCHDOG = """
import json, os, shutil, subprocess, sys, time
parent, argv = int(sys.argv[1]), json.loads(sys.argv[2])
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    time.sleep(1)
data = argv[argv.index("-D") + 1]
pidfile = os.path.join(data, "postmaster.pid")
if os.path.exists(pidfile):
    try:
        subprocess.run(argv, capture_output=True, timeout=60, check=False)
    except Exception:
        pass
    try:  # pg_ctl could not stop it: SIGQUIT is PostgreSQL's immediate shutdown
        os.kill(int(open(pidfile).readline()), 3)
        time.sleep(2)
    except Exception:
        pass
shutil.rmtree(os.path.dirname(data), ignore_errors=True)
"""


class Unavailable(Exception):
    """No PostgreSQL server can be started here; str() says why."""


def find_bindir() -> Path:
    """The directory with initdb and pg_ctl: $PG_BINDIR, the newest /usr/lib/postgresql/*/bin,
    or PATH."""
    if env := os.environ.get("PG_BINDIR"):
        bindir = Path(env)  # named explicitly: that one or none
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
        raise Unavailable(f"PG_BINDIR={env} has no initdb and pg_ctl")
    candidates: list[Path] = sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    if found := shutil.which("pg_ctl"):
        candidates.append(Path(found).resolve().parent)
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    raise Unavailable(
        "no PostgreSQL server binaries (initdb, pg_ctl) found: install Debian's `postgresql` "
        "package (`apt-get install -y postgresql`) or set PG_BINDIR"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, *, durable: bool = False, port: int | None = None):
        # tests need no crash safety: fsync off makes CREATE DATABASE and commits cheap. The
        # benchmark keeps PostgreSQL's defaults (durable=True) so its figures mean something.
        self.durable = durable
        self.bindir = find_bindir()
        self.port = port or free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="canirun-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self._as: list[str] = []
        self._counter = 0

    @property
    def user(self) -> str:
        return "postgres"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *argv: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self._as, *argv],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
            check=False,
        )

    def start(self) -> PostgresServer:
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable(
                    "running as root and there is no `postgres` user to run the server as"
                ) from None
            runuser = shutil.which("runuser")
            if runuser is None:
                raise Unavailable("running as root and runuser is missing")
            self._as = [runuser, "-u", "postgres", "--"]
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
        init = self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if init.returncode != 0:
            raise Unavailable(f"initdb failed: {(init.stderr or init.stdout).strip()[-400:]}")
        options = [
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.dir}",
            "-c max_connections=200",
        ]
        if not self.durable:
            options += ["-F", "-c synchronous_commit=off", "-c full_page_writes=off"]
        started = self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            " ".join(options),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "start",
        )
        if started.returncode != 0:
            log = self.log.read_text()[-600:] if self.log.exists() else ""
            self.stop()
            raise Unavailable(f"PostgreSQL did not start: {started.stderr.strip()} {log}".strip())
        self._watch()
        return self

    def _watch(self) -> None:
        """A watchdog that stops the server when this process ends without stopping it (pytest
        killed by a timeout, Ctrl+C twice): the server is a separate process and would outlive us."""
        subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(os.getpid()), json.dumps(self._stop_argv())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _stop_argv(self) -> list[str]:
        return [
            *self._as,
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-m",
            "immediate",
            "stop",
        ]

    def psql(self, sql: str, database: str = "postgres") -> str:
        psql = self.bindir / "psql"
        argv = [
            str(psql if psql.exists() else shutil.which("psql") or "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            self.user,
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-At",
            "-c",
            sql,
        ]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr.strip()}")
        return done.stdout

    def create_database(self, prefix: str = "t") -> str:
        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}"
        self.psql(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.data.exists():
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._run(
                    str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
                )
        shutil.rmtree(self.dir, ignore_errors=True)

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.psql("SELECT 1")
                return
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


def required() -> bool:
    """CI sets CANIRUN_REQUIRE_POSTGRES=1: a missing PostgreSQL is then a failure, not a skip."""
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in ("1", "true", "yes")
