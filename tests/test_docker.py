"""The image is reproducible and cheap to rebuild: its base is pinned by digest, every package
comes from a lock file with hashes that matches pyproject.toml, the dependencies are a layer of
their own, and the build context leaves the rest of the checkout out. Where a Docker daemon
answers, the image is built; elsewhere that test says why it skipped."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
DIGEST = re.compile(r"@sha256:[0-9a-f]{64}\b")


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) of a pip lock file with hashes."""
    out: dict[str, tuple[str, int]] = {}
    name = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if m := re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line):
            name = m.group(1).lower().replace("_", "-").replace(".", "-")
            out[name] = (m.group(2), 0)
        elif line.startswith("--hash=sha256:") and name:
            version, hashes = out[name]
            out[name] = (version, hashes + 1)
    return out


def normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def test_the_base_image_is_pinned_by_digest():
    images = re.findall(r"^ARG PYTHON_IMAGE=(\S+)$", DOCKERFILE, re.M)
    assert len(images) == 1 and DIGEST.search(images[0]), images
    for line in re.findall(r"^FROM (\S+)", DOCKERFILE, re.M):
        assert line in ("${PYTHON_IMAGE}", "base") or DIGEST.search(line), line


@pytest.mark.parametrize(
    ("lock", "wanted"),
    [
        ("requirements.lock", "project.dependencies"),
        ("requirements-build.lock", "build-system.requires"),
    ],
)
def test_the_locks_pin_every_requirement_with_hashes(lock, wanted):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    section, key = wanted.split(".")
    pins = locked(ROOT / lock)
    assert pins and all(hashes >= 1 for _, hashes in pins.values()), "a pin without a hash"
    for text in pyproject[section][key]:
        req = Requirement(text)
        assert normal(req.name) in pins, f"{req.name} is not in {lock}: regenerate it"
        version, _ = pins[normal(req.name)]
        assert req.specifier.contains(version), f"{lock} pins {req.name}=={version}, not {req}"


def test_dependencies_are_a_layer_of_their_own():
    """The lock is installed before any source is copied into the final image, so a code change
    reuses the dependency layer."""
    final = DOCKERFILE[DOCKERFILE.rindex("\nFROM ") :]
    lock_at = final.index("pip install --require-hashes --no-deps -r /tmp/requirements.lock")
    assert final.index("COPY requirements.lock") < lock_at
    for source in ("COPY --from=build", "COPY fitengine", "COPY bot", "COPY catalog", "COPY ."):
        if source in final:
            assert final.index(source) > lock_at, source
    assert "--require-hashes" in DOCKERFILE.split("AS build", 1)[1].split("\nFROM ", 1)[0]


def test_the_build_context_leaves_the_rest_out():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", "tests", "bench", "*.sqlite3", ".env", "**/__pycache__"} <= ignored
    for needed in ("pyproject.toml", "README.md", "requirements.lock", "fitengine", "bot"):
        assert needed not in ignored


def test_the_health_check_watches_the_gateway():
    assert 'CMD ["canirun-bot", "health"]' in DOCKERFILE
    assert "CANIRUN_HEARTBEAT_FILE=" in DOCKERFILE


def _docker_daemon() -> str | None:
    """Why the image cannot be built here, or None when a daemon answers."""
    if shutil.which("docker") is None:
        return "no docker command"
    try:
        done = subprocess.run(["docker", "info"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"docker info failed: {exc}"
    if done.returncode != 0:
        return "no Docker daemon answers (docker info failed)"
    return None


def test_the_image_builds_where_docker_runs():
    why = _docker_daemon()
    if why is not None:
        pytest.skip(f"image build skipped: {why}")
    done = subprocess.run(
        ["docker", "build", "--tag", "canirun-bot:test", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    run = subprocess.run(
        ["docker", "run", "--rm", "canirun-bot:test", "canirun-bot", "health", "--no-gateway"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # no token in the image: health names it, and nothing else is wrong
    assert "DISCORD_TOKEN" in run.stderr and "catalog" not in run.stderr
