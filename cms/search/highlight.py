"""Server-side snippets: the part of a text where the query's words (any inflected form)
occur most, escaped, with those words wrapped in <mark>."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from cms.search.lemmas import lemma, words

SCAN_CHARS = 30_000
WINDOW_WORDS = 30


def _is_wanted(word, language, wanted):
    lowered = word.lower()
    return lowered in wanted or lemma(word, language) in wanted


def _marked(text, spans, hits):
    out, position = [], 0
    for index in hits:
        start, end, _ = spans[index]
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight_title(title, language, wanted):
    spans = words(title)
    hits = [i for i, (_, _, word) in enumerate(spans) if _is_wanted(word, language, wanted)]
    return mark_safe(_marked(title, spans, hits))  # nosec B308, B703  # _marked escapes the text


def snippet(text, language, wanted, length=260):
    """About `length` characters of `text` around its densest run of wanted words."""
    text = " ".join((text or "")[:SCAN_CHARS].split())
    spans = words(text)
    hits = [i for i, (_, _, word) in enumerate(spans) if _is_wanted(word, language, wanted)]
    if hits:
        best = max(hits, key=lambda i: sum(1 for j in hits if i <= j < i + WINDOW_WORDS))
        first = max(best - 4, 0)
    else:
        first = 0
    start = spans[first][0] if spans else 0
    end = min(len(text), start + length)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    piece = text[start:end]
    piece_spans = [(s - start, e - start, w) for s, e, w in spans if start <= s and e <= end]
    piece_hits = [
        i for i, (_, _, word) in enumerate(piece_spans) if _is_wanted(word, language, wanted)
    ]
    html = _marked(piece, piece_spans, piece_hits)
    html = ("… " if start > 0 else "") + html + (" …" if end < len(text) else "")
    return mark_safe(html)  # nosec B308, B703  # _marked escapes the text, adds only <mark>
