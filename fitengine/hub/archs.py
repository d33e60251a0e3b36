"""What llama.cpp assumes per GGUF architecture when the metadata does not say it
(catalog/gguf_archs.yaml, validated here)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..catalog import CatalogError, catalog_dir


class ArchRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    arch: str
    swa_pattern: int | None = Field(default=None, gt=0)
    swa_window: int | None = Field(default=None, gt=0)
    ignore_sliding_window: bool = False
    full_attention_interval: int | None = Field(default=None, gt=0)
    parallel_ssm: bool = False
    source: str


NO_RULE = ArchRule(arch="", source="")


class ArchRules:
    def __init__(self, rules: list[ArchRule]):
        self.rules = {r.arch: r for r in rules}
        if len(self.rules) != len(rules):
            raise CatalogError("gguf_archs.yaml: an architecture is listed twice")

    def get(self, arch: str) -> ArchRule:
        return self.rules.get(arch, NO_RULE)

    @classmethod
    def load(cls, root: Path | None = None) -> ArchRules:
        path = (root or catalog_dir()) / "gguf_archs.yaml"
        if not path.exists():
            return cls([])
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        rules = []
        for i, item in enumerate(raw):
            try:
                rules.append(ArchRule.model_validate(item))
            except ValidationError as exc:
                err = exc.errors()[0]
                field = ".".join(str(p) for p in err["loc"]) or "(entry)"
                raise CatalogError(
                    f"gguf_archs.yaml: entry #{i}: field {field}: {err['msg']}"
                ) from None
        return cls(rules)


@functools.cache
def default_rules() -> ArchRules:
    return ArchRules.load()
