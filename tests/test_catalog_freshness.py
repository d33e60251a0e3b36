"""bench/catalog_freshness.py: which families stopped moving, and which measured models the
catalog cannot name."""

import datetime as dt

from bench.catalog_freshness import check_names, newest_per_family, report, stale

SPEED_HEADER = "source_url,hardware,model,params_b,quant\n"


def _calibration(tmp_path, speed_rows: list[str], sizes_rows: list[str] = ()) -> None:
    (tmp_path / "speed.csv").write_text(SPEED_HEADER + "".join(speed_rows), encoding="utf-8")
    (tmp_path / "sizes.csv").write_text(
        "source_url,model,quant,file_size_gb\n" + "".join(sizes_rows), encoding="utf-8"
    )


def test_newest_release_per_family(cat):
    newest = {f.family: f for f in newest_per_family(cat)}
    assert newest["olmo"].model.id in {"olmo-3.1-32b", "olmo-3-7b", "olmo-3-32b"}
    assert newest["olmo"].month >= (2025, 11)
    months = [f.month for f in newest_per_family(cat)]
    assert months == sorted(months)  # the families that stopped moving come first


def test_a_family_is_stale_when_nothing_is_newer_than_a_year(cat):
    families = newest_per_family(cat)
    today = dt.date(2026, 12, 4)
    old = {f.family for f in stale(families, today)}
    assert "starcoder" in old  # StarCoder2, February 2024
    assert "qwen" not in old and "mistral" not in old
    # a release in the month a year ago still counts: its day is not known
    assert "nemotron" not in {f.family for f in stale(families, dt.date(2027, 3, 31))}


def test_calibration_names_that_do_not_resolve_or_name_another_size(cat, tmp_path):
    _calibration(
        tmp_path,
        [
            "u,3090,Meta-Llama-3-8B,8.03,Q4_K_M\n",
            "u,3090,Meta-Llama-3-8B,8.03,Q8_0\n",
            "u,3090,Zorblax-Ultra-9000,7,Q4_K_M\n",
            "u,3090,Qwen3-8B,32.8,Q4_K_M\n",  # a 32B run labelled with an 8B name
        ],
        ["u,Ministral-3-14B-Instruct-2512,Q4_K_M,8.24\n"],
    )
    checks = {(c.file, c.name): c for c in check_names(cat, tmp_path)}
    assert checks[("speed.csv", "Meta-Llama-3-8B")].rows == 2
    assert checks[("speed.csv", "Meta-Llama-3-8B")].resolved == "llama-3-8b"
    assert checks[("speed.csv", "Zorblax-Ultra-9000")].resolved is None
    assert checks[("speed.csv", "Qwen3-8B")].suspect
    assert checks[("sizes.csv", "Ministral-3-14B-Instruct-2512")].resolved == "ministral-3-14b"

    text = report(cat, dt.date(2026, 12, 4), tmp_path)
    assert "do not resolve (1 of 4)" in text and "'Zorblax-Ultra-9000' (1 rows)" in text
    assert "'Qwen3-8B' (32.8B) -> qwen3-8b" in text


def test_a_missing_calibration_directory_is_said(cat, tmp_path):
    assert "pass --calibration" in report(cat, dt.date(2026, 12, 4), tmp_path / "nowhere")
