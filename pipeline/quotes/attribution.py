"""Quote attribution as an ordered sieve of named steps (as in CoreNLP's QuoteAttributionAnnotator and Citron).

Each quote, in document order, passes the steps of `SIEVE` until one names a speaker; the quote records that step's
name in `FoundQuote.attribution` (and the output's `quotes[].attribution`). The steps:

1. `cue` — the quote's own cue names the source ("zegt X", "X:", "volgens X", "X wil weten of"); the source
   mention's referent from coreference, or, for a role with no named holder ("De voorzitter antwoordt dat"), the
   role itself (type `office`); a back reference ("Spreker vraagt of", "De man zegt", "volgens hen") the person or
   body it points back to (`pipeline.quotes.back_references`).
2. `previous_quote` — a direct quote in the same paragraph as the previous one, or opening the next paragraph
   right after it, continues the previous speaker when no other person is named in between.
3. `announced` — the sentence right before an uncued direct quote announces its speaker ("Daarna nam X het woord.").
4. `reported` — the sentence right before an uncued direct quote holds the cue of the quote before it ("Volgens X
   staat A onder druk. “…”"): that source.
5. `context` — the person in focus just before the quote in its paragraph: the first person named in the
   quote's sentence, else the first person of the last sentence before it that names one.
6. `last_speaker` — news style: a quote in a paragraph that names nobody continues the speaker quoted last, within
   `MAX_PARAGRAPHS_BACK` paragraphs and with nobody else named in between.

Steps 2–6 apply to direct quotes only: reported speech always has its cue. A quote whose cue names nobody
("“…”, klonk het.") or names someone unknown ("“…” – bewoonster Sanne"; `pipeline.quotes.cues.unresolved_cue`) passes
no step. Linear in the number of quotes and
mentions: mentions are looked up by offset (`MentionIndex`) and containment in direct quotes by `pipeline.intervals.Regions`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.intervals import Regions
from pipeline.quotes.back_references import is_back_reference, resolve_back_reference
from pipeline.quotes.cues import announces, unresolved_cue
from pipeline.quotes.model import Attribution, FoundQuote
from pipeline.sentences import doc_text, sentence_of
from pipeline.speakers.coreference import PERSON_KINDS, Resolution, SpeakerRecord, office_role
from pipeline.speakers.mentions import Mention, MentionKind
from pipeline.speakers.roles import Description

#: How many paragraphs back an uncued quote may take the speaker of the last quote (step `last_speaker`).
MAX_PARAGRAPHS_BACK = 2
#: Mentions of bodies that speak: a paragraph that names one does not continue the speaker quoted last.
_BODY_KINDS = frozenset({MentionKind.ORGANISATION, MentionKind.GROUP})


class MentionIndex:
    """Mentions by character offset, for range look-ups in O(log n + hits)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: (m.start_char, m.end_char))
        self.starts = [m.start_char for m in self.items]

    def between(self, low: int, high: int) -> list[Mention]:
        """Mentions with `low <= start_char < high`, in document order."""
        return self.items[bisect_left(self.starts, low) : bisect_left(self.starts, high)]

    def last_between(self, low: int, high: int, n: int) -> list[Mention]:
        """The last `n` of `between(low, high)`, in document order, in O(log m + n)."""
        end = bisect_left(self.starts, high)
        return self.items[max(bisect_left(self.starts, low), end - n) : end]


@dataclass
class SieveContext:
    """What every step may look at: the Doc, coreference, the mentions, direct-quote intervals, the previous quote."""

    doc: Doc
    resolution: Resolution
    mentions: MentionIndex
    quoted: Regions
    previous: FoundQuote | None = None
    reported: FoundQuote | None = None  # the last attributed indirect quote


Step = Callable[[FoundQuote, SieveContext], str | None]


def cue_step(q: FoundQuote, ctx: SieveContext) -> str | None:
    """The referent of the mention the quote's cue names; a role with no named holder becomes a speaker itself."""
    if q.source is None:
        return None
    key = ctx.resolution.referent.get(q.source)
    if key is None and is_back_reference(q.source):
        return resolve_back_reference(q.source, ctx)  # "Spreker vraagt of …", "volgens hen"
    if key is None and q.source.kind is MentionKind.ROLE:
        # "De voorzitter antwoordt dat …" with no named chair: the role is the speaker's name, an office
        key = f"role:{q.source.text.lower()}"
        office = SpeakerRecord(key=key, name=q.source.text, type="office", first_offset=q.source.start_char)
        role = office_role(q.source)
        if role is not None:
            office.description.extend(Description(roles=[role]))  # "De wethouder" holds the role "wethouder"
        ctx.resolution.records.setdefault(key, office)
        ctx.resolution.referent[q.source] = key
    return key


