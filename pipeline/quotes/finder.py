"""Find direct and indirect quotes in a parsed document and the mention each cue points to."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from pipeline.ingest.layout import quote_key, words
from pipeline.ingest.model import Block
from pipeline.quotes.marks import CLOSING_TOKENS, OPENING_TOKENS, find_quote_pairs
from pipeline.quotes.model import Attribution, FoundQuote
from pipeline.resources import word_set
from pipeline.sentences import doc_text, sentence_of, sentences
from pipeline.speakers.lexicon import (
    POSSESSIVES,
    PRONOUNS,
    after_setting_preposition,
    is_finite_verb,
    speech_verb_companion,
    speech_verb_lemma,
)
from pipeline.speakers.mentions import Mention, MentionKind

#: Single quotation marks around a short phrase mark a term or irony (‘best practice’), not someone's words.
SCARE_STYLES = frozenset({"single", "straight-single"})
_PREPOSITIONS = frozenset({"van", "met", "in", "op", "aan", "bij", "voor", "over", "naar", "door", "uit", "tegen"})
MIN_UNCUED_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?…]$")


def content_regions(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in blocks if b.is_content]


def block_index(blocks: Sequence[Block], offset: int) -> int:
    for i, block in enumerate(blocks):
        if block.start <= offset < block.end:
            return i
    return -1


def _span_chars(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _first_mention(doc: Doc, mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The first mention of a person inside [start, end) character offsets, else the first of any kind."""
    inside = [m for m in mentions if m.start_char >= start and m.end_char <= end and is_source_mention(doc, m)]
    people = [m for m in inside if m.kind is not MentionKind.ORGANISATION]
    chosen = people or inside
    return chosen[0] if chosen else None


def is_source_mention(doc: Doc, m: Mention) -> bool:
    """Possessive pronouns point to a source only before a speech noun ("zijn uitnodiging"), not in
    "Haar voorganger, Marianne Thieme, zei"."""
    if m.kind is not MentionKind.PRONOUN or m.text.lower() not in POSSESSIVES:
        return True
    return m.end < len(doc) and doc[m.end].lower_ in word_set("speech_nouns.txt")


def find_direct_quotes(
    doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention], fragments: list[FoundQuote] | None = None
) -> list[FoundQuote]:
    """Quotation-mark pairs that hold speech, with their cue; scare quotes and titles are left out.

    Short quoted phrases without a cue of their own are put in `fragments`: inside reported speech
    ("volgens hem is het geweld "niet proportioneel"") they are the speaker's own words.
    """
    text = doc_text(doc)
    quotes: list[FoundQuote] = []
    pairs = find_quote_pairs(text, content_regions(blocks))
    pull_keys = {quote_key(b.text) for b in blocks if b.kind.value == "pull_quote"}
    for n, pair in enumerate(pairs):
        inner = text[pair.inner_start : pair.inner_end]
        after_limit = pairs[n + 1].open_start if n + 1 < len(pairs) else len(text)
        before_limit = pairs[n - 1].close_end if n > 0 else 0
        cue, source = _cue_after(doc, pair.close_end, after_limit, mentions)
        if source is None:
            cue, source = _cue_before(doc, pair.open_start, before_limit, mentions)
        if not _is_speech(doc, inner, pair.open_start, pair.close_end, cued=cue is not None):
            if fragments is not None and pair.style not in SCARE_STYLES and not _is_title(doc, pair.open_start):
                fragment = FoundQuote("direct", pair.inner_start, pair.inner_end, inner, block_index(blocks, pair.inner_start))
                fragment.style = pair.style
                fragments.append(fragment)
            continue
        q = FoundQuote(
            kind="direct",
            start=pair.inner_start,
            end=pair.inner_end,
            text=inner,
            block=block_index(blocks, pair.inner_start),
            cue=cue,
            source=source,
            attribution=Attribution.CUE if source is not None else Attribution.NONE,
        )
        key = quote_key(inner)
        q.pull_quote_also = any(pk and pk in key for pk in pull_keys)
        quotes.append(q)
    return quotes


