"""Hardware and upgrade questions of kinds development had not met (advice105): budgets in yen,
won, rubles and rupees converted at their rate ("¥" read as yen only in a Japanese text), euros
written with a dot between thousands."""

import pytest

from fitengine.language import default_language
from fitengine.nlq import parse


def _usd(name: str, amount: float) -> float:
    rate = next(c.usd_per_unit for c in default_language().currencies if c.name == name)
    return amount * rate


# --------------------------------------------------------------------------- budgets by currency


@pytest.mark.parametrize(
    ("text", "currency", "amount"),
    [
        ("ローカルLLMを動かしたいです。予算25万円でおすすめのGPUは?", "jpy", 250_000),
        ("LLM用にグラボを買う予定、¥200,000くらいまでで何がいい?", "jpy", 200_000),
        ("로컬 LLM용 그래픽카드 300만원 이하로 뭐 사야 하나요?", "krw", 3_000_000),
        (
            "Хочу собрать ПК под локальные нейросети, бюджет около 200 тыс. руб, что брать?",
            "rub",
            200_000,
        ),
        ("видеокарта для llm до 90 000 ₽ — что лучше?", "rub", 90_000),
        ("Which GPU should I buy for running LLMs locally under 2 lakh rupees?", "inr", 200_000),
        ("best graphics card for ollama around Rs. 60,000?", "inr", 60_000),
    ],
)
def test_a_budget_in_another_currency_is_converted_at_its_rate(text, currency, amount):
    q = parse(text)
    assert q.intent == "best_hw"
    assert q.budget_usd == pytest.approx(_usd(currency, amount), rel=0.01)


def test_the_yen_sign_in_an_english_text_is_still_yuan():
    # "¥" is both: with no kana and no word "yen" the text is read as the yuan's (a Chinese
    # writer's English), as before
    q = parse("which card can I get for ¥6000 to run qwen 27b?")
    assert q.budget_usd == pytest.approx(_usd("cny", 6000), rel=0.01)
    q = parse("which card can I get for ¥150,000 (yen) to run qwen 27b?")
    assert q.budget_usd == pytest.approx(_usd("jpy", 150_000), rel=0.01)


def test_euros_with_a_dot_between_thousands_are_thousands():
    assert parse("Welche GPU für lokale LLMs bis 1.200 €?").budget_usd == pytest.approx(1200)
    assert parse("quale scheda video per LLM con 2.500€ di budget?").budget_usd == pytest.approx(
        2500
    )


def test_a_card_number_near_a_currency_word_is_not_money():
    # "к" is also Russian "to": not a thousand rubles alone
    q = parse("как подключить 3090 к рублёвому серверу, хватит ли памяти для qwen 32b?")
    assert q.budget_usd is None


# --------------------------------------------------------------------------- three devices, no model


def test_three_cards_compared_with_no_model_are_all_answered():
    from fitengine.answers import ask

    a = ask("3090 vs 4090 vs 5090, which one for local llms?")
    assert "Left out" not in a.message
    for name in ("RTX 3090", "RTX 4090", "RTX 5090"):
        assert name in a.message
    # one model all three hold, at one quant, as the like-for-like speed
    assert "which all hold" in a.message
    rows = [r for r in a.reports if r.model.id == a.reports[0].model.id]
    assert {r.hardware.id for r in rows[:3]} == {"rtx-3090", "rtx-4090", "rtx-5090"}
    assert len({r.quant for r in rows[:3]}) == 1
    assert "RTX 5090 has the most memory" in a.message


def test_a_comma_list_of_cards_ending_in_or_is_one_option_each():
    q = parse("Which would you pick for running models at home: a 4090, a 5090 or two used 3090s?")
    assert not q.options  # not "4090 + 5090" against two 3090s
    ids = [q.hardware.id, q.hardware_b.id, *(s.id for s in q.more_hardware)]
    assert ids == ["rtx-4090", "rtx-5090", "rtx-3090"]
    # a card said with a comma and "adding" is still one machine with it
    q = parse("I have a 3090, thinking of adding a 3060 or a 4060 ti, which is better for 70b?")
    assert q.owned is not None and [s.id for s in q.owned.setup] == ["rtx-3090"]


# --------------------------------------------------------------------------- keep or return a card


def test_a_card_on_its_way_weighed_as_kept_or_returned_compares_with_and_without():
    q = parse(
        "I own a 4090 and another 4090 is being delivered on monday. should I keep both or "
        "return it? I use gemma 4 31b mostly"
    )
    assert q.intent == "compare"
    assert [(s.id, s.gpus) for s in q.owned.setup] == [("rtx-4090", 1)]
    assert [[(s.id, s.gpus) for s in o.setup] for o in q.options] == [[("rtx-4090", 2)]]


# --------------------------------------------------------------------------- bigger than one that runs


def test_a_model_said_to_run_well_and_bigger_ones_asked_is_a_list_of_the_biggest():
    from fitengine.answers import ask

    text = (
        "Qwen3.6 27B works great on my 4090 with 96gb ram. what models bigger than what fits "
        "in my card could I still run?"
    )
    q = parse(text)
    assert q.intent == "best_model_for_hw"
    assert q.order == "biggest"
    a = ask(text)
    # the biggest that run, experts in RAM, not a yes on the model that already runs
    assert a.reports[0].placement.kind == "moe_offload"
    assert a.reports[0].model.params_b > 100


def test_a_model_said_to_run_well_asked_about_itself_stays_its_card():
    q = parse("gemma 4 31b runs fine on my 5090. how much context can I fit with it?")
    assert q.model is not None and q.model.id.startswith("gemma-4-31b")
