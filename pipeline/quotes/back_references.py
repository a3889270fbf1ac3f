"""Sources a cue names by referring back to someone named before: "Spreker vraagt of …" (minutes: the member who
spoke last), "De man zegt dat …" (news: the person just described), "volgens hen" (the group or organisation just
named).

The quote finder adds these as source mentions where the mention finder has none (`find_back_references`), and the
sieve's `cue` step resolves them when coreference gave them no referent (`resolve_back_reference`). Word lists:
`back_reference_nouns.txt` (noun and the gender it implies) and `plural_back_references.txt`. Each look-up reads the
last `MAX_LOOK_BACK` mentions of at most two paragraphs through the offset index, so a document is still read in
linear time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from pipeline.resources import word_set
from pipeline.sentences import doc_text, sentence_of
from pipeline.speakers.coreference import PERSON_KINDS
from pipeline.speakers.lexicon import ARTICLES, is_capitalised, speech_verb_lemma
from pipeline.speakers.mentions import Mention, MentionKind
from pipeline.tokens import token_table

if TYPE_CHECKING:
    from pipeline.quotes.attribution import SieveContext

#: Words that introduce a plural back reference as a source ("volgens hen").
PLURAL_CUES = frozenset({"volgens", "aldus"})
#: Bodies a plural back reference may point to.
_BODY_KINDS = frozenset({MentionKind.GROUP, MentionKind.ORGANISATION})
#: The most tokens before a mention that still opens its sentence ("De", "Meerdere").
MAX_OPENING_TOKENS = 3
#: The most mentions a back reference looks back over (the nearest ones), so a long paragraph stays linear.
MAX_LOOK_BACK = 40


@cache
def back_reference_nouns() -> dict[str, str | None]:
    """Noun → the gender it implies ("f", "m") or None (back_reference_nouns.txt: "spreekster f", "spreker -")."""
    table: dict[str, str | None] = {}
    for line in word_set("back_reference_nouns.txt"):
        noun, _, gender = line.partition(" ")
        table[noun] = gender.strip() if gender.strip() in ("f", "m") else None
    return table


def find_back_references(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """Back references outside the given mentions that have something to point back to: a noun of
    `back_reference_nouns()` after an article or opening its sentence ("De man", "Spreker"; not "Spreker Jan Smit"),
    kind ROLE, with a person named before it; a plural pronoun after "volgens" ("hen"), kind PRONOUN, with a group,
    organisation or pair of people as a sentence's subject before it (see `resolve_back_reference`). Token offsets of
    the doc; in document order."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    nouns = back_reference_nouns()
    plurals = word_set("plural_back_references.txt")
    ordered = sorted(mentions, key=lambda m: m.start_char)
    starts = [m.start_char for m in ordered]
    text = doc_text(doc)

    def before(offset: int) -> list[Mention]:
        low, high = bisect_left(starts, window_start(text, offset)), bisect_left(starts, offset)
        return [b for b in ordered[max(low, high - MAX_LOOK_BACK) : high] if b.end_char <= offset]

    found: list[Mention] = []
    for i, lower in enumerate(token_table(doc).lower):
        if i in taken or not (lower in nouns or lower in plurals):
            continue  # neither kind of back reference: no Token object needed
        tok = doc[i]
        if lower in nouns:
            start = _noun_phrase_start(tok)
            if start is None or (tok.i + 1 < len(doc) and is_capitalised(doc[tok.i + 1])):
                continue
            if any(b.kind in PERSON_KINDS for b in before(doc[start].idx)):
                found.append(Mention.of(MentionKind.ROLE, doc[start : tok.i + 1]))
        elif lower in plurals and tok.i > 0 and doc[tok.i - 1].lower_ in PLURAL_CUES:
            if body_antecedent(before(tok.idx), doc) is not None:
                found.append(Mention.of(MentionKind.PRONOUN, doc[tok.i : tok.i + 1]))
    return found


def window_start(text: str, offset: int) -> int:
    """Where the look-back of a back reference at character `offset` starts: the paragraph before its own."""
    paragraph = text.rfind("\n", 0, offset)
    return text.rfind("\n\n", 0, max(paragraph - 1, 0)) + 1 if paragraph > 0 else 0


