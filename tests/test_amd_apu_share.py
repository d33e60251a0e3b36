"""How much of an AMD APU's RAM its GPU may map is an OS setting, and answers say it: Linux's
amdgpu lets the GPU map half the RAM by default (GTT), kernel parameters raise it; on Windows a
Strix Halo's Variable Graphics Memory gives it at most 3/4 (96 GB of 128). "Why is it listed as
96 GB?" and "does Linux give you 110+ GB?" are real questions about Strix Halo boxes
(docs/reviews/review11.md)."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.engine import analyze
from fitengine.memory import amd_share_flags


def _share_line(r) -> str:
    lines = [a for a in r.assumptions if a.startswith("GPU share")]
    assert len(lines) == 1, r.assumptions
    return lines[0]


def test_the_kernel_parameters_are_pages_and_mib():
    assert amd_share_flags(120) == "ttm.pages_limit=31457280 amdgpu.gttsize=122880"


def test_a_run_within_half_the_ram_needs_no_setting_on_linux(cat):
    r = analyze("gpt-oss-120b", "radeon-8060s", vram_gb=128, catalog=cat)
    line = _share_line(r)
    assert "fit the half of RAM (64 GB)" in line and "Variable Graphics Memory" in line, line


def test_a_run_past_windows_three_quarters_needs_linux_raised(cat):
    r = analyze("minimax-m2.7", "radeon-8060s", vram_gb=128, quant="UD-IQ4_XS", catalog=cat)
    line = _share_line(r)
    assert "needs Linux" in line and "ttm.pages_limit=" in line and "(96 GB)" in line, line


def test_between_half_and_three_quarters_either_os_works_once_set(cat):
    r = analyze("qwen3.5-122b-a10b", "radeon-8060s", vram_gb=128, quant="UD-Q4_K_XL", catalog=cat)
    gpu = r.placement.devices[0].total_gb
    assert 64 < gpu <= 96, gpu
    line = _share_line(r)
    assert "raise it with the kernel parameters" in line and "Variable Graphics Memory to" in line


def test_a_laptop_igpu_says_its_share_is_linuxs_default_half(cat):
    r = analyze("qwen3.6-35b-a3b", "radeon-780m", vram_gb=32, catalog=cat)
    assert "half the RAM (16 GB)" in _share_line(r)


def test_other_unified_machines_and_cards_get_no_such_line(cat):
    for hw, gb in (("dgx-spark", 128), ("rtx-3090", None), ("m4-max-40c", 128)):
        r = analyze("gpt-oss-20b", hw, vram_gb=gb, catalog=cat)
        assert not any(a.startswith("GPU share") for a in r.assumptions), (hw, r.assumptions)


def test_a_strix_halo_list_says_what_its_biggest_picks_need(cat):
    a = ask(
        "From what I've read, Strix Halo 128GB with Linux installed gives you 110+ GB VRAM?", cat
    )
    assert a.reports and "Windows' Variable Graphics Memory stops at 96 GB" in a.message, a.message


def test_a_list_whose_picks_fit_the_default_half_adds_nothing(cat):
    a = ask("best models for a strix halo with 64gb", cat)
    biggest = max(r.placement.devices[0].total_gb for r in a.reports[:5])
    assert ("GPU's share raised" in a.message) == (biggest > 32), a.message
