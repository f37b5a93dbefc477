"""Optional generated answers: an OpenAI-compatible model writes the answer from the retrieved passages, and
it is shown only when every quote it makes is found in the passage it cites (QABOT_LLM_URL; off by default).

`client` makes the one HTTP call, `prompt` writes the messages, `verify` checks the reply, and `generate`
turns a checked reply into an `Answer` or falls back to the extractive one with the reason.
"""
