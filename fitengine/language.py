"""The words the question parser reads around names, loaded from catalog/language.yaml.

Word lists, cue phrases and number words are data: a new language or a new way of saying "no GPU"
is a line in that file, never a change to the parser. This module only validates and loads them;
fitengine.nlq.patterns turns them into regular expressions.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from .catalog import CatalogError, catalog_dir


def _word_set(value: object) -> object:
    """A block of text is a set of words; a list is taken as it is."""
    return value.split() if isinstance(value, str) else value


def _lowercase(values: list[str]) -> list[str]:
    for v in values:
        if v != v.lower() or v != v.strip() or not v:
            raise ValueError(f"{v!r}: entries are lowercase text without edge spaces")
    return values


def _phrases(values: list[str]) -> list[str]:
    _lowercase(values)
    for v in values:
        if "  " in v or any(w.count("*") > 1 or "*" in w[:-1] for w in v.split()):
            raise ValueError(f"{v!r}: one space between words; '*' only ends a word")
    return values


# plain words, as a block of text or a list
WordSet = Annotated[frozenset[str], BeforeValidator(_word_set), AfterValidator(frozenset)]
# phrases in the notation of the file's header ("tool use", "контекст*")
Phrases = Annotated[list[str], AfterValidator(_phrases)]
# strings matched exactly as written (command-line flags)
Literals = Annotated[list[str], AfterValidator(_lowercase)]


class CloudInstance(BaseModel):
    """A cloud instance family ("g5"): its accelerator (None: one the catalog lacks) and the
    count of the sizes that have several ("48xlarge": 8)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hardware: str | None
    counts: dict[str, int] = {}


