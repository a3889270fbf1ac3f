"""Roles and organisations of a named person, read from the words around the name.

"Marc Hameleers, namens het ministerie van Economische Zaken de regio-ambassadeur voor Noordwest-Nederland"
"clustermanager Wim Renders van Brainport Development", "Lijsttrekker van DENK Stefan van Baarle",
"Jeroen de Bruijn, eigenaar van Festa Solutions en lid van het High Tech Software cluster gaf …".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.sentences import sentence_of
from pipeline.speakers.lexicon import (
    ARTICLES,
    is_acronym,
    is_capitalised,
    is_finite_verb,
    is_group_noun,
    is_org_word,
    is_role_noun,
    speech_verb_lemma,
)

_ROLE_PREPS = frozenset({"van", "voor", "bij", "namens", "in", "op", "aan"})
_STOP_LEFT = frozenset({"met", "door", "en", "of", "dat", "die", "volgens", "aldus", "ook", "zegt", "zei"})
MAX_APPOSITION = 16


@dataclass
class Description:
    """Roles and organisations found for one mention."""

    roles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    covered: list[tuple[int, int]] = field(default_factory=list)  # token ranges read for this description

    def extend(self, other: Description) -> None:
        for role in other.roles:
            if role.lower() not in (r.lower() for r in self.roles):
                self.roles.append(role)
        for org in other.organisations:
            if org.lower() not in (o.lower() for o in self.organisations):
                self.organisations.append(org)
        self.covered.extend(other.covered)


def describe(name: Span) -> Description:
    """Roles and organisations stated next to a name: a role before it, an apposition or "van ORG" after."""
    result = Description()
    before = _role_before(name)
    if before is not None:
        result.extend(_split_phrase(before))
        result.covered.append((before.start, before.end))
    after = _apposition_after(name)
    if after is not None:
        result.extend(_split_phrase(after))
        result.covered.append((after.start, after.end))
    org = _org_after(name) or _party_in_brackets(name)
    if org:
        result.extend(Description(organisations=[org]))
    return result


def _party_in_brackets(name: Span) -> str | None:
    """"De heer Van den Berg (VVD)": a party or organisation in brackets right after the name."""
    doc = name.doc
    i = name.end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and (is_acronym(doc[i + 1]) or is_capitalised(doc[i + 1])):
        return doc[i + 1].text
    return None


def _role_before(name: Span) -> Span | None:
    """"hoogleraar milieusysteem-analyse Wim de Vries": the role phrase right before the name."""
    doc = name.doc
    i = name.start - 1
    found = None
    while i >= 0 and name.start - i <= 6:
        tok = doc[i]
        if tok.is_punct or tok.lower_ in _STOP_LEFT or speech_verb_lemma(tok) or tok.lower_ in ARTICLES:
            break
        if is_finite_verb(tok) and not is_role_noun(tok):
            break
        if is_role_noun(tok):
            found = i
        if tok.is_sent_start:
            break
        i -= 1
    return doc[found : name.start] if found is not None else None


def _apposition_after(name: Span) -> Span | None:
    """", hoogleraar Economische Geografie," — a phrase after a comma that starts with a role."""
    doc = name.doc
    if name.end >= len(doc) or doc[name.end].text != ",":
        return None
    start = name.end + 1
    end = start
    while end < len(doc) and end - start < MAX_APPOSITION:
        tok = doc[end]
        if tok.text in (",", ".", ";", ":", "!", "?", "(", ")") or tok.is_space or tok.text in "“”„\"‘’":
            break
        if end > start and is_finite_verb(tok) and not is_role_noun(tok):
            break
        end += 1
    if end == start:
        return None
    phrase = doc[start:end]
    head = [t for t in phrase[:4] if t.lower_ not in ARTICLES and t.lower_ != "namens"]
    if phrase[0].lower_ == "namens" or any(is_role_noun(t) for t in head[:3]):
        return phrase
    return None


def _org_after(name: Span) -> str | None:
    """"Norbert Ligterink van TNO": an organisation right after the name."""
    doc = name.doc
    i = name.end
    if i < len(doc) and doc[i].lower_ in ("van", "namens", "bij"):
        org = _org_np(doc, i + 1)
        if org is not None:
            return org.text
    return None


def _org_np(doc: Doc, i: int, limit: int | None = None) -> Span | None:
    """An organisation noun phrase at token i, not past `limit`: "het ministerie van Economische Zaken"."""
    end_cap = len(doc) if limit is None else min(limit, len(doc))
    start = i
    if i < len(doc) and doc[i].lower_ in ("de", "het"):
        start = i = i + 1
    if i >= len(doc):
        return None
    if is_capitalised(doc[i]) or is_acronym(doc[i]):
        j = i
        while j < end_cap and ((is_capitalised(doc[j]) or is_acronym(doc[j])) and not doc[j].is_sent_start or j == i):
            j += 1
        if j < end_cap and is_org_word(doc[j]) and not is_capitalised(doc[j]):
            j += 1  # "High Tech Software cluster"
        return doc[start:j]
    if is_org_word(doc[i]) and i + 2 < end_cap and doc[i + 1].lower_ == "van" and is_capitalised(doc[i + 2]):
        j = i + 2
        while j < end_cap and is_capitalised(doc[j]):
            j += 1
        return doc[start:j]
    return None


def _split_phrase(phrase: Span) -> Description:
    """Cut a descriptive phrase into roles and organisations ("namens ORG de ROLE", "ROLE van ORG en ROLE")."""
    doc = phrase.doc
    result = Description()
    parts: list[Span] = []
    i = phrase.start
    current = i
    while i < phrase.end:
        tok = doc[i]
        if tok.lower_ == "namens":
            if i > current:
                parts.append(doc[current:i])
            org = _org_np(doc, i + 1, phrase.end)
            if org is not None:
                result.organisations.append(org.text)
                i = current = org.end
                continue
        if tok.lower_ == "en" and i + 1 < phrase.end and any(is_role_noun(t) for t in doc[i + 1 : min(i + 4, phrase.end)]):
            parts.append(doc[current:i])
            current = i + 1
        i += 1
    if current < phrase.end:
        parts.append(doc[current : phrase.end])
    for part in parts:
        words = list(part)
        while words and (words[0].lower_ in ARTICLES or words[0].is_punct):
            words = words[1:]
        if not words or not any(is_role_noun(t) for t in words[:3]):
            continue
        role = doc[words[0].i : words[-1].i + 1]
        result.roles.append(role.text)
        for _k, tok in enumerate(role):
            if tok.lower_ == "van":
                org = _org_np(doc, tok.i + 1, role.end)
                if org is not None and org.end <= role.end:
                    result.organisations.append(org.text)
                break
    return result


def inherited_organisation(name: Span) -> str | None:
    """"Onderzoekers van de Radboud Universiteit … Volgens X, hoogleraar …": the group's organisation,
    stated in the sentence before the one that introduces the person."""
    doc = name.doc
    sent = sentence_of(doc, name.start)
    if sent.start == 0:
        return None
    previous = sentence_of(doc, sent.start - 1)
    for tok in previous:
        if is_group_noun(tok) and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "van":
            org = _org_np(doc, tok.i + 2)
            if org is not None:
                return org.text
    return None
