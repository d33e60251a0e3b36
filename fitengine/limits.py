"""How much text canirun reads, in one place. The CLI, the bot and the library refuse (or, where
an answer has no room for an error, cut) longer input the same way, so that no input costs more
than a bounded amount of work: every pattern applied to user text is linear, and these bound
the constant.

This module imports nothing: the CLI reads it before it loads the engine.
"""

MAX_NAME = 200  # a model, hardware, quant, workload, mode or backend name: a paste is no name
MAX_QUESTION = 10_000  # a question in plain words (the parser itself reads nlq.MAX_CHARS of it)
MAX_LINE = 1_000_000  # one line of `canirun batch`
MAX_RESOLVE = 300  # what the resolver reads of a name (tool and spec-sheet lines are shorter)
