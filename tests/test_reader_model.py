"""The shipped reader (models/reader, card in its README): it loads with onnxruntime alone and reads."""

import json

from bot.config import DEFAULT_READER
from bot.reader.model import Reader

CONTEXT = ("The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region "
           "in France. They were descended from Norse raiders and pirates from Denmark, Iceland and Norway who, "
           "under their leader Rollo, agreed to swear fealty to King Charles III of West Francia.")


def test_the_shipped_reader_finds_the_span_a_rule_got_wrong() -> None:
    reader = Reader(DEFAULT_READER)
    (who,), (where,) = reader.read("Who was the Norse leader?", [CONTEXT]), reader.read(
        "In what country is Normandy located?", [CONTEXT])
    assert who.span is not None and CONTEXT[who.span.start:who.span.end] == "Rollo"
    assert where.span is not None and CONTEXT[where.span.start:where.span.end] == "France"


def test_the_card_states_what_the_reader_was_trained_on_and_reached() -> None:
    card = json.loads((DEFAULT_READER / "training.json").read_text(encoding="utf-8"))
    assert card["seed"] == 13 and card["shipped"] == "int8" and card["gold_paragraph"]["int8"]["span_f1"] > 0.7
    assert (DEFAULT_READER / "README.md").is_file() and "CC BY-SA 4.0" in (DEFAULT_READER / "README.md").read_text()


PROGRAMME = ("The programme:\n1 November Opening ceremony at City Hall\n8 November Lantern parade along the river\n"
             "15 November Food market in Harbour Square\n22 November Closing concert by the Youth Orchestra\n")


def test_a_programmes_rows_read_as_sentences_lead_the_reader_to_the_row_asked_about() -> None:
    from bot.engine.reading import rows_ended

    reader = Reader(DEFAULT_READER)
    for question, row in (("What happens on 15 November?", "15 November Food market"),
                          ("What is on 22 November?", "22 November Closing concert")):
        (ended,) = reader.read(question, [rows_ended(PROGRAMME)])  # (run on, the shipped reader took the row before's)
        assert ended.span is not None
        at = PROGRAMME.index(row)
        assert at <= ended.span.start < at + len(row), question