def _is_speech(doc: Doc, inner: str, open_start: int, close_end: int, *, cued: bool) -> bool:
    """Tell speech from scare quotes (‘grote’), terms and titles (het boek ‘Cluster Governance’)."""
    n = len(words(inner))
    if n == 0 or _is_title(doc, open_start):
        return False
    if cued:
        return True
    if n >= MIN_UNCUED_WORDS:
        return True
    span = _span_chars(doc, open_start, close_end)
    if span is None:
        return False
    sent = sentence_of(doc, span.start)
    whole_sentence = span.start == sent.start and close_end >= sent.end_char - 2
    return n >= 3 and whole_sentence and bool(_SENTENCE_END.search(inner.strip()))


def _is_title(doc: Doc, open_start: int) -> bool:
    """The quoted words follow "het boek", "het programma", …: a title, not speech."""
    before = doc_text(doc)[max(0, open_start - 40) : open_start].lower().split()
    return bool(before) and before[-1].strip(",:") in word_set("title_cues.txt")


def adopt_fragments(fragments: Sequence[FoundQuote], indirect: Sequence[FoundQuote]) -> list[FoundQuote]:
    """Quoted phrases inside reported speech become direct quotes of the same source."""
    adopted = []
    for fragment in fragments:
        host = next((q for q in indirect if q.start <= fragment.start and fragment.end <= q.end + 1), None)
        if host is not None:
            fragment.source = host.source
            fragment.cue = host.cue
            fragment.attribution = Attribution.CUE
            adopted.append(fragment)
    return adopted


def _cue_after(doc: Doc, close_end: int, limit: int, mentions: Sequence[Mention]) -> tuple[str | None, Mention | None]:
    """", zegt X." / ", grapte hij." / ", zo luidde zijn uitnodiging." / ", aldus X." after the closing mark."""
    span = _span_chars(doc, close_end, min(limit, len(doc_text(doc))))
    if span is None or len(span) == 0:
        return None, None
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return None, None
    i = 0
    if tokens[0].text in (",", "–", "—", "-"):
        i = 1
    if i >= len(tokens):
        return None, None
    first = tokens[i]
    if not (speech_verb_lemma(first) or first.lower_ in ("zo", "aldus", "dixit")):
        # "“…”, X zegt." or "“…” zei X" without a comma
        named = first.is_alpha and (first.text[:1].isupper() or first.lower_ in PRONOUNS)
        if not (i + 1 < len(tokens) and speech_verb_lemma(tokens[i + 1]) and named):
            return None, None  # not "“…” Jansen zegt" — "'Team links' werd genoemd" is no cue
    sent_end = sentence_of(doc, first.i).end
    end_tok = first.i
    while end_tok < min(sent_end, span.end) and doc[end_tok].text not in (".", "!", "?", ":"):
        end_tok += 1
    cue_span = doc[first.i : end_tok]
    source = _first_mention(doc, mentions, cue_span.start_char, cue_span.end_char)
    return cue_span.text, source


def _cue_before(doc: Doc, open_start: int, limit: int, mentions: Sequence[Mention]) -> tuple[str | None, Mention | None]:
    """"Lagendijk: “…”" / "De Vries voegt toe: "…"" / "Hij zei: „…”" before the opening mark."""
    prefix = doc_text(doc)[limit:open_start].rstrip()
    if not prefix.endswith(":"):
        return None, None
    span = _span_chars(doc, limit, open_start)
    if span is None:
        return None, None
    colons = [t.i for t in span if t.text == ":"]
    if not colons:
        return None, None  # the colon is glued to another token ("vertrouwen:«")
    colon = max(colons)
    sent_start = sentence_of(doc, colon).start
    start_tok = max(sent_start, span.start)
    cue_span = doc[start_tok : colon + 1]
    if len(cue_span) > 12:
        cue_span = doc[colon - 11 : colon + 1]
    source = _first_mention(doc, mentions, cue_span.start_char, cue_span.end_char)
    return cue_span.text.strip(), source


