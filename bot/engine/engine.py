"""The answer engine: a plain library that the CLI, the Discord bot, the evaluation and the benchmark share."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from ..config import Settings
from ..errors import IndexCorruptError
from ..index import store
from ..index.embedding import Embedder, encode_questions
from ..models import Answer, Citation, Passage
from ..reader.matcher import Matches
from ..text.amounts import localized_amount
from ..text.dates import localized, months_in_full
from ..text.glossary import Glossary
from ..text.lang import language_of
from ..text.words import STOPWORDS, query_terms, term_set, terms, words
from .abstain import DEFAULT, Decides, Evidence
from .acronyms import expand
from .answer import ScoredSentence, ambiguous, confidence, idf_table, never_named, score_sentences
from .asked_time import other_weekdays
from .fits import counts_elsewhere
from .full_name import full_name_first, never_given_in_full
from .glossed import asked_thing, glossed, used_glosses
from .hours import hour_not_given
from .korean_japanese import RETRIEVAL as KJ_RETRIEVAL
from .korean_japanese import (
    asks_where_at,
    nationality_in,
    on_minilm_scale,
    read_korean_japanese,
    unnamed_places,
)
from .leads import lead_of
from .lifespans import lifespan_first
from .lists import asks_several, whole_list, whole_name, whole_place_list, with_noun_asked
from .name_pairs import name_pairs_of, unpaired_names
from .named_near import missing_names
from .negation import asks_negated, negated_near, negation_for, opens_negated
from .opposites import opposite_asked
from .people import after_the_name, nationality_asked, who_is_who
from .phrases import no_place_inside
from .places import places_in
from .question import Question, as_asked, follow_up_query, is_follow_up, read_question
from .ranking import index_vectors, open_matcher, open_ranker, reordered
from .reading import (
    Found,
    Reads,
    agreed,
    margins,
    named_by_reader,
    open_multilingual_reader,
    open_reader,
    place,
    read,
    reader_refuses,
)
from .retrieval import retrieve
from .role_holders import nationality_first, of_another_country, role_holder_first
from .sanitize import clean_question, question_text, reading_form, unshouted
from .snippets import answer_text, cite, span_text, with_antecedents
from .spelling import Speller
from .stands_for import spelled_first
from .state import State
from .sums import moved_the_other_way
from .transcribed import transcribed
from .years import other_numbers, other_years

log = logging.getLogger(__name__)
PASSAGES = 12
MORE = 5
SUPPORT_RATIO = 0.9
# Cosine similarity of a word of the answer's sentences to a thing the sources never name, above which it
# stands for the thing ("cycling" 0.78 for "bicycle"; "performances" 0.45 for "songs"). Set on the tune split and
# evals/probe.jsonl: their unanswerable "which X" questions score 0.36-0.46, the answerable "bicycle journey" 0.59
# ("degree", 0.44, was already abstained on)
THING_CLOSE = 0.5
WORD_VECTORS = 50_000  # most source words kept encoded (about 77 MB at 384 floats); past it the cache restarts


class Engine:
    """Answers questions from one index; `reload` swaps in a new index without interrupting answers."""

    def __init__(self, index: store.IndexData, embedder: Embedder, settings: Settings | None = None,
                 reader: Reads | None = None, decision: Decides | None = None, lead: str = "both") -> None:
        self.settings = settings or Settings()
        self.embedder = embedder
        self.reader = reader  # None: the hand-written rules alone pick the phrase and decide to abstain
        self.decision: Decides = decision or DEFAULT
        # "both": the reader picks the sentence among the best passages and names the phrase when it is sure,
        # unless the rules found a date, name, place or amount; the rules decide whether to answer (a veto by the
        # reader's scores cost the seed sets: docs/reader.md, "The default, in full"). "reader" (the ablation): the
        # reader's span always, and its scores with the rules' confidence decide (bot/engine/abstain.py)
        self.lead = lead
        self._lock = threading.Lock()
        self._multilingual_embedder: Embedder | None = None  # loaded with the first Korean or Japanese question
        # QABOT_READER_MULTILINGUAL's reader, None when off (the default); one set but broken fails here, at start
        self._multilingual_reader = open_multilingual_reader(self.settings)
        self.ranker = open_ranker(self.settings)  # QABOT_RANKER's sentence ranker, None when off
        self.matcher: Matches | None = open_matcher(self.settings)  # QABOT_MATCHER's sentence matcher, None: off
        # on_ranked(text, ranked, index): for each question answered the English way, the question as read (the text
        # the ranker is given) and a copy of the rules' ranking before the ranker and the reader move it; how the
        # ranker's training candidates are collected (bot/evaluation/candidates.py)
        self.on_ranked: Callable[[str, list[ScoredSentence], store.IndexData], None] | None = None
        self.glossary = Glossary(self.settings.glossary)
        self._state = self._derive(index)

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder | None = None) -> Engine:
        """Load the current index and a question encoder that matches it."""
        index = store.load_index(settings.index_dir)
        store.check_model(index, settings.model)
        if embedder is None:
            from ..index.encoders import query_embedder

            embedder = query_embedder(settings, index)
        reader, decision = open_reader(settings)
        return cls(index, embedder, settings, reader, decision, "reader" if settings.reader_mode == "alone" else "both")

    def _derive(self, index: store.IndexData) -> State:
        if index.manifest.get("dimension") != getattr(self.embedder, "dimension", index.manifest.get("dimension")):
            raise IndexCorruptError(
                f"The index has vectors of dimension {index.manifest.get('dimension')} but the model gives "
                f"{self.embedder.dimension}. Run `qabot build` to rebuild it with the current model.")
        # titles count as documents too: "the author of Turning a Page" names a known article
        texts = [a.title for a in index.articles.values()] + [c.text for c in index.chunks]
        idf = idf_table(texts)
        titles = who_is_who(s.text for s in index.sentences)
        speller = Speller(idf.keys(), lambda: (s.text for s in index.sentences))
        vectors = None if self.matcher is None else index_vectors(self.matcher, index)
        return State(index, idf, max(idf.values(), default=1.0), speller, titles,
                      self._multilingual_view(index), name_pairs_of(s.text for s in index.sentences), vectors)

    def _multilingual_view(self, index: store.IndexData) -> store.IndexData | None:
        """The index with its multilingual vectors in place of the main ones; the index itself when its main
        model is multilingual; None when it has none."""
        from ..index.e5 import is_e5

        if is_e5(str(index.manifest.get("model", ""))):
            return index
        side = index.multilingual
        if side is None:
            return None
        return replace(index, vectors=side.vectors, sentence_vectors=side.sentence_vectors,
                       sentence_store=side.sentence_store)

    def multilingual_embedder(self) -> Embedder:
        """The question encoder for the multilingual vectors (the main one when that is multilingual)."""
        from ..index.e5 import E5Embedder, is_e5

        if is_e5(str(self.index.manifest.get("model", ""))):
            return self.embedder
        with self._lock:
            if self._multilingual_embedder is None:
                side = self.index.multilingual
                self._multilingual_embedder = E5Embedder(side.model if side else self.settings.multilingual)
            return self._multilingual_embedder

    def multilingual_reader(self) -> Reads | None:
        """The reader of Korean and Japanese questions (None: off, the default)."""
        return self._multilingual_reader

    @property
    def index(self) -> store.IndexData:
        return self._state.index

    @property
    def version(self) -> str:
        return self._state.index.version

    def reload(self) -> str:
        """Load the current index from disk and swap it in; on failure keep serving the old one."""
        index = store.load_index(self.settings.index_dir)
        store.check_model(index, self.settings.model)
        state = self._derive(index)
        with self._lock:
            self._state = state
        log.info("index %s loaded", index.version)
        return index.version

    def answer(self, question: str, previous: str | None = None, locale: str | None = None) -> Answer:
        """An extractive, cited answer, or an abstention with the nearest passages. A question in Korean or
        Japanese (its script says; `locale`, Discord's, breaks ties) is answered in its language."""
        started = time.perf_counter()
        state = self._state  # one index for the whole answer, even if a reload happens meanwhile
        typed = question_text(question, self.settings.max_question_chars)  # or QuestionError; shown as typed
        as_read = reading_form(typed, self.settings.max_question_chars)  # "ＷＨＥＮ" as "WHEN", "..??!!" as "..?"
        lang = language_of(as_read, locale)
        if lang != "en" and state.multilingual is not None:
            return self._answer_korean_japanese(as_read, lang, state, state.multilingual, started, shown=typed)
        as_read = unshouted(as_read)  # "WHEN WAS THE SEOUL CONCERT?" as "when was the seoul concert?"
        text, read_as = state.speller.correct(months_in_full(as_read))  # "tresty" as "treaty", "dec 5" as "December 5"
        text, spelled = expand(text, state.idf, lambda: state.acronyms)  # "WWII" as "World War II"
        read_as.update(spelled)
        previous = clean_question(previous, self.settings.max_question_chars) if previous else None
        if previous and not is_follow_up(text):
            previous = None
        q = read_question(text, previous)
        query = follow_up_query(text, previous) if previous else text
        vector = encode_questions(self.embedder, [as_asked(query[: self.settings.max_question_chars])])[0]
        passages = retrieve(state.index, query, vector, self.settings.retrieval, k=PASSAGES)
        ranked = score_sentences(q, vector, passages, state.index.sentences, state.index.sentence_vectors,
                                 state.index.articles, state.idf, state.default_idf, state.titles)
        if self.on_ranked is not None:
            self.on_ranked(text, list(ranked), state.index)  # a copy: the steps below edit `ranked` in place
        found = None
        judged = ranked[0] if ranked else None  # what the rules' confidence judges: their own best sentence
        # which of the rules' best sentences holds the answer, by the opt-in models (none: as the rules ranked them)
        ranked = reordered(ranked, text, state.index.sentences, state.index.articles, self.ranker, self.matcher,
                           state.matcher_vectors)
        alone = self.lead == "reader"
        if self.reader is not None and ranked:
            found = read(self.reader, text, ranked, passages, state.index.sentences, state.index.articles)
            if found is not None:
                limits = (-np.inf, -np.inf) if alone else margins(text, found, q.kind, q.yes_no)
                ranked = place(ranked, found, *limits)
                if not alone and judged and named_by_reader(q, judged, found, ranked, state.index, state.titles):
                    judged = replace(judged, wants_phrase=False)  # the reader found the date or name the rules lacked
        ranked = full_name_first(text, ranked, state.index.sentences)  # "Ambassador Park's full name"
        ranked, passages = lifespan_first(q, ranked, passages, state.index)  # "When was Tesla born?": "(10 July..."
        ranked, passages, spelled_out = spelled_first(text, ranked, passages, state.index)  # "(CRI)", "(aka 'CFLs')"
        # the sources say what it stands for: that sentence is judged, and the reader's span, its refusal and (with
        # QABOT_READER_MODE=alone) its decision no longer apply
        judged, found = (ranked[0], None) if spelled_out else (judged, found)
        if ranked and q.identity and ranked[0].phrase is not None:  # "Who is Akihisa Nagashima?": not his name
            ranked[0] = replace(ranked[0], phrase=after_the_name(text, ranked[0].phrase))
        best = ranked[0] if ranked else None
        if best is not None and best.phrase is not None and q.kind in ("who", "where", "other") and not q.identity \
                and not spelled_out:
            # the whole name ("Time Warner Cable"); asked for several, every name the sentence gives, not the first
            sentence = state.index.sentences[best.span[0]].text
            whole = whole_name(sentence, best.phrase)
            whole = with_noun_asked(text, sentence, whole) if q.kind == "other" else whole  # "vernacular buildings"
            if q.kind == "where":  # a place, with the places listed with it: "in London and New York"
                whole = whole_place_list(sentence, whole)
            elif asks_several(text):
                whole = whole_list(sentence, whole)
            ranked[0] = replace(best, phrase=whole)
        refuse = bool(ranked) and never_given_in_full(text, ranked, state.index.sentences)  # "Funakoshi's full name"
        country = nationality_asked(text)
        ranked = nationality_first(country, q, ranked, state.index.sentences, state.titles)
        unknown = never_named(q, state.idf)
        if ranked and of_another_country(country, q, ranked[0], state.index.sentences, state.titles):
            judged = _lacking(ranked, judged)  # "Korea's prime minister": the sources name only Japan's
        swapped = unpaired_names(text, state.name_pairs)  # "Queen George's War" where the sources say "King George"
        swapped += other_years(text, ranked[0], passages, state.index) if ranked and not unknown else ()
        swapped += other_numbers(text, ranked[0], passages, state.index) if ranked and not unknown else ()
        if ranked and swapped and not unknown:
            judged = _lacking(ranked, judged)
            unknown += swapped
        if ranked and asks_negated(text) and not negation_for(text, ranked[0].span, ranked[0].sid,
                                                              state.index.sentences):
            judged = _lacking(ranked, judged)  # "What territory wasn't ceded?" answered by what was ceded
        if ranked and opens_negated(text) and not negated_near(ranked[0].span, ranked[0].sid, state.index.sentences, 0,
                                                               question=text):
            refuse = True  # "When didn't Washington reach the fort?" answered by when he did
        if ranked and opposite_asked(text, ranked[0].span, ranked[0].sid, state.index.sentences):
            judged = _lacking(ranked, judged)  # "Why did the British operations succeed?" answered by how they failed
        if ranked and missing_names(q, ranked[0].span, state.index.sentences, state.index.articles, state):
            # "What did Kuwait announce?" answered by what Libya did
            judged = _lacking(ranked, judged)
        if ranked and q.kind == "where" and ranked[0].phrase is None and no_place_inside(
                text, state.index.sentences[ranked[0].sid].text):
            judged = _lacking(ranked, judged)  # "Where in Tokyo...?" answered by "in Seoul ... and in Tokyo"
        said = span_text(ranked[0], state.index.sentences) if ranked else ""
        phrase = ranked[0].phrase if ranked else None
        if ranked and (counts_elsewhere(q, phrase, said, state.idf) or other_weekdays(text, said) or (
                phrase is not None and moved_the_other_way(text, state.index.sentences[ranked[0].span[0]].text,
                                                           phrase.start, phrase.end))):
            # "How many languages...?" answered by "14 series"; "the Sunday matinees" by those on Thursdays; "By how
            # much did apartment prices fall?" by "gaining 2.6%"
            judged = _lacking(ranked, judged)
        if ranked and q.thing and not self._mentions(q.thing, ranked[0], state):
            judged = _lacking(ranked, judged)
            unknown += (q.thing,)
        if found is not None and judged is not None and not alone and reader_refuses(q, found, judged):
            refuse = True  # the sentence holds the question's words, and the reader reads no answer in it
        if ranked and hour_not_given(text, ranked[0], state.index.sentences):
            refuse = True  # "What time did the semi-final kick off?": a day does not say at what hour
        return self._compose(typed, query, tuple(read_as.items()), unknown, state, passages, ranked, started, found,
                             judged, lang, refuse)

    def _answer_korean_japanese(self, typed: str, lang: str, state: State, view: store.IndexData,
                                started: float, shown: str | None = None) -> Answer:
        """The English path over the multilingual vectors: the question's kind read in its language, its
        words in Latin letters matched as they stand; the English reader is left out (a multilingual one reads
        when QABOT_READER_MULTILINGUAL sets it), and the abstention threshold is the one calibrated on Korean and
        Japanese questions."""
        sounded = transcribed(typed, lang, state.sounds)  # "이재명": "Lee Jae-myung"
        heard = [spelling for _, spelling in sounded]
        # "병합": "annexation", "詩人": "poet": searched as keywords (as the question's terms too, they cost the
        # tune splits answers: docs/korean-japanese.md, "How each rule works")
        meant = [g for _, glosses in glossed(typed, lang, self.glossary, state.idf, [w for w, _ in sounded],
                                             view.keyword.holding, heard) for g in glosses]
        q = read_korean_japanese(typed, lang, heard)
        english = " ".join(heard + meant)
        vectors = encode_questions(self.multilingual_embedder(), [typed, english] if english else [typed])
        vector = vectors[0]
        # searched with the question and its English words together ("리셉션 도쿄" beside "reception Tokyo"); the
        # passages' cosines, which the scoring and the threshold were fitted on, stay the question's own
        search = vector if len(vectors) == 1 else (vectors[0] + vectors[1]) / np.linalg.norm(vectors[0] + vectors[1])
        passages = [replace(p, dense=on_minilm_scale(p.dense)) for p in
                    retrieve(view, typed, search, KJ_RETRIEVAL, k=PASSAGES, words=english,
                             scored_by=None if search is vector else vector)]
        ranked = score_sentences(q, vector, passages, view.sentences, view.sentence_vectors, view.articles,
                                 state.idf, state.default_idf, state.titles, similarity=on_minilm_scale,
                                 hints=[t for g in meant for t in query_terms(g)])
        ranked = full_name_first(typed, ranked, view.sentences, heard)  # "朴大使のフルネーム": Park Cheol-hee
        ranked = role_holder_first(q, ranked)
        country = nationality_in(typed)
        ranked = nationality_first(country, q, ranked, view.sentences, state.titles)
        reader = self.multilingual_reader()
        if reader is not None and ranked:
            # the multilingual reader reads the passages of the two best sentences, as the English one does: its
            # span picks the sentence and, when sure, is the answer (the English margins; its "no answer" score
            # does not join the abstention: docs/korean-japanese.md, "The multilingual reader")
            found = read(reader, typed, ranked, passages, view.sentences, view.articles)
            if found is not None:
                ranked = place(ranked, found)
        unknown, refuse = self._korean_japanese_missing(typed, lang, q, ranked, passages, state, view)
        refuse = refuse or (bool(ranked) and never_given_in_full(typed, ranked, view.sentences, heard))
        # "韓国の首相": the sources give that role only to another country's holder (refused, as another year is)
        refuse = refuse or (bool(ranked) and of_another_country(country, q, ranked[0], view.sentences, state.titles))
        if ranked and ranked[0].wants_phrase and ranked[0].phrase is None and (
                q.kind != "where" or (asks_where_at(typed) and not self._place_given(typed, lang, ranked[0], view))):
            # "지휘자는 누구였어요?", "合唱団は何人?": the best sentence holds no phrase of the kind asked for (a
            # name, date, year, count, amount, duration, words said), so it cannot answer; 어디 / どこ also ask
            # "which group", which no place phrase answers, but 어디서 / どこで (at where) ask for a place, unless
            # the sentence has the one the question names ("ソウルのコンサートはどこで": "held in Seoul")
            refuse = True
        # "60주년": a number does not pick among dates; a month's name does ("6月16日": June 16, not June 19)
        words_given = [t for t in q.terms if not t.isdigit()]
        if ranked and ranked[0].phrase is not None and not words_given and ambiguous(q, ranked[0], view.sentences,
                                                                                     view.articles, state.titles):
            # nothing in the question's letters tells which of the sentence's dates (names...) it asks for:
            # the sentence is the answer, not a guess among them
            ranked[0] = replace(ranked[0], phrase=None, wants_phrase=False)
        return self._compose(shown or typed, typed, (), unknown, state, passages, ranked, started, None,
                             ranked[0] if ranked else None, lang, refuse)

    def _korean_japanese_missing(self, typed: str, lang: str, q: Question, ranked: list[ScoredSentence],
                                 passages: list[Passage], state: State,
                                 view: store.IndexData) -> tuple[tuple[str, ...], bool]:
        """What a Korean or Japanese question names that the sources or the best answer lack (for the note, in
        the question's words), and whether that refuses the answer outright; the best answer is marked as
        lacking it."""
        unknown = never_named(q, state.idf) + unnamed_places(typed, lang, state.idf)
        thing = self._unmentioned_thing(typed, lang, ranked[0], state) if ranked and not unknown else ""
        if thing:  # "어느 공항에": the sources never speak of an airport
            _lacking(ranked, None)  # the judged answer is ranked[0] itself here
            unknown += (thing,)
        # "부산에서 열린 콘서트", "어느 공항에 설치됐지?": what the question names is missing from the sources, and it
        # names no place or name they do use (with one, "서울에서 열렸나요, 부산에서 열렸나요?", the confidence is
        # only lowered, as in English)
        refuse = bool(unknown) and not any(t in state.idf for t in q.entities)
        if ranked and hour_not_given(typed, ranked[0], view.sentences):
            refuse = True  # "몇 시에 시작했나요?": a date does not say at what hour
        years = other_years(typed, ranked[0], passages, state.index, lang) if ranked and not unknown else ()
        if years:  # "2019년에 열린 콘서트": the sources' concert was in 2025
            _lacking(ranked, None)
            unknown += years
            # refused too: the vectors cannot tell one year's concert from another's, and at this threshold
            # halving the confidence (as in English) is not enough
            refuse = True
        return unknown, refuse

    @staticmethod
    def _place_given(question: str, lang: str, best: ScoredSentence, view: store.IndexData) -> bool:
        """Whether the best answer's sentences hold a place the question names."""
        first, last = best.span
        found = term_set(" ".join(view.sentences[i].text for i in range(first, last + 1)))
        return any(t in found for _, english in places_in(question, lang) for t in query_terms(english))

    def _unmentioned_thing(self, question: str, lang: str, best: ScoredSentence, state: State) -> str:
        """The thing a Korean or Japanese which-question asks about ("어느 공항", which airport), in its words, when
        the sources use none of its English glosses as a common word (Ambassador Park is no park) and the best
        answer holds no word close to its first (English: `_mentions` of question.asked_thing); else ""."""
        thing = asked_thing(question, lang, self.glossary)
        if thing is None or used_glosses(thing[1], state.common_terms) \
                or self._mentions(thing[1][0][0], best, state):
            return ""
        return thing[0]

    def _mentions(self, thing: str, best: ScoredSentence, state: State) -> bool:
        """Whether the sources can say which `thing` the question asks about: they use the word as a common word
        (not only in a name: Ambassador Park is no park), or the best answer's sentences hold one close to it
        in meaning ("cycling" for "bicycle"). The sources never speak of songs, and a sentence about K-pop
        performances does not say which songs were sung."""
        if any(t in state.common_terms for t in terms(thing)):
            return True
        first, last = best.span
        sentences = state.index.sentences
        lead = lead_of(state.index.articles[sentences[first].article_id].text, sentences[first].start)  # "Boat"
        found = sorted(({w for i in range(first, last + 1) for w in words(sentences[i].text)} | set(words(lead)))
                       - STOPWORDS)
        if not found:
            return False
        cache = state.word_vectors  # words of the sources only: question text never fills it
        known = {w: v for w in found if (v := cache.get(w)) is not None}
        missing = [w for w in found if w not in known]
        vectors = self.embedder.encode([thing, *missing])
        known.update(zip(missing, vectors[1:]))
        if len(cache) > WORD_VECTORS:
            cache.clear()
        cache.update(zip(missing, vectors[1:]))
        return float((np.stack([known[w] for w in found]) @ vectors[0]).max()) >= THING_CLOSE

    def _compose(self, question: str, understood: str, read_as: tuple[tuple[str, str], ...],
                 unknown: tuple[str, ...], state: State, passages: list[Passage], ranked: list[ScoredSentence],
                 started: float, found: Found | None = None, judged: ScoredSentence | None = None,
                 lang: str = "en", refuse: bool = False) -> Answer:
        """Cite the best sentence; also cite others that give the same answer or score nearly as well.

        The remaining passages become `more` (the nearest passages when abstaining); an abstention also
        says what of the question (`unknown`) the sources never mention."""
        index = state.index
        by_sentence = {sid: p for p in passages for sid in p.chunk.sentence_ids}
        conf = confidence(judged or ranked[0], passages) if ranked else 0.0
        # refuse: what the question asks cannot be in the sources (a full name they never give; in Korean and
        # Japanese also a place they never name, another year, an hour, no phrase of the kind asked for)
        if found is not None and self.lead == "reader":  # the reader's scores and the rules' confidence decide
            conf = 0.0 if refuse else self.decision.probability(Evidence(found.margin, found.score, conf,
                                                                         ranked[0].names_ok))
            abstain = refuse or conf < self.decision.threshold
        elif lang == "en":
            conf = 0.0 if refuse else conf
            if not refuse and ranked and judged is not None and judged.names_ok and agreed(found, ranked[0]):
                conf = max(conf, self.settings.abstain_threshold)  # the rules' phrase, and the reader's, sure of it
            abstain = not ranked or refuse or conf < self.settings.abstain_threshold
        else:
            conf = 0.0 if refuse else min(conf, 1.0)  # e5's cosines, moved onto MiniLM's scale, can pass 1
            abstain = not ranked or refuse or conf < self.settings.abstain_threshold_ko_ja
        best = ranked[0] if ranked else None
        supporting: list[Citation] = []
        others: list[Citation] = []
        used: set[str] = set()
        quoted: set[int] = set()  # sentences already in a snippet: no citation repeats another
        for item in ranked:
            passage = by_sentence[item.sid]
            first, last = item.span
            if passage.chunk.id in used or quoted.intersection(range(first, last + 1)):
                continue
            article = index.articles[index.sentences[item.sid].article_id]
            same = not abstain and best is not None and _supports(item, best)
            if item is best and not abstain and best.phrase is None:
                item = best = with_antecedents(best, index.sentences, article.text)
            used.add(passage.chunk.id)
            quoted.update(range(item.span[0], item.span[1] + 1))
            target = supporting if same and len(supporting) < self.settings.citations else others
            target.append(cite(0, item, index.sentences, article, passage.chunk.id, with_phrase=same))
            if len(others) >= self.settings.citations + MORE:
                break
        if abstain:
            supporting, others = others[: self.settings.citations], others[self.settings.citations:]
        shown = _numbered(supporting, 1)
        more = _numbered(others, len(shown) + 1)
        text = None
        if not abstain and best is not None:
            marks = "".join(f"[{c.n}]" for c in shown)
            said = answer_text(best, index.sentences)
            text = f"{localized_amount(localized(said, lang), lang) if best.phrase is not None else said} {marks}"
        return Answer(question, text, abstain, shown, round(conf, 4),
                      (time.perf_counter() - started) * 1000, index.version, more, understood, read_as,
                      unknown if abstain else (), lang=lang)


def _lacking(ranked: list[ScoredSentence], judged: ScoredSentence | None) -> ScoredSentence | None:
    """Mark the best answer (in `ranked`, and `judged`, the one the confidence judges) as one that lacks
    something the question names: its confidence drops as for a missing name."""
    ranked[0] = replace(ranked[0], names_ok=False)
    return replace(judged, names_ok=False) if judged is not None else None


def _supports(item: ScoredSentence, best: ScoredSentence) -> bool:
    """Whether a sentence backs the best answer: the same answer phrase, or nearly the same score."""
    if item is best:
        return True
    if best.phrase is not None:
        return item.phrase is not None and item.phrase.answer == best.phrase.answer
    return item.score >= SUPPORT_RATIO * best.score


def _numbered(citations: list[Citation], first: int) -> tuple[Citation, ...]:
    return tuple(replace(c, n=first + i) for i, c in enumerate(citations))
