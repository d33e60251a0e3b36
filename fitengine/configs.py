"""Configurations to run a model on a setup, and the one to recommend.

A configuration is a weight quant, a KV cache type and the placement llama.cpp ends up with
(everything on the GPU, routed experts in RAM with --n-cpu-moe, or layers in RAM with -ngl). Each
has a quality (the quant's, less what the KV cache type costs, both on the 0-100 scale of
catalog/quants.yaml) and a decode speed. The recommendation is the best quality among those that
reach the workload's minimum decode speed (in any placement: expert offload included), where
speed short of what the workload wants costs quality points (QUALITY_PER_HALVING): so a 2-bit
quant wins only when nothing at 3-4 bits comes near a usable speed, and a 27B at Q6_K on a Mac
beats IQ4_XS that is faster than anyone reads. When nothing reaches the minimum, the best
by the same worth measured from that minimum. KV cache types are levers in the order an expert pulls them: f16, then
q8_0 (close to lossless), and q4_0 only when those leave nothing good at the speed the workload
wants and q4_0 makes the window fit (last_resort_kept). With weights in system RAM quality is
capped lower (spilled_cap): there a good 4-bit file, not Q6_K or Q8_0, is the pick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .catalog import Catalog, Model, QuantType, Workload, bit_level
from .fit import status
from .memory import Placement, kv_prefix_at, place
from .quant_loss import quant_quality_on
from .request import Request

# Quality tiers the recommendation walks down (the catalog's 0-100 quality, from KL divergence):
# "good" keeps answers close to the original (Q4_K_M and up); "usable" is Q3-class.
GOOD_QUALITY = 85.0
USABLE_QUALITY = 70.0
# People read about 238 words a minute (Brysbaert 2019, https://doi.org/10.1016/j.jml.2019.104047,
# the chat workload's anchor), about 5.3 tokens a second at 0.75 words a token: a model decoding
# slower than that cannot be read as it streams.
READING_TOK_S = 5.3
# Design choices: the interactive lens wants 1.5x the workload's "feels fast" decode; "nearly the
# fastest" is within 10% (about one quant step of bandwidth); two configurations whose quality
# differs by less than NEAR_EQUAL_QUALITY (under half the step from Q4_K_S to Q4_K_M) are equally
# good, and then the one that keeps the memory margin wins.
INTERACTIVE_SPEEDUP = 1.5
NEAR_FASTEST = 0.9
NEAR_EQUAL_QUALITY = 0.5
# "the same speed": within 1%, far inside any estimate's band (two files whose decode is bound by
# the CPU's arithmetic, not their bytes, read the same to the tenth of a tok/s). Design choice.
SAME_SPEED = 0.99
# Speed below what the workload wants costs quality points: each halving of decode as much as
# about one quant step (Q4_K_M -> Q3_K_M is 17 points, Q5_K_M -> Q4_K_M 6). Design choice: people
# drop a quant step rather than wait twice as long, not three steps.
QUALITY_PER_HALVING = 15.0
# All on the GPU, the first halving below the speed the workload wants (down to its minimum) is
# still a good pace (chat's 15 tok/s is three times reading speed) and costs only this: quality
# decides there, and speed only separates files about a point apart (a Q8_0 at ~23 tok/s over a
# Q5_K_M at ~30 for chat: Gemma 3 27B on a 48 GB A6000; Qwen3 14B over two 16 GB 4060 Ti at
# ~18). Design choice: a regular runs the biggest file that fits on the cards at a good pace;
# below that pace, or with weights in system RAM, QUALITY_PER_HALVING holds (a 27B at Q8_0 at
# ~10 tok/s on a 32 GB Arc loses to Q4 at ~17), and so on a Mac or an APU, whose memory the OS and
# its apps share (a 4B on a 16 GB MacBook Air: Q5_K_M, not Q8_0; ON_CARDS).
QUALITY_PER_USABLE_HALVING = 1.0
# A fit with less than the fit margin free has no room for its context to grow (and llama.cpp's
# --fit would not leave it so): design choice, it wins over one that runs well only when it is
# better by a whole quant step (Q5_K_M -> Q4_K_M's 6 points), so a quant that leaves room is the
# pick unless the tight one is clearly better (Qwen3.6-27B on 16 GB: IQ4_XS with room for 32K+,
# not Q4_K_M at 8K with nothing spare; Qwen3.6-35B-A3B on 24 GB: Q4_K_M, not Q5_K_S at 25.1 of
# 25.3 GB, which half a step let through).
TIGHT_COST = 6.0
# Beyond Q8_0 quality buys nothing anyone can see: a bigger file is no better.
QUALITY_CAP = 99.0
# With weights read from system RAM (CPU only, routed experts with --n-cpu-moe, layers with -ngl)
# every byte of the file is read from the slowest memory for each token and takes RAM the OS and
# the user's programs share: design choice, a bigger file there is worth no more than the smallest
# file of this model at least as good as the floor of the "Very high" label (catalog/
# quant_loss.yaml labels; tests/test_recommend.py holds the two equal)
# (spilled_cap): Q5_K_M, Q6_K or Q8_0 buy nothing anyone sees over a good 4-bit file, while a
# 3-bit one still counts as less (Qwen3.6-35B-A3B on a laptop 3070 with 32 GB: UD-Q4_K_XL, not
# Q6_K with 20 GB of experts in RAM; on an i7-10700K alone, not Q8_0).
SPILLED_QUALITY_CAP = 93.0
SPILLED = frozenset({"cpu", "partial_offload", "moe_offload"})
# the bits per weight from which a type is a 5-bit one or bigger (Q5_0 and Q5_K_S 5.57, Q5_K_M
# 5.70; the 4-bit k-quant mixes and unsloth's UD-Q4_K_XL stay under 5.0): catalog/quants.yaml
FIVE_BIT_BPW = 5.5
GPU_BOX_SPILLS = frozenset({"partial_offload", "moe_offload"})
# all on a dedicated card's own memory (not a Mac's or an APU's, which the OS and apps share)
ON_CARDS = frozenset({"gpu", "multi_gpu"})
# The KV cache levers, in the order they are tried.
KV_FIRST = ("f16", "q8_0")
KV_LAST = ("q4_0",)
# Design choice: a KV cache whose quantizing saves at least this much is a long window's, worth
# its lever where weights sit in system RAM (the bar of the hardware list's "with a q8_0 KV
# cache" figure, answers._best_hw_message: 1 GB); under it the cache is noise.
LONG_CACHE_SAVING = 1024**3


# Not frozen, for the cost of building one per quant weighed (see speed.Workpoint); never changed
# after it is made (dataclasses.replace makes a new one).
@dataclass(slots=True, unsafe_hash=True)
class Config:
    quant: QuantType
    kv_type: str
    placement: Placement
    fit: str  # runs_well | tight | offload | wont_fit
    decode: float | None  # tok/s at depth 0; None when it does not fit
    quality: float  # 0-100: the weights' quality less the KV cache's cost
    available: bool  # a catalogued GGUF repo has the file
    native: bool = False  # the format the model was released in (gpt-oss's MXFP4)
    # another name for a file that keeps the native format's bulk (gpt-oss's "Q5_K_M")
    renamed: bool = False


def quant_quality(m: Model, q: QuantType, cat: Catalog) -> float:
    """A quant's quality for this model (fitengine/quant_loss.py, catalog/quant_loss.yaml): the
    format the model was released in is the model as trained (gpt-oss in MXFP4), so it loses
    nothing, nor does a type that keeps the released values of what the release quantized (every
    gpt-oss file keeps its MXFP4 experts; a Q8_0 keeps Kimi K2.5's INT4 ones); the other weights
    lose what the type loses, as a share of the weights a token reads, and a model bigger than
    the 8B the types were measured on loses less (a 1T MoE at unsloth's 2-bit mix, which keeps
    attention and shared weights at 4-6 bits, is a Good quant, not the Low of an 8B at Q2_K)."""
    # kept in the catalog itself, dropped with it: a quant table asks it of every row, and the
    # model's share of expert weights and its loss curve do not change between questions (a
    # quarter of an answer's time); a weak dictionary's look-up made a weak reference each time.
    # A copy of the catalog (answers._with_models: more models) shares its __dict__'s objects,
    # so the memo names the catalog it is for by id
    kept = cat.__dict__.get("_quant_quality")
    if kept is None or kept[0] != id(cat):
        kept = cat.__dict__["_quant_quality"] = (id(cat), {})
    memo = kept[1]
    key = (m.id, q.id)
    value = memo.get(key)
    if value is None:
        value = memo[key] = quant_quality_on(m, q, cat)
    return value


def kv_cost(cat: Catalog, kv_type: str, model: Model | None = None) -> float:
    """Quality points this KV cache type costs (of this model, where its line was measured)."""
    kt = cat.kv_types.get(kv_type)
    if kt is None:
        return 0.0
    return 100.0 - (kt.quality_for(model.id) if model is not None else kt.quality)


def evaluate(
    req: Request, quants: list[QuantType], kv_type: str, have: frozenset[str], decode_of
) -> list[Config]:
    """Each quant at the request's context with this KV cache type, placed as llama.cpp would."""
    m, s = req.model, req.setup
    dev, count, ctx, flash, n_seq = s.device, s.count, req.total_context, req.flash, req.n_seq
    kv_at_ctx = kv_prefix_at(m, ctx, kv_type, n_seq)
    cost = kv_cost(req.catalog, kv_type, m)
    out = []
    for qt in quants:
        p = place(m, qt, dev, count, ctx, kv_type, flash, n_seq, kv_at_ctx)
        st = status(p, dev)
        dec = decode_of(p, qt) if st != "wont_fit" else None
        out.append(
            Config(
                qt,
                kv_type,
                p,
                st,
                dec,
                quant_quality(m, qt, req.catalog) - cost,
                qt.id in have,
                qt.id == m.native_quant,
                m.native_bulk and m.native_quant is not None and qt.id != m.native_quant,
            )
        )
    return out


def choose(
    configs: list[Config],
    wl: Workload,
    mode: str,
    shared_memory: bool = False,
    server_bpw: float | None = None,
) -> Config | None:
    """The configuration to run (see the module docstring); None when nothing runs.
    `shared_memory`: the GPU maps all the memory but the OS's share (Strix Halo, DGX Spark), so
    what spills "to system RAM" comes out of the OS's share: only when nothing else is usable.
    `server_bpw`: datacenter cards, served with vLLM or SGLang in the formats the model ships
    (BF16, FP8, INT8: catalog/setups.yaml server_weights_min_bpw): where weights of at least
    that many bits run well on the cards at the workload's minimum speed, those are the
    candidates (server_formats), not a smaller GGUF mix that is as good on the quality scale."""
    runs = [c for c in configs if c.available and c.fit != "wont_fit" and c.decode]
    if not runs:
        # the catalogued repos list no file that runs here: a quant nobody catalogued is still
        # better than nothing (the card says to look for one or quantize it)
        runs = [c for c in configs if c.fit != "wont_fit" and c.decode]
    # a renamed file (the native format's bulk under another name) saves only the bytes of what
    # the format leaves out of its bulk, a few percent: below a good quant it is no way to make the
    # model fit (unsloth's gpt-oss-120b "Q2_K" on a 64 GB Mac: 0.7 GB under the MXFP4 file for
    # 30 points of quality), so the model is then said not to fit, with what does
    runs = [c for c in runs if not c.renamed or c.quality >= GOOD_QUALITY]
    if not runs:
        return None
    runs = worth_running(runs, wl)
    speedup = INTERACTIVE_SPEEDUP if mode == "interactive" else 1.0
    want, floor = wl.good_decode_tok_s * speedup, wl.min_decode_tok_s
    # within a tenth of the workload's minimum is at it: a tenth is one quant step of bandwidth
    # and inside the estimate's band, so a Very-high 4-bit file at 9.7 tok/s is not dropped for a
    # 3-bit one at 10.8 by the cut alone (DeepSeek V3 on a CPU server with 768 GB, MiniMax M2
    # with its experts in 128 GB of RAM); worth() still prices the distance from what it wants
    reach = floor * NEAR_FASTEST
    if shared_memory:
        inside = [c for c in runs if c.fit != "offload"]
        if any(c.decode >= reach for c in inside):
            runs = inside
    pool = [c for c in runs if c.decode >= reach]
    if server_bpw is not None:
        pool = server_formats(pool, server_bpw)
    if any(c.decode >= floor and c.quality >= GOOD_QUALITY and four_bits(c) for c in pool):
        # the tenth keeps people's 4 bits from being dropped for a 3-bit file that just reaches
        # the minimum; where a good file of 4 bits or more reaches it outright, one under it is
        # not at it (Llama 3.1 8B on a 16 GB M1: Q4_K_M at ~10.4 tok/s, not Q5_K_M at ~9)
        pool = [c for c in pool if c.decode >= floor]
    if pool and USABLE_QUALITY <= max(c.quality for c in pool) < GOOD_QUALITY:
        # only a below-good quant reaches the minimum (a 2-3-bit mix of a big MoE): a good one
        # that can still be read as it streams is weighed beside it, each priced by its distance
        # from the speed wanted (DeepSeek R1 on two 4090s with 512 GB of 8-channel DDR5: Q4_K_M
        # at ~8 tok/s, not UD-Q2_K_XL at ~9)
        pool += [
            c
            for c in runs
            if c.decode < reach and c.quality >= GOOD_QUALITY and reads_as_it_streams(c.decode)
        ]
    if not pool or max(c.quality for c in pool) < USABLE_QUALITY:
        # nothing reaches the workload's minimum speed, or only a squeeze below Q3 does (a 70B
        # at IQ2_M on a 128 GB Mac for 11 tok/s where Q5_K_M gives 7): every configuration pays
        # for its distance from that minimum, so a 2-bit squeeze wins only when it is much faster;
        # and one that cannot be read as it streams loses to a usable quant that can (Gemma 3 4B
        # on a Raspberry Pi 5: Q4_0, not Q8_0 below reading speed)
        readable = [c for c in runs if reads_as_it_streams(c.decode)]
        good = [c for c in readable if c.quality >= GOOD_QUALITY]
        pool = good or [c for c in readable if c.quality >= USABLE_QUALITY]
        if not pool:
            # none reads as it streams: the gap to reading speed is what people feel, so a good
            # quant within a tenth of the fastest good one (Mistral Small 22B on dual-channel
            # DDR5: Q4_K_M at ~4.7 tok/s, not Q5_K_M at ~4.2)
            good = [c for c in runs if c.quality >= GOOD_QUALITY and c.decode]
            top = max((c.decode for c in good), default=0.0)
            pool = [c for c in good if c.decode >= top * NEAR_FASTEST] or runs
        want = floor
    if any(c.fit == "runs_well" and c.quality >= GOOD_QUALITY for c in pool):
        # a good quant that runs well on the GPU is what people run: a better quant with part
        # of the model in system RAM buys a little quality for a large share of the speed
        # (Qwen3.6-35B-A3B on a 3090: Q4_K_M at ~135 tok/s, not Q8_0 at ~64 with experts in RAM;
        # below the minimum too: a 70B on a 64 GB M2 Max, Q4_K_M at ~6.6 tok/s, not Q6_K at ~4.8)
        pool = [c for c in pool if c.fit != "offload"]
    cap = spilled_cap(runs)
    value = {id(c): worth(c, want, cap, floor) for c in pool}
    roomy = [value[id(c)] for c in pool if c.fit == "runs_well"]
    if roomy:
        # a fit with no room to spare only where it is clearly better than one with room; the
        # format the model was released in stays (gpt-oss's renamed files are the same MXFP4 bulk
        # and size: dropping to one buys no room)
        bar = max(roomy) + TIGHT_COST
        pool = [c for c in pool if c.fit != "tight" or c.native or value[id(c)] >= bar]
    on_gpu = [
        value[id(c)]
        for c in pool
        if c.fit in ("runs_well", "tight") and c.quality >= GOOD_QUALITY and c.decode
    ]
    if on_gpu:
        # likewise weights in system RAM only where they are clearly better than a good quant all
        # on the GPU (Qwen3 14B at 32K on a 10 GB 3080: Q4_K_S with a q4_0 cache on the card at
        # ~64 tok/s, not UD-Q4_K_XL with layers in RAM at ~34 for 1.8 points)
        bar = max(on_gpu) + TIGHT_COST
        pool = [c for c in pool if c.fit != "offload" or value[id(c)] >= bar]
    pool = experts_keep_a_good_quant(pool, value, cap)
    best = max(value[id(c)] for c in pool)
    equal = undominated([c for c in pool if value[id(c)] >= best - NEAR_EQUAL_QUALITY])
    # with weights in system RAM, equally good configurations differ most in speed: the one with
    # more on the GPU (a q8_0 cache that keeps attention on the card while the experts sit in RAM,
    # not an f16 one that pushes whole layers out) is the pick unless a faster one is within a
    # tenth of it (Qwen3-Coder-30B-A3B at 256K on a 24 GB card: --n-cpu-moe with a q8_0 cache at
    # ~55 tok/s, not -ngl 27 with an f16 cache at ~39 for 0.1 points of cache quality)
    spilled = [c.decode or 0.0 for c in equal if c.placement.kind in SPILLED]
    if spilled:
        slow = NEAR_FASTEST * max(spilled)
        equal = [c for c in equal if c.placement.kind not in SPILLED or (c.decode or 0) >= slow]
        equal = fastest_cache_of_each_quant(equal)
    # among equally good ones: the one with memory to spare, an f16 cache when all is on the GPU,
    # then the better, the format the model was released in (the file people mean; renamed ones
    # only look smaller), the smaller file (the same quality in fewer bits), the faster
    pick = min(
        equal,
        key=lambda c: (
            c.fit != "runs_well",
            c.fit == "offload",
            # all on the GPU, a quantized cache only where it buys something: more than a
            # near-equal worth (a q8_0 cache that reads 0.2 tok/s faster on 55 GB of cards buys
            # nothing). With weights in RAM its bytes decide how much stays on the GPU: the
            # worth decides, as it prices that speed.
            c.fit == "runs_well" and c.kv_type != "f16",
            -value[id(c)],
            c.kv_type != "f16",
            not c.native,
            c.placement.weights_total,
            -(c.decode or 0),
        ),
    )
    pick = better_at_nearly_its_speed(runs, pick, wl.good_decode_tok_s)
    if pick.renamed:
        # a renamed file is the native one with its few shared tensors requantized: a little
        # smaller, so with layers in RAM a little faster, but the file people mean and run is
        # the native one (gpt-oss-20b is MXFP4, not "Q5_K_M"); renamed only where it fits better
        native = [c for c in pool if c.native and c.fit == pick.fit]
        if native:
            return max(native, key=lambda c: value[id(c)])
    return pick


def undominated(equal: list[Config]) -> list[Config]:
    """Of configurations worth the same, those no other one beats on both counts: a file that is
    better (by more than NEAR_EQUAL_QUALITY) at the same speed (SAME_SPEED) and a fit no worse is
    the one to run, whatever its size (issue 8: never one another configuration beats on both).
    Where the worth is capped (weights in system RAM: spilled_cap) a smaller file usually buys
    speed; where decode is bound by the CPU's arithmetic or a slow link, not by the file's bytes,
    it buys nothing (Qwen3.6-35B-A3B on a 12-core Xeon Silver with 64 GB: Q6_K at the ~24 tok/s
    of UD-Q4_K_XL; Kimi K2 on 13 3090s with 512 GB: UD-Q4_K_XL at Q4_K_M's ~11)."""
    rank = {"runs_well": 0, "tight": 1, "offload": 2}

    def beats(o: Config, c: Config) -> bool:
        return (
            rank.get(o.fit, 3) <= rank.get(c.fit, 3)
            and (o.decode or 0.0) >= SAME_SPEED * (c.decode or 0.0)
            and o.quality > c.quality + NEAR_EQUAL_QUALITY
        )

    kept = [c for c in equal if not any(beats(o, c) for o in equal if o is not c)]
    return kept or equal


def server_formats(pool: list[Config], min_bpw: float) -> list[Config]:
    """Of the configurations that reach the workload's minimum speed, those whose weights have at
    least `min_bpw` bits and run well all on the cards, when there are any: on datacenter cards
    the model is served in an 8-bit or 16-bit format (DeepSeek V3 on 16 H100s: FP8 or Q8_0, not
    Q6_K; Llama 3 70B on two A100 80GB: 8-bit over both, not Q5_K_M on one), and the smallest of
    them (Q8_0 before F16, choose's last tie-break) is the pick. Elsewhere the pool as it is."""
    served = [
        c
        for c in pool
        if c.quant.bpw >= min_bpw and c.fit == "runs_well" and c.placement.kind not in SPILLED
    ]
    return served or pool


def better_at_nearly_its_speed(runs: list[Config], pick: Config, good: float) -> Config:
    """A clearly better file (by more than NEAR_EQUAL_QUALITY) that also runs well all on the GPU
    and decodes within a tenth of the pick's speed (one quant step of bandwidth, inside the
    estimate's band: nobody feels it) is the one to run: where speed does not scale with the
    file's bytes (a big MoE over many cards), a smaller file buys a few percent for real quality
    (DeepSeek V3 on 14 H100s: Q8_0, the 8-bit its FP8 release maps to, at ~34 tok/s, not Q6_K at
    ~37; Qwen3-235B-A22B on four 96 GB H20s: Q8_0 at ~50, not Q6_K at ~54). Where several are,
    the smallest at the quality cap (Q8_0, not BF16), else the best; a dense model on one card
    reads each byte, so there its bigger file is a fifth slower and the worth decides. Only at the
    workload's good speed (`good`, not the interactive lens's more) or faster: below it a tenth is
    felt, and the worth's trade holds (Qwen3.5 9B on a 16 GB M1: IQ4_XS at ~10 tok/s, not
    UD-Q4_K_XL at ~9)."""
    if pick.fit != "runs_well" or pick.placement.kind in SPILLED or pick.native or not pick.decode:
        # weights in system RAM (a CPU alone included) are capped by spilled_cap: not here
        return pick
    near = [
        c
        for c in runs
        if c.fit == "runs_well"
        and c.placement.kind not in SPILLED
        and c.kv_type == pick.kv_type
        and c.available >= pick.available
        and c.quality > pick.quality + NEAR_EQUAL_QUALITY
        and (c.decode or 0.0) >= max(pick.decode * NEAR_FASTEST, good)
    ]
    if not near:
        return pick
    capped = [c for c in near if c.quality >= QUALITY_CAP]
    if capped:
        return min(capped, key=lambda c: (c.placement.weights_total, -c.quality))
    return max(near, key=lambda c: (c.quality, c.decode or 0.0))


def fastest_cache_of_each_quant(equal: list[Config]) -> list[Config]:
    """Of one quant's equally good configurations with weights in system RAM, the q8_0 cache
    where its saved bytes keep more of the weights on the GPU and so run faster than the f16 one:
    a near-lossless q8_0 cache is what people run at a long window before they drop a weight
    quant (Qwen3.8-Flash-Next at 256K on a 16 GB 5070 Ti: a q8_0 cache, 3.7 GB instead of 6.9,
    and the experts of 38 layers in RAM, not 41). Only a long window's cache counts: one whose
    quantizing saves under LONG_CACHE_SAVING moves an expert or two for a percent of speed, and
    there the f16 cache stays (Qwen3.6-35B-A3B at 8K on an 8 GB card). The last lever (a q4_0
    cache) is not weighed here: it stays a last resort, priced by its worth."""
    plain = {c.quant.id: c for c in equal if c.placement.kind in SPILLED and c.kv_type == "f16"}
    promoted: dict[str, Config] = {}
    for c in equal:
        base = plain.get(c.quant.id)
        if (
            base is None
            or c.kv_type not in KV_FIRST
            or c is base
            or c.placement.kind not in SPILLED
        ):
            continue
        saved = base.placement.kv_total - c.placement.kv_total
        held = promoted.get(c.quant.id, base)
        if saved >= LONG_CACHE_SAVING and (c.decode or 0.0) > (held.decode or 0.0):
            promoted[c.quant.id] = c
    # only ever a promotion: where the f16 cache stays the fastest, the worth decides as before
    return [
        c
        for c in equal
        if c.quant.id not in promoted
        or c is promoted[c.quant.id]
        or c.kv_type not in KV_FIRST
        or c.placement.kind not in SPILLED
    ]


def four_bits(c: Config) -> bool:
    """A file of 4 bits or more by its name's level (Q4_K_M, UD-IQ4_XS, MXFP4, Q8_0, BF16)."""
    level = bit_level(c.quant.id)
    return level is None or int(level) >= 4


def experts_keep_a_good_quant(
    pool: list[Config], value: dict[int, float], cap: float
) -> list[Config]:
    """With routed experts in system RAM, a file below the spilled cap (a 3-bit mix, or a 4-bit
    one below the Very-high label, where a Very-high 4-bit one runs) only where it is clearly
    better, by a whole quant step (TIGHT_COST), than one at the cap that can be read as it
    streams. There each file's experts are read from RAM at their size, so the smaller one is
    always faster, and speed short of what the workload wants would otherwise decide between two
    usable files; people running experts from RAM keep them at a good 4 bits and drop a step only
    when that is much faster (GLM-4.7 on a 5090 with 256 GB of DDR5: UD-Q4_K_XL at ~5 tok/s, not
    UD-Q3_K_XL at ~7; Qwen3.5-122B-A10B on two 3090s with 128 GB: UD-Q4_K_XL at ~25 tok/s, not
    UD-IQ4_XS at ~42, both past chat's 10). The worth already prices the speed: below the speed
    the workload wants a halving costs QUALITY_PER_HALVING, so a 2-bit squeeze that doubles a
    crawl still wins."""
    # a q8_0 cache's fraction of a point does not make the file below the cap
    good = cap - NEAR_EQUAL_QUALITY
    at_cap = [
        value[id(c)]
        for c in pool
        if c.placement.kind == "moe_offload" and c.quality >= good and reads_as_it_streams(c.decode)
    ]
    if not at_cap:
        return pool
    bar = max(at_cap) + TIGHT_COST
    return [
        c
        for c in pool
        if c.placement.kind != "moe_offload" or c.quality >= good or value[id(c)] >= bar
    ]


def worth_running(runs: list[Config], wl: Workload) -> list[Config]:
    """The configurations at a quant worth running for the workload (its min_quant_quality),
    when one of them can be read as it streams: a 2-bit squeeze that is fast is not the answer
    for agentic coding where a 4-bit file runs (Qwen3.8-Flash-Next on a 48 GB card: a 4-bit
    model that fits, not UD-Q2_K_XL); where none can, all of them (the answer then says the
    quants worth running do not fit)."""
    kept = [c for c in runs if c.quality >= wl.min_quant_quality]
    return kept if any(reads_as_it_streams(c.decode) for c in kept) else runs


def below_worth_running(quality: float, wl: Workload | None) -> bool:
    """A quant that keeps less than the workload's least worth running (min_quant_quality)."""
    return wl is not None and quality < wl.min_quant_quality


def reads_as_it_streams(decode: float | None) -> bool:
    """Decodes at about reading speed or faster: within NEAR_FASTEST of READING_TOK_S (a tenth
    is one quant step of bandwidth, and no reader tells 5.0 from 5.3 tok/s, so a Q4_K_M there is
    not dropped for a faster Q4_0)."""
    return (decode or 0.0) >= READING_TOK_S * NEAR_FASTEST


def spilled_cap(runs: list[Config]) -> float:
    """The most quality counts for with weights in system RAM: that of the smallest file that
    runs here and is at least SPILLED_QUALITY_CAP good (unsloth's UD-Q4_K_XL of Qwen3.6-35B-A3B,
    95.9), so bigger files tie with it and a smaller, worse one keeps its whole gap."""
    good = [c for c in runs if c.quality >= SPILLED_QUALITY_CAP]
    if not good:
        return SPILLED_QUALITY_CAP
    least = min(good, key=lambda c: (c.placement.weights_total, -c.quality))
    if least.quant.bpw >= FIVE_BIT_BPW and least.placement.kind in GPU_BOX_SPILLS:
        # no 4-bit file of this model is Very high (a dense 8-32B's Q4_K_M is High): with part of
        # a 5-bit file in RAM beside a GPU it buys nothing over a good 4-bit one that keeps more
        # on the card, so it counts for the label's floor and the 4-bit file keeps only its small
        # gap (DeepSeek-R1-Distill-Qwen-14B on an 8 GB 3070 at 32K: Q4_K_S with layers in RAM,
        # not Q5_K_M a third slower). A CPU alone keeps its cap: there a small model's 8-bit
        # file reads nearly as fast as its 4-bit one and people keep it (Qwen3.5 2B on a Xeon)
        return SPILLED_QUALITY_CAP
    return least.quality


def worth(
    c: Config, want: float, spilled: float = SPILLED_QUALITY_CAP, floor: float | None = None
) -> float:
    """What a configuration is worth: its quality (capped: beyond Q8_0 nobody sees a difference,
    and with weights in system RAM beyond `spilled`, see spilled_cap), less QUALITY_PER_HALVING
    for each halving of decode below the speed the workload wants; with `floor` (the workload's
    minimum), a configuration all on dedicated cards (ON_CARDS) pays only
    QUALITY_PER_USABLE_HALVING for the first halving (not below that minimum), and the full
    price below it."""
    cap = min(spilled, QUALITY_CAP) if c.placement.kind in SPILLED else QUALITY_CAP
    if not c.decode:
        return min(c.quality, cap) - QUALITY_PER_HALVING * 10.0
    pace = max(floor, want / 2) if floor is not None else want
    if pace >= want or c.placement.kind not in ON_CARDS:
        slow = max(0.0, math.log2(want / c.decode))
        return min(c.quality, cap) - QUALITY_PER_HALVING * slow
    usable = max(0.0, math.log2(want / max(c.decode, pace)))
    below = max(0.0, math.log2(pace / c.decode))
    return min(c.quality, cap) - QUALITY_PER_USABLE_HALVING * usable - QUALITY_PER_HALVING * below


def needs_more(c: Config | None, wl: Workload) -> bool:
    """Whether a choice leaves room for the last KV lever: nothing good at a usable speed, or a
    choice with weights in system RAM that runs below the speed the workload wants (a long window
    whose q8_0 cache pushes layers out of the GPU: a q4_0 cache may keep them there at twice the
    speed; worth() weighs its small quality cost against the speed)."""
    if c is None or c.quality < GOOD_QUALITY or (c.decode or 0) < wl.min_decode_tok_s:
        return True
    if c.placement.kind == "partial_offload":
        # whole layers in RAM at any speed: a q4_0 cache may bring them all back to the GPU
        # (Qwen3 14B at 32K on a 10 GB 3080: Q4_K_S all on the card at ~64 tok/s, not IQ4_XS
        # with layers in RAM at ~38)
        return True
    spilled = c.placement.kind == "moe_offload"
    return spilled and (c.decode or 0) < wl.good_decode_tok_s


def last_resort_kept(extra: list[Config], before: list[Config], window_asked: bool) -> list[Config]:
    """The configurations with the last KV lever (q4_0) worth weighing: those that make the window
    fit, all on the GPU where the first levers spill to system RAM, or at all where nothing ran.
    A window someone asked for keeps the ones that spill less too (QwQ 32B at 128K on a 3090:
    nothing holds it on the card, q4_0 comes closest); a default window does not, since a smaller
    window is the other way to fit (Qwen3-14B on an 8 GB 2080 at a thinking model's 32K: q8_0
    with layers in RAM, not q4_0 for a few layers fewer in RAM)."""
    if window_asked or not any(c.fit != "wont_fit" for c in before):
        return extra
    return [c for c in extra if c.fit != "wont_fit" and c.placement.kind not in SPILLED]


def candidate_kv_types(req: Request) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(first, last resort) KV types to consider: the one asked for, else the levers; a quantized
    V cache needs flash attention, which the CPU path here runs without."""
    if req.kv_type:
        return (req.kv_type,), ()
    if not req.flash:
        return ("f16",), ()
    return KV_FIRST, KV_LAST
