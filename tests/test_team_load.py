"""A list asked for a team ("a 7-person team", "team of 12 devs") or for N concurrent users is
sized for that many requests at once: a KV cache each (llama-server -np N), as a team's server
runs, and the answer says so."""

from __future__ import annotations

import pytest

from fitengine.advise import best_models
from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("2x rtx pro 6000 blackwell max-q for a 7-person team, what model should we serve?", 7),
        ("best model for a team of 12 devs on 4x 3090", 12),
        ("what should a 5 person team run on a mac studio m3 ultra 256gb", 5),
        ("best model for 2x 3090 with 7 concurrent users", 7),
        ("a 3090 for my team", None),
    ],
)
def test_a_team_is_read_as_requests_at_once(text, n):
    assert parse(text).parallel == n


def test_a_team_list_holds_a_kv_cache_per_request(cat):
    alone = {r.model.id: r for r in best_models("rtx-3090", gpus=2, catalog=cat)}
    team = best_models("rtx-3090", gpus=2, parallel=7, catalog=cat)
    assert team and all(r.parallel == 7 for r in team)
    both = [r for r in team if r.model.id in alone and r.quant == alone[r.model.id].quant]
    assert both and all(r.memory.kv_cache_gb > alone[r.model.id].memory.kv_cache_gb for r in both)


def test_a_team_answer_says_the_load_it_is_sized_for(cat):
    msg = ask("what should a 7-person team run on 2x rtx 3090", cat).message
    assert "serving 7 requests at once (llama-server -np 7" in msg
