from bot.index.chunking import chunk_article, split_sentences
from bot.models import Article


def test_sentences_keep_offsets_and_respect_abbreviations() -> None:
    text = "It was reported (Korea JoongAng Daily, 16 Feb. 2025). Then Dr. Kim spoke.\nA heading\nLast one!"
    spans = split_sentences(text)
    got = [text[a:b] for a, b in spans]
    assert got == ["It was reported (Korea JoongAng Daily, 16 Feb. 2025).", "Then Dr. Kim spoke.", "A heading",
                   "Last one!"]


def test_chunks_are_exact_slices_with_overlap_and_stable_ids() -> None:
    text = " ".join(f"Sentence number {i} says something about the treaty." for i in range(30))
    article = Article(id="a", title="T", text=text)
    sentences, chunks = chunk_article(article, max_chars=200, overlap=1)
    assert len(chunks) > 3
    for c in chunks:
        assert article.text[c.start:c.end] == c.text
        assert c.id == f"a:{c.start}-{c.end}"
        assert len(c.text) <= 200
        assert c.text.startswith(sentences[c.sentence_ids[0]].text)
    for prev, nxt in zip(chunks, chunks[1:]):
        assert prev.sentence_ids[-1] == nxt.sentence_ids[0]  # one sentence of overlap
    assert chunk_article(article, max_chars=200)[1] == chunks  # deterministic


def test_a_sentence_longer_than_a_chunk_still_forms_one_chunk() -> None:
    article = Article(id="b", title="T", text="word " * 300 + "end.")
    _, chunks = chunk_article(article, max_chars=100)
    assert len(chunks) == 1 and chunks[0].text == article.text.strip()


def test_a_parenthetical_attribution_stays_with_its_sentence() -> None:
    text = "They performed Ode to Joy. (Korea JoongAng Daily, 05 Dec. 2025).\nNext line here."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "They performed Ode to Joy. (Korea JoongAng Daily, 05 Dec. 2025).", "Next line here."]
