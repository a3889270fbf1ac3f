"""Fast sentence and text lookup: spaCy's `Token.sent` walks the whole document on every call, and `doc.text`
joins all tokens anew on every access.

The caches live beside the Doc (a `WeakKeyDictionary`), not in `doc.user_data`: they hold Span objects, which
cannot be serialised, and a Doc's user data travels with it through `DocBin`, `to_bytes` and `nlp.pipe(n_process=…)`.
A cache entry is rebuilt when the Doc's length changed (retokenisation).
"""

from __future__ import annotations

from bisect import bisect_right
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

_SENTENCES: WeakKeyDictionary[Doc, tuple[int, list[int], list[Span]]] = WeakKeyDictionary()
_TEXT: WeakKeyDictionary[Doc, tuple[int, str]] = WeakKeyDictionary()


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, computed once per Doc (boundaries are final before our components run)."""
    cached = _SENTENCES.get(doc)
    if cached is None or cached[0] != len(doc):
        spans = list(doc.sents)
        cached = (len(doc), [s.start for s in spans], spans)
        _SENTENCES[doc] = cached
    return cached[2]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence that holds token i."""
    sentences(doc)
    _, starts, spans = _SENTENCES[doc]
    return spans[bisect_right(starts, i) - 1]


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc."""
    cached = _TEXT.get(doc)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        _TEXT[doc] = cached
    return cached[1]
