"""A platform's own cure is said on that platform only: a Mac is told of the macOS GPU wired
limit, a Jetson of its power mode (nvpmodel, jetson_clocks), neither of the other's (review10,
kind 6: a Jetson told to "raise the wired limit")."""

from __future__ import annotations

from fitengine.answers import ask


def test_a_slow_jetson_is_told_of_its_power_mode_not_of_macos(cat):
    text = "LLaMA2-7B on my Jetson AGX Orin 64GB only gives 1.53 tok/s, is that expected?"
    msg = ask(text, cat).message
    assert "You see 1.53 tok/s" in msg
    assert "nvpmodel" in msg and "wired" not in msg


def test_a_slow_mac_is_told_of_the_wired_limit_not_of_a_jetson(cat):
    msg = ask("qwen3.6 27b on my M4 Pro 48GB only gives 2 tok/s, is that expected?", cat).message
    assert "wired limit" in msg and "nvpmodel" not in msg


def test_a_slow_strix_halo_is_told_neither(cat):
    text = "qwen3.6 27b on my ryzen ai max+ 395 128gb only gives 2 tok/s, is that expected?"
    msg = ask(text, cat).message
    assert "You see 2 tok/s" in msg
    assert "wired" not in msg and "nvpmodel" not in msg
