"""Hardware nobody catalogued, inferred from its family: "12th Gen Intel(R) Core(TM) i5-12450H" is an
Alder Lake-H laptop chip, so it has dual-channel DDR5-4800, AVX2 and 4 P + 4 E cores.

The rules live in catalog/hardware-rules (cpu.yaml, igpu.yaml, words.yaml; schema in catalog.py):
each CPU rule is one family/generation/segment with a regex over the canonical name, the memory the
platform runs at, its SIMD level, FLOP per cycle and sustained all-core clocks, and the core counts of
its models (or the tier's typical count when the model is not in the table). An iGPU rule gives the
integrated GPU's units and clock; its memory is the host CPU's when the text names one.

Everything built here is a Hardware entry with `inferred=True`, a name that says so, and a source that
shows the derivation. The resolver calls this only when no catalogued entry matches the text (a
catalogued entry always wins); nothing here knows a device name of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from .catalog import Catalog, CpuRule, Hardware, HardwareRules, IgpuRule, default_catalog

MAX_TEXT = 200  # longer text is cut: the regexes run in linear time, this bounds the constant
INFERRED_MARK = "(specs inferred)"

_TRADEMARKS = re.compile(r"\((?:r|tm|c)\)|[®™©]", re.I)
# the core count tools print ("64-Core Processor", "(24-core Zen 4", "16C/32T"), never a GPU's
_CORE_COUNT = re.compile(r"\b(\d{1,3})(?:-| )?(?:cores?|c)\b(?![ /-]{0,2}gpu)", re.I)
# what tools add around a chip name: "12th Gen", "CPU @ 2.00GHz", "Processor", "Eight-Core"
_NOISE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th) gen\b|@ ?[\d.]+ ?[gm]hz|\b\d{1,3}-cores?\b|\b[a-z]+-core\b"
    r"|\bprocessor\b",
    re.I,
)
_NON_WORD = re.compile(r"[^a-z0-9.+]+")


@dataclass(frozen=True)
class Canonical:
    text: str  # "intel core i5 12450h"
    cores: int | None  # the core count the tool printed, if it did


def canonical(text: str, glue: re.Pattern[str] | None = None) -> Canonical:
    """The text as the rules read it: lowercase, trademarks, clocks and tool notes removed,
    punctuation as spaces (parentheses too: "(Raphael iGPU)" is a cue, not noise), and a model
    number's suffix typed apart joined to it ("i7 12700 h" -> "i7 12700h")."""
    s = unicodedata.normalize("NFKC", text[:MAX_TEXT]).lower()
    s = _TRADEMARKS.sub(" ", s).replace("w/", " with ")
    m = _CORE_COUNT.search(s)
    cores = int(m.group(1)) if m and 0 < int(m.group(1)) <= 512 else None
    s = _NOISE.sub(" ", s)
    s = " ".join(_NON_WORD.sub(" ", s).split())
    if glue is not None:
        s = glue.sub(r"\1\2", s)
    return Canonical(s, cores)


@dataclass(frozen=True)
class _Rule:
    rule: CpuRule
    rx: re.Pattern[str]


class RuleSet:
    """The rules of one catalog, compiled once."""

    def __init__(self, rules: HardwareRules):
        self.rules = rules
        self.cpu = [_Rule(r, re.compile(r.match)) for r in rules.cpu]
        self.igpu = [(r, re.compile(r.match)) for r in rules.igpu.values() if r.match]
        self.igpu_cue = _words_rx(rules.words.igpu_cues)
        self.cpu_cue = _words_rx(rules.words.cpu_cues)
        alts = "|".join(sorted(map(re.escape, rules.words.model_suffixes), key=len, reverse=True))
        self.glue = re.compile(rf"(?<![a-z0-9.])(\d{{3,5}}) ({alts})(?![a-z0-9])") if alts else None

    def match_cpu(self, text: str) -> tuple[CpuRule, dict[str, str]] | None:
        for r in self.cpu:
            if m := r.rx.search(text):
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                model = groups.get("model", "")
                if "tier" not in groups and (tier := r.rule.tier_by_second_digit.get(model[1:2])):
                    groups["tier"] = tier  # "amd 5800u" is the Ryzen 7 5800U
                return r.rule, groups
        return None

    def match_igpu(self, text: str) -> tuple[IgpuRule, dict[str, str]] | None:
        for rule, rx in self.igpu:
            if m := rx.search(text):
                return rule, {k: v for k, v in m.groupdict().items() if v is not None}
        return None


def _words_rx(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alts = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alts})(?![a-z0-9])")


