"""The error hierarchy: each message says what to do."""


class Keyed(Exception):
    """An error whose message bot/text can say in the asker's language: `key` and `values` name it there
    (`messages.error_text`); str(exc) is the English. Without a key, str(exc) is all there is."""

    def __init__(self, message: str = "", key: str = "", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


class QABotError(Keyed):
    """Base for errors a user can act on; str(exc) is shown to them."""


class ConfigError(QABotError):
    """A setting is missing or invalid."""


class CorpusError(QABotError):
    """The corpus has nothing usable (each file left out was said as it was found)."""


class IndexMissingError(QABotError):
    """No built index where one was expected."""


class IndexCorruptError(QABotError):
    """The index on disk cannot be used as it is."""


class ModelError(QABotError):
    """The embedding model cannot be loaded."""


class QuestionError(QABotError):
    """The question cannot be answered as written (e.g. empty)."""


class UnreadableArticle(Keyed):
    """A corpus file that cannot be used as an article; the message says why (the build skips it, saying so; its key
    is in bot/text/skip_reasons.py)."""
