"""Find the ways a text refers to people and sources: names, surnames, role nouns, pronouns, groups.

Names come from the NER model when it is loaded (PER entities) and from a given-name list and the shape
of Dutch names ("Jeroen de Bruijn", "Jan Willem Erisman") otherwise; both are used together.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Doc, Span

from pipeline.speakers.lexicon import (
    ARTICLES,
    POSSESSIVES,
    PRONOUNS,
    is_acronym,
    is_capitalised,
    is_first_name,
    is_function_word,
    is_group_noun,
    is_org_word,
    is_particle,
    is_role_noun,
)


class MentionKind(str, Enum):
    """How a mention refers to its referent."""

    NAME = "name"
    SURNAME = "surname"
    ROLE = "role"
    PRONOUN = "pronoun"
    GROUP = "group"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Mention:
    """A referring expression: token span [start, end) of the doc."""

    kind: MentionKind
    start: int
    end: int
    text: str
    start_char: int
    end_char: int

    @classmethod
    def of(cls, kind: MentionKind, span: Span) -> Mention:
        return cls(kind, span.start, span.end, span.text, span.start_char, span.end_char)


def has_ner(doc: Doc) -> bool:
    return doc.has_annotation("ENT_IOB")


def person_names(doc: Doc) -> list[Span]:
    """Full person names: NER PER entities and name-shaped sequences that start with a given name."""
    spans: list[Span] = []
    taken: set[int] = set()
    if has_ner(doc):
        for ent in doc.ents:
            if ent.label_ in ("PER", "PERSON") and len(ent) >= 2 and not any(is_org_word(t) for t in ent):
                span = _trim(ent)
                if span is not None:
                    spans.append(span)
                    taken.update(range(span.start, span.end))
    i = 0
    while i < len(doc):
        if i not in taken and is_capitalised(doc[i]) and is_first_name(doc[i]):
            end = _name_end(doc, i)
            if end is not None and not taken.intersection(range(i, end)):
                span = doc[i:end]
                if not any(is_org_word(t) for t in span):
                    spans.append(span)
                    taken.update(range(i, end))
                    i = end
                    continue
        i += 1
    return sorted(spans, key=lambda s: s.start)


def _trim(span: Span) -> Span | None:
    """Drop leading articles and trailing particles that NER sometimes includes."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ARTICLES or not doc[start].text[:1].isalpha()):
        start += 1
    while end > start and (is_particle(doc[end - 1]) or not doc[end - 1].text[:1].isalpha()):
        end -= 1
    return doc[start:end] if end - start >= 2 else None


def _name_end(doc: Doc, i: int) -> int | None:
    """End of a name that starts with a given name at token i: given names, particles, a surname."""
    j = i + 1
    while j < len(doc) and is_capitalised(doc[j]) and is_first_name(doc[j]) and not doc[j].is_sent_start:
        j += 1
    k = j
    while k < len(doc) and is_particle(doc[k]) and not doc[k].is_sent_start:
        k += 1
    if k < len(doc) and is_capitalised(doc[k]) and not doc[k].is_sent_start and not is_function_word(doc[k]):
        end = k + 1
        if k == j and end < len(doc) and is_capitalised(doc[end]) and not doc[end].is_sent_start and "-" in doc[end].text:
            end += 1
        return end
    if j > i + 1 and j == k:
        return j  # "Jan Willem" … with the surname also in the list of given names
    return None


def surname(name: str) -> str:
    """The surname part of a full name: everything after the given names ("van Baarle", "Erisman")."""
    words = name.split()
    from pipeline.resources import word_set

    firsts = word_set("first_names.txt")
    i = 0
    while i < len(words) - 1 and (words[i].split("-")[0].lower() in firsts or (len(words[i]) <= 3 and words[i].endswith("."))):
        i += 1
    return " ".join(words[i:])


def find_mentions(doc: Doc) -> list[Mention]:
    """All mentions in document order; names first claim their tokens, then the other kinds."""
    mentions: list[Mention] = []
    taken: set[int] = set()

    def add(kind: MentionKind, span: Span) -> None:
        mentions.append(Mention.of(kind, span))
        taken.update(range(span.start, span.end))

    names = person_names(doc)
    for span in names:
        add(MentionKind.NAME, span)
    surnames = {surname(s.text).lower(): len(surname(s.text).split()) for s in names}
    for i, token in enumerate(doc):
        if i in taken:
            continue
        for key, size in surnames.items():
            window = doc[i : i + size]
            if len(window) == size and window.text.lower() == key and is_capitalised(doc[i + size - 1]):
                if not taken.intersection(range(i, i + size)):
                    add(MentionKind.SURNAME, window)
                break
    for i, token in enumerate(doc):
        if i in taken:
            continue
        lower = token.lower_
        if lower in PRONOUNS or lower in POSSESSIVES:
            add(MentionKind.PRONOUN, doc[i : i + 1])
        elif is_role_noun(token) and not is_capitalised(token) or (
            is_role_noun(token) and token.is_sent_start
        ):
            span = _role_np(doc, i)
            if span is not None:
                add(MentionKind.ROLE, span)
        elif is_group_noun(token):
            start = i - 1 if i > 0 and doc[i - 1].lower_ in ("de", "het") else i
            add(MentionKind.GROUP, doc[start : i + 1])
    if has_ner(doc):
        for ent in doc.ents:
            if ent.label_ == "ORG" and not taken.intersection(range(ent.start, ent.end)):
                add(MentionKind.ORGANISATION, ent)
    for i, token in enumerate(doc):
        if i not in taken and is_acronym(token):
            add(MentionKind.ORGANISATION, doc[i : i + 1])
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _role_np(doc: Doc, i: int) -> Span | None:
    """A definite role-noun phrase used to refer back ("de Nijmeegse hoogleraar"); None before a name."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and is_capitalised(nxt) and not nxt.is_sent_start:
        return None  # a role in front of a name: "clustermanager Wim Renders"
    start = i
    while start > 0 and i - start < 3 and not doc[start].is_sent_start:
        prev = doc[start - 1]
        if prev.lower_ in ("de", "het", "deze", "die"):
            return doc[start - 1 : i + 1]
        if prev.is_alpha and (prev.lower_.endswith("e") or prev.text[:1].isupper()) and not is_particle(prev):
            start -= 1
            continue
        break
    return None
