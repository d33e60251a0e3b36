"""Anyone can refit the speed constants from ../shared/calibration and get the committed numbers."""

import math

import pytest

from bench.calibrate import _round
from bench.fitting import fit
from bench.rows import csv_path, load_rows
from fitengine import default_catalog

pytestmark = pytest.mark.skipif(not csv_path().exists(), reason="calibration data not present")


@pytest.fixture(scope="module")
def rows():
    return load_rows()


def test_every_speed_row_joins_the_catalog(rows):
    # bench/modelmap.yaml and bench/hwmap/*.yaml cover the corpus (clusters and odd backends aside)
    assert len(rows) >= 950


def test_refit_reproduces_the_committed_constants(rows):
    committed = default_catalog().calibration["speed"]
    refit = fit(rows).params
    for backend, params in committed["backends"].items():
        for field, value in params.items():
            got = _round(getattr(refit.backends[backend], field))
            assert math.isclose(got, value, rel_tol=0.02), (backend, field, got, value)
    for field in ("t_hop_us", "pp_multi", "attn_eff", "attn_eff_nofa", "kv_eff", "f16_bw"):
        assert math.isclose(_round(getattr(refit, field)), committed[field], rel_tol=0.02), field


def test_fit_accuracy_on_ok_and_oom_rows(rows):
    right = sum((not r.oom) == r.fits_pred for r in rows)
    assert right / len(rows) >= 0.95
