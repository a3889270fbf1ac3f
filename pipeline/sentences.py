"""Fast sentence and text lookup: spaCy's `Token.sent` walks the whole document on every call, and `doc.text`
joins all tokens anew on every access.

The caches live beside the Doc, not in `doc.user_data`: they hold Span objects, which cannot be serialised, and a
Doc's user data travels with it through `DocBin`, `to_bytes` and `nlp.pipe(n_process=…)`. They hold the last
`MAX_CACHED_DOCS` Docs (a Span holds its Doc, so a weak-keyed cache of Spans would keep every Doc of a batch alive
for ever); `forget(doc)` lets a finished Doc go at once. An entry is rebuilt when the Doc's length changed
(retokenisation).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

#: Docs whose sentences and text are kept: the one being analysed and the one before it.
MAX_CACHED_DOCS = 2

T = TypeVar("T")

_CACHES: list[DocCache] = []


class DocCache(Generic[T]):
    """A value computed once per Doc for the last `size` Docs (id and identity checked, length checked)."""

    def __init__(self, size: int = MAX_CACHED_DOCS) -> None:
        self.size = size
        self._entries: OrderedDict[int, tuple[Doc, int, T]] = OrderedDict()
        _CACHES.append(self)  # `forget` clears every cache

    def get(self, doc: Doc, build: Callable[[Doc], T]) -> T:
        key = id(doc)
        entry = self._entries.get(key)
        if entry is None or entry[0] is not doc or entry[1] != len(doc):
            entry = (doc, len(doc), build(doc))
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry[2]

    def forget(self, doc: Doc) -> None:
        entry = self._entries.get(id(doc))
        if entry is not None and entry[0] is doc:
            del self._entries[id(doc)]


def _sentence_index(doc: Doc) -> tuple[list[int], list[Span]]:
    spans = list(doc.sents)
    return [s.start for s in spans], spans


_SENTENCES: DocCache[tuple[list[int], list[Span]]] = DocCache()
_TEXT: DocCache[str] = DocCache()


def forget(doc: Doc) -> None:
    """Drop what every `DocCache` holds for `doc` (call when its analysis is finished, so that the Doc can be freed)."""
    for cache in _CACHES:
        cache.forget(doc)


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, computed once per Doc (boundaries are final before our components run)."""
    return _SENTENCES.get(doc, _sentence_index)[1]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence that holds token i."""
    starts, spans = _SENTENCES.get(doc, _sentence_index)
    return spans[bisect_right(starts, i) - 1]


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc."""
    return _TEXT.get(doc, _doc_text)


def _doc_text(doc: Doc) -> str:
    return doc.text
