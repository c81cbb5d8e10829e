"""Swedish text analysis shared by every engine: tokens, stems, stop words and folding.

PostgreSQL's ``swedish`` text search configuration and Elasticsearch's ``swedish`` analyzer both
use the Snowball Swedish stemmer and the Snowball stop word list. SQLite's FTS5 has neither, so
the database engine stems in Python with the same algorithm (PyStemmer wraps the C Snowball
library), which keeps the behaviour of the three engines as close as possible.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

# Letters and digits; underscores and everything else separate words (as in PostgreSQL's parser
# and FTS5's unicode61 tokenizer). å, ä and ö are letters of their own and are never folded here.
WORD = re.compile(r"[^\W_]+")

# Snowball's Swedish stop list, identical to PostgreSQL's tsearch_data/swedish.stop.
_STOP_LIST = """\
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något
    från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller
    allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa
    några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
    vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas"""
STOP_WORDS = frozenset(_STOP_LIST.split())

# Longest word worth stemming or indexing; longer "words" are base64, hashes or garbage.
MAX_WORD_LENGTH = 60

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
_stemmer = Stemmer.Stemmer("swedish")


def normalize(text: str) -> str:
    """NFC-normalised lower case without control characters (NUL included)."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(char if char.isprintable() else " " for char in text)


def words(text: str) -> list[str]:
    """The words of ``text`` in order, lower-cased, stop words included."""
    return [word for word in WORD.findall(normalize(text)) if len(word) <= MAX_WORD_LENGTH]


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    """Stemmed words in order (stop words kept, so phrase positions stay right)."""
    found = words(text)
    return _stemmer.stemWords(found) if found else []


def stemmed_text(text: str) -> str:
    """What the SQLite engine puts into FTS5: the stems, separated by spaces."""
    return " ".join(stems(text))


def fold(word: str) -> str:
    """The word as typed on a keyboard without å, ä and ö (for the 'did you mean' fallback)."""
    return word.translate(_FOLD)


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS


def distinct_stems(texts: Iterable[str]) -> set[str]:
    """The stems of every word that is not a stop word (the lexicon of a document)."""
    return {stem(word) for text in texts for word in words(text) if not is_stop_word(word)}
