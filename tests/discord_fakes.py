"""Stand-ins for what Discord's servers would give the bot: interactions that record what is sent.

Only the server side is faked, for the tests and the soak (bot/bench/soak.py), which run without a
connection. The payloads are built with discord.py's own `handle_message_parameters`, so `payloads`
holds exactly the JSON the bot would send; a followup before the interaction was acknowledged fails
as Discord would make it fail.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import discord

_ids = itertools.count(1_100_000_000_000_000_000)


def snowflake() -> int:
    return next(_ids)


@dataclass
class FakeUser:
    id: int = field(default_factory=snowflake)
    bot: bool = False
    name: str = "asker"
    guild_permissions: discord.Permissions = field(default_factory=discord.Permissions.none)

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class SentMessage:
    id: int
    kwargs: dict[str, Any]


class Recorder:
    """The ordered log of calls one interaction made (shared by its response and followup)."""

    def __init__(self, client: discord.Client | None) -> None:
        self.client = client
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.payloads: list[dict[str, Any]] = []
        self.message_ids: list[int] = []

    def payload(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        allowed = {k: v for k, v in kwargs.items()
                   if k in ("content", "embed", "embeds", "view", "allowed_mentions")}
        previous = getattr(self.client, "allowed_mentions", None)
        params = discord.http.handle_message_parameters(previous_allowed_mentions=previous, **allowed)
        return dict(params.payload or {})


class FakeResponse:
    def __init__(self, rec: Recorder) -> None:
        self.rec = rec
        self._done = False

    def is_done(self) -> bool:
        return self._done

    async def defer(self, *, ephemeral: bool = False, thinking: bool = False) -> None:
        if self._done:
            raise discord.InteractionResponded(None)  # type: ignore[arg-type]
        self._done = True
        self.rec.calls.append(("defer", {"ephemeral": ephemeral, "thinking": thinking}))

    async def send_message(self, content: str | None = None, **kwargs: Any) -> None:
        if self._done:
            raise discord.InteractionResponded(None)  # type: ignore[arg-type]
        self._done = True
        kwargs["content"] = content
        self.rec.calls.append(("send_message", kwargs))
        self.rec.payloads.append(self.rec.payload(kwargs))


class FakeFollowup:
    def __init__(self, rec: Recorder, response: FakeResponse) -> None:
        self.rec = rec
        self.response = response

    async def send(self, content: str | None = None, *, wait: bool = False, **kwargs: Any) -> SentMessage:
        if not self.response.is_done():
            raise discord.NotFound(_Resp(404), "Unknown Webhook: the interaction was not acknowledged")
        kwargs["content"] = content
        self.rec.calls.append(("followup", kwargs))
        self.rec.payloads.append(self.rec.payload(kwargs))
        message = SentMessage(snowflake(), kwargs)
        self.rec.message_ids.append(message.id)
        view = kwargs.get("view")
        if self.rec.client is not None and view is not None and not view.is_finished() and view.is_dispatchable():
            self.rec.client._connection.store_view(view, message.id)  # as discord.py's Webhook.send does
        return message


class _Resp:
    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = "fake"


class FakeInteraction:
    """Enough of discord.Interaction for the bot's handlers; records calls in order."""

    def __init__(self, client: discord.Client | None = None, user: FakeUser | None = None,
                 guild_id: int | None = 1, channel_id: int | None = 2, channel: Any = None,
                 locale: discord.Locale | None = None) -> None:
        self.client = client
        self.locale = locale  # the asker's Discord language (discord.Interaction.locale)
        self.user = user or FakeUser()
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.channel = channel
        self.rec = Recorder(client)
        self.response = FakeResponse(self.rec)
        self.followup = FakeFollowup(self.rec, self.response)

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        return self.rec.calls

    @property
    def payloads(self) -> list[dict[str, Any]]:
        return self.rec.payloads

    def sent(self) -> dict[str, Any]:
        """The keyword arguments of the last followup."""
        followups = [kw for name, kw in self.calls if name in ("followup", "send_message")]
        assert followups, f"nothing was sent: {self.calls}"
        return followups[-1]

    def text(self) -> str:
        """All visible text of the last message: content and every embed."""
        kw = self.sent()
        embeds = list(kw.get("embeds") or []) + ([kw["embed"]] if kw.get("embed") else [])
        return "\n".join([kw.get("content") or "", *map(embed_text, embeds)])


def embed_text(embed: discord.Embed) -> str:
    """The visible text of an embed: title, description, footer, then each field's name and value."""
    return "\n".join([embed.title or "", embed.description or "", embed.footer.text or ""]
                     + [f"{f.name}\n{f.value}" for f in embed.fields])