def previous_quote_step(q: FoundQuote, ctx: SieveContext) -> str | None:
    """The previous quote's speaker when this direct quote continues it and nobody else is named in between."""
    prev = ctx.previous
    if q.kind != "direct" or prev is None or not prev.speaker_key:
        return None
    if _continues(prev, q, ctx.doc) and not _person_between(prev, q, ctx):
        return prev.speaker_key
    return None


def context_step(q: FoundQuote, ctx: SieveContext) -> str | None:
    """The person in focus just before an uncued direct quote within its paragraph."""
    if q.kind != "direct":
        return None
    doc, res = ctx.doc, ctx.resolution
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    first_sent = sentence_of(doc, span.start)
    para_start = doc_text(doc).rfind("\n", 0, q.start) + 1
    candidates = [
        m for m in ctx.mentions.between(para_start, q.start)
        if m in res.referent and res.records[res.referent[m]].type == "person"
        and m.kind in PERSON_KINDS and not ctx.quoted.covers(m.start_char)
    ]
    if not candidates:
        return None
    same = [m for m in candidates if m.start >= first_sent.start]
    if same:
        return res.referent[same[0]]
    last_sent = sentence_of(doc, candidates[-1].start).start
    in_last = [m for m in candidates if sentence_of(doc, m.start).start == last_sent]
    return res.referent[in_last[0]]


def last_speaker_step(q: FoundQuote, ctx: SieveContext) -> str | None:
    """News style: an uncued quote in a paragraph that names nobody continues the speaker quoted last, when no
    other person was named in between and no more than `MAX_PARAGRAPHS_BACK` paragraphs separate them."""
    prev = ctx.previous
    if q.kind != "direct" or prev is None or not prev.speaker_key:
        return None
    if prev.block < 0 or q.block < 0 or q.block - prev.block > MAX_PARAGRAPHS_BACK:
        return None
    if doc_text(ctx.doc)[prev.end : q.start].count("\n\n") > MAX_PARAGRAPHS_BACK:
        return None
    if _person_between(prev, q, ctx) or _other_body_before(prev, q, ctx):
        return None
    return prev.speaker_key


def announced_step(q: FoundQuote, ctx: SieveContext) -> str | None:
    """The person the sentence right before an uncued direct quote announces as taking the floor ("Daarna nam
    wethouder X het woord." / "Toen was Y aan het woord."; phrases in announcing_phrases.txt), also across a
    paragraph break."""
    if q.kind != "direct":
        return None
    doc, res = ctx.doc, ctx.resolution
    before = _sentence_before(doc, q)
    if before is None or not announces(before.text):
        return None
    people = [
        m for m in ctx.mentions.between(before.start_char, before.end_char)
        if m in res.referent and m.kind in PERSON_KINDS and res.records[res.referent[m]].type == "person"
    ]
    return res.referent[people[0]] if people else None


def reported_step(q: FoundQuote, ctx: SieveContext) -> str | None:
    """An uncued direct quote that opens its sentence right after a sentence whose cue names the source of the quote
    before it, in the same paragraph ("Volgens Verhage staat het noaberschap onder druk. “Mensen willen niet meer
    …”"), continues that source, even when the sentence names other people ("waar Van der Plas voor pleit")."""
    prev = ctx.previous
    if q.kind != "direct" or prev is None or not prev.speaker_key or prev.source is None:
        return None
    if prev.attribution is not Attribution.CUE or prev.block != q.block or prev.block < 0:
        return None
    own = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if own is None or doc_text(ctx.doc)[sentence_of(ctx.doc, own.start).start_char : q.start].strip(" \n\"'“„‘«"):
        return None  # the quote does not open its sentence: "X concludeert dat het “…”" is X's
    before = _sentence_before(ctx.doc, q)
    if before is None or not before.start_char <= prev.source.start_char < before.end_char:
        return None
    return prev.speaker_key


