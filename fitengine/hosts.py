"""The host of a GPU box as a question describes it: its processor's entry with the memory said.

What the GPUs leave in system RAM is read at the host's memory bandwidth (speed.host_ram_gbps), so
"a 3090 with DDR4-3600" or "quad channel" changes an offload answer. A catalogued or inferred CPU
(or generic system) knows its platform's memory; a speed or channel count said in the question
replaces the platform's, and the bandwidth follows from them: channels x MT/s x 8 bytes (a 64-bit
channel moves 8 bytes a transfer), the rule catalog/hardware/cpu-systems.yaml derives its entries
by. The result is an inferred entry, remembered by the catalog under its own id, so every stage
that looks the host up by id finds the same one.
"""

from __future__ import annotations

import re

from .catalog import Catalog, Hardware, MemorySpec
from .setups import setup_rules

_SPEED = re.compile(r"(?i)(?P<gen>(?:lp)?ddr\dx?)-?(?P<mts>\d{3,5})?")


def _memory_parts(hw: Hardware) -> tuple[str, int | None]:
    """("DDR4", 3200) from "DDR4-3200"; ("DDR5", None) when the entry gives no speed."""
    m = _SPEED.search((hw.memory_type or "").replace(" ", ""))
    if not m:
        return "", None
    return m.group("gen").upper(), int(m.group("mts")) if m.group("mts") else None


def _usual_speed(catalog: Catalog, generation: str) -> int | None:
    """The speed of a generation's generic desktop system in the catalog (cpu-systems.yaml:
    "Desktop CPU, dual-channel DDR4-3200"): what a machine of that generation has when no speed
    is said."""
    return next(
        (
            mts
            for h in catalog.hardware.values()
            if h.kind == "cpu" and h.vendor == "other" and h.form == "desktop" and h.channels == 2
            for g, mts in [_memory_parts(h)]
            if g == generation and mts
        ),
        None,
    )


def with_memory(
    hw: Hardware,
    catalog: Catalog,
    mt_s: int | None = None,
    channels: int | None = None,
    generation: str | None = None,
) -> Hardware:
    """The host with the memory speed, channel count and DDR generation said (any may be None:
    the entry's own). The entry itself when nothing said differs from it or it lacks what the
    rule needs. A generation the entry's platform does not list first ("an i7-12700K with ddr4":
    Alder Lake takes either) runs at that generation's usual speed unless a speed is said."""
    own_gen, own_mts = _memory_parts(hw)
    own_ch = hw.channels
    gen = generation.upper() if generation and own_gen else own_gen
    usual = own_mts if gen == own_gen else _usual_speed(catalog, gen)
    speed = mt_s or usual
    lanes = channels or own_ch
    if not speed or not lanes or (speed, lanes, gen) == (own_mts, own_ch, own_gen):
        return hw
    # the catalog's own rule (MemorySpec: channels x MT/s x 8 bytes)
    spec = MemorySpec(type=gen or "DDR", mt_s=speed, channels=lanes)
    gbps = spec.bandwidth_gbps
    memory = spec.label if gen else f"{speed} MT/s"
    said = f"{lanes}-channel {memory}"
    # another generation at the same speed is another entry ("DDR4-3200" beside "DDR5-3200")
    hid = f"{hw.id}-{lanes}ch-{speed}" + (f"-{gen.lower()}" if gen != own_gen else "")
    known = catalog.hardware.get(hid)
    if known is not None:
        return known
    derived = hw.model_copy(
        update={
            "id": hid,
            # a generic system is named by its memory ("Desktop CPU, 2-channel DDR5-6000"), a
            # processor keeps its name
            "name": (
                f"{hw.name.split(',')[0]}, {said}"
                if hw.vendor == "other"
                else f"{hw.name.removesuffix(' (specs inferred)')} with {said}"
            ),
            "bandwidth_gbps": gbps,
            "memory_type": memory,
            "channels": lanes,
            "inferred": True,
            "aliases": [],
            "source": (
                f"{hw.source}; memory as the question said: {said}, bandwidth = {lanes} ch x "
                f"{speed} MT/s x 8 B = {gbps:g} GB/s"
            ),
        }
    )
    catalog.hardware.remember(derived)
    return derived


def assumed_host(hw: Hardware, catalog: Catalog) -> Hardware | None:
    """The host a GPU box is assumed to have when nobody said (catalog/setups.yaml
    assumed_hosts): a DDR4 desktop for a card of the DDR4 years, a DDR5 one after. None for a
    device that is its own host (a CPU, a Mac, an iGPU) or a catalog without the rule."""
    if hw.kind != "gpu":
        return None
    for rule in setup_rules(catalog).assumed_hosts:
        # a card of no known year (a generic "24 GB GPU") is taken as a current one
        if rule.until_year is None or (hw.year is not None and hw.year <= rule.until_year):
            return catalog.hardware.get(rule.host)
    return None


def server_host(hw: Hardware, ram_gb: float | None, catalog: Catalog) -> Hardware | None:
    """The host a GPU box with more RAM than a desktop board holds is assumed to have (catalog/
    setups.yaml server_host: a many-channel server), when nobody named one; None otherwise."""
    rules = setup_rules(catalog)
    if hw.kind != "gpu" or ram_gb is None or rules.server_host is None:
        return None
    if ram_gb <= rules.desktop_ram_gb[-1]:
        return None
    return catalog.hardware.get(rules.server_host)


def over_desktop(desk: Hardware, ram_gb: float | None) -> bool:
    """More RAM than a desktop board of that memory takes (the generic desktop system's largest
    size, catalog memory_options_gb): 256 GB of DDR4, 1 TB of anything is a server's."""
    return ram_gb is not None and ram_gb > max(desk.memory_options_gb or [desk.memory_gb])


def cpu_server_for_ram(desk: Hardware, ram_gb: float | None, catalog: Catalog) -> Hardware | None:
    """The server a CPU-only machine with more RAM than the desktop `desk` holds is assumed to
    be (the GPU box's rule, setups.yaml server_host); None when a desktop holds that RAM."""
    if not over_desktop(desk, ram_gb) or (server := setup_rules(catalog).server_host) is None:
        return None
    return catalog.hardware.get(server)


__all__ = ["assumed_host", "cpu_server_for_ram", "over_desktop", "server_host", "with_memory"]