def find_indirect_quotes(
    doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention], direct: Sequence[FoundQuote]
) -> list[FoundQuote]:
    """Reported speech: "volgens X …", "X zegt dat …", "…, zegt X.", "…, aldus X", "laat X weten dat …"."""
    found: list[FoundQuote] = []
    regions = content_regions(blocks)
    direct_spans = [(q.start, q.end) for q in direct]
    previous: Span | None = None
    for sent in sentences(doc):
        if not any(s <= sent.start_char < e for s, e in regions):
            previous = None
            continue
        quoted = sum(min(e, sent.end_char) - max(s, sent.start_char) for s, e in direct_spans if s < sent.end_char and sent.start_char < e)
        if quoted > 0.5 * len(sent.text.strip()):
            previous = sent
            continue  # the sentence is a direct quote; its cue belongs to that quote
        quote = (
            _volgens(sent, mentions)
            or _verb_dat(sent, mentions)
            or _trailing_cue(sent, mentions)
            or _parenthetical(sent, mentions)
            or _dat_zegt(sent, previous, mentions)
        )
        previous = sent
        if quote is not None and not _mostly_quoted(quote, direct_spans):
            quote.block = block_index(blocks, quote.start)
            found.append(quote)
    return found


def _mostly_quoted(quote: FoundQuote, direct_spans: Sequence[tuple[int, int]]) -> bool:
    """Reported speech that is really the words of a direct quote next to it."""
    covered = sum(max(0, min(e, quote.end) - max(s, quote.start)) for s, e in direct_spans)
    return covered > 0.5 * (quote.end - quote.start)


