import pytest

from bot.engine.engine import Engine


def test_fake_engine_answers_the_tiny_corpus(fake_engine: Engine) -> None:
    answer = fake_engine.answer("When was the concert in Seoul?")
    assert not answer.abstained
    assert answer.text is not None and "5 December 2025" in answer.text


@pytest.mark.model
def test_real_engine_answers_the_seoul_concert(real_engine: Engine) -> None:
    answer = real_engine.answer("When was the Seoul concert?")
    assert answer.text is not None and "5 December 2025" in answer.text
    assert answer.citations[0].title.startswith("Turning a Page")
    assert "December 5th" in answer.citations[0].snippet
