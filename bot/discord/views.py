"""The buttons under an answer: "More sources" and 👍/👎.

They are dynamic items: the question id is in the custom id and everything else is read from the
history store, so the buttons keep working after a restart.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol

import discord

from ..text.messages import say

log = logging.getLogger(__name__)


class Handles(Protocol):
    """What the buttons call: the bot's answering path (bot/discord/qa.py, `QA`)."""

    async def more_sources(self, interaction: discord.Interaction, question_id: int) -> None: ...

    async def feedback(self, interaction: discord.Interaction, question_id: int, vote: int) -> None: ...


def _qa(interaction: discord.Interaction) -> Handles:
    return interaction.client.qa  # type: ignore[attr-defined]


class MoreButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"qabot:more:(?P<qid>[0-9]{1,18})"):
    """Shows the next passages behind an answer, only to the user who clicks."""

    def __init__(self, question_id: int, disabled: bool = False, lang: str = "en") -> None:
        self.question_id = question_id
        super().__init__(discord.ui.Button(label=say("more_sources", lang), style=discord.ButtonStyle.secondary,
                                           custom_id=f"qabot:more:{question_id}", disabled=disabled))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> MoreButton:
        return cls(int(match["qid"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await _qa(interaction).more_sources(interaction, self.question_id)


class VoteButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=r"qabot:vote:(?P<qid>[0-9]{1,18}):(?P<vote>up|down)"):
    """Stores 👍 or 👎 for an answer."""

    def __init__(self, question_id: int, vote: str) -> None:
        self.question_id = question_id
        self.vote = 1 if vote == "up" else -1
        super().__init__(discord.ui.Button(emoji="👍" if vote == "up" else "👎", style=discord.ButtonStyle.secondary,
                                           custom_id=f"qabot:vote:{question_id}:{vote}"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> VoteButton:
        return cls(int(match["qid"]), match["vote"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _qa(interaction).feedback(interaction, self.question_id, self.vote)


def answer_view(question_id: int, has_more: bool, lang: str = "en") -> discord.ui.View:
    """The row of buttons for one stored answer (labelled in the question's language)."""
    view = discord.ui.View(timeout=None)
    view.add_item(MoreButton(question_id, disabled=not has_more, lang=lang))
    view.add_item(VoteButton(question_id, "up"))
    view.add_item(VoteButton(question_id, "down"))
    return view