def _sentence_before(doc: Doc, q: FoundQuote) -> Span | None:
    """The sentence before the one the quote starts in (punctuation and space between skipped), or None."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    k = sentence_of(doc, span.start).start - 1
    while k >= 0 and (doc[k].is_space or doc[k].is_punct):
        k -= 1
    return sentence_of(doc, k) if k >= 0 else None


#: The sieve, in order: the first step that names a speaker decides.
SIEVE: tuple[tuple[Attribution, Step], ...] = (
    (Attribution.CUE, cue_step),
    (Attribution.PREVIOUS_QUOTE, previous_quote_step),
    (Attribution.ANNOUNCED, announced_step),
    (Attribution.REPORTED, reported_step),
    (Attribution.CONTEXT, context_step),
    (Attribution.LAST_SPEAKER, last_speaker_step),
)


def attribute(
    quotes: Sequence[FoundQuote], resolution: Resolution, doc: Doc, mentions: Sequence[Mention],
    sieve: Sequence[tuple[Attribution, Step]] = SIEVE,
) -> None:
    """Give each quote (in place) a speaker key and the name of the sieve step that decided it; mark its speaker as
    one who speaks. Quotes no step attributes keep `speaker_key=None` and `attribution=none`."""
    ordered = sorted(quotes, key=lambda q: q.start)
    ctx = SieveContext(doc, resolution, MentionIndex(mentions), Regions([(q.start, q.end) for q in ordered if q.kind == "direct"]))
    for q in ordered:
        q.speaker_key, q.attribution = None, Attribution.NONE
        if q.source is None and q.cue and unresolved_cue(q.cue):
            ctx.previous = q  # "“…”, klonk het." / "“…” – bewoonster Sanne": the cue names nobody the mentions know
            continue
        for step_name, step in sieve:
            key = step(q, ctx)
            if key:
                q.speaker_key, q.attribution = key, step_name
                resolution.records[key].speaks = True
                break
        ctx.previous = q
        if q.kind == "indirect" and q.speaker_key:
            ctx.reported = q


def _continues(previous: FoundQuote, q: FoundQuote, doc: Doc) -> bool:
    """The quote continues the previous one: same paragraph, or it opens the paragraph right after a
    paragraph that ended with the previous quote."""
    if previous.block == q.block:
        return True
    if previous.block < 0 or q.block != previous.block + 1:
        return False
    between = doc_text(doc)[previous.end : q.start]
    return "\n" in between and len(between.strip(" \n.,!?”’\"'“„‘")) == 0


def _other_body_before(a: FoundQuote, b: FoundQuote, ctx: SieveContext) -> bool:
    """Quote `a` is reported speech in an earlier paragraph and `b`'s paragraph names an organisation or group other
    than `a`'s speaker before `b` ("X zegt dat …" / "Het onderzoek werd gedaan voor Bank Y. De conclusie? ‘…’"):
    minutes and reports go from body to body, so the new paragraph does not go on with the speaker reported last.
    (After a direct quote, news style goes on with its speaker across such a paragraph.)"""
    if a.block == b.block or a.kind == "direct":
        return False
    res = ctx.resolution
    low = max(a.end + 1, doc_text(ctx.doc).rfind("\n", 0, b.start) + 1)
    for m in ctx.mentions.between(low, b.start):
        if m.kind in _BODY_KINDS and res.referent.get(m) != a.speaker_key and not ctx.quoted.covers(m.start_char):
            return True
    return False


def _person_between(a: FoundQuote, b: FoundQuote, ctx: SieveContext) -> bool:
    """Another person is named between two quotes (outside quoted speech, and outside what `a`'s speaker is reported
    to have said: "Mesker denkt dat na het protest van Sinner …"), so the second need not continue the first."""
    res = ctx.resolution
    said = ctx.reported if ctx.reported is not None and ctx.reported.speaker_key == a.speaker_key else None
    for m in ctx.mentions.between(a.end + 1, b.start):
        if m in res.referent and res.referent[m] != a.speaker_key:
            if said is not None and said.start <= m.start_char < max(said.end, said.reach or 0):
                continue
            if m.kind in PERSON_KINDS and not ctx.quoted.covers(m.start_char):
                return True
    return False
