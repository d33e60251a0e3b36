"""CI must run the PostgreSQL tests, never skip them: .ci/run installs the server package when it
is missing and sets CANIRUN_REQUIRE_POSTGRES=1, which turns the fixture's skip into a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / ".ci" / "run"
# one test that needs the server, run in a child pytest
NEEDS_POSTGRES = "tests/test_storage.py::test_settings_one_process_writes_reach_the_others"


def test_ci_installs_postgres_and_requires_it():
    script = CI.read_text()
    lines = [line.strip() for line in script.splitlines()]
    install = next(i for i, line in enumerate(lines) if "apt-get install" in line)
    assert "-y" in lines[install].split() and " postgresql" in lines[install]
    assert any("DEBIAN_FRONTEND=noninteractive" in line for line in lines[:install])
    guard = next(i for i, line in enumerate(lines) if "bin/initdb" in line)
    assert guard < install  # installed only when missing
    require = lines.index("export CANIRUN_REQUIRE_POSTGRES=1")
    pytest_run = next(i for i, line in enumerate(lines) if line.startswith("python -m pytest"))
    assert install < pytest_run and require < pytest_run
    subprocess.run(["bash", "-n", str(CI)], check=True)  # it parses


def child_pytest(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "CANIRUN_REQUIRE_POSTGRES"}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", NEEDS_POSTGRES],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_without_postgres_the_tests_skip_and_say_why(tmp_path):
    done = child_pytest(PG_BINDIR=str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout and "PostgreSQL cannot be started here" in done.stdout


def test_without_postgres_ci_fails(tmp_path):
    done = child_pytest(PG_BINDIR=str(tmp_path), CANIRUN_REQUIRE_POSTGRES="1")
    assert done.returncode != 0
    assert "CANIRUN_REQUIRE_POSTGRES=1 but PostgreSQL cannot be started" in done.stdout
