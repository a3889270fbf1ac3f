"""Theme scores per document, session and speaker, with evidence sentences.

A score is the share of content sentences (paragraphs and turns, not headings) that mention the theme, so
documents of different length compare directly. Negated mentions ("geen vertrouwen") count, because they
are about the theme, and are flagged on the evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.ingest.model import Block
from pipeline.intervals import Regions
from pipeline.sentences import doc_text, sentence_of, sentences
from pipeline.summaries.publishable import is_procedural
from pipeline.themes.matcher import TermMatch

DECIMALS = 4


@dataclass
class SentenceEvidence:
    """One sentence that mentions a theme."""

    theme: str
    start: int
    end: int
    text: str
    terms: list[str] = field(default_factory=list)
    negated: bool = False


_OPENING = "“„‘‚«"
#: The opening mark typed as two commas in Dutch news (",,Mijn klanten komen niet meer,'' zegt hij.").
_LOW_OPENING = ",,"
#: Punctuation that ends a sentence, before an opening mark left at its end.
_SENTENCE_END = ".!?…"


def bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding white space, and without an opening quotation
    mark that the sentence splitter left at its end (it belongs to the next sentence): “ „ ‘ ‚ «, ",," after the
    sentence's end, or a straight '"' after a space."""
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]  # `sent.text`, without joining its tokens again
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    while True:
        if len(body) > 1 and body[-1] in _OPENING:
            body = body[:-1].rstrip()
        elif len(body) > 2 and body.endswith(_LOW_OPENING) and (body[-3].isspace() or body[-3] in _SENTENCE_END):
            body = body[:-2].rstrip()  # ",," opening the next sentence's quote ("… liet van zich horen. ,,")
        elif len(body) > 1 and body[-1] == '"' and body[-2].isspace():
            body = body[:-1].rstrip()  # a straight mark after a space opens the next sentence's quote
        else:
            break
    return sent.start_char + lead, sent.start_char + lead + len(body)


#: Quotation marks an evidence snippet keeps balanced: double marks only (a single ’ is also an apostrophe: z’n, ’s).
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'
#: Characters that may stand before an opening mark and after a closing one.
_BEFORE_OPEN = frozenset(" \t\n([{–—-/:")
_AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}–—-…/")
#: An evidence snippet grows by at most this many characters to take in the other mark of a quote it cuts.
MAX_EVIDENCE_EXTENSION = 300
#: Rounds of balancing (an extension may take in new marks).
MAX_BALANCE_ROUNDS = 3


def _mark_kind(text: str, i: int) -> str | None:
    """"open", "close" or None for the double quotation mark at `i` (a straight one by the characters around it)."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = (before in _BEFORE_OPEN or before in _OPENERS) and not after.isspace()
    can_close = not before.isspace() and (after in _AFTER_CLOSE or after in _CLOSERS or after == _STRAIGHT)
    if ch in _CLOSERS:
        return "close"
    if ch in "„«":
        return "open"
    if ch in ("“", _STRAIGHT):
        if can_open and not can_close:
            return "open"
        if can_close and not can_open:
            return "close"
        return "open" if ch == "“" else None  # "“" opens unless it can only close („…“)
    return None


def _unpaired(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Positions of the closing marks without an opening one before them, and of the opening marks without a closing
    one after them, in text[start:end]."""
    opened: list[int] = []
    lone_closers: list[int] = []
    for i in range(start, end):
        if text[i] not in _OPENERS and text[i] not in _CLOSERS and text[i] != _STRAIGHT:
            continue
        kind = _mark_kind(text, i)
        if kind == "open":
            opened.append(i)
        elif kind == "close":
            if opened:
                opened.pop()
            else:
                lone_closers.append(i)
    return lone_closers, opened


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def balanced(text: str, start: int, end: int, *, term: int | None = None) -> tuple[int, int]:
    """Offsets of an evidence snippet [start, end) in `text` with balanced double quotation marks: a mark without its
    partner at either edge of the snippet (only punctuation or space between it and the edge) is cut off; one inside it
    takes in the rest of the quote, up to its partner in the same paragraph and at most `MAX_EVIDENCE_EXTENSION`
    characters further; failing that the snippet is cut at the mark, on the side of character `term` (the theme
    word). Surrounding white space is left out."""
    for _ in range(MAX_BALANCE_ROUNDS):
        closers, openers = _unpaired(text, start, end)
        if not closers and not openers:
            break
        if closers:
            c = closers[-1]
            if not _has_word(text[start:c]):
                start = c + 1
            elif not _has_word(text[c + 1 : end]):
                end = c  # "… ecosysteem.”" ending a quote that opened sentences before
            else:
                o = _partner_before(text, start)
                if o is not None:
                    start = o
                elif term is None or term > c:
                    start = c + 1
        if openers:
            o = openers[0]
            if not _has_word(text[o + 1 : end]):
                end = o  # "… met Total. “": the next quote's mark, left on this sentence
            elif not _has_word(text[start:o]):
                start = o + 1  # "“De overheid legt …" opening a quote that closes sentences later
            else:
                partner = _partner_after(text, end)
                if partner is not None:
                    end = partner + 1
                elif term is None or term < o:
                    end = o
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _partner_before(text: str, start: int) -> int | None:
    """The nearest opening mark before `start` in its paragraph, at most `MAX_EVIDENCE_EXTENSION` characters back."""
    low = max(text.rfind("\n\n", 0, start) + 1, start - MAX_EVIDENCE_EXTENSION, 0)
    for i in range(start - 1, low - 1, -1):
        if (text[i] in _OPENERS or text[i] == _STRAIGHT) and _mark_kind(text, i) == "open":
            return i
    return None


