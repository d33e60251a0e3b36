"""parser34: a speed said against another device in Chinese ("比3060慢很多") compares the two; a
comparison word in a report's title does not make the laptop's APU, said by its processor's name a
sentence away, a device beside the card it hosts."""

from fitengine.nlq import parse


def _ids(q):
    return (q.hardware and q.hardware.id, q.hardware_b and q.hardware_b.id)


def test_chinese_slower_than_another_card_compares_them():
    q = parse("我的4070跑qwen3 8b比3090慢很多，正常吗？")
    assert _ids(q) == ("rtx-4070", "rtx-3090")
    q = parse("换了4090之后比2080ti快得多")
    assert {q.hardware.id, q.hardware_b.id} == {"rtx-4090", "rtx-2080-ti"}


def test_comparison_in_a_title_leaves_the_laptops_apu_its_host():
    q = parse(
        "Rough speed comparison on my laptop to show why flash attention helps. My hardware is "
        "a Ryzen 9 AI HX 370 with LPDDR5 and an RTX 4060 Mobile."
    )
    assert _ids(q) == ("rtx-4060-laptop", None)


def test_apu_compared_in_its_own_sentence_stays_compared():
    q = parse("Ryzen AI Max+ 395 vs RTX 4090 for qwen3 32b, which is faster?")
    assert _ids(q) == ("radeon-8060s", "rtx-4090")


def test_chinese_in_hand_is_the_writers_own_card():
    # 手上有 / 手里有 / 手头有, "(I) have in hand": the card after it is the machine, not the one asked
    # about or priced before it
    q = parse("跑70b需要5090吗？我手里有两张3090")
    assert _ids(q) == ("rtx-3090", None)
    assert q.gpus == 2
    q = parse("4090太贵了，手头有一张3060 12g能跑qwen3 14b吗")
    assert _ids(q) == ("rtx-3060", None)
    assert q.vram_gb == 12
