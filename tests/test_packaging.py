"""`pip install .` (not only editable installs) must ship the catalog."""

import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_the_catalog_and_both_packages(tmp_path):
    builder = pytest.importorskip("hatchling.builders.wheel")
    wheel = builder.WheelBuilder(str(ROOT))
    path = next(iter(wheel.build(directory=str(tmp_path), versions=["standard"])))
    names = set(zipfile.ZipFile(path).namelist())
    assert "fitengine/catalog/quants.yaml" in names
    assert "fitengine/catalog/workloads.yaml" in names
    assert "fitengine/catalog/language.yaml" in names
    assert "fitengine/catalog/calibration.json" in names
    assert any(n.startswith("fitengine/catalog/models/") for n in names)
    assert any(n.startswith("fitengine/catalog/hardware/") for n in names)
    assert "bot/__main__.py" in names
    # the migrations run from the installed package on every start
    assert "bot/storage/migrations/env.py" in names
    assert any(n.startswith("bot/storage/migrations/versions/0001") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(path).read(entry_points).decode()
    assert "canirun = fitengine.cli:main" in text
    assert "canirun-bot = bot.__main__:main" in text


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert 'pip install ".[test]"' in readme and "pytest" in readme
    assert '".[test]"' in ci and "pytest" in ci
