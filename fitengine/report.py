"""The report: the stable, documented JSON contract of canirun (see docs/json-report.md).

Every field is typed. `Report.model_dump(mode="json")` is what `canirun fit --json`, `canirun batch`
and the bot's cards read; fields are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

FitStatus = Literal["runs_well", "tight", "offload", "wont_fit"]
# where the safe context is held: all on the accelerator(s), in a CPU system's RAM, with part of
# the model in system RAM (it never fits on the accelerator), or nowhere (0: nothing fits)
SafeContextOn = Literal["gpu", "cpu", "offload", "none"]
Grade = Literal["S", "A", "B", "C", "D", "F"]

FIT_LABELS: dict[str, str] = {
    "runs_well": "Runs well",
    "tight": "Tight fit",
    "offload": "Partial offload",
    "wont_fit": "Won't fit",
}
# A fit is about memory; a D or F grade says the speed is not usable, and the label must not
# promise otherwise ("Runs well - grade D" argues with itself).
SLOW_LABELS: dict[str, str] = {
    "runs_well": "Fits, but slow",
    "tight": "Fits, but slow",
    "offload": "Offload, slow",
}
SLOW_GRADES = ("D", "F")


EXPERT_OFFLOAD_LABEL = "Expert offload"


def verdict_label(fit: str, grade: str | None, placement: str | None = None) -> str:
    """The fit for people, never contradicting the grade. Routed experts in system RAM with
    attention and the KV cache on the GPU (--n-cpu-moe) is a way to run a MoE, not a failure to
    fit, and says so."""
    if grade in SLOW_GRADES and fit in SLOW_LABELS:
        return SLOW_LABELS[fit]
    if fit == "offload" and placement == "moe_offload":
        return EXPERT_OFFLOAD_LABEL
    return FIT_LABELS[fit]


def approx_tok_s(tok_s: float) -> str:
    """A speed in a sentence ("~17"): whole tokens per second, two significant digits under 1
    ("~0.05"), so a crawl never reads as "~0 tok/s"."""
    return f"{tok_s:.0f}" if tok_s >= 1 else f"{tok_s:.2g}"


_SAFE_ON = {
    "gpu": "all on the GPU",
    "cpu": "in system RAM",
    "offload": "with part of the model in system RAM",
    "none": "nothing fits",
}


def safe_context_basis(quant: str, kv_type: str, on: str, gpus: int = 1) -> str:
    """What the safe context is for, in a few words ("Q4_K_M, KV f16, all on the GPU"): it
    depends on the quant, the KV cache type and where the model is, so two cards whose safe
    contexts differ say why (two GPUs that let a bigger quant run hold less context with it)."""
    where = _SAFE_ON.get(on, on)
    if on == "gpu" and gpus > 1:
        where += "s"
    return f"{quant}, KV {kv_type}, {where}"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelRef(_Out):
    id: str
    name: str
    params_b: float
    active_params_b: float


class SetupPart(_Out):
    """Cards of one kind in a mixed rig."""

    id: str
    name: str
    count: int
    memory_gb: float


class QualityOut(_Out):
    """How good the model is, on the common scale of a task (fitengine/quality.py)."""

    value: float
    task: str  # the task the figure is for ("overall" when the model has none for the asked one)
    estimated: bool  # interpolated, not published for this model
    basis: str  # where it comes from, one line


class HostRef(_Out):
    """The CPU of a GPU box whose RAM holds what the GPUs do not (experts, layers)."""

    id: str
    name: str
    bandwidth_gbps: float


class HardwareRef(_Out):
    id: str
    name: str
    count: int
    memory_gb: float
    bandwidth_gbps: float
    kind: str
    # a mixed rig's cards (a 4090 + a 3090), in order; null for one kind of device
    parts: list[SetupPart] | None = None
    # a GPU box's system RAM (GB as sold: stated, the host's, or the assumed 32); null for a
    # device whose memory is its RAM (Apple, unified, CPU)
    ram_gb: float | None = None
    # the host CPU when one was named (a server's RAM channels); null: a desktop's RAM
    host: HostRef | None = None


class MemoryBreakdown(_Out):
    """Decimal GB. total = weights + kv_cache + overhead (compute buffers, runtime context)."""

    weights_gb: float
    kv_cache_gb: float
    overhead_gb: float
    total_gb: float
    available_gb: float


class DeviceUse(_Out):
    name: str
    weights_gb: float
    kv_gb: float
    total_gb: float
    available_gb: float


class PlacementOut(_Out):
    kind: Literal["gpu", "multi_gpu", "partial_offload", "moe_offload", "cpu", "unified"]
    gpu_layers: int
    n_cpu_moe: int
    ram_needed_gb: float
    ram_available_gb: float
    devices: list[DeviceUse]
    # layers per GPU when they are not split evenly (llama.cpp --tensor-split); null: even split
    tensor_split: list[int] | None = None
    # the cards of a rig the run leaves free (it runs on fewer, faster ones: -dev); [] uses all
    idle: list[str] = []


class QuantRow(_Out):
    quant: str
    bpw: float
    memory_gb: float
    fit: FitStatus
    quality: float
    label: str
    available: bool  # a known GGUF repo has this file
    decode_tok_s: float | None = None
    # the fit for people, as the headline says it ("Expert offload" for a MoE's experts in RAM)
    fit_label: str = ""
    # the format the model was released in (gpt-oss's MXFP4, Kimi K2.5's INT4 as Q4_0): listed
    # first, quality 100 (the model as trained)
    native: bool = False
    # the format the file keeps for the bulk of its weights under another name (gpt-oss's "Q8_0"
    # keeps its MoE experts MXFP4, so its bits per weight are MXFP4's, not 8): what the file is,
    # said in place of a bpw its name would misread; null for a file that is what it is called
    bulk: str | None = None


class Commands(_Out):
    llama_cpp: str
    docker: str | None
    ollama: str | None
    # what the llama.cpp command does that Ollama has no setting for (expert offload, rope
    # scaling, a tensor split); null when its command does it all
    ollama_note: str | None = None
    # a question run on a GPU server (vLLM, SGLang): its command over the same estimate
    # (commands.serve), the server's name, the checkpoint format it loads and what it says of it
    server: str | None = None
    server_name: str | None = None
    server_format: str | None = None
    server_note: str | None = None


class WorkloadResult(_Out):
    id: str
    name: str
    context: int
    prompt_tokens: int  # new prompt tokens the first token waits for (after any cached prefix)
    depth: int  # tokens already in the context when they are read
    ttft_ms: float | None
    answer_s: float | None
    decode_tok_s: float | None
    grade: Grade | None
    score: int | None
    reason: str


class Assumed(_Out):
    """Something the question did not say and the answer depends on: what was assumed, and what
    changes with another value."""

    what: Literal["ram", "gpus", "memory", "hardware", "context", "backend", "host"]
    value: str
    effect: str


class NextStep(_Out):
    """Something nearby that runs (or runs better): a smaller quant, a KV cache type, more RAM,
    more GPUs, a smaller sibling model, the model's own newer release, a shorter context."""

    kind: Literal[
        "smaller_quant",
        "kv_type",
        "more_ram",
        "more_gpus",
        "smaller_sibling",
        "newer_release",
        "other_model",
        "shorter_context",
    ]
    text: str
    quant: str | None = None
    kv_type: str | None = None
    model_id: str | None = None
    gpus: int | None = None
    ram_gb: float | None = None
    context: int | None = None
    decode_tok_s: float | None = None
    command: str | None = None