class Wish(BaseModel):
    """Phrases that shape a list ("uncensored", "fastest", "cheapest") and what they ask."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrases: Phrases
    tag: str | None = None
    task: str | None = None
    said: str | None = None  # how a list's lead says it ("for creative writing and role-play")
    order: str | None = None
    hardware_order: str | None = None
    consumer_only: bool = False
    hardware_kind: str | None = None
    hardware_form: Literal["laptop", "desktop", "mini"] | None = None
    hardware_vendor: Literal["amd", "nvidia", "intel"] | None = None
    # a tag whose models are chosen by size for speed, not by the biggest that runs (code
    # completion waits on each keystroke): a list asked for it keeps each size of a family and
    # drops none for its quality beside the best (fitengine.advise.best_models)
    every_size: bool = False


class Currency(BaseModel):
    """A currency far from the dollar (catalog/language.yaml `currencies`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    usd_per_unit: float
    source: str
    signs: Literals = []
    words: Literals = []
    multipliers: dict[str, int] = {}
    budget_words: Literals = []
    # multipliers written right after the digits only, never alone ("150к"; Russian "к" is also
    # "to": "3090 к рублю")
    attached_only: Literals = []
    # multipliers that name this currency with no word of it ("1.5 lakh")
    sole_multipliers: Literals = []
    # signs another currency writes too ("¥"): this one's only in a text matching `shared_when`
    shared_signs: Literals = []
    shared_when: str = ""


class MachineStandIn(BaseModel):
    """A machine said by what it is with no chip named (a phone, a NAS): the chip it is answered
    on (language.yaml machine_stand_ins)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: Phrases
    hardware: str
    said: str
    not_with: Phrases = []


class Language(BaseModel):
    """catalog/language.yaml: see the comments there for what each list means and how it
    matches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stop_words: WordSet
    modifiers: WordSet
    modifier_typos_of: Phrases = []
    # a processor family's name with its letters swapped, and the family (same length)
    family_typos: dict[str, str] = {}
    variant_words: WordSet
    generic: WordSet
    plain_words: WordSet
    short_names: WordSet
    number_words: dict[str, int]
    reported_size_verbs: Phrases
    card_wanted: Phrases = []
    buy_for_size: Phrases = []
    size_out_of_reach_before: Phrases = []
    added_card_words: dict[str, int]
    added_card_ordinal_leads: Phrases
    count_lead_words: WordSet
    not_plurals: Phrases = []
    numbered_lines: Phrases = []
    count_joiners: WordSet
    bare_count_leads: WordSet
    card_words: Phrases
    total_count_leads: Literals = []
    total_count_measures: Literals = []
    negated_before: Phrases = []
    cpu_graphics_names: Phrases = ["radeon", "amd radeon"]
    negation_not_after: Phrases = []
    card_measure_words: Literals = ["张", "块"]
    card_measure_particles: Literals = []
    node_words: Phrases
    server_node_words: Phrases = ()
    requirement_before: Phrases = ()
    count_back: Phrases
    device_list_vars: Literals
    count_flags: Literals
    split_flags: Literals = []
    parallel_words: Phrases
    parallel_things: Phrases
    parallel_after: Phrases
    parallel_flags: Literals
    device_log_backends: Phrases
    device_name_keys: Literals = []
    backend_words: dict[str, str] = {}
    name_word_forms: dict[str, str] = {}
    speed_run_labels: dict[str, str] = {}
    device_count_keys: Phrases
    brand_words: WordSet
    board_partner_words: WordSet = frozenset()
    card_brand_words: WordSet = frozenset()
    card_count_between_words: WordSet = frozenset()
    unversioned_generation_words: dict[str, list[str]] = {}
    card_variant_words: WordSet = frozenset()
    other_product_before: Phrases = []
    integrated_graphics_names: Phrases = []
    display_only_chips: Phrases = []
    vram_line_labels: Phrases = []
    per_card_words: Phrases = []
    each_card_leads: Phrases = []
    card_count_bounds: Phrases = []
    card_other_words: Phrases = []
    per_device_use_after: Phrases = []
    vram_brand_words: Phrases = []
    ram_line_labels: Phrases = []
    device_suffixes: WordSet
    edition_suffixes: WordSet
    segment_words: WordSet = frozenset()
    unlisted_devices: Phrases
    unlisted_accelerators: Phrases = []
    unlisted_names: Phrases
    not_device_codes: WordSet
    storage_forms: Literals
    link_words: Literals
    vram_log_lines: Literals
    ram_log_lines: Literals
    vram_bytes_lines: Literals
    phone_words: Phrases
    machine_stand_ins: list[MachineStandIn] = []
    cpu_tiers: Phrases
    processor_words: WordSet
    bare_cpu_numbers: dict[str, list[str]] = {}
    cpu_shorthands: dict[str, str] = {}
    processor_graphics: dict[str, list[str]] = {}
    owned_device_names: dict[str, str] = {}
    owned_device_leads: Phrases = []
    laptop_joiners: Literals = []
    cloud_instances: dict[str, CloudInstance] = {}
    azure_instances: dict[str, CloudInstance] = {}
    spread_over_words: Phrases = []
    memory_setting_keys: Literals = []
    purchase_verbs: Phrases = []
    discrete_card_words: Phrases = []
    cpu_generation_words: Phrases
    channel_words: Phrases
    channel_counts: dict[str, int]
    ram_speed_units: Literals
    socket_words: Phrases
    architecture_words: dict[str, str]
    context_words: Phrases
    context_topic_words: Phrases = []
    context_flags: Literals
    prompt_length_before: Phrases
    prompt_length_after: Phrases
    prompt_request_before: Phrases = []
    output_length_before: Phrases = []
    output_length_after: Phrases = []
    context_above_before: Phrases = []
    context_target_verbs: Phrases
    kv_lever_words: Phrases
    kv_quantized_words: Phrases = []
    cpu_feature_words: Phrases = []
    cpu_feature_formats: Phrases = []
    hardware_feature_formats: Phrases = []
    count_after_words: dict[str, int] = {}
    usage_headings: Phrases = []
    csv_vram_bytes_columns: Phrases = []
    format_feature_before: Phrases = []
    format_feature_after: Phrases = []
    full_context_words: Phrases
    n_cpu_moe_flags: Phrases = []
    gpu_layers_flags: Phrases = []
    gpu_layers_keys: Phrases = []
    igpu_share_name_words: Phrases = []
    document_after_device: Phrases = []
    model_window_words: Phrases = []
    context_setting_before: Phrases = []
    context_setting_after: Phrases = []
    context_limit_words: Phrases = []
    token_scale_words: dict[str, int] = {}
    token_amount_words: dict[str, float] = {}
    tokens_per_page: int = 0
    document_reply_room: int = 0
    context_each_words: Phrases = []
    page_words: Phrases = []
    context_reduced_words: Phrases = []
    context_questions: Phrases
    depth_speed_questions: Phrases
    defect_questions: Phrases = []
    failure_words: Phrases = []
    quant_questions: Phrases = []
    all_on_gpu_words: Phrases = []
    memory_bound_leads: Phrases = []
    memory_ceiling_leads: Phrases = []
    spare_room_words: Phrases = []
    ram_plenty_words: Phrases = []
    backend_questions: Phrases = []
    level_quant_words: Phrases = []
    qat_words: Phrases = []
    why_slow_questions: Phrases = []
    slow_complaints: Phrases = []
    expected_questions: Phrases = []
    card_count_questions: Phrases = []
    cards_unsaid_count: Phrases = []
    cards_unsaid_quantifiers: Phrases = []
    ordinal_marks: Phrases = []
    offload_way_questions: Phrases = []
    rope_names: dict[str, str]
    # what slows a run below the estimate, by placement kind (Report.placement.kind)
    slow_causes: dict[str, list[str]] = {}
    slow_causes_ollama: dict[str, list[str]] = {}
    ollama_backend_runners: dict[str, str] = {}
    slow_causes_also: dict[str, list[str]] = {}
    slow_causes_platform: dict[str, list[str]] = {}
    # the setting that lets a shared-memory GPU map past its default share, by vendor
    gpu_share_knobs: dict[str, str] = {}
    preallocating_servers: dict[str, str] = {}
    memory_taken_words: Phrases = []
    cpu_only: Phrases
    compare_words: Phrases
    compare_between_words: Phrases = []
    gain_nouns: Phrases = []
    gain_over_words: Phrases = []
    size_alternatives: Phrases = []
    size_in_words: Phrases = []
    size_in_words_after: Phrases = []
    how_many: Phrases
    upgrade_asked: Phrases
    upgrade_add: Phrases = []
    upgrade_owned_before: Phrases = []
    upgrade_replace: Phrases = []
    upgrade_option_split: Phrases = []
    upgrade_more_memory: Phrases = []
    upgrade_worth: Phrases = []
    upgrade_which_card: Phrases = []
    upgrade_need: Phrases = []
    upgrade_one_more: Phrases = []
    ram_upgrade_words: Phrases = []
    count_asked: Phrases
    pc_alternatives: Phrases = []
    money_signs: Literals
    money_words: Literals
    currencies: list[Currency] = []
    price_before: Phrases
    price_after: Phrases
    choice_words: Phrases
    replacement_words: Phrases
    better_others_asked: Phrases
    better_model_asked: Phrases = []
    named_and_others: Phrases
    current_model_before: Phrases = []
    tried_model_before: Phrases = []
    size_name_joiners: Phrases = []
    software_nouns_after: Phrases = []
    alternatives_asked: Phrases = []
    judged_poor_after: Phrases = []
    runs_fine_after: Phrases = []
    judged_out_after: Phrases = []
    wish_used_before: Phrases = []
    wish_relative_before: Phrases = []
    others_asked: Phrases = []
    family_list_nouns: Phrases
    setup_joiners: Phrases
    model_list_joiners: Literals = []
    rig_labels: Phrases = []
    card_list_heads: Phrases = []
    alternative_words: Phrases
    upgrade_words: Phrases
    former_use_after: Phrases
    acquired_before: Phrases
    training_before: Phrases = []
    already_had_before: Phrases = []
    choice_between: Phrases
    compare_verbs_before: Phrases = []
    setup_between: Phrases
    choice_after: Phrases
    adding_words: Phrases
    contrast_words: Phrases = []
    machines_each_words: Phrases = []
    machines_times_words: Phrases = []
    run_outcome_words: Phrases = []
    cpu_graphics_joiners: Phrases
    apu_with_card_words: Phrases
    former_device_labels: Phrases
    hypothetical_before: Phrases
    former_before: Phrases = []
    hypothetical_after: Phrases
    had_before: Phrases
    price_paid_words: Phrases = []
    own_memory_before: Phrases = []
    owned_count_leads: Phrases = []
    mib_pair_headers: Phrases = []
    tool_reading_verbs: Phrases = []
    owner_before: Phrases = []
    owner_former: Phrases = []
    binned_words: Phrases = []
    option_cues: Phrases = []
    laptop_words: Phrases
    vram_across_words: Phrases = []
    external_card_words: Phrases
    laptop_lines: Phrases
    machine_lines: Phrases = []
    machine_words: Phrases = []
    machine_makers: Phrases = []
    cpu_part_words: Phrases = []
    mac_tiers: Phrases = []
    host_memory_cues: Phrases
    ram_context_words: Phrases
    server_words: Phrases = []
    home_server_words: Phrases = []
    card_pair_words: Phrases = []
    cpu_machine_words: Phrases = []
    cpu_laptop_lines: Phrases = []
    card_runtime_words: Phrases = []
    ram_machine_words: Phrases = []
    old_machine_words: Phrases = []
    sibling_suffixes: Phrases
    mac_lines: dict[str, Phrases]
    mac_words_with_memory: Phrases
    gpu_lines: dict[str, str] = {}
    gpu_line_igpu_words: Phrases = []
    gpu_line_makers: Phrases = []
    gpu_line_card_words: Phrases = []
    card_form_words: Phrases = []
    radeon_cues: Phrases = []
    radeon_amd_gpu_words: Phrases = []
    mac_words: Phrases
    mac_platform_words: Phrases = []
    ollama_library_lacks: list[str] = []
    sizes_carried_over: list[float] = []
    mac_memory_between: Phrases
    intel_mac_words: Phrases
    intel_mac_last_year: int
    mac_memory_assumed_gb: float = 16.0
    vram_words: Phrases
    vram_qualifiers: Phrases
    card_memory_mods: Phrases
    card_edition_words: Phrases
    vram_labels: Phrases
    ram_words: Phrases
    ram_qualifiers: Phrases
    host_ram_qualifiers: Phrases = []
    ram_speed_units: Literals = []
    amount_joiners: Phrases = []
    ram_labels: Phrases
    bare_ram_labels: Phrases
    unified_words: Phrases
    usage_words: Phrases
    usage_verbs: Phrases
    prescribed_setup_leads: Phrases = []
    asked_memory_leads: Phrases = []
    usage_labels: Phrases
    refusal_need_before: Phrases = []
    usage_bound_signs: Phrases = []
    added_card_planned_before: Phrases = []
    refusal_free_before: Phrases = []
    unitless_memory: dict[str, str]
    memory_keys: dict[str, str]
    memory_bytes_labels: dict[str, str] = {}
    file_formats: Phrases
    not_memory_after: Phrases
    not_memory_before: Phrases
    not_memory_before_linked: Phrases
    memory_limit_before: Phrases
    memory_upgrade_words: Phrases
    memory_upgraded_after: Phrases
    memory_plan_before: Phrases
    approximately: Phrases
    memory_joiners: Phrases
    vram_assigned: Phrases
    size_words_before: Phrases
    size_words_after: Phrases
    size_active_after: Phrases
    size_at_least_before: Phrases = []
    size_at_most_before: Phrases = []
    size_at_least_after: Phrases = []
    size_at_most_after: Phrases = []
    size_range_joiners: Phrases = []
    quantizers: Phrases = []
    file_size_run_verbs: Phrases = []
    size_range_between: Phrases = []
    software: Phrases
    not_estimated: dict[Literal["closed", "image", "training"], Phrases] = {}
    closed_yardstick_before: Phrases = []
    service_nouns_after: Phrases = []
    tried_verbs: Phrases = []
    example_before: Phrases = []
    # a size class given examples ("over 70B parameter models, like Llama or R1"): the words
    # before the examples, after the size (nlq.choose._size_class_examples)
    size_examples: Phrases = []
    example_after: Phrases = []
    said_fine_before: Phrases = []
    said_fine_after: Phrases = []
    tool_call_trouble: Phrases = []
    closed_yardstick_after: Phrases = []
    family_run_verbs: Phrases = []
    family_run_after: Phrases = []
    version_words: Phrases
    figure_units: Phrases
    speed_units: Phrases
    speed_units_per_minute: Phrases = []
    run_time_units: Phrases = []
    other_owners: Phrases = []
    other_owner_verbs: Phrases = []
    speed_wish_before: Phrases = []
    speed_wish_after: Phrases = []
    speed_list_before: Phrases = []
    speed_reported_before: Phrases = []
    team_words: Phrases = []
    team_members: Phrases = []
    prefill_reported_nouns: Phrases = []
    decode_reported_nouns: Phrases = []
    speed_run_after: Phrases = []
    speed_changed_from: Phrases = []
    speed_changed_to: Phrases = []
    speculative_said: Phrases = []
    power_limit_before: Phrases = []
    power_limit_after: Phrases = []
    number_flags: Literals
    kv_aliases: dict[str, str]
    weight_formats: dict[str, int]
    serving_formats: dict[str, str] = {}
    container_images: Phrases = []
    serving_stacks: dict[str, str] = {}
    # a server's own flag said with no server named ("tensor_parallel_size=3"): that server
    serving_stack_flags: dict[str, str] = {}
    variant_negations: Phrases = []
    native_context_values: Literals = []
    release_formats: WordSet = frozenset()
    finetune_words: WordSet = frozenset()
    wishes: list[Wish] = []
    # said right after a wish's words, what already does the job, not what is asked for ("the
    # smaller models are good enough for half of what I do")
    wish_settled: Phrases = []
    # the asker's own machine, for the Discord bot's saved rigs (bot/rigs.py)
    own_hardware: Phrases = []
    hardware_wanted: Phrases = []
    model_wanted: Phrases = []
    model_asked_leads: Phrases = []
    model_asked_nouns: Phrases = []
    # "what should the jetson run?": a lead and, within three words, a verb of choosing
    run_asked_leads: Phrases = []
    run_asked_verbs: Phrases = []
    reported_model_verbs: Phrases = []
    # a question about which hardware to buy, no model named (fitengine/shopping.py)
    hardware_shopping: Phrases = []
    budget_leads: Phrases = []
    budget_words: Phrases = []
    budget_after: Phrases = []

    @functools.cached_property
    def every_size_tags(self) -> frozenset[str]:
        """The tags whose wish says `every_size` (Wish.every_size)."""
        return frozenset(w.tag for w in self.wishes if w.tag and w.every_size)

    def number(self, word: str) -> int | None:
        """A number word's value ("dual" -> 2), spaces normalised ("a  pair of")."""
        return self.number_words.get(" ".join(word.split()))


def load_language(path: Path) -> Language:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(f"{path.name}: {exc.strerror or exc}") from None
    try:
        return Language.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(file)"
        raise CatalogError(f"{path.name}: field {field}: {err['msg']}") from None


@functools.cache
def default_language() -> Language:
    """The language file beside the catalog; the shipped one when a custom catalog has none."""
    here = Path(__file__).resolve().parent
    for root in (catalog_dir(), here / "catalog", here.parent / "catalog"):
        if (root / "language.yaml").exists():
            return load_language(root / "language.yaml")
    raise CatalogError("language.yaml: not found beside the catalog")


__all__ = ["Language", "Wish", "default_language", "load_language"]
