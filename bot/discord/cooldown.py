"""Per-user cooldown between questions."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from ..text.messages import say


class Cooldown:
    """At most one question per user every `seconds`; memory stays bounded however many users ask."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic, max_users: int = 10_000) -> None:
        self.seconds = max(0.0, float(seconds))
        self.clock = clock
        self.max_users = max_users
        self._last: dict[int, float] = {}

    def hit(self, user_id: int) -> float:
        """0 if the user may ask now (and starts their cooldown), else the seconds left to wait."""
        if self.seconds <= 0:
            return 0.0
        now = self.clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            return self.seconds - (now - last)
        if len(self._last) >= self.max_users:
            self._last = {u: t for u, t in self._last.items() if now - t < self.seconds}
        self._last[user_id] = now
        return 0.0


def wait_message(seconds_left: float, lang: str = "en") -> str:
    """The friendly reply for a user who asks again too soon, in `lang`."""
    return say("wait", lang, seconds=max(1, math.ceil(seconds_left)))
