"""The quant a question names, read as the asker means it (the advice35 round): a bit level said
("at Q4") is any file of that level, and a file named in a report of a failed run is the one
tried, not a choice."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.catalog import bit_level
from fitengine.configs import GOOD_QUALITY
from fitengine.nlq import parse

MAC_Q4 = "Mac Mini M4 24GB: will Qwen3.6 35B-A3B at Q4 fit, and how fast?"


def test_the_bit_level_of_a_quant_name():
    assert [bit_level(x) for x in ("UD-Q4_K_XL", "IQ4_XS", "Q4_K_M", "MXFP4", "BF16")] == [
        "4",
        "4",
        "4",
        "4",
        None,
    ]


def test_a_level_said_is_read_as_a_level_and_a_file_name_is_not():
    assert parse(MAC_Q4).quant_level
    assert parse("qwen3 14b 4-bit on an 8gb card").quant_level
    assert not parse("Qwen3.6 35B-A3B Q4_K_M on a Mac Mini M4 24GB").quant_level


def test_a_level_whose_usual_file_does_not_fit_is_answered_at_one_of_the_level_that_does(cat):
    """Q4_K_M of Qwen3.6-35B-A3B (21 GB) is past a 24 GB Mac mini's GPU share even raised; a
    smaller 4-bit file holds it, so "at Q4" is not a won't-fit."""
    r = ask(MAC_Q4, cat).reports[0]
    assert r.fit != "wont_fit" and bit_level(r.quant) == "4" and r.quant != "Q4_K_M"
    assert any("4-bit read as any file" in a for a in r.assumptions)


def test_a_file_named_exactly_stays_the_answer_even_where_it_does_not_fit(cat):
    r = ask("Qwen3.6 35B-A3B Q4_K_M on a Mac Mini M4 24GB, will it fit?", cat).reports[0]
    assert r.quant == "Q4_K_M"


def test_a_level_whose_usual_file_runs_keeps_it(cat):
    r = ask("qwen3 14b at q4 on a 3090, how fast?", cat).reports[0]
    assert r.quant == "Q4_K_M"


OOM_IQ3 = (
    "--split-mode tensor failing on gemma 4 MoE: I've got a 12GB GPU (rtx 3060 12GB, CUDA device"
    " 0) and 3GB GPU (gtx 1060 3GB, CUDA device 1), and use --split-mode tensor --tensor-split 4,1"
    " with gemma-4-26B-A4B IQ3_XS at --ctx-size 131072. I keep trying smaller and smaller quants"
    " and the logs suggest that they're failing to allocate on device 1."
)


def test_a_low_file_that_failed_is_answered_at_a_good_quant_that_runs(cat):
    """Someone who went down to IQ3_XS after out-of-memory errors is told a good quant runs."""
    q = parse(OOM_IQ3)
    assert q.reports_failure and q.quant == "IQ3_XS"
    a = ask(OOM_IQ3, cat)
    r = a.reports[0]
    row = next(x for x in r.quants if x.quant == r.quant)
    assert r.fit != "wont_fit" and row.quality >= GOOD_QUALITY
    assert "IQ3_XS, the file that failed" in a.message


def test_a_good_file_that_failed_stays_the_answer(cat):
    text = "Qwen 3.5 35b (q4_k_m) failing to load while using GPU, RTX 2080 Ti"
    assert parse(text).reports_failure
    assert ask(text, cat).reports[0].quant == "Q4_K_M"


def test_a_low_file_asked_about_without_a_failure_stays_the_answer(cat):
    text = "gemma 4 26b-a4b IQ3_XS on an rtx 3060 12gb, how fast?"
    assert not parse(text).reports_failure
    assert ask(text, cat).reports[0].quant == "IQ3_XS"


def test_memory_a_log_gives_in_bytes_after_its_label_is_read():
    """jan's log: "System RAM: 33243004928 bytes. Total VRAM: 17171480576 bytes"."""
    q = parse(
        "CUDA error: out of memory. Qwen3.6 35B-A3B IQ2_M. System RAM: 33243004928 bytes."
        " Total VRAM: 17171480576 bytes"
    )
    assert q.vram_gb == 16 and round(q.ram_gb) in (31, 32)


M4_MAX_Q4XL = (
    "Qwen3.8 27b dense on an M4 Max 36GB MacBook: I only get 7 t/s with Q4_K_XL. Which quant"
    " should I use and what speed should I expect?"
)


def test_which_quant_asked_beside_the_one_run_is_answered_at_the_recommendation(cat):
    """The quant is the question: the one named is what they run, and the speed they measured
    is read against it, not against the file recommended."""
    q = parse(M4_MAX_Q4XL)
    assert q.asks_quant and q.quant == "UD-Q4_K_XL"
    a = ask(M4_MAX_Q4XL, cat)
    r = a.reports[0]
    assert r.quant == r.recommended_quant
    assert "7 tok/s; this setup should do about" in a.message
    assert "tok/s at UD-Q4_K_XL" in a.message


def test_a_quant_named_without_asking_which_stays_the_answer(cat):
    assert ask("qwen3 14b q5_k_m on a 3090, how fast?", cat).reports[0].quant == "Q5_K_M"