def rules_for(catalog: Catalog) -> RuleSet:
    """The compiled rules of a catalog's directory, read on first use and kept on the catalog."""
    cached = catalog.__dict__.get("_infer_rules")
    if cached is None:
        from .catalog import catalog_dir

        cached = RuleSet(HardwareRules.load(catalog.root or catalog_dir()))
        catalog.__dict__["_infer_rules"] = cached
    return cached


# --------------------------------------------------------------------------- building entries


def _fill(template: str, groups: dict[str, str], *, pretty: bool) -> str:
    """A rule's name or id template with the matched groups; a group that did not match is
    left out ("AMD Ryzen {tier} {pro} {model}" without PRO)."""
    vals: dict[str, str] = defaultdict(str)
    for k, v in groups.items():
        v = v.replace(" ", "")
        if pretty:
            # model numbers and short marks read upper case ("12450H", "PRO", "HX"), words title
            # case ("Gold")
            v = v.upper() if any(c.isdigit() for c in v) or len(v) <= 3 else v.title()
        vals[k] = v
    try:
        out = " ".join(template.format_map(vals).split())
    except (ValueError, IndexError):
        return ""
    return (
        out if pretty else re.sub(r"[^a-z0-9.]+", "-", out.lower().replace("+", " plus")).strip("-")
    )


@dataclass(frozen=True)
class _Cores:
    p: int
    e: int
    turbo_mhz: int
    mt_s: int | None  # the model's memory speed when it differs from the family's
    how: str  # where the counts come from


def _cores(rule: CpuRule, groups: dict[str, str], printed: int | None) -> _Cores:
    model = groups.get("model", "").replace(" ", "")
    if model in rule.models:
        spec = rule.models[model]
        how = "the family's model table"
    else:
        tier = groups.get("tier", "*")
        spec = rule.typical.get(tier) or rule.typical.get("*") or next(iter(rule.typical.values()))
        how = f"the typical {'tier-' + tier if tier != '*' else 'family'} part (model not in the table)"
    p, e, turbo = spec[0], spec[1], spec[2]
    if printed and printed != p + e:
        # the tool printed the count (AMD writes it into the name): trust it over the table
        e = min(e, printed - 1) if e else 0
        p = printed - e
        how = "the count the name states"
    return _Cores(p, e, turbo, spec[3] if len(spec) > 3 else None, how)


def _cpu_entry(rule: CpuRule, groups: dict[str, str], printed: int | None) -> Hardware:
    c = _cores(rule, groups, printed)
    p, e, turbo, how = c.p, c.e, c.turbo_mhz, c.how
    (fp, fe), (rp, rq) = rule.flop_per_cycle, rule.allcore_of_turbo
    gp, ge = round(turbo / 1000 * rp, 2), round(turbo / 1000 * rq, 2)
    tflops = (p * gp * fp + e * ge * fe) / 1000
    mem = rule.memory if c.mt_s is None else rule.memory.model_copy(update={"mt_s": c.mt_s})
    plain = _fill(rule.name, groups, pretty=True)
    core_text = f"{p} P x {gp} GHz x {fp}" + (f" + {e} E x {ge} GHz x {fe}" if e else "")
    derivation = (
        f"inferred by rule {rule.id} ({rule.family}); cores {p + e}"
        + (f" ({p}P+{e}E)" if e else "")
        + f" from {how}; bandwidth = {mem.label}, {mem.channels} ch x {mem.mt_s} MT/s x 8 B = "
        f"{mem.bandwidth_gbps:g} GB/s"
        + (f" ({mem.note})" if mem.note else "")
        + f"; FP32 vector peak = {core_text} FLOP/cycle = {tflops:.2f} TFLOPS; "
    )
    return Hardware(
        id=_fill(rule.id_format, groups, pretty=False) or rule.id,
        name=f"{plain} {INFERRED_MARK}",
        vendor=rule.vendor,
        kind="cpu",
        form=rule.form,
        memory_gb=rule.memory_gb,
        memory_options_gb=rule.memory_options_gb,
        bandwidth_gbps=mem.bandwidth_gbps,
        fp16_tflops=max(round(tflops, 3), 0.001),
        clock_mhz=turbo or None,
        arch=rule.arch,
        memory_type=mem.label,
        backends=["cpu"],
        cores=p + e,
        p_cores=p if rule.hybrid and e else None,
        p_fp32_tflops=round(p * gp * fp / 1000, 3) if rule.hybrid and e else None,
        channels=mem.channels,
        year=rule.year,
        simd=rule.simd,
        inferred=True,
        aliases=[plain],
        source=derivation + rule.source,
    )


