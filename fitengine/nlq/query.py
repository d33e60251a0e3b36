"""What the parser hands back: a Query and the references it holds (the stable JSON of `parse`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# best_hw: which hardware to buy with no model named ("best gpu under $1000")
Intent = Literal[
    "fit", "best_model_for_hw", "best_hw_for_model", "best_hw", "compare", "help", "unclear"
]


class _Out(BaseModel):
    # lists default through Field(default_factory=list): a `= []` default is deep-copied for
    # each instance, 2-3 us apiece on every question
    model_config = ConfigDict(extra="forbid")


class ModelRef(_Out):
    id: str
    name: str
    params_b: float


class HardwareRef(_Out):
    id: str
    name: str


class SetupRef(_Out):
    """A device of a setup, with its count and memory as stated: a card of a machine with mixed
    cards, or a device named in a comparison beyond the first two."""

    id: str
    name: str
    gpus: int | None = None
    vram_gb: float | None = None


class Rig(_Out):
    """A whole machine of an upgrade question: its cards, each with its count, and its system
    RAM (null when the text did not say it). `change` says what an option adds to the machine had
    ("+ NVIDIA GeForce RTX 5090", "+ 64 GB RAM", "RAM to 128 GB"); it is empty for the machine had."""

    setup: list[SetupRef] = Field(default_factory=list)
    ram_gb: float | None = None
    change: str = ""


class Choice(_Out):
    id: str
    name: str
    score: float


class Unsure(_Out):
    """A name the parser found but could not pin to one entry: several entries fit it equally
    ("ambiguous"), or none has it ("unknown": a new release, a typo in a number) and the
    suggestions are the nearest, or it names a computer by its product line, which ships with many
    chips ("machine": "my ThinkPad T14"), and the chip inside is what to ask for."""

    kind: Literal["model", "hardware"]
    text: str
    suggestions: list[Choice] = Field(default_factory=list)
    reason: Literal["ambiguous", "unknown", "machine"] = "ambiguous"


class NotEstimated(_Out):
    """Something asked about that no open-weight language model is: a hosted model ("closed":
    "claude"), an image or video generator ("image": "sdxl") or fine-tuning ("training":
    "qlora"). The answer says so before anything else."""

    kind: Literal["closed", "image", "training"]
    text: str


class Query(_Out):
    """What a free-text question asks. Fields the text did not state are null."""

    text: str
    intent: Intent = "help"
    model: ModelRef | None = None
    hardware: HardwareRef | None = None
    gpus: int | None = None
    vram_gb: float | None = None
    ram_gb: float | None = None
    quant: str | None = None
    context: int | None = None
    kv_type: str | None = None
    # "q8_0 or q4_0 kv cache?": KV cache types offered as alternatives, in the order said (no
    # kv_type then: the answer picks among them)
    kv_types_asked: list[str] = Field(default_factory=list)
    workload: str | None = None
    parallel: int | None = None  # sequences served at once ("4 parallel requests")
    # every card of a machine with mixed cards ("4090 + 2x 3090"), in the order named; `hardware`,
    # `gpus` and `vram_gb` are its largest card (by memory), for callers that take one device
    setup: list[SetupRef] = Field(default_factory=list)
    # a model asked for by size only ("a 14b model", "the 8b one"), in billions of parameters
    model_size_b: float | None = None
    # that size said as a bound ("over 100b", "under 10b", "70b+"): models at least / at most
    # that big, not of about that size
    model_size_bound: Literal["at_least", "at_most", "range"] | None = None
    # that size counts a mixture of experts' active parameters ("a 3B active model"), not its total
    model_size_active: bool = False
    # the upper size of a range said ("models from 7B to 32B": model_size_b 7, this 32, bound
    # "range")
    model_size_to_b: float | None = None
    # a model given by its file size only ("can 2x 24GB GPUs run a 40GB model?"), in GB
    model_file_gb: float | None = None
    # a speed wished for ("at least 30 tok/s", "what runs at 100 t/s"): a list keeps to models
    # that decode that fast; a speed measured ("I'm getting 12 tok/s"): the answer compares it
    min_tok_s: float | None = None
    reported_tok_s: float | None = None
    # the layers on the GPU of a split said ("--gpulayers 15", "15/48 layers on GPU"): the model
    # runs on this box, its speed not said (not in the JSON: it sets the RAM assumed, said in the
    # answer)
    layers_said: list[int] = Field(default_factory=list, exclude=True)
    # "Intel(R) Arc(TM) 140T GPU (32GB)": the size in an iGPU's driver name, the memory it shares
    # (half the RAM), read as the RAM (ram_gb) where nothing else is; the answer runs on the RAM
    # that gives that share (answers._share_in_the_name)
    gpu_share_gb: float | None = Field(default=None, exclude=True)
    # llama.cpp --n-cpu-moe values the person runs ("from 8 to 30"): set beside the answer's own
    n_cpu_moe_said: list[int] = Field(default_factory=list)
    # its top when a range was said ("11-12 tok/s", "between 45 and 60"); reported_tok_s is the
    # low end
    reported_tok_s_high: float | None = None
    # further decode speeds measured in the same text ("33 t/s ... but LM Studio gives 35 t/s",
    # "18 TG on q8_0 ... 11-12 TG on bf16"), each (low, high, how) as said, `how` the backend or
    # program said right before it ("Vulkan", "ollama"), "before" for the speed a run changed
    # from, or "": said back beside the first
    reported_also: list[tuple[float, float, str]] = Field(default_factory=list)
    # ... and the first one's, when said right before it ("SYCL gives me about 7 t/s")
    reported_how: str = ""
    # the measurement was made with speculative decoding on ("30 t/s ... with MTP enabled"): it
    # is set beside the estimate with the model's MTP heads
    reported_speculative: bool = False
    # the llama.cpp build the measurement was made on ("~15 t/s with Vulkan"): set beside that
    # build's estimate, not the device's default one (language.yaml backend_words)
    reported_backend: str | None = None
    # a GPU's power limit said ("capped at 280 watts"), in watts: named among the causes of a
    # measured speed below the estimate
    power_limit_w: int | None = None
    # a prompt-reading speed measured ("prefill is 100 tok/s"): set beside the prefill estimate
    reported_prefill_tok_s: float | None = None
    # the second side of a comparison
    model_b: ModelRef | None = None
    hardware_b: HardwareRef | None = None
    gpus_b: int | None = None
    vram_gb_b: float | None = None
    # a third, fourth ... model or device in a comparison ("a vs b vs c"), in the order named
    more_models: list[ModelRef] = Field(default_factory=list)
    more_hardware: list[SetupRef] = Field(default_factory=list)
    # the processor of a GPU box ("a 3060 with a 5600x"), or the kind of its memory when only that
    # was said ("ddr4", "quad channel"): what holds the weights the GPUs leave in system RAM
    host: HardwareRef | None = None
    ram_speed_mts: int | None = None  # the RAM's speed said ("ddr5-6000", "3600mhz"), MT/s
    ram_channels: int | None = None  # the memory channels said ("quad channel", "8-channel")
    ram_generation: str | None = None  # the RAM's generation said ("ddr4"): "DDR4"
    cpu_only: bool = False
    full_context: bool = False
    # the context was said as a launch setting (num_ctx, -c, --max-model-len, "set to 32K"): what
    # the asker runs now, so the answer runs the longest window that fits when that is longer
    context_setting: bool = False
    # the window is the topic ("huge context", "the context window") but no size is said: the
    # answer runs the longest window that fits, not the workload's usual one
    context_topic: bool = False
    # the window said is one the asker hit ("I can only get 48k", "runs out of context"), not one
    # run by choice: only then does the answer reach past the model's native window with rope
    # scaling beyond it (language.yaml context_limit_words; not in the JSON)
    context_limit_hit: bool = Field(default=False, exclude=True)
    # a document said in pages and no window ("a 300 page pdf"): the window that holds it and a
    # reply (~650 tokens a page, language.yaml tokens_per_page), which the answer runs at; the text
    # states no window, so it is not `context` (not in the JSON)
    document_tokens: int | None = Field(default=None, exclude=True)
    mac: bool = False  # "a 128gb mac": a Mac whose chip was not named (hardware stays None)
    asks_context: bool = False  # "how much context can I get": the longest context is the question
    # "how much context before it gets slow": the speed as the window fills is the question
    asks_depth_speed: bool = False
    asks_defect: bool = False  # "is my unit defective?": a verdict on the measured speed
    asks_backend: bool = False  # "which backend should I use?", "does it support the 9070 XT?"
    asks_why_slow: bool = False  # "why does it slow down past 16k?": a cause is the question
    # "too slow", "painfully slow": the speed at the window they run is the complaint, so a window
    # they set is answered as it is, not raised to the longest that fits (not in the JSON)
    complains_slow: bool = Field(default=False, exclude=True)
    asks_expected: bool = False  # "...so it will be slower, yeah?": a judgement with its reason
    # "one card or both?": which of the cards the model needs is the question
    asks_card_count: bool = False
    # "a multi GPU system of 8 GB cards": several cards, their count not said
    cards_unsaid_count: bool = False
    # the GPU count a cloud instance's type implies but the text does not say ("g4dn.12xlarge":
    # 4 T4s; language.yaml cloud_instances): gpus stays the count said, the answer assumes this
    gpus_implied: int | None = None
    # "offload the experts or whole layers?" (language.yaml offload_way_questions)
    asks_offload_way: bool = False
    # "a quant that fits entirely in 16 GB of VRAM without overflowing": no layers or experts in RAM
    # (not in the JSON: it changes only the quant the answer is at, which the report says)
    asks_all_on_gpu: bool = Field(default=False, exclude=True)
    # a list of models that "fit in 8 GB": the memory said bounds the model, no experts in a RAM
    # the text never said (language.yaml memory_bound_leads; not in the JSON, as asks_all_on_gpu)
    memory_bound: bool = Field(default=False, exclude=True)
    # the size read is what the machine cannot load ("or even load the model (70b)"): a list is
    # not kept to it (not in the JSON)
    size_out_of_reach: bool = Field(default=False, exclude=True)
    # "best model for Apple Silicon?": a Mac with no chip or memory said, its memory assumed
    # (language.yaml mac_memory_assumed_gb) and said so
    mac_memory_assumed: bool = False
    # "best model for my android phone", "what can my NAS run": a machine said by what it is with
    # no chip named; the catalog id of the chip the answer works it out on (language.yaml
    # machine_stand_ins), said as assumed
    stand_in: str | None = None
    # "llama3.3 only takes up half my VRAM, can I use the rest to speed it up?": what the memory
    # left over buys is the question (language.yaml spare_room_words; not in the JSON: it adds a
    # sentence only)
    asks_spare_room: bool = Field(default=False, exclude=True)
    # "with plenty of system RAM", "内存管够": the RAM said to be no limit, its amount not said
    # (language.yaml ram_plenty_words; not in the JSON: the RAM assumed is said in the answer)
    ram_plenty: bool = Field(default=False, exclude=True)
    # "on my iMac", "a mac mini": a product line said without its chip, read as the line's newest
    # chip as it ships (the note in `assumed`); the answer's assumptions name it too (not in the
    # JSON: the hardware read is)
    hardware_from_line: bool = Field(default=False, exclude=True)
    # llama.cpp backends named ("rocm or vulkan?", "on vulkan"), in the order said (language.yaml
    # backend_words)
    backends: list[str] = Field(default_factory=list)
    # what a list should favour, from catalog/language.yaml `wishes`: model tags to keep
    # ("uncensored", "vision"), a quality task to rank by ("creative"), an order ("fastest",
    # "biggest"), setups by price ("cheapest") or consumer parts only
    tags: list[str] = Field(default_factory=list)
    task: str | None = None
    order: str | None = None
    hardware_order: str | None = None
    consumer_only: bool = False
    hardware_kind: str | None = None  # "which mac should I get": setups of that kind only
    hardware_vendor: str | None = None  # "which amd gpu": that vendor's devices only
    hardware_form: str | None = None  # "which laptop should I buy": devices of that form only
    budget_usd: float | None = None  # "under $500": the setups' launch price must stay within
    # a budget asked with no kind of device ("what should I buy for $2,500", no card or Mac
    # word): every route is weighed, a card, two of one, a Mac, a unified-memory box
    any_route: bool = False
    # a model asked for in so many words ("which models are good enough for coding?", language
    # model_wanted): beside models named, the best one for the work is worth naming
    models_wanted: bool = False
    # "2500 usd, mac? strix halo? used 3090s?": the devices named as options to buy within the
    # budget (catalog ids), and every Mac when a Mac word was said
    shopping_among: list[str] = Field(default_factory=list)
    shopping_macs: bool = False
    # a model family asked for without a size ("the largest qwen model I can run"): a list of
    # models keeps to that family (the catalog's Model.family)
    family: str | None = None
    # the machines a Mac product line named without its chip holds ("what mac mini do I need for
    # ..."): a list of setups keeps to them
    hardware_among: list[str] = Field(default_factory=list)
    quants: list[str] = Field(default_factory=list)  # every quant named ("q8 vs q4")
    # the quants named offered as alternatives ("q4, q6 or q8?", "q4_k_m vs q8_0"), not only
    # mentioned in a log or a story ("can't run it in Q8 yet, let's use Q6")
    quants_compared: bool = False
    # a comparison's quant for each of its two models, when one was said beside each ("27b at
    # 4bit or 12b at fp16"), "" for a side said without one ("27b at q8 or gpt-oss-120b");
    # empty otherwise
    quants_by_model: list[str] = Field(default_factory=list)
    # the one quant named was said as a bit level ("q4", "4-bit", "int4"), not a file's name: any
    # file of that level answers it (language.yaml level_quant_words)
    quant_level: bool = False
    # the one quant named was said as a 4-bit format of the asker's serving stack ("GPTQ 4bit",
    # "NVFP4", "bnb-4bit", "int4": language.yaml serving_formats), shown so: read as the GGUF quant
    # of its width, not a file they chose, so the answer leads with a better quant that runs well
    quant_format: str | None = None
    # a GPU server named (vLLM, SGLang, TensorRT-LLM: language.yaml serving_stacks): the name an
    # 8-bit answer takes for it, FP8 at Q8_0's memory (not in the JSON: only the words change)
    stack_8bit: str | None = Field(default=None, exclude=True)
    # "gemma3:27b-it-qat" with no quant type said: the model's quantization-aware-trained file
    # (choose._qat_file), the file the answer is at; quant stays what the text named (none)
    quant_implied: str | None = Field(default=None, exclude=True)
    # read where a quant is named: the text reports a run that failed (out of memory, failed to
    # load: language.yaml failure_words), so the quant named is the one tried
    reports_failure: bool = False
    # a server that reserves memory up front (language.yaml preallocating_servers), named beside
    # an out-of-memory or the memory a run takes: its name, for the answer to say why
    preallocating_server: str | None = None
    # "which quant should I use?" (language.yaml quant_questions): the quant is the question, so
    # a single one named is the one run or tried, and with none named the answer leads with its own
    asks_quant: bool = False
    # an upgrade question ("I have a 3090: add a 5060 Ti or a 5090?"): the machine had, and each
    # option as the whole machine it makes (the machine had with the card or RAM added, or a card
    # in place of it); whole builds compared, one of mixed cards ("3090 + 3060 or a 5090"): the
    # options with no machine had
    owned: Rig | None = None
    options: list[Rig] = Field(default_factory=list)
    unsure: list[Unsure] = Field(default_factory=list)
    # readings the parser chose and the user should see
    assumed: list[str] = Field(default_factory=list)
    # numbers it read as something else (a CPU, a version, a wattage)
    ignored: list[str] = Field(default_factory=list)
    not_estimated: list[NotEstimated] = Field(default_factory=list)
    # tool calls said to go wrong ("bad tool calls", "tool calling loops"): the answer says the
    # usual cause, the chat template (not in the JSON: it only adds that sentence to the message)
    tool_call_trouble: bool = Field(default=False, exclude=True)
