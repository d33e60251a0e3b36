"""Tool calls said to go wrong: the answer says the usual cause, the chat template."""

from fitengine import ask


def test_bad_tool_calls_are_answered_with_the_models_and_the_template_fix():
    a = ask("RTX 3090: I get bad tool calls in OpenCode, which model should I use for coding?")
    assert a.reports and "--jinja" in a.message


def test_tool_calls_that_work_need_no_such_note():
    a = ask("tool calling works great with qwen3 8b on my 3090, how fast is it?")
    assert a.reports and "--jinja" not in a.message
