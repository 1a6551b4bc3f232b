"""Words to lemmas, the same way for indexed text and for queries, on every backend.

Neither SQLite, PostgreSQL nor a stock Elasticsearch has a Ukrainian, Slovak or Bulgarian
stemmer; simplemma (data inside the wheel) maps an inflected word to its dictionary form
("бюджету" -> "бюджет", "akčného" -> "akčný", "общината" -> "община"). Both the index and
the query hold lemmas, so any backend that matches whole lowercase words matches inflected
forms.
"""

import re
from functools import lru_cache

import simplemma

WORD_RE = re.compile(r"\w+(?:['’ʼ]\w+)*")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
SUPPORTED = {"en", "uk", "sk", "bg"}
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 60
MIN_STEM = 4
# Endings left on a lemma (or on a word simplemma does not know) that still differ between
# forms of one word: adjective and adverb endings, Bulgarian definite articles, vowels.
ENDINGS = {
    "uk": (
        "ими",
        "ого",
        "ому",
        "ий",
        "ій",
        "их",
        "им",
        "ою",
        "ів",
        "ам",
        "ах",
        "а",
        "я",
        "о",
        "е",
        "и",
        "і",
        "ь",
        "у",
        "ю",
        "й",
    ),
    "sk": (
        "ými",
        "ých",
        "ého",
        "ému",
        "ách",
        "ami",
        "ým",
        "om",
        "ou",
        "ov",
        "ej",
        "ie",
        "ia",
        "ý",
        "y",
        "é",
        "e",
        "á",
        "a",
        "í",
        "i",
        "o",
        "u",
    ),
    "bg": ("ията", "ият", "ите", "ът", "ят", "та", "то", "те", "ия", "а", "я", "о", "е", "и"),
    "en": (),
}
ENDINGS = {key: sorted(value, key=len, reverse=True) for key, value in ENDINGS.items()}


def load_dictionaries():
    """Read simplemma's dictionaries of every supported language now. They are read on first
    use otherwise, 0.1-0.6 s each and about 200 MiB for the four: gunicorn's master calls this
    before it forks (site/deploy/gunicorn.conf.py), so no worker's first search or publish
    waits for them and the workers share one copy instead of reading one each."""
    for language in sorted(SUPPORTED):
        simplemma.lemmatize("a", lang=language)


def words(text):
    """The words of `text` in order, as (start, end, word) tuples."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text or "")]


@lru_cache(maxsize=200_000)
def lemma(word, language):
    """The lowercase dictionary form of `word`, without apostrophes or underscores (they
    split words in the backends' tokenisers)."""
    word = word.lower().translate(APOSTROPHES)
    if language in SUPPORTED and len(word) <= MAX_WORD_LENGTH:
        word = simplemma.lemmatize(word, lang=language, greedy=True).lower()
    return stem(word.replace("'", "").replace("_", ""), language)


def stem(word, language):
    """`word` without its longest listed ending, when at least MIN_STEM letters remain."""
    if word.isalpha():
        for ending in ENDINGS.get(language, ()):
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                return word[: -len(ending)]
    return word


def lemmatize(text, language):
    """`text` as space-separated lemmas."""
    return " ".join(filter(None, (lemma(word, language) for _, _, word in words(text))))


def query_lemmas(text, languages):
    """The query's words (at most MAX_QUERY_WORDS, each its lemmas in `languages`) as a
    list of sets; punctuation, search syntax and one-letter words ("з", "a", "v") are
    dropped."""
    found = [word for _, _, word in words(text[:1000])]
    meaningful = [word for word in found if len(word) > 1 or word.isdigit()]
    groups = []
    for word in meaningful or found:
        group = {lemma(word, language) for language in languages} - {""}
        if group and group not in groups:
            groups.append(group)
        if len(groups) == MAX_QUERY_WORDS:
            break
    return groups