class Speculative(_Out):
    """Speculative decoding with the model's own multi-token-prediction heads: the draft length
    that pays most, what it is expected to give, and the llama-server flags for it."""

    method: Literal["mtp"]
    draft_tokens: int
    acceptance: float  # per drafted token, as published for the model
    speedup: float
    decode_tok_s: float
    flags: str
    note: str


class DraftSpeculative(_Out):
    """Speculative decoding with a separate, smaller draft model of the same tokenizer
    (llama-server --spec-type draft-simple): the draft, the draft length that pays most, what it
    is expected to give and take, and how to run it. An option beside the headline decode."""

    method: Literal["draft"]
    draft_model: str  # catalog id
    draft_name: str
    draft_quant: str
    draft_tokens: int
    acceptance: float  # per drafted token, derived from the published run below
    acceptance_rate: float  # that run's accepted / drafted tokens, as llama.cpp prints it
    acceptance_workloads: list[str]  # the workloads its prompts stand for; [] = several kinds
    acceptance_source: str
    speedup: float
    decode_tok_s: float
    memory_gb: float  # what the draft adds: weights + its KV cache + compute buffer
    fit: FitStatus  # the verdict with the draft loaded beside the target (runs_well or tight)
    flags: str
    command: str
    note: str


class DepthSpeed(_Out):
    """The speed at one depth of the window ("how much context before it gets slow"): decode with
    `depth` tokens in the KV cache, a 512-token prompt read at that depth (llama-bench's pp512 at
    -d), and the time to read the first `depth` tokens into an empty cache."""

    depth: int
    decode_tok_s: float
    prefill_tok_s: float
    read_s: float