def _partner_after(text: str, end: int) -> int | None:
    """The nearest closing mark from `end` in its paragraph, at most `MAX_EVIDENCE_EXTENSION` characters on."""
    stop = text.find("\n\n", end)
    high = min(len(text) if stop == -1 else stop, end + MAX_EVIDENCE_EXTENSION)
    for i in range(end, high):
        if (text[i] in _CLOSERS or text[i] == _STRAIGHT) and _mark_kind(text, i) == "close":
            return i
    return None


def content_sentences(doc: Doc, blocks: Sequence[Block]) -> list[Span]:
    """Sentences that start inside a paragraph or turn."""
    regions = Regions([(b.start, b.end) for b in blocks if b.is_content])
    text = doc_text(doc)  # a sentence's text as a slice: Span.text joins its tokens anew
    return [s for s in sentences(doc) if text[s.start_char : s.end_char].strip() and regions.covers(s.start_char)]


def evidence(doc: Doc, matches: Sequence[TermMatch], sentences: Sequence[Span]) -> list[SentenceEvidence]:
    """One evidence item per theme and sentence, with the terms found and whether all are negated. A term in an
    attendance or procedural line ("Afwezig met kennisgeving: …", "De voorzitter opent de vergadering.":
    `summaries.publishable.is_procedural`) never counts."""
    by_key: dict[tuple[str, int], SentenceEvidence] = {}
    negations: dict[tuple[str, int], list[bool]] = {}
    starts = {s.start for s in sentences}
    procedural: dict[int, bool] = {}
    text = doc_text(doc)
    for m in matches:
        sent = sentence_of(doc, m.start)
        if sent.start not in starts:
            continue
        if sent.start not in procedural:
            procedural[sent.start] = is_procedural(text[sent.start_char : sent.end_char])
        if procedural[sent.start]:
            continue
        key = (m.theme, sent.start)
        item = by_key.get(key)
        if item is None:
            start, end = balanced(text, *bounds(sent), term=doc[m.start].idx)
            item = by_key[key] = SentenceEvidence(m.theme, start, end, text[start:end])
        term_text = doc[m.start : m.end].text
        if term_text not in item.terms:
            item.terms.append(term_text)
        negations.setdefault(key, []).append(m.negated)
    for key, item in by_key.items():
        item.negated = all(negations[key])
    return sorted(by_key.values(), key=lambda e: (e.start, e.theme))


def share(items: Sequence[SentenceEvidence], sentences: Sequence[Span], keep: Callable[[int], bool] = lambda _: True) -> dict[str, float]:
    """Per theme: the share of the kept sentences that mention it."""
    total = sum(1 for s in sentences if keep(bounds(s)[0]))
    if total == 0:
        return {}
    counts: dict[str, int] = {}
    for item in items:
        if keep(item.start):
            counts[item.theme] = counts.get(item.theme, 0) + 1
    return {theme: round(n / total, DECIMALS) for theme, n in counts.items()}
