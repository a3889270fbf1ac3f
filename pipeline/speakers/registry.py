"""Resolve mentions to people, groups and organisations, and decide who speaks.

Mentions are read in document order. A name opens (or finds) a record; a surname finds the record with that
surname; a role noun ("de Nijmeegse hoogleraar") or pronoun finds the person most in focus: the first person
mentioned earlier in the same sentence, else in the nearest sentence before it that mentions one. Mentions
inside direct quotes are skipped: they are the speaker's words, not the reporter's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.quotes.model import Attribution, FoundQuote
from pipeline.resources import word_set
from pipeline.sentences import doc_text, sentence_of, sentences
from pipeline.speakers.mentions import Mention, MentionKind, honorific_end, surname
from pipeline.speakers.roles import Description, describe, inherited_organisation

PERSON_KINDS = frozenset({MentionKind.NAME, MentionKind.SURNAME, MentionKind.ROLE, MentionKind.PRONOUN, MentionKind.DESCRIPTION})


@dataclass
class SpeakerRecord:
    """Everything known about one referent."""

    key: str
    name: str
    type: str = "person"
    description: Description = field(default_factory=Description)
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    first_offset: int = 0
    speaks: bool = False

    def add_alias(self, alias: str) -> None:
        if alias != self.name and alias.lower() not in (a.lower() for a in self.aliases):
            self.aliases.append(alias)


@dataclass
class Resolution:
    """Records by key and the record each mention refers to."""

    records: dict[str, SpeakerRecord]
    referent: dict[Mention, str]


def _role_head(mention: Mention) -> str:
    return mention.text.split()[-1].lower()


def resolve(doc: Doc, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]) -> Resolution:
    """Link every mention outside quoted speech to a record."""
    records: dict[str, SpeakerRecord] = {}
    referent: dict[Mention, str] = {}
    by_sentence: dict[int, list[tuple[Mention, str]]] = {}

    def inside_quote(m: Mention) -> bool:
        return any(s <= m.start_char and m.end_char <= e for s, e in quoted)

    def focus(m: Mention, want_role: str | None = None) -> str | None:
        sent = sentence_of(doc, m.start)
        same = [key for other, key in by_sentence.get(sent.start, []) if other.start < m.start]
        if want_role:
            for key in reversed(list(dict.fromkeys(k for ks in by_sentence.values() for _, k in ks))):
                if any(want_role in r.lower() for r in records[key].description.roles):
                    return key
        if same:
            return same[0]
        for start in sorted((s for s in by_sentence if s < sent.start), reverse=True):
            people = [k for _, k in by_sentence[start] if records[k].type == "person"]
            if people:
                return people[0]
        return None

    described: list[tuple[int, int]] = []
    for m in mentions:
        if inside_quote(m):
            continue
        if any(s <= m.start and m.end <= e for s, e in described):
            continue  # part of the apposition or role that describes a named person
        key: str | None = None
        if m.kind is MentionKind.NAME:
            key = _find_or_add_name(records, m)
            span = doc[m.start : m.end]
            for start in range(max(0, m.start - 2), m.start):
                if honorific_end(doc, start) == m.start:
                    records[key].add_alias(doc[start : m.end].text)  # "De heer Jansen"
            description = describe(span)
            described.extend(description.covered)
            records[key].description.extend(description)
            if not records[key].description.organisations:
                org = inherited_organisation(span)
                if org:
                    records[key].description.extend(Description(organisations=[org]))
        elif m.kind is MentionKind.SURNAME:
            key = next((k for k, r in reversed(list(records.items())) if r.type == "person" and surname(r.name).lower() == m.text.lower()), None)
            if key is None:
                # the surname is used before the full name appears ("Tennet … Netbeheerder Tennet")
                later = next((n for n in mentions if n.kind is MentionKind.NAME and n.start > m.start and surname(n.text).lower() == m.text.lower()), None)
                if later is not None:
                    key = _find_or_add_name(records, later)
            if key:
                records[key].add_alias(m.text)
        elif m.kind is MentionKind.ROLE:
            head = _role_head(m)
            if head in word_set("office_roles.txt"):
                key = next((k for k, r in reversed(list(records.items())) if any(head in x.lower() for x in r.description.roles)), None)
            else:
                key = focus(m, head)
            if key:
                records[key].add_alias(m.text)
                head = _role_head(m)
                if not any(head in r.lower() for r in records[key].description.roles):
                    records[key].description.extend(Description(roles=[head]))
        elif m.kind is MentionKind.PRONOUN:
            key = focus(m)
        elif m.kind is MentionKind.DESCRIPTION:
            key = f"description:{m.text.lower()}"
            if key not in records:
                records[key] = SpeakerRecord(key=key, name=m.text, first_offset=m.start_char)
        elif m.kind in (MentionKind.GROUP, MentionKind.ORGANISATION):
            name = m.text.split()[-1] if m.kind is MentionKind.GROUP else m.text
            if m.kind is MentionKind.ORGANISATION and m.text.split()[0].lower() in ("de", "het"):
                # "de gemeente" refers back to "gemeente Almere"
                head = m.text.split()[-1].lower()
                name = next((r.name for r in records.values() if r.type == "organisation" and head in r.name.lower().split()), m.text.split(maxsplit=1)[-1])
            key = f"{m.kind.value}:{name.lower()}"
            if key not in records:
                kind = "group" if m.kind is MentionKind.GROUP else "organisation"
                records[key] = SpeakerRecord(key=key, name=name, type=kind, first_offset=m.start_char)
            records[key].add_alias(m.text)
        if key is None:
            continue
        referent[m] = key
        records[key].mentions += 1
        if m.kind in PERSON_KINDS:
            by_sentence.setdefault(sentence_of(doc, m.start).start, []).append((m, key))
    return Resolution(records, referent)


def _find_or_add_name(records: dict[str, SpeakerRecord], m: Mention) -> str:
    """The record for a full name; "Wim de Vries" and "W. de Vries" share one when their surnames match."""
    for key, record in records.items():
        if record.type != "person":
            continue
        if record.name == m.text or surname(record.name).lower() == m.text.lower():
            return key
        if len(record.name.split()) == 1 and surname(m.text).lower() == record.name.lower():
            record.add_alias(record.name)
            record.name = m.text  # the full name appears after the surname alone: keep the fullest form
            return key
    key = f"person:{m.text.lower()}"
    records[key] = SpeakerRecord(key=key, name=m.text, first_offset=m.start_char)
    family = surname(m.text)
    if family != m.text:
        records[key].add_alias(family)
    return key


def attribute(quotes: Sequence[FoundQuote], resolution: Resolution, doc: Doc, mentions: Sequence[Mention]) -> None:
    """Give each quote a speaker key: from its cue, from the quote before it, or from the context."""
    ordered = sorted(quotes, key=lambda q: q.start)
    previous: FoundQuote | None = None
    quoted = [(q.start, q.end) for q in ordered if q.kind == "direct"]
    for q in ordered:
        if q.source is not None:
            q.speaker_key = resolution.referent.get(q.source)
            if q.speaker_key is None and q.source.kind is MentionKind.ROLE:
                # "De voorzitter antwoordt dat …" with no named chair: the role is the speaker's name
                role_key = f"role:{q.source.text.lower()}"
                resolution.records.setdefault(role_key, SpeakerRecord(key=role_key, name=q.source.text, first_offset=q.source.start_char))
                resolution.referent[q.source] = role_key
                q.speaker_key = role_key
        if q.speaker_key is None and q.kind == "direct":
            if previous is not None and previous.speaker_key and _continues(previous, q, doc) and not _person_between(previous, q, mentions, resolution, quoted):
                q.speaker_key = previous.speaker_key
                q.attribution = Attribution.PREVIOUS_QUOTE
            else:
                key = _context_speaker(doc, q, mentions, resolution, quoted)
                if key is None and previous is not None and previous.speaker_key:
                    key = _current_speaker(doc, previous, q, mentions, resolution, quoted)
                if key:
                    q.speaker_key = key
                    q.attribution = Attribution.CONTEXT
        if q.speaker_key:
            resolution.records[q.speaker_key].speaks = True
        previous = q


def _continues(previous: FoundQuote, q: FoundQuote, doc: Doc) -> bool:
    """The quote continues the previous one: same paragraph, or it opens the paragraph right after a
    paragraph that ended with the previous quote."""
    if previous.block == q.block:
        return True
    if previous.block < 0 or q.block != previous.block + 1:
        return False
    between = doc_text(doc)[previous.end : q.start]
    return "\n" in between and len(between.strip(" \n.,!?”’\"'“„‘")) == 0


def _person_between(a: FoundQuote, b: FoundQuote, mentions: Sequence[Mention], res: Resolution, quoted: Sequence[tuple[int, int]]) -> bool:
    """Another person is named between two quotes, so the second need not continue the first."""
    for m in mentions:
        if a.end < m.start_char < b.start and m in res.referent and res.referent[m] != a.speaker_key:
            if m.kind in PERSON_KINDS and not any(s <= m.start_char < e for s, e in quoted):
                return True
    return False


def _context_speaker(doc: Doc, q: FoundQuote, mentions: Sequence[Mention], res: Resolution, quoted: Sequence[tuple[int, int]]) -> str | None:
    """The person in focus just before an uncued quote within its paragraph."""
    sent = doc.char_span(q.start, q.end, alignment_mode="expand")
    if sent is None:
        return None
    first_sent = sentence_of(doc, sent.start)
    para_start = _paragraph_start(doc, q.start)
    candidates = [
        m for m in mentions
        if para_start <= m.start_char < q.start and m in res.referent and res.records[res.referent[m]].type == "person"
        and m.kind in PERSON_KINDS and not any(s <= m.start_char < e for s, e in quoted)
    ]
    if not candidates:
        return None
    same = [m for m in candidates if m.start >= first_sent.start]
    if same:
        return res.referent[same[0]]
    last_sent = sentence_of(doc, candidates[-1].start).start
    in_last = [m for m in candidates if sentence_of(doc, m.start).start == last_sent]
    return res.referent[in_last[0]]


#: How many paragraphs back an uncued quote may take the speaker of the last quote.
MAX_PARAGRAPHS_BACK = 2


def _current_speaker(doc: Doc, previous: FoundQuote, q: FoundQuote, mentions: Sequence[Mention], res: Resolution, quoted: Sequence[tuple[int, int]]) -> str | None:
    """News style: an uncued quote in a paragraph that names nobody continues the speaker quoted last,
    when no other person was named in between and no heading or more than two paragraphs separate them."""
    if previous.block < 0 or q.block < 0 or q.block - previous.block > MAX_PARAGRAPHS_BACK:
        return None
    between = doc_text(doc)[previous.end : q.start]
    if between.count("\n\n") > MAX_PARAGRAPHS_BACK:
        return None
    if _person_between(previous, q, mentions, res, quoted):
        return None
    return previous.speaker_key


def _paragraph_start(doc: Doc, offset: int) -> int:
    cut = doc_text(doc).rfind("\n", 0, offset)
    return cut + 1


def mark_reported_speakers(doc: Doc, mentions: Sequence[Mention], res: Resolution) -> None:
    """People reported as speaking at the meeting: they opened it, gave a talk, presented, chaired.

    Only the sentence's first person (its subject, in a Dutch main clause), the agent of a passive
    ("werd geopend door X") and whoever is "samen met" them count: "De burgemeester sprak Piet Jansen aan"
    does not make Piet Jansen a speaker.
    """
    activities = word_set("speaking_activities.txt")
    for sent in sentences(doc):
        if not any(t.lower_ in activities for t in sent):
            continue
        people = [m for m in mentions if sent.start <= m.start < sent.end and m.kind in PERSON_KINDS]
        for n, m in enumerate(people):
            if m not in res.referent:
                continue
            lead = {t.lower_ for t in doc[max(sent.start, m.start - 3) : m.start]}
            if n == 0 or "door" in lead or "met" in lead and "samen" in {t.lower_ for t in doc[max(sent.start, m.start - 5) : m.start]}:
                record = res.records[res.referent[m]]
                if record.type == "person" and m.kind in (MentionKind.NAME, MentionKind.PRONOUN, MentionKind.SURNAME):
                    record.speaks = True
