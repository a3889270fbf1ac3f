"""Find direct and indirect quotes in a parsed document and the mention each cue points to."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, islice, pairwise

from spacy.tokens import Doc, Span, Token

from pipeline.ingest.layout import quote_key, words
from pipeline.ingest.model import Block
from pipeline.intervals import Coverage, Locator, Regions
from pipeline.quotes.back_references import find_back_references
from pipeline.quotes.cues import (
    BYLINE_DASHES,
    MAX_SUBJECT_REACH,
    MAX_UNNAMED_CUE_TOKENS,
    MAX_VERB_TO_TE,
    RELATIVES,
    asks,
    clause_end,
    companion_at,
    cue_text,
    denied,
    dislocated,
    first_person,
    first_person_subject,
    infinitive_te,
    opens_clause,
    particle_of,
    particle_verb_forms,
    passive,
    takes_infinitive,
    topic_cue,
    unresolved_cue,
    verb_first,
)
from pipeline.quotes.marks import CLOSING_TOKENS, OPENING_TOKENS, find_quote_pairs
from pipeline.quotes.model import Attribution, FoundQuote
from pipeline.resources import word_set
from pipeline.sentences import doc_text, sentence_of, sentences
from pipeline.speakers.lexicon import (
    ARTICLES,
    POSSESSIVES,
    PRONOUNS,
    after_setting_preposition,
    annotated,
    is_finite_verb,
    speech_verb_companion,
    speech_verb_lemma,
)
from pipeline.speakers.mentions import Mention, MentionKind, word_facts
from pipeline.tokens import token_table

#: Single quotation marks around a short phrase mark a term or irony (‘best practice’), not someone's words.
SCARE_STYLES = frozenset({"single", "straight-single"})
_PREPOSITIONS = frozenset({"van", "met", "in", "op", "aan", "bij", "voor", "over", "naar", "door", "uit", "tegen"})
MIN_UNCUED_WORDS = 5
#: A quote that is a whole sentence of its own ("Dat is geen bijzaak.", "Goed zo.") is speech from this many words.
MIN_SENTENCE_QUOTE_WORDS = 2
#: The most words between the two parts of a split quote ("“Eerlijk gezegd,” begon X zijn antwoord, “…”").
MAX_INTERRUPTION_WORDS = 10
#: The most words of a trailing dash cue ("“…” – burgemeester Anna de Wit").
MAX_DASH_CUE_WORDS = 8
#: Quotation marks that both open and close.
_STRAIGHT_MARKS = ('"', "'")
#: Marks that open a trailing dash cue.
_DASHES = BYLINE_DASHES
_SENTENCE_END = re.compile(r"[.!?…]$")


def content_regions(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in blocks if b.is_content]


def block_index(blocks: Sequence[Block], offset: int) -> int:
    for i, block in enumerate(blocks):
        if block.start <= offset < block.end:
            return i
    return -1


def _block_locator(blocks: Sequence[Block]) -> Locator:
    """`block_index` for many offsets: `_block_locator(blocks).index(offset) == block_index(blocks, offset)`."""
    return Locator([(b.start, b.end) for b in blocks])


class _Mentions:
    """The mentions of a doc, looked up by token or character position with a binary search instead of a
    scan of all mentions per cue (which grows with the square of the document's length). Results keep
    the order of the given list; a list not sorted by position is scanned as before."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.items = list(mentions)
        self._token_sorted = all(a.start <= b.start for a, b in pairwise(self.items))
        self._char_sorted = all(a.start_char <= b.start_char for a, b in pairwise(self.items))
        self._token_starts = [m.start for m in self.items]
        self._char_starts = [m.start_char for m in self.items]

    def by_tokens(self, lo: int, end_max: int, *, start_below: int | None = None) -> list[Mention]:
        """Mentions with `lo <= m.start` (`< start_below`) and `m.end <= end_max`, token offsets."""
        if not self._token_sorted:
            return [m for m in self.items if lo <= m.start and m.end <= end_max and (start_below is None or m.start < start_below)]
        # a mention ends after it starts, so none that starts past end_max can end by it
        hi = end_max + 1 if start_below is None else min(start_below, end_max + 1)
        a = bisect_left(self._token_starts, lo)
        b = bisect_left(self._token_starts, hi, lo=a)
        return [m for m in self.items[a:b] if m.end <= end_max]

    def first_by_tokens(self, lo: int, end_max: int, *, start_below: int | None = None) -> Mention | None:
        found = self.by_tokens(lo, end_max, start_below=start_below)
        return found[0] if found else None

    def starting_at(self, token_index: int) -> Mention | None:
        """The first mention (in list order) that starts at the token."""
        if not self._token_sorted:
            return next((m for m in self.items if m.start == token_index), None)
        k = bisect_left(self._token_starts, token_index)
        return self.items[k] if k < len(self.items) and self.items[k].start == token_index else None

    def by_chars(self, start: int, end: int) -> list[Mention]:
        """Mentions inside the character offsets [start, end)."""
        if not self._char_sorted:
            return [m for m in self.items if m.start_char >= start and m.end_char <= end]
        a = bisect_left(self._char_starts, start)
        b = bisect_left(self._char_starts, end + 1, lo=a)
        return [m for m in self.items[a:b] if m.end_char <= end]


def with_back_references(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions and the back references the mention finder left out ("Spreker", "De man", "volgens hen"; see
    `pipeline.quotes.back_references`), in document order."""
    extra = find_back_references(doc, mentions)
    if not extra:
        return list(mentions)
    return sorted([*mentions, *extra], key=lambda m: (m.start, m.end))


def _span_chars(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _first_mention(doc: Doc, mentions: _Mentions, start: int, end: int) -> Mention | None:
    """The first mention of a person inside [start, end) character offsets, else the first of any kind."""
    inside = [m for m in mentions.by_chars(start, end) if is_source_mention(doc, m)]
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
    index = _Mentions(with_back_references(doc, mentions))
    locate = _block_locator(blocks)
    pairs = find_quote_pairs(text, content_regions(blocks))
    pull_keys = {quote_key(b.text) for b in blocks if b.kind.value == "pull_quote"}
    interrupted = _split_quote_cues(doc, text, pairs, index)
    for n, pair in enumerate(pairs):
        inner = text[pair.inner_start : pair.inner_end]
        after_limit = pairs[n + 1].open_start if n + 1 < len(pairs) else len(text)
        before_limit = pairs[n - 1].close_end if n > 0 else 0
        cue, source = _cue_after(doc, pair.close_end, after_limit, index)
        if source is None and not (cue is not None and unresolved_cue(cue)):  # "“…”, klonk het." names nobody
            cue, source = _cue_before(doc, pair.open_start, before_limit, index)
            if source is None and n in interrupted:
                cue, source = interrupted[n]
        words_end = _words_end(inner, pair.inner_start, pair.inner_end)
        if not _is_speech(doc, inner, pair.open_start, pair.close_end, cued=cue is not None):
            if fragments is not None and pair.style not in SCARE_STYLES and not _is_title(doc, pair.open_start):
                fragment = FoundQuote("direct", pair.inner_start, words_end, text[pair.inner_start : words_end], locate.index(pair.inner_start))
                fragment.style = pair.style
                fragments.append(fragment)
            continue
        q = FoundQuote(
            kind="direct",
            start=pair.inner_start,
            end=words_end,
            text=text[pair.inner_start : words_end],
            block=locate.index(pair.inner_start),
            cue=cue,
            source=source,
            attribution=Attribution.CUE if source is not None else Attribution.NONE,
        )
        key = quote_key(inner)
        q.pull_quote_also = any(pk and pk in key for pk in pull_keys)
        quotes.append(q)
    return quotes


def _words_end(inner: str, inner_start: int, inner_end: int) -> int:
    """Where a direct quote's words end: before the comma that Dutch writes inside the closing mark when a cue
    follows ("“Dit is goed,” zegt Jan." → "Dit is goed"); the comma belongs to the sentence around the quote, not to
    the words quoted. `inner_end` when the quoted words do not end with a comma."""
    body = inner.rstrip()
    if len(body) < 2 or not body.endswith(","):
        return inner_end
    return inner_start + len(body[:-1].rstrip())


def _is_speech(doc: Doc, inner: str, open_start: int, close_end: int, *, cued: bool) -> bool:
    """Tell speech from scare quotes (‘grote’), terms and titles (het boek ‘Cluster Governance’)."""
    n = len(words(inner))
    if n == 0 or _is_title(doc, open_start):
        return False
    if cued:
        return True
    text = doc_text(doc)
    ends_sentence = bool(_SENTENCE_END.search(inner.strip()))
    if not ends_sentence and inner.lstrip()[:1].isupper() and _after_determiner(text, open_start):
        return False  # 'Vanavond wordt het “Initiatief buurtwarmte …” besproken': the name of an agenda item
    if n >= MIN_UNCUED_WORDS:
        return True
    if n >= MIN_SENTENCE_QUOTE_WORDS and ends_sentence and _stands_alone(text, open_start, close_end):
        return True  # „…”, zei hij. „Dat is geen bijzaak.”
    span = _span_chars(doc, open_start, close_end)
    if span is None:
        return False
    sent = sentence_of(doc, span.start)
    whole_sentence = span.start == sent.start and close_end >= sent.end_char - 2
    return n >= 3 and whole_sentence and bool(_SENTENCE_END.search(inner.strip()))


def _after_determiner(text: str, open_start: int) -> bool:
    """The word before the opening mark is an article or demonstrative (title_determiners.txt)."""
    before = text[max(0, open_start - 12) : open_start].lower().split()
    return bool(before) and before[-1] in word_set("title_determiners.txt")


def _stands_alone(text: str, open_start: int, close_end: int) -> bool:
    """The quote is a sentence of its own: a sentence end, a line break or the start of the text before the opening
    mark, and a line break, the end of the text or a new sentence (capital or opening mark) after the closing one."""
    k = open_start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k > 0 and text[k - 1] not in ".!?…\n":
        return False
    j = close_end
    while j < len(text) and text[j] in " \t":
        j += 1
    return j >= len(text) or text[j] == "\n" or text[j].isupper() or text[j] in OPENING_TOKENS


def _split_quote_cues(doc: Doc, text: str, pairs: Sequence, mentions: _Mentions) -> dict[int, tuple[str, Mention]]:
    """Cues that interrupt a quote: "“Eerlijk gezegd,” begon wethouder Rik Jonker zijn antwoord, “hadden we …”" and
    "‘Wanneer’, wilde Lies Arts weten, ‘gaat het …’". Both parts get the words between them as cue and the first
    mention there as source, keyed by the index of the pair. The parts stand in one line, the first ends with a
    comma, the words between end with a comma and hold no sentence end, and the second part goes on in lower case
    or the words between hold a speech verb."""
    found: dict[int, tuple[str, Mention]] = {}
    for n, (a, b) in enumerate(pairwise(pairs)):
        between = text[a.close_end : b.open_start]
        head = text[a.inner_start : a.inner_end].rstrip()
        if not (head.endswith(",") or between.lstrip().startswith(",")) or not between.rstrip().endswith(","):
            continue
        if any(c in between for c in ".!?\n") or len(words(between)) > MAX_INTERRUPTION_WORDS:
            continue
        tail = text[b.inner_start : b.inner_end].lstrip()
        span = _span_chars(doc, a.close_end, b.open_start)
        if not tail or span is None:
            continue
        if not (tail[0].islower() or any(speech_verb_lemma(t) for t in span)):
            continue
        source = _first_mention(doc, mentions, a.close_end, b.open_start)
        if source is None:
            continue
        verb = next((t for t in span if speech_verb_lemma(t)), None)
        if verb is not None:
            parts = [_source_range(doc, source), (verb.i, verb.i + 1)]
            companion = companion_at(verb, span.end)
            if companion is not None:
                parts.append((companion, companion + 1))
            cue = cue_text(doc, parts)
        else:
            cue = between.strip(" ,–—-")
        found.setdefault(n, (cue, source))
        found[n + 1] = (cue, source)
    return found


def _is_title(doc: Doc, open_start: int) -> bool:
    """The quoted words follow "het boek", "het programma", "het motto:", …: a title, not speech (unless a colon ends
    a cue: "X vraagt aandacht voor het thema: “…”")."""
    before = doc_text(doc)[max(0, open_start - 40) : open_start].lower().split()
    if not before:
        return False
    if before[-1].endswith(":") and _speech_verb_before(doc, open_start):
        return False  # "X vraagt aandacht voor het thema: “…”": a cue and a colon introduce X's words
    word = before[-1].strip(",:")
    return word in word_set("title_cues.txt") or word.rsplit("-", 1)[-1] in word_set("title_cues.txt")


def _speech_verb_before(doc: Doc, offset: int) -> bool:
    """A speech verb stands in the sentence before character `offset`, at most `MAX_CUE_TOKENS` tokens back."""
    span = _span_chars(doc, max(0, offset - 1), offset)
    if span is None:
        return False
    sent = sentence_of(doc, span.start)
    return any(speech_verb_lemma(t) for t in doc[max(sent.start, span.start - MAX_CUE_TOKENS) : span.start])


#: How many tokens before a colon a cue's speech verb may stand ("X vraagt wel aandacht voor het thema:").
MAX_CUE_TOKENS = 12


def adopt_fragments(fragments: Sequence[FoundQuote], indirect: Sequence[FoundQuote]) -> list[FoundQuote]:
    """Quoted phrases inside reported speech become direct quotes of the same source."""
    adopted = []
    hosts = list(indirect)
    in_order = all(a.start <= b.start for a, b in pairwise(hosts))
    starts = [q.start for q in hosts]
    ends = [max(q.end, q.reach or 0) for q in hosts]  # a cut clause's cue still governs the rest of its sentence
    reach = list(accumulate((end + 1 for end in ends), max))  # furthest end (+1) among the hosts so far
    for fragment in fragments:
        if in_order:
            # the first host (in list order) that starts at or before the fragment and reaches its end
            k = bisect_right(starts, fragment.start)
            j = bisect_left(reach, fragment.end, hi=k)
            host = hosts[j] if j < k else None
        else:
            host = next((q for q, end in zip(hosts, ends, strict=True) if q.start <= fragment.start and fragment.end <= end + 1), None)
        if host is not None:
            fragment.source = host.source
            fragment.cue = host.cue
            fragment.attribution = Attribution.CUE
            adopted.append(fragment)
    return adopted


def _cue_after(doc: Doc, close_end: int, limit: int, mentions: _Mentions) -> tuple[str | None, Mention | None]:
    """", zegt X." / ", grapte hij." / ", zo luidde zijn uitnodiging." / ", aldus X." / " – burgemeester X" after the
    closing mark, in the same line: a cue that opens the next paragraph belongs to that paragraph's speech."""
    line_end = doc_text(doc).find("\n", close_end)
    if line_end != -1:
        limit = min(limit, line_end)
    span = _span_chars(doc, close_end, min(limit, len(doc_text(doc))))
    if span is None or len(span) == 0:
        return None, None
    # the rule reads at most three words; the text up to the next quote can be long
    tokens = list(islice((t for t in span if not t.is_space), 3))
    if not tokens:
        return None, None
    i = 0
    if tokens[0].text in (",", *_DASHES):
        i = 1
    if i >= len(tokens):
        return None, None
    first = tokens[i]
    if tokens[0].text in _DASHES and not speech_verb_lemma(first):
        return _dash_cue(doc, first, span.end, mentions)
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
    if source is None:
        return doc[first.i : min(end_tok, first.i + MAX_UNNAMED_CUE_TOKENS)].text, None
    verb = first if speech_verb_lemma(first) else next((t for t in doc[first.i + 1 : min(end_tok, first.i + 3)] if speech_verb_lemma(t)), None)
    parts = [(first.i, (verb.i if verb is not None else first.i) + 1), _source_range(doc, source)]
    companion = companion_at(verb, end_tok) if verb is not None else None
    if companion is not None:
        parts.append((companion, companion + 1))
    return cue_text(doc, parts), source


def _dash_cue(doc: Doc, first: Token, limit: int, mentions: _Mentions) -> tuple[str | None, Mention | None]:
    """"“…” – burgemeester Anna de Wit": a dash and a short line naming the speaker after the closing mark."""
    end = first.i
    while end < limit and doc[end].text not in (".", "!", "?") and "\n" not in doc[end].text:
        end += 1
    cue_span = doc[first.i : end]
    if not 0 < len(words(cue_span.text)) <= MAX_DASH_CUE_WORDS:
        return None, None
    source = mentions.first_by_tokens(first.i, end)
    if source is None or source.start - first.i > 2 or not is_source_mention(doc, source):
        if (end >= limit or "\n" in doc[end].text) and any(t.is_alpha and t.text[:1].isupper() for t in cue_span):
            # a byline that names someone the mentions do not know ("– bewoonster Sanne"): a cue without a source
            return f"{doc[first.i - 1].text} {cue_span.text.strip()}", None
        return None, None
    return cue_span.text.strip(), source


def _cue_before(doc: Doc, open_start: int, limit: int, mentions: _Mentions) -> tuple[str | None, Mention | None]:
    """"Lagendijk: “…”" / "De Vries voegt toe: "…"" / "Hij zei: „…”" before the opening mark."""
    text = doc_text(doc)
    k = open_start
    while k > limit and text[k - 1].isspace():  # the text before the mark ends with a colon (as rstrip())
        k -= 1
    if k == limit or text[k - 1] != ":":
        return None, None
    span = _span_chars(doc, limit, open_start)
    if span is None:
        return None, None
    colon = next((t.i for t in reversed(span) if t.text == ":"), None)  # the last colon, read from the end
    if colon is None:
        return None, None  # the colon is glued to another token ("vertrouwen:«")
    sent_start = sentence_of(doc, colon).start
    start_tok = max(sent_start, span.start)
    cue_span = doc[start_tok : colon + 1]
    if len(cue_span) > 12:
        cue_span = doc[colon - 11 : colon + 1]
    source = _first_mention(doc, mentions, cue_span.start_char, cue_span.end_char)
    if source is None:
        return doc[max(cue_span.start, colon + 1 - MAX_UNNAMED_CUE_TOKENS) : colon + 1].text.strip(), None
    verb = next((t for t in reversed(cue_span) if speech_verb_lemma(t)), None)
    if verb is not None:
        # "…, vindt Ilse Dam: “…”": the subject right after the last speech verb before the colon, not a person the
        # clause before it names ("En de wijkagent moet …")
        after = _first_mention(doc, mentions, doc[verb.i + 1].idx, cue_span.end_char) if verb.i + 1 < colon else None
        if after is not None and after.start - verb.i - 1 <= MAX_VERB_TO_SUBJECT and not any(
            t.lower_ in _PREPOSITIONS or t.is_punct for t in doc[verb.i + 1 : after.start]
        ):
            source = after
    parts = [_source_range(doc, source)]
    if verb is not None:
        parts.append((verb.i, verb.i + 1))
        companion = companion_at(verb, colon)
        if companion is not None:
            parts.append((companion, companion + 1))
    return cue_text(doc, parts, closing=colon).strip(), source


#: The most words between a speech verb and the subject after it in a cue before a colon ("vindt wethouder Ilse Dam:").
MAX_VERB_TO_SUBJECT = 2


def _source_range(doc: Doc, source: Mention) -> tuple[int, int]:
    """The tokens of a cue's source: the mention, and for a possessive pronoun the speech noun after it ("zo luidde
    zijn uitnodiging")."""
    if source.kind is MentionKind.PRONOUN and source.text.lower() in POSSESSIVES and source.end < len(doc):
        return source.start, source.end + 1
    return source.start, source.end


def find_indirect_quotes(
    doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention], direct: Sequence[FoundQuote]
) -> list[FoundQuote]:
    """Reported speech: "volgens X …", "X zegt dat …", "…, zegt X.", "…, aldus X", "laat X weten dat …"."""
    found: list[FoundQuote] = []
    regions = Regions(content_regions(blocks))
    direct_spans = Coverage([(q.start, q.end) for q in direct])
    locate = _block_locator(blocks)
    index = _Mentions(with_back_references(doc, mentions))
    previous: Span | None = None
    # third-person minutes quote nobody between quotation marks; there the sentences after a reported clause go on
    # with it (in news they are the writer's)
    minutes = not direct
    carry: FoundQuote | None = None
    carried = 0
    reported_before = False  # the previous sentence holds a reported clause of its own
    for sent in sentences(doc):
        if not regions.covers(sent.start_char):
            previous, carry, reported_before = None, None, False
            continue
        quoted = direct_spans.covered(sent.start_char, sent.end_char)
        if quoted > 0.5 * len(doc_text(doc)[sent.start_char : sent.end_char].strip()):
            # mostly a direct quote: its cue belongs to that quote, unless the sentence opens with words of its own
            # and a cue before its clause ("X concludeert dat het “zeer moeilijk is …”")
            opens_quoted = direct_spans.covered(sent.start_char, sent.start_char + OPENING_WINDOW) > 0
            quote = None if opens_quoted else _clause_around_quote(sent, index, direct_spans)
            if quote is None and not opens_quoted:
                # "De politie moet de straat op, vindt X: “…”": the clause before a trailing cue, outside the quote
                quote = _trailing_cue(sent, index)
                if quote is not None and direct_spans.covered(quote.start, quote.end):
                    quote = None
            if quote is not None:
                quote.block = locate.index(quote.start)
                found.append(quote)
            previous, reported_before, carry = sent, quote is not None, None
            continue
        quote = (
            _volgens(sent, index)
            or _verb_infinitive(sent, index)
            or _verb_dat(sent, index)
            or _trailing_cue(sent, index)
            or _parenthetical(sent, index)
            # "Volgens X staat A. Dat zegt ze in …": the sentence before has its clause already
            or _dat_zegt(sent, None if reported_before else previous, index)
            or _topic(sent, index)
        )
        previous, reported_before = sent, quote is not None
        if quote is None and minutes and carry is not None:
            quote = _continuation(sent, carry, index, locate)
            if quote is None or carried >= MAX_CONTINUATION_SENTENCES:
                carry, quote = None, None
            else:
                carried += 1
        elif quote is not None:
            carry, carried = (quote if minutes else None), 0
        if quote is not None and not _mostly_quoted(quote, direct_spans):
            quote.block = locate.index(quote.start)
            found.append(quote)
    return found


#: The most sentences after a reported clause that continue it in minutes ("X geeft aan dat A. B. C.").
MAX_CONTINUATION_SENTENCES = 3
#: Mentions that start someone else's contribution and so end a continuation.
_OTHER_SPEAKER_KINDS = frozenset({MentionKind.NAME, MentionKind.SURNAME, MentionKind.ROLE, MentionKind.DESCRIPTION})


def _continuation(sent: Span, carry: FoundQuote, mentions: _Mentions, locate: Locator) -> FoundQuote | None:
    """Minutes: a sentence after "X geeft aan dat …" in the same paragraph or item that names no other person, has
    no cue of its own and no speech verb continues X's reported speech (same source and cue)."""
    if carry.block < 0 or locate.index(sent.start_char) != carry.block:
        return None
    if any(m.kind in _OTHER_SPEAKER_KINDS for m in mentions.by_tokens(sent.start, sent.end)):
        return None
    if any(t.lower_ in first_person() for t in sent):
        return None  # "Ik denk …": the writer or a direct turn, not the reported speaker
    if any(speech_verb_lemma(t) for t in sent):
        return None  # "Dat zegt ze in de krant.": a sentence about the speech, not more of it
    quote = _make(sent.doc, _clause(sent.doc, sent.start, sent.end), carry.cue or "", carry.source)
    if quote is not None:
        quote.block = carry.block
    return quote


def _clause_around_quote(sent: Span, mentions: _Mentions, direct_spans: Coverage) -> FoundQuote | None:
    """"X concludeert dat het “zeer moeilijk is …”": the reported clause of a named source around a direct quote in a
    sentence that is mostly quoted words; not when the cue and clause stand inside the quote, and not for a pronoun
    source (its referent is less sure than the quote's own attribution)."""
    quote = _verb_dat(sent, mentions)
    if quote is None or direct_spans.covered(quote.start, quote.start + OPENING_WINDOW):
        return None
    if quote.source is not None and quote.source.kind is MentionKind.PRONOUN:
        return None
    return quote


def _mostly_quoted(quote: FoundQuote, direct_spans: Coverage) -> bool:
    """Reported speech that is really the words of a direct quote next to it: it starts inside the quote ("“…” Dat
    zegt X.") and is mostly quoted. A clause that opens with words of its own and then quotes ("X concludeert dat het
    “zeer moeilijk is …”") is reported speech around the quote."""
    if not direct_spans.covered(quote.start, quote.start + OPENING_WINDOW):
        return False
    covered = direct_spans.covered(quote.start, quote.end)
    return covered > 0.5 * (quote.end - quote.start)


#: Characters at the start of a reported clause in which a direct quote must begin for the clause to be that quote.
OPENING_WINDOW = 2


def _clause(doc: Doc, start: int, end: int, *, min_tokens: int = 3) -> tuple[int, int] | None:
    """Character offsets of tokens [start, end) without edge punctuation; quotation marks stay when their
    partner is inside the clause ("‘Afstand’ is niet alleen geografisch").

    Where the partners are is found once (the last closing and the first opening mark), so a clause that
    starts or ends with a long run of marks takes time linear in its length."""
    last_closing = next((k for k in range(end - 1, start - 1, -1) if doc[k].text in CLOSING_TOKENS), -1)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        if doc[start].text in OPENING_TOKENS and last_closing >= start + 1:
            break
        start += 1
    if 0 < start < end and doc[start - 1].text in OPENING_TOKENS and last_closing >= start:
        start -= 1  # the sentence splitter left the opening mark on the sentence before
    first_opening = next((k for k in range(start, end) if doc[k].text in OPENING_TOKENS), end)
    # a straight mark that opens and closes: an odd count means the last one opens the next quote ('… druk. "')
    straight = {mark: sum(1 for k in range(start, end) if doc[k].text == mark) for mark in _STRAIGHT_MARKS}
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        last = doc[end - 1].text
        unpaired = last in straight and straight[last] % 2 == 1
        if last in CLOSING_TOKENS and first_opening < end - 1 and not unpaired:
            break
        if last in straight:
            straight[last] -= 1
        end -= 1
    if end - start < min_tokens:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _make(doc: Doc, kind_span: tuple[int, int] | None, cue: str, source: Mention | None) -> FoundQuote | None:
    if kind_span is None or source is None:
        return None
    start, end = kind_span
    return FoundQuote("indirect", start, end, doc_text(doc)[start:end], -1, cue=cue, source=source, attribution=Attribution.CUE)


def _verb_cue(doc: Doc, verb: Token, source: Mention, stop: int, *, particle: int | None = None, closing: int | None = None) -> str:
    """The cue of a speech verb: the verb, its source and its particle (found before token `stop`, or given), and the
    word that opens the reported clause (`closing`: "dat", "of", "waarom") when it follows them directly ("De
    voorzitter zegt dat", "voegt Els Arts toe", "Caitlin Dijkstra … vindt"); see `cue_text`."""
    parts = [(verb.i, verb.i + 1), _source_range(doc, source)]
    companion = particle if particle is not None else companion_at(verb, stop)
    if companion is not None and companion > verb.i:
        parts.append((companion, companion + 1))
    return cue_text(doc, parts, closing=closing)


def _mention_at(mentions: _Mentions, token_index: int) -> Mention | None:
    """The first mention that starts at the token."""
    return mentions.starting_at(token_index)


def _volgens(sent: Span, mentions: _Mentions) -> FoundQuote | None:
    doc = sent.doc
    lowers = token_table(doc).lower
    for i in range(sent.start, sent.end):
        if lowers[i] != "volgens":
            continue
        tok = doc[i]
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


#: "X zegt (…) dat": the most tokens from the speech verb to its "dat" or "of".
MAX_VERB_TO_DAT = 12


def _verb_dat(sent: Span, mentions: _Mentions) -> FoundQuote | None:
    """"X zegt (…) dat CLAUSE" and "Daarom laat X weten dat CLAUSE"."""
    doc = sent.doc
    has_companion: dict[str, bool] = {}  # per sentence, so a sentence full of speech verbs stays linear
    speech, lowers = word_facts(doc).speech, token_table(doc).lower
    question_verbs = word_set("question_verbs.txt")
    for i in range(sent.start, sent.end):
        if not (speech[i] or lowers[i] in question_verbs):
            continue  # neither a speech verb nor a verb that asks
        tok = doc[i]
        question = asks(tok, sent)  # "vraagt waarom …", "wil weten wanneer …"
        if not (speech_verb_lemma(tok) or question) or tok.lower_ == "aldus":
            continue
        # only the first "dat"/"of" counts, and only when it is near: looking further changes nothing
        near = doc[tok.i + 1 : min(sent.end, tok.i + 1 + MAX_VERB_TO_DAT)]
        dat = next((t for t in near if opens_clause(t, question=question)), None)
        if dat is None or dat.i - tok.i > MAX_VERB_TO_DAT:
            continue
        if any(t.lower_ == "om" for t in doc[tok.i + 1 : dat.i]):
            continue  # "zegt het om te voorkomen dat …": the "dat" belongs to the purpose clause
        # "Bikker geeft toe dat": a particle that makes "geeft" another speech verb than its listed one
        companion = None if particle_of(tok, dat.i) is not None else speech_verb_companion(tok)
        if companion and companion not in has_companion:
            has_companion[companion] = any(t.lower_ == companion or t.lower_.startswith(companion) for t in sent)
        if companion and not has_companion[companion]:
            continue
        source = _cue_source(tok, sent, mentions, dat.i)
        if source is None or not _speaks(tok, sent, source, dat.i):
            continue
        cue = _verb_cue(doc, tok, source, dat.i, closing=dat.i)
        start = dat.i + 1 if question else _evaluation_start(tok, source, dat.i, mentions)
        if question and dat.lower_ in word_set("question_determiners.txt"):
            start = dat.i  # "wil weten hoeveel woningen er komen": the question word belongs to its noun
        end = clause_end(sent, dat.i + 1)
        if end < sent.end and speech_verb_lemma(doc[end + 1]):
            continue  # "vinden dat niet voldoende en vinden dat …": the second verb's "dat" opens the clause
        quote = _make(doc, _clause(doc, start, end), cue, source)
        if quote is not None and end < sent.end:
            quote.reach = sent.end_char  # "… en spreekt van een “politieke aanslag”": still the speaker's words
        return quote
    return None


def _cue_source(verb: Token, sent: Span, mentions: _Mentions, stop: int) -> Mention | None:
    """The speaker mention of a speech verb: the parse's subject, else the first person (or any mention) before the
    verb outside a fronted phrase, else the first mention after it ("laat de gemeente weten"); a mention in the
    sentence's first phrase wins over a parsed subject after the verb. Only mentions that start before token `stop`
    (the clause) count."""
    doc = sent.doc
    inner = [m for m in mentions.by_tokens(sent.start, sent.end, start_below=stop) if is_source_mention(doc, m)]
    before = [m for m in inner if m.end <= verb.i and not _after_preposition(doc, m)]
    after = [m for m in inner if m.start > verb.i and not _after_preposition(doc, m)]
    people = [m for m in before if m.kind is not MentionKind.ORGANISATION]
    fronted = (people or before)[0] if before else None
    subject = _parsed_subject(verb, inner)
    if subject is not None and subject.start > verb.i and fronted is not None and _first_constituent(fronted, verb, sent):
        # "Mevrouw Bakker (SP) vraagt het college of …": in a main clause the phrase before the finite verb is its
        # subject; a parse that takes the addressee after the verb is overruled
        return fronted
    return subject or (fronted if fronted is not None else (after[0] if after else None))


def _first_constituent(m: Mention, verb: Token, sent: Span) -> bool:
    """The mention opens the sentence (at most `MAX_WORDS_BEFORE_SUBJECT` words before it, such as "De heer" or
    "Wethouder", none a comma or preposition) and no other verb stands before the finite verb: the phrase before it
    is the subject of a main clause. Not so for an object pronoun ("Hem vroeg de minister of …") or a fronted
    adverbial ("Door in Lelystad en Zwolle te bouwen, hoopt de beheerder dat …")."""
    doc = sent.doc
    if m.kind is MentionKind.PRONOUN and m.text.lower() in word_set("object_pronouns.txt"):
        return False
    opening = doc[sent.start : m.start]
    if len(opening) > MAX_WORDS_BEFORE_SUBJECT or any(t.text == "," or t.lower_ in _PREPOSITIONS for t in opening):
        return False
    if verb.i - m.end > MAX_SUBJECT_TO_VERB:
        return False
    return not any(is_finite_verb(t) for t in doc[sent.start : verb.i])


#: The most tokens before a sentence's subject mention ("De heer", "Voormalig wethouder").
MAX_WORDS_BEFORE_SUBJECT = 3
#: The most tokens from that subject to its finite verb ("Nadia Bouzid, voorzitter van stichting X, geeft aan").
MAX_SUBJECT_TO_VERB = 12


def _speaks(verb: Token, sent: Span, source: Mention, clause: int) -> bool:
    """The cue reports what `source` said: not denied ("heeft nooit gezegd dat", "zegt niet dat"), not the writer's
    own ("… dus ik stel voor dat"), not a question put to the source or a condition (the sentence opens with its
    finite verb: "Kan de minister toezeggen dat …?"), not dislocated ("Wat X zegt, dat klopt niet"), not passive ("X
    werd gevraagd of"). `clause` is the token that opens the reported clause."""
    lo = source.end if source.end <= verb.i else max(sent.start, verb.i - 2)
    if first_person_subject(verb, _after_last_comma(verb, max(lo, verb.i - MAX_SUBJECT_REACH))):
        return False
    if verb_first(sent):
        return False  # "Kan de wethouder toezeggen dat …?": the wethouder is asked
    return not (denied(verb, lo, clause) or dislocated(sent, verb) or passive(verb, lo))


def _after_last_comma(verb: Token, lo: int) -> int:
    """The first token after the last comma between token `lo` and the verb ("Jan, met wie ik sprak, zegt"), else lo."""
    doc = verb.doc
    for k in range(verb.i - 1, lo - 1, -1):
        if doc[k].text == ",":
            return k + 1
    return lo


def _evaluation_start(verb: Token, source: Mention, dat: int, mentions: _Mentions) -> int:
    """Where the reported clause starts: after the "dat", or at "het" in "vindt het jammer dat …" (the judgement
    is part of what was said) when no mention stands in between ("zegt het college dat" names the addressee)."""
    doc = verb.doc
    k = verb.i + 1
    if source.start == k:
        k = source.end  # "vindt Jansen het jammer dat"
    if k + 1 < dat and doc[k].lower_ == "het" and not mentions.by_tokens(k, dat):
        return k
    return dat + 1


def _verb_infinitive(sent: Span, mentions: _Mentions) -> FoundQuote | None:
    """"X zegt verbijsterd te zijn door …", "liet X weten te stoppen met …": a speech verb with a "te"-infinitive;
    the reported words run from after the verb (and its inverted subject or companion) to the sentence end or the
    first comma after the infinitive."""
    doc = sent.doc
    speech, lowers = word_facts(doc).speech, token_table(doc).lower
    separable = particle_verb_forms()
    for i in range(sent.start, sent.end):
        if not (speech[i] or lowers[i] in separable):
            continue  # takes no infinitive and has no particle
        tok = doc[i]
        particle = particle_of(tok, min(sent.end, tok.i + 2 + MAX_VERB_TO_TE))
        if not (takes_infinitive(tok) or particle is not None):
            continue
        te = infinitive_te(tok, sent.end)
        if te is None:
            continue
        companion = None if particle is not None else speech_verb_companion(tok)
        at_companion = next((t.i for t in doc[tok.i + 1 : te.i] if companion and t.lower_ == companion), None)
        if particle is not None and particle < te.i:
            at_companion = particle  # "geven toe namens Yomema gesprekken gevoerd te hebben"
        elif companion and at_companion is None and not any(t.lower_ == companion for t in doc[sent.start : tok.i]):
            continue
        source = _cue_source(tok, sent, mentions, te.i)
        if source is None or not _speaks(tok, sent, source, tok.i + 1):
            continue
        start = tok.i + 1
        if source.start > tok.i and source.end <= te.i:
            start = max(start, source.end)
        if at_companion is not None:
            start = max(start, at_companion + 1)
        end = next((t.i for t in doc[te.i + 2 : sent.end] if t.text in (",", ";", ":")), sent.end)
        cue = _verb_cue(doc, tok, source, start, particle=at_companion)
        return _make(doc, _clause(doc, start, end), cue, source)
    return None


def _topic(sent: Span, mentions: _Mentions) -> FoundQuote | None:
    """Minutes: "X informeert naar de planning", "X heeft een vraag over de kosten" — the topic is what X raised."""
    doc = sent.doc
    match = topic_cue(doc_text(doc)[sent.start_char : sent.end_char])
    if match is None:
        return None
    cue = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
    if cue is None or cue.end >= sent.end:
        return None
    verb = cue[0]
    source = _cue_source(verb, sent, mentions, cue.end)
    if source is None or source.start > verb.i or not _speaks(verb, sent, source, cue.end):
        return None  # the subject stands before the verb; "informeert de wethouder naar" names the addressee
    # a topic may be two words ("informeert naar de kosten")
    text = cue_text(doc, [_source_range(doc, source), (cue.start, cue.end)])
    return _make(doc, _clause(doc, cue.end, sent.end, min_tokens=2), text, source)


def _after_preposition(doc: Doc, m: Mention) -> bool:
    """A name in a phrase of place, medium or occasion cannot be the speaker: "In Nieuwsuur zegt ze dat …", "zei
    de leider tijdens het NOS-debat …" (an article may stand between)."""
    k = m.start
    if k > 0 and doc[k - 1].lower_ in ARTICLES:
        k -= 1
    return after_setting_preposition(doc, k)


def _parsed_subject(verb: Token, mentions: Sequence[Mention]) -> Mention | None:
    """With a dependency parse: the mention that holds the verb's subject ("Fink en De Cock wijzen erop")."""
    if not annotated(verb.doc, "DEP"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
    for subject in subjects:
        for m in mentions:
            if m.start <= subject.i < m.end:
                return m
    return None


class _SentenceFacts:
    """What `_trailing_cue` asks about the words of one sentence, computed once per sentence (on the first
    question) instead of once per comma, so a sentence full of ", zegt" stays linear."""

    def __init__(self, sent: Span) -> None:
        self.sent = sent
        self._last: dict[str, int] | None = None
        self._first_finite: int | None = None
        self._words_after: list[int] | None = None
        self._finite_after: list[bool] | None = None

    def last_index(self, lower: str) -> int:
        """Token index of the last word with this lower-case form, -1 if none."""
        if self._last is None:
            self._last = {t.lower_: t.i for t in self.sent}
        return self._last.get(lower, -1)

    def first_finite(self) -> int:
        """Token index of the first finite verb (`is_finite_verb`), the sentence end if none."""
        if self._first_finite is None:
            self._first_finite = next((t.i for t in self.sent if is_finite_verb(t)), self.sent.end)
        return self._first_finite

    def words_from(self, i: int) -> tuple[int, bool]:
        """From token i to the sentence end: how many words (not punctuation or space), and whether one of
        them is a finite verb."""
        sent = self.sent
        if self._words_after is None or self._finite_after is None:
            count = [0] * (len(sent) + 1)
            finite = [False] * (len(sent) + 1)
            for k in range(len(sent) - 1, -1, -1):
                t = sent[k]
                word = not (t.is_punct or t.is_space)
                count[k] = count[k + 1] + word
                finite[k] = finite[k + 1] or (word and is_finite_verb(t))
            self._words_after, self._finite_after = count, finite
        k = min(max(i - sent.start, 0), len(sent))
        return self._words_after[k], self._finite_after[k]


def _question_frame(words_before: Span) -> bool:
    """The words open with a question frame (question_frames.txt): "Op de vraag hoe het gaat, zegt hij: …"."""
    opening = " ".join(t.lower_ for t in words_before[:3])
    return any(opening.startswith(frame) for frame in word_set("question_frames.txt"))


def _trailing_cue(sent: Span, mentions: _Mentions) -> FoundQuote | None:
    """"CLAUSE, zegt X." and "CLAUSE, aldus X." at the end of the sentence (also with a verb of
    trailing_cue_verbs.txt: "CLAUSE, ziet X.")."""
    doc = sent.doc
    facts = _SentenceFacts(sent)
    texts = token_table(doc).text
    for i in range(sent.start + 4, sent.end - 2):
        if texts[i] != ",":
            continue
        tok = doc[i]
        verb = doc[tok.i + 1]
        if not (speech_verb_lemma(verb) or verb.lower_ == "aldus" or verb.lower_ in word_set("trailing_cue_verbs.txt")):
            continue
        companion = speech_verb_companion(verb)
        rest = doc[tok.i + 2 : sent.end]
        if companion and facts.last_index(companion) < rest.start:
            continue
        if max(facts.last_index("dat"), facts.last_index("of")) >= rest.start:
            continue
        source = mentions.first_by_tokens(rest.start, rest.end)
        if source is None or source.start - rest.start > 3:
            continue
        if any(t.lower_ in _PREPOSITIONS for t in doc[rest.start : source.start]):
            continue  # "vulde het betoog van Lagendijk aan": the name is not the subject
        if not facts.first_finite() < tok.i and len(doc[sent.start : tok.i]) < 8:
            continue  # "Miranda Ebbekink, medeauteur …, vulde …": an apposition, not a reported clause
        if _question_frame(doc[sent.start : tok.i]):
            continue  # "Op de vraag hoe het gaat, zegt hij": the words before the cue are a question
        if source.end < sent.end and doc[source.end].text == ":":
            # "CLAUSE, zegt hij: “…”": the words after the colon are a direct quote, not part of the cue
            return _make(doc, _clause(doc, sent.start, tok.i), _verb_cue(doc, verb, source, sent.end), source)
        tail_words, tail_finite = facts.words_from(source.end)
        if tail_words > 8 or tail_finite:
            continue
        return _make(doc, _clause(doc, sent.start, tok.i), _verb_cue(doc, verb, source, sent.end), source)
    return None


def _dat_zegt(sent: Span, previous: Span | None, mentions: _Mentions) -> FoundQuote | None:
    """"Dat zegt de gemeente Almere." — the sentence before is what the source said."""
    doc = sent.doc
    if previous is None or len(sent) < 3 or sent[0].lower_ not in ("dat", "dit", "die", "zo"):
        return None
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    verb_second = bool(speech_verb_lemma(sent[1]))  # "Dat zegt de gemeente Almere, die …"
    if not verb_second and (len(words) > 10 or not any(speech_verb_lemma(t) for t in words[1:])):
        return None  # otherwise only short ones: "Dat heeft X gisteren gezegd."
    verb = next(t for t in words[1:] if speech_verb_lemma(t)) if not verb_second else sent[1]
    if any(t.text == "," or t.text in OPENING_TOKENS or t.text in CLOSING_TOKENS for t in doc[sent.start : verb.i]):
        return None  # "“Dat is waar,” liet X weten": the "Dat" opens quoted words, not "Dat zegt X"
    if _opened_by_mark(doc, sent.start):
        return None
    inside = [m for m in mentions.by_tokens(sent.start + 1, sent.end) if is_source_mention(doc, m)]
    if not inside:
        return None
    source = inside[0]  # the subject comes first after "Dat zegt" / "Dat heeft"
    parts = [(sent.start, sent.start + 2), _source_range(doc, source), (verb.i, verb.i + 1)]
    return _make(doc, _clause(doc, previous.start, previous.end), cue_text(doc, parts), source)


def _opened_by_mark(doc: Doc, i: int) -> bool:
    """Token i stands right after an opening quotation mark (white space between allowed), which the sentence
    splitter may have left on the sentence before."""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k >= 0 and doc[k].text in OPENING_TOKENS and (k == 0 or not doc[k - 1].is_alpha)


def _parenthetical(sent: Span, mentions: _Mentions) -> FoundQuote | None:
    """"Maar, zeggen experts, juist die druppels …": a cue between commas inside the sentence."""
    doc = sent.doc
    texts = token_table(doc).text
    commas = [i for i in range(sent.start, sent.end) if texts[i] == ","]
    for a, b in zip(commas, commas[1:], strict=False):
        if b - a < 3 or b - a > 8:
            continue
        verb = doc[a + 1]
        if not speech_verb_lemma(verb):
            continue
        source = mentions.first_by_tokens(a + 2, b)
        if source is None or (b + 1 < sent.end and doc[b + 1].lower_ in RELATIVES):
            continue  # "“…”, geeft X toe, die over een maand stopt": a relative clause about X, not X's words
        return _make(doc, _clause(doc, b + 1, sent.end), _verb_cue(doc, verb, source, b), source)
    return None


