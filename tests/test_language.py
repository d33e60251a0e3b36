"""catalog/language.yaml: the parser's word lists are data with a schema."""

from __future__ import annotations

import re

import pytest

from fitengine.catalog import CatalogError, catalog_dir
from fitengine.language import default_language, load_language
from fitengine.nlq import patterns as P


def test_the_language_file_loads_and_its_number_words_read():
    lang = default_language()
    assert lang.number("dual") == 2 and lang.number("a  pair of") == 2
    assert "the" in lang.stop_words and "ti" in lang.modifiers


def test_a_bad_entry_names_the_file_and_field(tmp_path):
    path = tmp_path / "language.yaml"
    raw = (catalog_dir() / "language.yaml").read_text(encoding="utf-8")
    raw = raw.replace("  - no gpu\n", "  - No GPU\n", 1)
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(CatalogError, match=r"language\.yaml: field cpu_only"):
        load_language(path)


def test_phrases_match_with_any_separator_and_open_endings():
    rx = re.compile(P.words(["tool use", "контекст*", "没有显卡"]))
    for text in ("tool use", "tool-use", "tooluse", "контекста", "我没有显卡"):
        assert rx.search(text), text
    assert not rx.search("toolsuse") and not rx.search("atool use")


def test_the_longest_phrase_wins():
    rx = re.compile(P.words(["context", "context window", "contexte"], end=False))
    assert rx.match("context window").group() == "context window"
    assert rx.match("contexte").group() == "contexte"


def test_needs_are_literals_every_phrase_holds():
    phrases = ["no gpu", "without a gpu", "cpu only", "pure cpu", "没有显卡"]
    needs = P.needs_of(phrases)
    assert set(needs) == {"gpu", "cpu", "没有显卡"}