def _igpu_entry(
    rule: IgpuRule, groups: dict[str, str], host: tuple[CpuRule, dict[str, str]] | None
) -> Hardware:
    # "Radeon Vega 11": a unit count in the name wins over the family's typical one
    units = int(groups["units"]) if groups.get("units", "").isdigit() else rule.units
    tflops = units * rule.fp16_flop_per_unit_clock * rule.clock_mhz / 1e6
    int8 = (
        units * rule.int8_ops_per_unit_clock * rule.clock_mhz / 1e6
        if rule.int8_ops_per_unit_clock
        else None
    )
    fp32 = (
        units * rule.fp32_flop_per_unit_clock * rule.clock_mhz / 1e6
        if rule.fp32_flop_per_unit_clock
        else None
    )
    mem, memory_gb, options = rule.memory, rule.memory_gb, rule.memory_options_gb
    host_name = ""
    form = "laptop"
    if host is not None:
        cpu, cgroups = host
        mt_s = _cores(cpu, cgroups, None).mt_s
        mem = cpu.memory if mt_s is None else cpu.memory.model_copy(update={"mt_s": mt_s})
        memory_gb, options = cpu.memory_gb, cpu.memory_options_gb
        host_name = _fill(cpu.name, cgroups, pretty=True)
        form = "desktop" if cpu.form == "desktop" else "laptop"
    plain = _fill(rule.name, groups, pretty=True)
    label = f"{plain} ({host_name})" if host_name else plain
    derivation = (
        f"inferred by rule {rule.id} ({rule.family}); fp16 = {units} units x "
        f"{rule.fp16_flop_per_unit_clock} FLOP/clk x {rule.clock_mhz:g} MHz = {tflops:.2f} TFLOPS; "
        f"memory = {'the host ' + host_name + chr(39) + 's' if host_name else 'the usual platform'}"
        f" {mem.label}, {mem.channels} ch x {mem.mt_s} MT/s x 8 B = {mem.bandwidth_gbps:g} GB/s; "
    )
    ident = _fill(rule.id_format, groups, pretty=False) or rule.id
    if host is not None:
        ident = f"{ident}-{_fill(host[0].id_format, host[1], pretty=False).removesuffix('-cpu')}"
    return Hardware(
        id=ident,
        name=f"{label} {INFERRED_MARK}",
        vendor=rule.vendor,
        kind="igpu",
        form=form,
        memory_gb=memory_gb,
        memory_options_gb=options,
        bandwidth_gbps=mem.bandwidth_gbps,
        fp16_tflops=round(tflops, 3),
        int8_tops=round(int8, 3) if int8 else None,
        fp32_tflops=round(fp32, 3) if fp32 else None,
        clock_mhz=rule.clock_mhz,
        arch=rule.arch,
        memory_type=mem.label,
        backends=rule.backends,
        year=rule.year,
        inferred=True,
        aliases=[plain],
        source=derivation + rule.source,
    )


# --------------------------------------------------------------------------- entry point


def names_igpu(text: str, catalog: Catalog) -> bool:
    """The text names an integrated GPU by a rule's own pattern ("Intel Iris Xe 80EU"): that
    names the device better than a catalogued entry the text only approximates."""
    rules = rules_for(catalog)
    return rules.match_igpu(canonical(text, rules.glue).text) is not None


def _igpu_of(rule: CpuRule, groups: dict[str, str]) -> str | None:
    model = groups.get("model", "").replace(" ", "")
    return rule.model_igpus.get(model, rule.igpu)


def infer_hardware(
    text: str, catalog: Catalog | None = None, *, want: str | None = None
) -> Hardware | None:
    """The entry the family rules derive for `text`, or None when no rule knows it.

    want="cpu" asks for the processor even when the text names its iGPU ("... w/ Radeon 780M" on
    the CPU backend); otherwise a text that names an integrated GPU, or a chip with an iGPU cue
    ("Ryzen 7 7700 iGPU"), gives the iGPU."""
    if not text or not text.strip():
        return None
    rules = rules_for(catalog or default_catalog())
    c = canonical(text, rules.glue)
    cpu = rules.match_cpu(c.text)
    wants_cpu = want == "cpu" or (rules.cpu_cue is not None and rules.cpu_cue.search(c.text))
    if not wants_cpu:
        if igpu := rules.match_igpu(c.text):
            return _igpu_entry(igpu[0], igpu[1], cpu)
        cued = rules.igpu_cue is not None and rules.igpu_cue.search(c.text)
        if cpu is not None and cued and (igpu_id := _igpu_of(cpu[0], cpu[1])):
            return _igpu_entry(rules.rules.igpu[igpu_id], cpu[1], cpu)
    if cpu is not None:
        return _cpu_entry(cpu[0], cpu[1], c.cores)
    return None