def _noun_phrase_start(tok: Token) -> int | None:
    """Where the back reference starts: at its article ("de man", "De spreekster"), or at the noun when it opens
    the sentence ("Spreker vraagt"); None otherwise ("een man" is someone new)."""
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].lower_ in ARTICLES and doc[tok.i - 1].lower_ != "een":
        return tok.i - 1
    if tok.is_sent_start:
        return tok.i
    return None


def is_back_reference(m: Mention) -> bool:
    """The mention is one `find_back_references` makes: a listed noun with its article, or a plural pronoun."""
    words = m.text.lower().split()
    if m.kind is MentionKind.PRONOUN:
        return len(words) == 1 and words[0] in word_set("plural_back_references.txt")
    return m.kind is MentionKind.ROLE and 1 <= len(words) <= 2 and words[-1] in back_reference_nouns()


def resolve_back_reference(m: Mention, ctx: SieveContext) -> str | None:
    """The referent a back reference points to, or None.

    - a noun ("Spreker", "De man"): the last person named before it (outside quoted speech) in its paragraph or the
      one before, whose gender agrees; else the speaker of the quote before, when that is a person;
    - a plural pronoun ("volgens hen"): the last group or organisation before it in its paragraph or the one before
      that is the subject of its sentence (it opens the sentence or follows a speech verb: "Meerdere experts stellen",
      "zeggen de onderzoekers"), or the first of two people joined by "en" in that place.
    """
    low = window_start(doc_text(ctx.doc), m.start_char)
    before = [
        b for b in ctx.mentions.last_between(low, m.start_char, MAX_LOOK_BACK)
        if b.end_char <= m.start_char and b in ctx.resolution.referent and not ctx.quoted.covers(b.start_char)
    ]
    if m.kind is MentionKind.PRONOUN:
        body = body_antecedent(before, ctx.doc)
        return None if body is None else ctx.resolution.referent[body]
    gender = back_reference_nouns().get(m.text.lower().split()[-1])
    records = ctx.resolution.records
    for b in reversed(before):
        key = ctx.resolution.referent[b]
        record = records[key]
        if b.kind in PERSON_KINDS and record.type == "person" and (gender is None or record.gender in (None, gender)):
            return key
    prev = ctx.previous
    if prev is not None and prev.speaker_key and records[prev.speaker_key].type == "person" and prev.end >= low:
        return prev.speaker_key
    return None


def body_antecedent(before: Sequence[Mention], doc: Doc) -> Mention | None:
    """The last group or organisation in `before` (mentions in document order) that is a sentence's subject, or the
    first of the last two people joined by "en" in that place ("zeggen Fink en Ducheine"); None if there is none, or
    if it is a group whose mention a prepositional phrase follows (its name would be cut: "Sprekers met …")."""
    for k in range(len(before) - 1, -1, -1):
        b = before[k]
        pair = b.kind in PERSON_KINDS and k > 0 and _joined(before[k - 1], b, doc)
        if not (b.kind in _BODY_KINDS or pair):
            continue
        first = before[k - 1] if pair else b
        if not _subject_place(first, doc):
            continue
        if first.kind is MentionKind.GROUP and first.end < len(doc) and doc[first.end].lower_ in word_set("prepositions.txt"):
            return None  # "Sprekers met militaire expertise": the group's mention is cut short of its name
        return first
    return None


def _joined(a: Mention, b: Mention, doc: Doc) -> bool:
    """Two names joined by "en", with at most a few words (a role) between: "Fink en jurist De Cock"."""
    between = doc[a.end : b.start]
    return a.kind in PERSON_KINDS and 1 <= len(between) <= MAX_OPENING_TOKENS and between[0].lower_ == "en"


def _subject_place(m: Mention, doc: Doc) -> bool:
    """The mention opens its sentence (at most `MAX_OPENING_TOKENS` tokens before it, no comma or preposition:
    not "de universiteit" in "Onderzoekers van de universiteit keken …") or follows a
    speech verb within `MAX_OPENING_TOKENS` words ("…, zeggen de onderzoekers", "zeggen docent recht Fink en …")."""
    sent = sentence_of(doc, m.start)
    opening = doc[sent.start : m.start]
    if len(opening) <= MAX_OPENING_TOKENS and not any(t.text == "," or t.lower_ in word_set("prepositions.txt") for t in opening):
        return True
    window = doc[max(sent.start, m.start - MAX_OPENING_TOKENS - 1) : m.start]
    return any(speech_verb_lemma(t) for t in window)
