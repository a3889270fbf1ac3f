"""Fast sentence lookup: spaCy's `Token.sent` walks the whole document on every call."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

_KEY = "notulist_sentence_starts"


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, computed once per Doc (boundaries are final before our components run)."""
    cached = doc.user_data.get(_KEY)
    if cached is None or cached[0] != len(doc):
        spans = list(doc.sents)
        cached = (len(doc), [s.start for s in spans], spans)
        doc.user_data[_KEY] = cached
    return cached[2]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence that holds token i."""
    sentences(doc)
    _, starts, spans = doc.user_data[_KEY]
    return spans[bisect_right(starts, i) - 1]


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins all tokens anew on every access."""
    cached = doc.user_data.get("notulist_text")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data["notulist_text"] = cached
    return cached[1]
