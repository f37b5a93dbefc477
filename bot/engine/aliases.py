"""A country's (or a body's) other names: "the US" is "the United States", "U.S.", "America" and "American". The
name-near rule (bot/engine/named_near.py) finds a question's name by any of them, and an answer that is only another
name of something the question names says nothing new ("Who announced an embargo on the US?" is not "the United
States"; bot/engine/answer.py)."""

from __future__ import annotations

from functools import lru_cache

from ..text.words import query_terms

# each entry: the terms of each of its names
ALIASES = tuple(tuple(frozenset(query_terms(f)) for f in forms.split("|")) for forms in (
    "US|U S|USA|United States|America|American", "UK|U K|United Kingdom|Britain|British|England|English",
    "USSR|Soviet", "UN|United Nations", "France|French", "Spain|Spanish", "Germany|German", "Poland|Polish|Poles",
    "Netherlands|Dutch", "China|Chinese", "Russia|Russian", "Switzerland|Swiss", "Sweden|Swedish",
    "Denmark|Danish", "Norway|Norwegian", "Finland|Finnish", "Turkey|Turkish", "Greece|Greek", "Ireland|Irish",
    "Scotland|Scottish", "Wales|Welsh", "Portugal|Portuguese", "TV|television", "Oscar|Academy Award"))


@lru_cache(maxsize=1024)
def other_names(asked: frozenset[str]) -> frozenset[frozenset[str]]:
    """Every name (as its terms) of each country or body in ALIASES that the terms `asked` name: {"us", ...} gives
    {"unit", "state"}, {"america"}, {"american"} and the others. Cached: the rules ask it once per candidate
    phrase, with the same question."""
    return frozenset(f for forms in ALIASES if any(f and f <= asked for f in forms) for f in forms if f)