def _clause(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character offsets of tokens [start, end) without edge punctuation; quotation marks stay when their
    partner is inside the clause ("‘Afstand’ is niet alleen geografisch")."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        if doc[start].text in OPENING_TOKENS and any(t.text in CLOSING_TOKENS for t in doc[start + 1 : end]):
            break
        start += 1
    if 0 < start < end and doc[start - 1].text in OPENING_TOKENS and any(t.text in CLOSING_TOKENS for t in doc[start:end]):
        start -= 1  # the sentence splitter left the opening mark on the sentence before
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in CLOSING_TOKENS and any(t.text in OPENING_TOKENS for t in doc[start : end - 1]):
            break
        end -= 1
    if end - start < 3:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _make(doc: Doc, kind_span: tuple[int, int] | None, cue: str, source: Mention | None) -> FoundQuote | None:
    if kind_span is None or source is None:
        return None
    start, end = kind_span
    return FoundQuote("indirect", start, end, doc_text(doc)[start:end], -1, cue=cue, source=source, attribution=Attribution.CUE)


def _mention_at(mentions: Sequence[Mention], token_index: int) -> Mention | None:
    for m in mentions:
        if m.start == token_index:
            return m
    return None


def _volgens(sent: Span, mentions: Sequence[Mention]) -> FoundQuote | None:
    doc = sent.doc
    for tok in sent:
        if tok.lower_ != "volgens":
            continue
        source = None
        for k in range(tok.i + 1, min(tok.i + 4, sent.end)):
            source = _mention_at(mentions, k)
            if source is not None or not (doc[k].is_alpha and not is_finite_verb(doc[k])):
                break  # "volgens lijsttrekker Esther Ouwehand": role words may stand before the name
        if source is None:
            return None
        at_start = all(t.is_punct or t.is_space or t.lower_ in ("maar", "en", "toch", "ook", "want") for t in doc[sent.start : tok.i])
        cue = doc[tok.i : source.end].text
        if not at_start:
            return _make(doc, _clause(doc, sent.start, sent.end), cue, source)
        k = source.end
        if k < sent.end and doc[k].text == ",":
            close = next((t.i for t in doc[k + 1 : sent.end] if t.text == ","), None)
            if close is not None:
                k = close + 1
        return _make(doc, _clause(doc, k, sent.end), cue, source)
    return None


def _verb_dat(sent: Span, mentions: Sequence[Mention]) -> FoundQuote | None:
    """"X zegt (…) dat CLAUSE" and "Daarom laat X weten dat CLAUSE"."""
    doc = sent.doc
    for tok in sent:
        if not speech_verb_lemma(tok) or tok.lower_ == "aldus":
            continue
        dat = next((t for t in doc[tok.i + 1 : sent.end] if t.lower_ in ("dat", "of")), None)
        if dat is None or dat.i - tok.i > 12:
            continue
        companion = speech_verb_companion(tok)
        if companion and not any(t.lower_ == companion or t.lower_.startswith(companion) for t in sent):
            continue
        inner = [m for m in mentions if sent.start <= m.start and m.end <= sent.end and m.start < dat.i and is_source_mention(doc, m)]
        before = [m for m in inner if m.end <= tok.i and not _after_preposition(doc, m)]
        after = [m for m in inner if m.start > tok.i]
        people = [m for m in before if m.kind is not MentionKind.ORGANISATION]
        source = _parsed_subject(tok, inner) or ((people or before)[0] if before else (after[0] if after else None))
        if source is None:
            continue
        cue = doc[min(source.start, tok.i) : dat.i + 1].text
        return _make(doc, _clause(doc, dat.i + 1, sent.end), cue, source)
    return None


def _after_preposition(doc: Doc, m: Mention) -> bool:
    """A name in a fronted phrase cannot be the speaker: "In Nieuwsuur zegt ze dat …"."""
    return after_setting_preposition(doc, m.start)


def _parsed_subject(verb: Token, mentions: Sequence[Mention]) -> Mention | None:
    """With a dependency parse: the mention that holds the verb's subject ("Fink en De Cock wijzen erop")."""
    if not verb.doc.has_annotation("DEP"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
    for subject in subjects:
        for m in mentions:
            if m.start <= subject.i < m.end:
                return m
    return None


def _trailing_cue(sent: Span, mentions: Sequence[Mention]) -> FoundQuote | None:
    """"CLAUSE, zegt X." and "CLAUSE, aldus X." at the end of the sentence."""
    doc = sent.doc
    for tok in sent:
        if tok.text != "," or tok.i + 2 >= sent.end or tok.i - sent.start < 4:
            continue
        verb = doc[tok.i + 1]
        if not (speech_verb_lemma(verb) or verb.lower_ == "aldus"):
            continue
        companion = speech_verb_companion(verb)
        rest = doc[tok.i + 2 : sent.end]
        if companion and not any(t.lower_ == companion for t in rest):
            continue
        if any(t.lower_ in ("dat", "of") for t in rest):
            continue
        source = next((m for m in mentions if rest.start <= m.start and m.end <= rest.end), None)
        if source is None or source.start - rest.start > 3:
            continue
        if any(t.lower_ in _PREPOSITIONS for t in doc[rest.start : source.start]):
            continue  # "vulde het betoog van Lagendijk aan": the name is not the subject
        if not any(is_finite_verb(t) for t in doc[sent.start : tok.i]) and len(doc[sent.start : tok.i]) < 8:
            continue  # "Miranda Ebbekink, medeauteur …, vulde …": an apposition, not a reported clause
        tail = [t for t in doc[source.end : sent.end] if not (t.is_punct or t.is_space)]
        if len(tail) > 8 or any(is_finite_verb(t) for t in tail):
            continue
        cue = doc[verb.i : sent.end].text.rstrip(".!? \n")
        return _make(doc, _clause(doc, sent.start, tok.i), cue, source)
    return None


def _dat_zegt(sent: Span, previous: Span | None, mentions: Sequence[Mention]) -> FoundQuote | None:
    """"Dat zegt de gemeente Almere." — the sentence before is what the source said."""
    doc = sent.doc
    if previous is None or len(sent) < 3 or sent[0].lower_ not in ("dat", "dit", "die", "zo"):
        return None
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    verb_second = bool(speech_verb_lemma(sent[1]))  # "Dat zegt de gemeente Almere, die …"
    if not verb_second and (len(words) > 10 or not any(speech_verb_lemma(t) for t in words[1:])):
        return None  # otherwise only short ones: "Dat heeft X gisteren gezegd."
    inside = [m for m in mentions if sent.start < m.start and m.end <= sent.end and is_source_mention(doc, m)]
    if not inside:
        return None
    source = inside[0]  # the subject comes first after "Dat zegt" / "Dat heeft"
    cue = doc[sent.start : source.end].text
    return _make(doc, _clause(doc, previous.start, previous.end), cue, source)


def _parenthetical(sent: Span, mentions: Sequence[Mention]) -> FoundQuote | None:
    """"Maar, zeggen experts, juist die druppels …": a cue between commas inside the sentence."""
    doc = sent.doc
    commas = [t.i for t in sent if t.text == ","]
    for a, b in zip(commas, commas[1:], strict=False):
        if b - a < 3 or b - a > 8:
            continue
        verb = doc[a + 1]
        if not speech_verb_lemma(verb):
            continue
        source = next((m for m in mentions if a + 1 < m.start and m.end <= b), None)
        if source is None:
            continue
        cue = doc[a + 1 : b].text
        return _make(doc, _clause(doc, b + 1, sent.end), cue, source)
    return None


