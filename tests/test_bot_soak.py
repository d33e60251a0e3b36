"""Memory stays flat while the bot answers: a shortened bench/soak.py run (the full one answers
10,000 requests). A card's components used to be kept by discord.py for 15 minutes each, ~19 KB
per answered request."""

from __future__ import annotations

import sys

import pytest

from bench.soak import soak

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/status")


async def test_memory_is_flat_over_a_thousand_answered_requests():
    warm, end = await soak(1000, [200, 1000], log=False)
    per_request_kb = (end.rss_mb - warm.rss_mb) * 1024 / (end.requests - warm.requests)
    assert per_request_kb < 3.0, f"{per_request_kb:.1f} KB per request"