class Band(_Out):
    low: float
    high: float


class Report(_Out):
    model: ModelRef
    hardware: HardwareRef
    quant: str
    context: int
    kv_type: str
    backend: str
    mode: str
    workload: str
    fit: FitStatus
    fit_label: str
    memory: MemoryBreakdown
    placement: PlacementOut
    safe_context: int
    quants: list[QuantRow]
    recommended_quant: str | None
    commands: Commands
    decode_tok_s: float | None = None
    prefill_tok_s: float | None = None
    ttft_ms: float | None = None
    ttft_prompt_tokens: int | None = None  # the prompt and depth ttft_ms is for
    ttft_depth: int | None = None
    decode_band: Band | None = None
    prefill_band: Band | None = None
    # decode with the context asked filled (depth = `context`): set when a context was asked and
    # no depth; the headline decode_tok_s is at the depth asked, an empty context by default
    decode_full_tok_s: float | None = None
    # with it, a 512-token prompt read with the context asked filled, and the seconds a prompt
    # that fills it takes to read from an empty cache
    prefill_full_tok_s: float | None = None
    read_full_s: float | None = None
    # decode and prompt reading as the window fills, when the question asked how speed falls
    # with context (engine.speed_by_depth); empty otherwise
    speed_by_depth: list[DepthSpeed] = []
    workloads: list[WorkloadResult] = []
    grade: Grade | None = None
    score: int | None = None
    reason: str = ""
    parallel: int = 1
    aggregate_tok_s: float | None = None
    assumptions: list[str] = []
    warnings: list[str] = []
    recommended_kv_type: str | None = None
    next_steps: list[NextStep] = []
    model_quality: QualityOut | None = None
    assumed: list[Assumed] = []
    speculative: Speculative | None = None
    speculative_draft: DraftSpeculative | None = None
    safe_context_on: SafeContextOn = "gpu"
    # a Mac run that needs the GPU's wired limit raised (sudo sysctl iogpu.wired_limit_mb=N)
    wired_limit_mb: int | None = None

    @property
    def list_grade(self) -> Grade | None:
        """The grade a row of a list shows: that of the workload the report is for (chat unless
        one was asked), so a best-model list and a hardware list grade alike; the headline
        `grade` of a report made for no workload in particular weighs all five."""
        shown = next((w for w in self.workloads if w.id == self.workload), None)
        return shown.grade if shown is not None and shown.grade else self.grade
