"""Find the ways a text refers to people and sources: names, surnames, role nouns, pronouns, groups.

Names come from the NER model when it is loaded (PER entities) and from a given-name list and the shape
of Dutch names ("Jeroen de Bruijn", "Jan Willem Erisman") otherwise; both are used together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipeline.quotes.marks import OPENING_TOKENS
from pipeline.resources import word_set
from pipeline.sentences import DocCache, doc_text
from pipeline.speakers.lexicon import (
    ARTICLES,
    PARTICLES,
    POSSESSIVES,
    PRONOUNS,
    after_place_preposition,
    annotated,
    camel_shaped,
    has_pos,
    honorifics,
    is_acronym,
    is_acronym_text,
    is_camel_case,
    is_capitalised,
    is_capitalised_text,
    is_finite_verb,
    is_first_name,
    is_first_name_text,
    is_function_word,
    is_group_noun,
    is_occupation_noun_of,
    is_org_word,
    is_org_word_text,
    is_particle,
    is_plural_verb,
    is_role_noun,
    is_role_noun_text,
    is_role_text,
    party_member_prefix,
    speech_verb_lemma,
    speech_verb_lemma_of,
    speech_verbs,
)
from pipeline.speakers.roles import bracketed_organisation, org_noun_phrase
from pipeline.tokens import TokenTable, entities, token_table


class MentionKind(str, Enum):
    """How a mention refers to its referent."""

    NAME = "name"
    SURNAME = "surname"
    ROLE = "role"
    PRONOUN = "pronoun"
    GROUP = "group"
    DESCRIPTION = "description"  # an unnamed person: "een woordvoerder", "een klant van een tankstation"
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
    return annotated(doc, "ENT_IOB")


@dataclass(frozen=True, slots=True)
class WordFacts:
    """The lexicon's answer for every token of a Doc (index = token index), read once per Doc: the mention rules
    ask them of every token many times, and a `Token` object per question was most of their time. Each list equals
    the lexicon function of the same name applied to `doc[i]` (`capitalised` = `is_capitalised`, `name_word` =
    `_name_word`, `speech` = `speech_verb_lemma`, …); `table` holds the token strings."""

    table: TokenTable
    capitalised: list[bool]
    first_name: list[bool]
    function: list[bool]
    particle: list[bool]
    org: list[bool]
    role: list[bool]
    acronym: list[bool]
    name_word: list[bool]
    group: list[bool]
    camel: list[bool]
    speech: list[str | None]


@lru_cache(maxsize=1 << 17)
def _word_row(text: str, lower: str) -> tuple[bool, ...]:
    """The facts of one word that depend on its text alone, in `WordFacts` field order (capitalised … camel); `role`
    without the occupation nouns that need their context (`is_occupation_noun_of`, added by `_build_facts`)."""
    role = is_role_noun_text(text, lower)
    groups = word_set("group_nouns.txt")
    return (
        is_capitalised_text(text),
        is_first_name_text(text),
        lower in word_set("function_words.txt"),
        lower in PARTICLES,
        is_org_word_text(text, lower),
        role,
        is_acronym_text(text),
        _name_word_text(text),
        lower in groups or lower.rsplit("-", 1)[-1] in groups,
        not role and camel_shaped(text),
    )


def _build_facts(doc: Doc) -> WordFacts:
    table = token_table(doc)
    per_token = [_word_row(text, lower) for text, lower in zip(table.text, table.lower, strict=True)]
    columns: list[list[bool]] = [list(column) for column in zip(*per_token, strict=True)] if per_token else [[] for _ in range(10)]
    role, camel = columns[5], columns[9]
    for i, (text, lower) in enumerate(zip(table.text, table.lower, strict=True)):
        if not role[i] and text != lower:  # "Boer Jan de Vries zegt": an occupation at a sentence start, before a given name
            following = table.text[i + 1] if i + 1 < len(table) else None
            if is_occupation_noun_of(text, lower, table.sent_start[i], following):
                role[i], camel[i] = True, False
    verbs = speech_verbs()
    verb_lemmas = {lemma for lemma in set(table.lemma) if lemma.lower() in verbs}
    speech = [
        speech_verb_lemma_of(text, lower, lemma, start) if lower in verbs or lemma in verb_lemmas else None
        for text, lower, lemma, start in zip(table.text, table.lower, table.lemma, table.sent_start, strict=True)
    ]
    capitalised, first_name, function, particle, org, _, acronym, name_word, group, _ = columns
    return WordFacts(table, capitalised, first_name, function, particle, org, role, acronym, name_word, group, camel, speech)


_FACTS: DocCache[WordFacts] = DocCache()


def word_facts(doc: Doc) -> WordFacts:
    """The `WordFacts` of `doc`, built once per Doc (linear in its length)."""
    return _FACTS.get(doc, _build_facts)


def person_names(doc: Doc, blocked: set[int] | None = None) -> list[Span]:
    """Full person names: name-shaped sequences (a given name, particles, a surname; capitalised runs;
    surnames after a role noun), completed by the NER model's PER entities where it has them."""
    spans: list[Span] = []
    taken: set[int] = set(blocked or ())

    def claim(span: Span) -> None:
        spans.append(span)
        taken.update(range(span.start, span.end))

    facts = word_facts(doc)
    lowers = facts.table.lower
    i = 0
    given_end = -1  # end of the run of given names after the last start tried; the same for every start inside it
    while i < len(doc):
        if facts.capitalised[i] and facts.first_name[i] and i not in taken and not (i > 0 and lowers[i - 1] in ARTICLES):
            if i >= given_end:
                given_end = _given_names_end(doc, i)
            end = _name_end(doc, i, given_end)
            if end is not None and not taken.intersection(range(i, end)):
                span = doc[i:end]
                if not any(is_org_word(t) for t in span):
                    claim(span)
                    i = end
                    continue
        i += 1
    places = place_names(doc)
    for span in _after_honorific(doc, taken) + _name_shaped(doc, taken) + _surname_only(doc, taken):
        if not taken.intersection(range(span.start, span.end)) and span.text not in places:
            claim(span)
    for span in _speaking_single_names(doc, taken) + _names_with_age(doc, taken):
        if span.text not in places and not taken.intersection(range(span.start, span.end)):
            claim(span)
    if has_ner(doc):
        repeated = _repeated_single_persons(doc)
        for ent in entities(doc):
            if ent.label_ not in ("PER", "PERSON") or any(is_org_word(t) for t in ent):
                continue
            trimmed = _trim(ent)
            if trimmed is None or taken.intersection(range(trimmed.start, trimmed.end)) or trimmed.text in places:
                continue
            if any(is_acronym(t) for t in trimmed):
                continue  # "(ICC)": an organisation, whatever NER says
            if len(trimmed) == 1 and not _person_context(doc, trimmed.start) and trimmed.text not in repeated:
                continue  # "in Zwolle en Castricum": one capitalised word needs a person's context to be a name
            claim(trimmed)
    return sorted(spans, key=lambda s: s.start)


#: The most a person's age in brackets after a name can be ("Lisa (34)").
MAX_AGE = 120


def _names_with_age(doc: Doc, taken: set[int]) -> list[Span]:
    """"zegt Lisa (34) uit Zwolle": a capitalised word followed by an age in brackets is a person's name, the way
    Dutch news introduces people by given name. Not a function, organisation or role word or an acronym."""
    found: list[Span] = []
    texts = token_table(doc).text
    for i in range(len(doc) - 3):
        if i in taken or texts[i + 1] != "(" or texts[i + 3] != ")" or not texts[i + 2].isdigit():
            continue
        tok = doc[i]
        if not 0 < int(doc[i + 2].text) <= MAX_AGE or not is_capitalised(tok) or not _name_word(tok):
            continue
        if is_function_word(tok) or is_acronym(tok) or is_org_word(tok) or is_role_noun(tok):
            continue
        found.append(doc[i : i + 1])
    return found


#: Entity labels that say a word names no person.
_NOT_PERSON_LABELS = frozenset({"ORG", "LOC", "GPE", "MISC"})


def _speaking_single_names(doc: Doc, taken: set[int]) -> list[Span]:
    """"Al'aa vertelt over …": one capitalised word opening a sentence, right before a singular speech verb, that the
    document also writes capitalised inside a sentence (so a proper noun, not a word capitalised by its place) is a
    person's name: a given name nobody introduces. Not a function word, acronym, organisation or role word, nor a
    word the model tags as an organisation or place anywhere. Two passes over the tokens."""
    facts = word_facts(doc)
    texts, starts = facts.table.text, facts.table.sent_start
    inside = {text for text, capital, start in zip(texts, facts.capitalised, starts, strict=True) if capital and not start}
    not_person = {text for text, label in zip(texts, facts.table.ent_type, strict=True) if label in _NOT_PERSON_LABELS}
    found: list[Span] = []
    for i, text in enumerate(texts):
        if not starts[i] or i in taken or i + 1 >= len(doc) or text not in inside or text in not_person:
            continue
        tok = doc[i]
        if not _name_word(tok) or is_function_word(tok) or is_acronym(tok) or is_org_word(tok) or is_role_noun(tok) or is_particle(tok):
            continue
        verb = doc[i + 1]
        if speech_verb_lemma(verb) and not is_plural_verb(verb):
            found.append(doc[i : i + 1])
    return found


#: A one-word PER entity without a person's context is a name when the model tags it this often in the document.
MIN_REPEATED_PERSON = 2


def _repeated_single_persons(doc: Doc) -> frozenset[str]:
    """One-word names the NER model tags as a person at least `MIN_REPEATED_PERSON` times, never after a place
    preposition or at the start of a sentence ("zoals Mahmoud", "kreeg Mahmoud"; not "in Zwolle")."""
    counts: dict[str, int] = {}
    placed: set[str] = set()
    for ent in entities(doc):
        if ent.label_ not in ("PER", "PERSON") or len(ent) != 1 or not _name_word(ent[0]) or is_acronym(ent[0]):
            continue
        counts[ent.text] = counts.get(ent.text, 0) + 1
        if after_place_preposition(doc, ent.start) or ent[0].is_sent_start or is_org_word(ent[0]):
            placed.add(ent.text)
    return frozenset(text for text, n in counts.items() if n >= MIN_REPEATED_PERSON and text not in placed)


def _surname_only(doc: Doc, taken: set[int]) -> list[Span]:
    """People named by surname alone where the context says it is a person: right after a role noun
    ("CDA-Kamerlid Boswijk", "Kamerlid Van Haga") or closing the subject of a speech verb
    ("…", vindt advocaat bij het Internationaal Strafhof (ICC) Knoops.)."""
    found: list[Span] = []
    facts = word_facts(doc)
    texts, starts, spaces = facts.table.text, facts.table.sent_start, facts.table.is_space
    n = len(doc)
    for i in range(n):
        if i in taken or not (starts[i] or i < n - 1 and texts[i + 1] == "(" or facts.role[i] or facts.speech[i]):
            continue  # none of the cases below can start at this token
        tok = doc[i]
        if starts[i] and i + 2 < n and texts[i + 1] == ":" and texts[i + 2] in OPENING_TOKENS:
            span = _surname_at(doc, i, allow_sentence_start=True)
            if span is not None and facts.table.lower[i] not in word_set("non_speaker_labels.txt"):
                found.append(span)  # "Halsema: ‘We gaan dit niet accepteren.’"
            continue
        if i + 3 < n and texts[i + 1] == "(" and (texts[i + 3] == ")" and facts.acronym[i + 2] or bracketed_organisation(doc, i + 1) is not None):
            start = i
            while start > 0 and is_particle(doc[start - 1]) and start - 1 not in taken:
                start -= 1  # "De Jonge (CDA)"
            single = start == 0 or doc[start].is_sent_start or not (is_capitalised(doc[start - 1]) or is_acronym(doc[start - 1]))
            span = _surname_at(doc, start, allow_sentence_start=True) if single else None  # not "Internationaal Strafhof (ICC)"
            if span is not None and not is_function_word(tok) and not is_role_noun(tok) and not is_org_word(tok):
                found.append(span)  # "Yesilgöz (VVD) zei", "Kramer (SP)": a person named with a party
                continue
        if facts.role[i] and i + 1 < n:
            # "CDA-Kamerlid Boswijk", "docent militair recht Fink": up to two words between role and name
            for gap in range(0, 3):
                k = i + 1 + gap
                if k >= len(doc) or (gap and (is_capitalised(doc[k - 1]) or not doc[k - 1].is_alpha or is_particle(doc[k - 1]) or after_place_preposition(doc, k))):
                    break
                span = _surname_at(doc, k)
                if span is not None:
                    found.append(span)
                    break
        elif facts.speech[i]:
            j = i + 1
            depth = 0
            while j < n and j - i <= 10:
                if texts[j] == "(":
                    depth += 1
                elif texts[j] == ")":
                    depth -= 1
                elif depth == 0 and (texts[j] in ".,;:!?" or spaces[j]):
                    break
                j += 1
            last = j - 1
            if last > i and j < n and texts[j] in ".,;:!?":
                start = last
                while start - 1 > i and is_particle(doc[start - 1]):
                    start -= 1
                if after_place_preposition(doc, start):
                    continue  # "hield een toespraak op het Museumplein."
                span = _surname_at(doc, start)
                if span is not None and span.end == last + 1:
                    found.append(span)
    return found


def _surname_at(doc: Doc, i: int, *, allow_sentence_start: bool = False) -> Span | None:
    """A capitalised surname, with particles before it, starting at token i."""
    j = i
    while j < len(doc) and is_particle(doc[j]):
        j += 1
    if j >= len(doc) or (doc[i].is_sent_start and not allow_sentence_start):
        return None
    tok = doc[j]
    if not is_capitalised(tok) or is_acronym(tok) or is_org_word(tok) or is_function_word(tok) or not _name_word(tok):
        return None
    if tok.lower_.endswith(("se", "sche")) and not is_first_name(tok):
        return None  # "de Rotterdamse wijk": an adjective
    if j + 1 < len(doc) and is_capitalised(doc[j + 1]) and not doc[j + 1].is_sent_start:
        return None  # a longer name: left to the other rules
    return doc[i : j + 1]


def _name_shaped(doc: Doc, taken: set[int]) -> list[Span]:
    """Runs of two or more capitalised words (with particles) that look like a person's name: not after an
    article ("de Landelijke Huisartsen Vereniging"), no organisation word, no digits."""
    found: list[Span] = []
    facts = word_facts(doc)
    i = 0
    while i < len(doc):
        if i in taken or not facts.capitalised[i] or facts.function[i] or facts.acronym[i]:
            i += 1
            continue
        tok = doc[i]
        prev = doc[i - 1] if i > 0 else None
        starts_run = prev is None or not is_capitalised(prev) or not _name_word(prev) or is_role_noun(prev) or prev.is_sent_start and is_function_word(prev)
        if i in taken or not is_capitalised(tok) or is_function_word(tok) or is_acronym(tok) or not starts_run or honorific_end(doc, i):
            i += 1
            continue
        if prev is not None and (prev.lower_ in ARTICLES or prev.lower_ in ("een",)):
            i += 1
            continue
        if prev is not None and prev.lower_ in ("van", "bij", "namens", "voor") and i >= 2 and is_capitalised(doc[i - 2]):
            i += 1
            continue  # "Mariëlle Romeijn van One Hundred": an organisation after a name
        if is_role_noun(tok):
            i += 1
            continue
        j = i + 1
        caps = 1
        all_given = is_first_name(tok)
        while j < len(doc) and j not in taken and not doc[j].is_sent_start and _name_word(doc[j - 1]):
            nxt = doc[j]
            if is_capitalised(nxt) and not is_acronym(nxt) and not is_particle(nxt) and _name_word(nxt):
                caps += 1
                all_given = all_given and is_first_name(nxt)
                j += 1
            elif is_particle(nxt) and (all_given or (caps == 1 and not (prev is not None and is_role_noun(prev)) and nxt.is_lower is False or caps == 1 and nxt.lower_ != "van") or caps == 1 and not (prev is not None and is_role_noun(prev)) and _speaks_after_particle_name(doc, j)) and j + 1 < len(doc) and (is_capitalised(doc[j + 1]) or is_particle(doc[j + 1])):
                particle_at = j
                j += 1
                while j < len(doc) and is_particle(doc[j]):
                    j += 1
                if j < len(doc) and is_capitalised(doc[j]) and _name_word(doc[j]):
                    if j + 1 < len(doc) and is_capitalised(doc[j + 1]) and not doc[j + 1].is_sent_start:
                        j = particle_at  # "Ducheine van de Nederlandse Defensie Academie"
                        break
                    caps += 1
                    j += 1
                else:
                    j = particle_at
                break
            else:
                break
        span = doc[i:j]
        roles_inside = [t.i for t in span if _role_word(t) and not _surname_after_name(t, span)]
        if roles_inside:
            i = roles_inside[-1] + 1  # "Voormalig SP-Kamerlid Nine Kooiman": the name starts after the role
            continue
        if 2 <= caps <= 4 and not any(is_org_word(t) or any(ch.isdigit() for ch in t.text) for t in span):
            found.append(span)
        i = j
    return found


def _role_word(token: Token) -> bool:
    return is_role_noun(token) or token.lower_ in word_set("role_modifiers.txt")


def _surname_after_name(token: Token, span: Span) -> bool:
    """A capitalised role noun right after a name word inside the run is a surname ("bewoonster Hiske Voorman",
    "Jan Arts"), not a role ("Voormalig SP-Kamerlid", "Minister President": the word before is a role)."""
    if token.i == span.start or token.is_sent_start or not token.text[:1].isupper():
        return False
    before = token.doc[token.i - 1]
    return _name_word(before) and not _role_word(before)


def place_names(doc: Doc) -> frozenset[str]:
    """Runs of capitalised words without a given name that the document writes after "in", "naar", "uit" …
    (`place_only_prepositions.txt`): places, wherever else they stand ("in Ter Apel" … "naast Ter Apel", "waar Ter
    Apel onder valt"), so no person's name. One pass over the tokens."""
    prepositions = word_set("place_only_prepositions.txt")
    found: set[str] = set()
    facts = word_facts(doc)
    lowers, starts = facts.table.lower, facts.table.sent_start
    for i in range(1, len(doc)):
        if lowers[i - 1] not in prepositions or not facts.capitalised[i] or starts[i]:
            continue
        j = i
        while j < len(doc) and j - i < 4 and (is_capitalised(doc[j]) and _name_word(doc[j]) or is_particle(doc[j])) and not (j > i and doc[j].is_sent_start):
            j += 1
        while j > i and is_particle(doc[j - 1]):
            j -= 1
        if j - i >= 1 and not any(is_first_name(t) for t in doc[i:j]):
            found.add(doc[i:j].text)
    return frozenset(found)


def _speaks_after_particle_name(doc: Doc, j: int) -> bool:
    """"Armijn van Roon, oprichter van …, geeft aan", "Karen van Oudenhoven zegt": an unknown given name, particles
    and a surname (particle at token j) followed by a speech verb or by an apposition that opens with a role."""
    k = j
    while k < len(doc) and is_particle(doc[k]):
        k += 1
    if k >= len(doc) or not is_capitalised(doc[k]) or doc[k].is_sent_start:
        return False
    k += 1
    if k >= len(doc):
        return False
    if speech_verb_lemma(doc[k]):
        return True
    if doc[k].text == ",":
        k += 1
        if k < len(doc) and doc[k].lower_ in ARTICLES:
            k += 1
        return k < len(doc) and is_role_noun(doc[k])
    return False


#: The words of each title before a surname (`honorifics.txt`).
HONORIFICS = tuple(words for words, _ in honorifics())


_HONORIFIC_FIRST = frozenset(words[0] for words in HONORIFICS)
#: Last words of the titles that address a person (de heer, mevrouw), for a one-word name's context.
_HONORIFIC_LAST = frozenset(words[-1] for words, gender in honorifics() if gender)


def honorific_end(doc: Doc, i: int) -> int | None:
    """End of a title such as "de heer" or "mevrouw" starting at token i."""
    lowers = token_table(doc).lower
    if i >= len(lowers) or lowers[i] not in _HONORIFIC_FIRST:
        return None  # asked for every token: most words start no title
    for words in HONORIFICS:
        if i + len(words) <= len(lowers) and all(lowers[i + k] == w for k, w in enumerate(words)):
            return i + len(words)
    return None


def _after_honorific(doc: Doc, taken: set[int]) -> list[Span]:
    """Minutes name people by title: "De heer Jansen", "mevrouw De Vries", "dhr. Van den Berg"."""
    found: list[Span] = []
    lowers = token_table(doc).lower
    for i in range(len(doc)):
        if lowers[i] not in _HONORIFIC_FIRST:
            continue
        j = honorific_end(doc, i)
        if j is None or j >= len(doc):
            continue
        k = j
        while k < len(doc) and is_particle(doc[k]):
            k += 1
        end = k
        while end < len(doc) and is_capitalised(doc[end]) and _name_word(doc[end]) and not is_org_word(doc[end]) and end - k < 3:
            end += 1
        if end > k and not taken.intersection(range(j, end)):
            found.append(doc[j:end])
    return found


def _person_context(doc: Doc, i: int) -> bool:
    """A title or role right before the word, or a speech verb right after it, unless a preposition puts the
    word in a fronted phrase ("In Nieuwsuur zegt ze": the speaker follows the verb)."""
    before = doc[i - 1] if i > 0 else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    if before is not None and (is_role_noun(before) or before.lower_ in _HONORIFIC_LAST):
        return True
    if after_place_preposition(doc, i):
        return False
    return after is not None and bool(speech_verb_lemma(after))


def _surname_particle(doc: Doc, start: int, end: int) -> bool:
    """"De Vries", "Van der Plas": a capitalised particle that opens a surname is part of it."""
    if end - start < 2 or not (doc[start].text[:1].isupper() and is_particle(doc[start])):
        return False
    rest = doc[start + 1 : end]
    names = [t for t in rest if not is_particle(t)]
    return bool(names) and all(_name_word(t) for t in names) and not is_particle(rest[-1])


def _trim(span: Span) -> Span | None:
    """Drop the articles, role nouns and particles at the edges that NER sometimes includes
    ("Kamerlid Van Haga" → "Van Haga"); keep only spans made of name words."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        # "Voordat Thunberg": a function word capitalised only because it starts the sentence
        ((doc[start].lower_ in ARTICLES or is_function_word(doc[start])) and not _surname_particle(doc, start, end))
        or is_role_noun(doc[start])
        or doc[start].lower_ in word_set("role_modifiers.txt")
        or not doc[start].text[:1].isalpha()
    ):
        start += 1
    while end > start and (is_particle(doc[end - 1]) or not doc[end - 1].text[:1].isalpha()):
        end -= 1
    if end <= start or not all(_name_word(t) or is_particle(t) for t in doc[start:end]):
        return None
    if end - start == 1 and (is_function_word(doc[start]) or doc[start].is_sent_start):
        return None
    return doc[start:end]


def _given_names_end(doc: Doc, i: int) -> int:
    """The first token after i that is not a capitalised given name inside the sentence."""
    j = i + 1
    while j < len(doc) and is_capitalised(doc[j]) and is_first_name(doc[j]) and not doc[j].is_sent_start:
        j += 1
    return j


def _name_end(doc: Doc, i: int, given_end: int | None = None) -> int | None:
    """End of a name that starts with a given name at token i: given names, particles, a surname.
    `given_end` is `_given_names_end(doc, i)` when the caller knows it (it is the same for every start in a
    run of given names, so a long run is read once)."""
    j = _given_names_end(doc, i) if given_end is None else given_end
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


def _name_word(token: object) -> bool:
    """A word that can be part of a name: letters, hyphens and apostrophes, or an initial."""
    return _name_word_text(token.text)  # type: ignore[attr-defined]


@lru_cache(maxsize=1 << 16)
def _name_word_text(text: str) -> bool:
    """`_name_word` of a word's text (cached: asked of the same words many times)."""
    if len(text) == 2 and text[1] == "." and text[0].isupper():  # an initial of any script: "J.", "Ş."
        return True
    parts = text.split("-")
    if any(is_camel_case_text(p) for p in parts):
        return False  # "VluchtelingenWerk", "GroenLinks": an organisation's spelling
    return all(ch.isalpha() or ch in "-'’" for ch in text) and all(p[:1].isupper() for p in parts if p)


def is_camel_case_text(text: str) -> bool:
    """`is_camel_case` for a piece of a word."""
    return text[:1].isupper() and text.isalpha() and any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False))


def surname(name: str) -> str:
    """The surname part of a full name: everything after the given names ("van Baarle", "Erisman")."""
    words = name.split()
    firsts = word_set("first_names.txt")
    i = 1 if len(words) > 1 and words[0].lower() not in PARTICLES else 0
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

    per_tokens = {
        i for ent in entities(doc) if ent.label_ in ("PER", "PERSON") and len(ent) >= 2 and not any(is_org_word(t) for t in ent)
        for i in range(ent.start, ent.end)
    } if has_ner(doc) else set()
    organisations = [
        s for s in _organisation_runs(doc)
        if not per_tokens.intersection(range(s.start, s.end)) or s[0].lower_ in word_set("org_heads.txt") and not is_capitalised(s[0])
    ]  # "politie Den Haag" stays an organisation whatever NER says of "Den Haag"
    organisations += _joined_names_with_singular_verb(doc, {i for s in organisations for i in range(s.start, s.end)})
    blocked = {i for s in organisations for i in range(s.start, s.end)}
    names = person_names(doc, blocked)
    facts = word_facts(doc)
    lowers, starts = facts.table.lower, facts.table.sent_start
    camel = {lower for lower, shaped in zip(lowers, facts.camel, strict=True) if shaped}
    if camel:
        # "zegt Vluchtelingenwerk" where the text also writes "VluchtelingenWerk": an organisation, not a surname
        names = [s for s in names if not (len(s) == 1 and s[0].lower_ in camel)]
    names, affiliations = _affiliations_after_names(doc, names)
    if affiliations:
        # "Mariëlle Romeijn van One Hundred" makes "One Hundred Restrooms" an organisation wherever it stands
        bodies = {span.text for span in affiliations}
        organisations += [span for span in names if _starts_with_any(span.text, bodies)]
        names = [span for span in names if not _starts_with_any(span.text, bodies)]
    for span in names:
        add(MentionKind.NAME, span)
    organisations += affiliations
    name_starts = {span.start for span in names}
    for span in organisations:
        if span.start > 0 and is_role_noun(doc[span.start - 1]) and span.end in name_starts:
            continue  # "wethouder gemeente Tilburg Anne Bos": part of the role before the name, not a source
        if _addressed(doc, span.start):
            continue  # "In een brief aan de Tweede Kamer meldt minister X": who is written to, not who writes
        add(MentionKind.ORGANISATION, span)
    for span in _surname_repeats(doc, names, taken):
        add(MentionKind.SURNAME, span)
    described: dict[str, int] = {}  # person noun of an unnamed source -> where it was first described
    nouns = word_set("person_nouns.txt")
    for span in _descriptions(doc, taken):
        add(MentionKind.DESCRIPTION, span)
        head = next((t.lower_ for t in span if t.lower_ in nouns), None)
        if head is not None:
            described.setdefault(head, span.start)
    tagged = has_pos(doc)
    org_words = word_set("org_words.txt")
    for i, lower in enumerate(lowers):
        if i in taken:
            continue
        inverted = i > 0 and facts.capitalised[i] and not starts[i] and (facts.speech[i - 1] or lowers[i - 1] in ("volgens", "aldus", "de", "het"))
        if not (lower in PRONOUNS or lower in POSSESSIVES or facts.role[i] or lower in described or facts.group[i] or lower in org_words or inverted):
            continue  # none of the kinds below starts here
        token = doc[i]
        if lower in PRONOUNS or lower in POSSESSIVES:
            if not (tagged and token.pos_ in ("VERB", "AUX")):  # "mensen die in Nederland zijn": the verb
                add(MentionKind.PRONOUN, doc[i : i + 1])
        elif is_role_noun(token) and (not is_capitalised(token) or token.is_sent_start or _party_role_after_article(doc, i)):
            role = _role_np(doc, i)
            if role is not None:
                add(MentionKind.ROLE, role)
        elif lower in described and described[lower] < i and i > 0 and doc[i - 1].lower_ in ("de", "deze") and i - 1 not in taken and not (
            i + 1 < len(doc) and is_capitalised(doc[i + 1]) and not doc[i + 1].is_sent_start
        ):
            add(MentionKind.ROLE, doc[i - 1 : i + 1])  # "een anonieme bron … De bron vindt": back to the described source
        elif is_group_noun(token):
            start = _group_start(doc, i, taken)
            add(MentionKind.GROUP, doc[start : i + 1])
        elif lower in word_set("org_words.txt") and not is_capitalised(token) and (article := _article_before(doc, i, taken)) is not None:
            add(MentionKind.ORGANISATION, doc[article : i + 1])  # "volgens de gemeente", "de Poolse regering"
        elif _inverted_subject(doc, i):
            add(MentionKind.ORGANISATION, doc[i : i + 1])  # "gaf Tennet aan dat …"
    if has_ner(doc):
        for ent in entities(doc):
            if ent.label_ == "ORG" and len(ent) <= 6 and all(t.is_title or t.is_upper or t.lower_ in _ORG_JOINERS or not t.is_alpha for t in ent):
                body = _without_edge_marks(ent)
                if body is not None and not taken.intersection(range(body.start, body.end)) and not _addressed(doc, body.start):
                    add(MentionKind.ORGANISATION, body)
    for i, lower in enumerate(lowers):
        if i not in taken and (facts.acronym[i] or lower in camel and not starts[i]) and not _addressed(doc, i):
            end = i + 1
            if end < len(doc) and end not in taken and _region_word(doc[end]):
                end += 1  # "GGD Zeeland", "RTV Noord": an acronym with its region
            add(MentionKind.ORGANISATION, doc[i:end])  # "TNO", "VluchtelingenWerk"
    return _coordinated_organisations(doc, sorted(mentions, key=lambda m: (m.start, m.end)))


def _without_edge_marks(span: Span) -> Span | None:
    """The entity without punctuation and white space at its edges ("”", "Nieuws\\n\\n"); None when no word is left:
    a quotation mark or a line break is never an organisation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if not any(t.is_alpha or t.like_num for t in doc[start:end]):
        return None
    return doc[start:end]


#: At most this many adjectives or quantifiers before a group noun belong to the group's name.
MAX_GROUP_MODIFIERS = 3


def _group_start(doc: Doc, i: int, taken: set[int]) -> int:
    """Start of the phrase that names a group with its head noun at token i: quantifiers (`group_modifiers.txt`) and
    adjectives before it ("Sociale wetenschappers", "verschillende islamitische jongeren"), then an article or
    demonstrative ("de overige bedrijven", "deze wetenschappers")."""
    modifiers = word_set("group_modifiers.txt")
    start = i
    while start > 0 and i - start < MAX_GROUP_MODIFIERS and not doc[start].is_sent_start and start - 1 not in taken:
        prev = doc[start - 1]
        adjective = (
            prev.is_alpha and prev.lower_.endswith("e") and not prev.lower_.endswith("je")  # not "beetje"
            and (prev.is_lower or prev.is_sent_start) and not is_function_word(prev) and prev.lower_ not in ARTICLES
        )
        if prev.lower_ in modifiers or adjective:
            start -= 1
        else:
            break
    if start > 0 and not doc[start].is_sent_start and doc[start - 1].lower_ in ("de", "het", "deze", "die") and start - 1 not in taken:
        start -= 1
    return start


def _affiliations_after_names(doc: Doc, names: list[Span]) -> tuple[list[Span], list[Span]]:
    """"Mariëlle Romeijn van One Hundred Restrooms": a "name" whose capitalised run starts right after a person's
    name and "van", "bij" or "namens" is that person's organisation. Returns the names left and those organisations
    (the whole capitalised run). Linear: names are looked up by their end."""
    ends = {span.end for span in names}
    kept: list[Span] = []
    organisations: list[Span] = []
    for span in names:
        k = span.start
        while k > 0 and k - span.start > -6 and is_capitalised(doc[k - 1]) and not doc[k - 1].is_sent_start and doc[k - 1].lower_ not in ("van", "bij", "namens"):
            k -= 1
        if k >= 2 and doc[k - 1].lower_ in ("van", "bij", "namens") and k - 1 in ends:
            organisations.append(doc[k : span.end])
        else:
            kept.append(span)
    return kept, organisations


def _addressed(doc: Doc, start: int) -> bool:
    """The capitalised organisation name at token `start` follows "aan", "tegen" or "tegenover" and an article ("een
    brief aan de Tweede Kamer", "Tegenover de NOS zegt X"): the addressee of what is said."""
    return start >= 2 and doc[start - 1].lower_ in ("de", "het") and doc[start - 2].lower_ in _ADDRESSEE_PREPOSITIONS


#: Prepositions before the one who is spoken or written to.
_ADDRESSEE_PREPOSITIONS = frozenset({"aan", "tegen", "tegenover"})


def _starts_with_any(text: str, prefixes: set[str]) -> bool:
    """The text is one of `prefixes` or starts with one of them followed by a space ("One Hundred Restrooms")."""
    words = text.split()
    return any(" ".join(words[:n]) in prefixes for n in range(1, len(words) + 1))


def _joined_names_with_singular_verb(doc: Doc, taken: set[int]) -> list[Span]:
    """"Senioren Dijk en Weide zegt dat …": capitalised words joined by "en" and followed by a speech verb in the
    singular are one name (two people would take "zeggen"); without a given name in it, it names a party or
    organisation. Linear: one pass over the tokens."""
    found: list[Span] = []
    facts = word_facts(doc)
    capital, lowers, starts = facts.capitalised, facts.table.lower, facts.table.sent_start
    n = len(doc)
    i = 0
    while i < n:
        if not (starts[i] or i == 0 or not capital[i - 1]) or not capital[i] or i in taken:
            i += 1
            continue
        j = i
        joined = False
        while j < n and j not in taken and (capital[j] and facts.name_word[j] and not facts.acronym[j] or lowers[j] == "en" and j > i and j + 1 < n and capital[j + 1] and not joined):
            joined = joined or lowers[j] == "en"
            j += 1
            if j > i and not starts[j - 1] and j < n and starts[j]:
                break
        singular = j < n and facts.speech[j] is not None and not lowers[j].endswith("en")
        if joined and singular and lowers[j - 1] != "en" and not any(facts.first_name[k] or facts.function[k] and k != i and lowers[k] != "en" for k in range(i, j)):
            if not facts.function[i]:
                found.append(doc[i:j])
        i = max(j, i + 1)
    return found


def _region_word(tok: object) -> bool:
    """A capitalised single word that can complete an acronym's name ("Zeeland" in "GGD Zeeland"): not a given name,
    function word, acronym or a word that itself starts another name (followed by a capitalised word)."""
    doc = tok.doc  # type: ignore[attr-defined]
    i = tok.i  # type: ignore[attr-defined]
    if not is_capitalised(tok) or tok.is_sent_start or is_acronym(tok) or is_first_name(tok) or is_function_word(tok) or not _name_word(tok):  # type: ignore[arg-type,attr-defined]
        return False
    return not (i + 1 < len(doc) and is_capitalised(doc[i + 1]) and not doc[i + 1].is_sent_start)


def _article_before(doc: Doc, i: int, taken: set[int]) -> int | None:
    """Start of "de"/"het" and at most two adjectives before token i ("de Poolse regering", "het nieuwe kabinet"),
    or of a demonstrative that opens the sentence or follows "volgens", "van" … ("Die partij vindt"); None when no
    article opens the phrase."""
    k = i - 1
    while k >= 0 and i - k <= 2 and k not in taken and doc[k].is_alpha and doc[k].lower_.endswith("e") and doc[k].lower_ not in ARTICLES and not is_function_word(doc[k]):
        k -= 1
    if k >= 0 and k not in taken and doc[k].lower_ in ("de", "het"):
        return k
    if k >= 0 and k not in taken and doc[k].lower_ in _DEMONSTRATIVES and (doc[k].is_sent_start or k > 0 and doc[k - 1].lower_ in _REFERRING_PREPOSITIONS):
        return k  # "Die partij vindt …", "volgens deze organisatie": not the relative "die" after a noun
    return None


#: Demonstratives that open a phrase referring back to an organisation ("Die partij", "Deze organisatie").
_DEMONSTRATIVES = frozenset({"deze", "die", "dit", "dat"})
#: Prepositions after which a demonstrative opens such a phrase ("volgens die partij").
_REFERRING_PREPOSITIONS = frozenset({"volgens", "van", "bij", "door", "namens", "aldus"})


def _coordinated_organisations(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"VVD, NSC en GroenLinks-PvdA", "de politie en het Openbaar Ministerie": organisations joined by commas and a
    final "en" act as one group; their mentions (sorted) are replaced by one GROUP mention over the whole list.
    A capitalised word between commas counts as a member too ("D66, Denk, Volt en Bij1"). Linear in the mentions."""
    orgs = {m.start: m for m in mentions if m.kind is MentionKind.ORGANISATION}
    if len(orgs) < 2:
        return mentions
    merged: dict[int, Mention] = {}  # start of the first member -> the group mention
    absorbed: set[int] = set()  # starts of the members
    for start in sorted(orgs):
        if start in absorbed:
            continue
        members = [start]
        end = orgs[start].end
        last_joiner = ""
        while end + 1 < len(doc) and (doc[end].text == "," or doc[end].lower_ == "en"):
            k = end + 1
            if doc[k].lower_ in ("de", "het") and k + 1 in orgs:
                k += 1
            if k in orgs:
                last_joiner = doc[end].lower_
                members.append(k)
                end = orgs[k].end
                continue
            word = doc[k]
            if is_capitalised(word) and not is_function_word(word) and not word.is_sent_start and word.text.replace("-", "").isalnum():
                last_joiner = doc[end].lower_
                end = k + 1
                if last_joiner == "en":
                    break
                continue
            break
        if len(members) >= 2 and last_joiner == "en":
            span = doc[start:end]
            merged[start] = Mention.of(MentionKind.GROUP, span)
            absorbed.update(members)
    if not merged:
        return mentions
    out = [m for m in mentions if not (m.kind is MentionKind.ORGANISATION and m.start in absorbed)]
    return sorted(out + list(merged.values()), key=lambda m: (m.start, m.end))


def _surname_repeats(doc: Doc, names: list[Span], taken: set[int]) -> list[Span]:
    """Later mentions of a named person by surname alone ("Lagendijk", "van Baarle"), matched on the
    lower-cased text of token windows as long as the surname, the last word capitalised; each claims its
    tokens in `taken`. One dictionary lookup per token and surname length, so the time grows with the
    length of the document, not with the number of names times it. Where several surnames match at a
    token, the one of the earliest name wins."""
    surnames = {surname(s.text).lower(): len(surname(s.text).split()) for s in names}
    by_size: dict[int, dict[str, int]] = {}
    for order, (key, size) in enumerate(surnames.items()):
        by_size.setdefault(size, {})[key] = order
    found: list[Span] = []
    prefixes = {key[:n] for key in surnames for n in range(1, len(key) + 1)}
    facts = word_facts(doc)
    table = facts.table
    text = doc_text(doc)
    for i, lower in enumerate(table.lower):
        if i in taken or lower not in prefixes:
            continue  # a window's text starts with its first token's: no surname can match here
        best: tuple[int, int] | None = None  # (order of the surname, its length in tokens)
        for size, keys in by_size.items():
            last = i + size - 1
            if last >= len(table):
                continue
            window = text[table.idx[i] : table.idx[last] + len(table.text[last])]  # the text of tokens i..last
            rank = keys.get(window.lower())
            if rank is not None and (best is None or rank < best[0]) and facts.capitalised[last]:
                best = (rank, size)
        if best is not None:
            size = best[1]
            if not taken.intersection(range(i, i + size)):
                found.append(doc[i : i + size])
                taken.update(range(i, i + size))
    return found


def _plural_person(token: object) -> bool:
    """A plural of a person or role noun, or a group noun: "projectleiders", "bewoners", "experts"."""
    word = token.lower_  # type: ignore[attr-defined]
    if is_group_noun(token):  # type: ignore[arg-type]
        return True
    for singular in (word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("en") else None):
        if singular and (singular in word_set("person_nouns.txt") or is_role_text(singular)):
            return True
    return False


def _one_of_people(doc: Doc, i: int) -> int | None:
    """"een van de projectleiders" at token i ("een"): the index of the plural noun, or None."""
    if i + 3 >= len(doc) or doc[i + 1].lower_ != "van" or doc[i + 2].lower_ not in ("de", "het", "zijn", "haar", "hun"):
        return None
    k = i + 3
    while k < len(doc) and k - i < 6 and doc[k].is_lower and doc[k].is_alpha and doc[k].lower_.endswith("e"):
        k += 1  # adjectives
    return k if k < len(doc) and doc[k].is_lower and _plural_person(doc[k]) else None


#: "een 18-jarige", "een 75-jarige": an age used as a noun names a person.
_AGED = re.compile(r"^\d{1,3}-jarige$")


def _aged_person(doc: Doc, k: int) -> bool:
    """"een 18-jarige uit Tilburg": an age as the noun, not before one ("een 18-jarige eik")."""
    if not _AGED.match(doc[k].text):
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    return nxt is None or not nxt.is_alpha or is_function_word(nxt) or nxt.lower_ in word_set("place_prepositions.txt") or bool(speech_verb_lemma(nxt)) or not nxt.is_lower


def _descriptions(doc: Doc, taken: set[int]) -> list[Span]:
    """Indefinite phrases for unnamed people: "een woordvoerder", "Een andere automobilist"; after a
    speech verb the whole phrase up to the punctuation ("zegt een klant van een tankstation in Rijswijk:")."""
    nouns = word_set("person_nouns.txt")
    stops = word_set("description_stops.txt")
    indefinite = word_set("indefinite_people.txt")
    found: list[Span] = []
    for i, lower in enumerate(token_table(doc).lower):
        if i in taken or not (lower == "een" or lower in POSSESSIVES or lower in indefinite):
            continue  # none of the cases below starts here
        tok = doc[i]
        if tok.lower_ in POSSESSIVES and i + 1 < len(doc) and (doc[i + 1].lower_ in nouns or is_role_noun(doc[i + 1])) and i + 1 not in taken:
            if not (i + 2 < len(doc) and is_capitalised(doc[i + 2]) and not doc[i + 2].is_sent_start):
                found.append(doc[i : i + 2])  # "Zijn woordvoerder laat weten": a source of its own
            continue
        if tok.lower_ in word_set("indefinite_people.txt"):
            k = i  # "zegt iemand uit het publiek"
            if not (i > 0 and speech_verb_lemma(doc[i - 1])):
                origin = _origin_end(doc, i + 1)
                if origin is None or taken.intersection(range(i, origin)):
                    continue
                found.append(doc[i:origin])  # "hoe iemand uit het publiek zich kritisch uitlaat"
                continue
        elif tok.lower_ != "een":
            continue
        elif (one_of := _one_of_people(doc, i)) is not None:
            k = one_of  # "een van de projectleiders"
            if taken.intersection(range(i, k + 1)):
                continue
        else:
            k = i + 1
            # only adjectives between the article and the noun: "een jonge vrouw", not "een video die een bezoeker"
            while k < len(doc) and k - i <= 3 and doc[k].lower_ not in nouns and not is_role_noun(doc[k]) and doc[k].is_alpha and doc[k].is_lower and not is_function_word(doc[k]) and doc[k].lower_ not in ARTICLES:
                k += 1
            person = k < len(doc) and (doc[k].lower_ in nouns or is_role_noun(doc[k]) or _aged_person(doc, k))
            if not person or taken.intersection(range(i, k + 1)):
                continue
            if k + 1 < len(doc) and is_capitalised(doc[k + 1]) and not doc[k + 1].is_sent_start:
                continue  # "een traumachirurg Thierry Baudet": a role in front of a name
        end = k + 1
        if i > 0 and speech_verb_lemma(doc[i - 1]):
            while end < len(doc) and end - i < 10 and not (doc[end].is_punct or doc[end].is_space or doc[end].lower_ in stops):
                end += 1
        elif end + 1 < len(doc) and doc[end].lower_ in ORGANISATION_PREPOSITIONS and (org := org_noun_phrase(doc, end + 1)) is not None:
            if any(is_capitalised(t) or is_acronym(t) for t in org):
                end = org.end  # "Een woordvoerder van het Openbaar Ministerie heeft dat gezegd"
        found.append(doc[i:end])
    return found


#: Prepositions that tie an unnamed person to an organisation ("een woordvoerder van het OM", "een bron binnen de IND").
ORGANISATION_PREPOSITIONS = frozenset({"van", "bij", "binnen"})
#: At most this many adjectives in the origin of an unnamed person ("iemand uit het overvolle publiek").
MAX_ORIGIN_ADJECTIVES = 2


def _origin_end(doc: Doc, j: int) -> int | None:
    """End of "uit het publiek", "van de organisatie" starting at token j (after "iemand"): "uit" or "van", an
    article, at most `MAX_ORIGIN_ADJECTIVES` adjectives, a lower-case noun; None when there is no such phrase."""
    if j + 2 >= len(doc) or doc[j].lower_ not in ("uit", "van") or doc[j + 1].lower_ not in ("de", "het", "een"):
        return None
    k = j + 2
    while k < len(doc) and k - j - 2 < MAX_ORIGIN_ADJECTIVES and doc[k].is_lower and doc[k].lower_.endswith("e") and k + 1 < len(doc) and doc[k + 1].is_lower:
        k += 1
    if k < len(doc) and doc[k].is_lower and doc[k].is_alpha and not is_function_word(doc[k]) and not is_finite_verb(doc[k]):
        return k + 1
    return None


_ORG_JOINERS = frozenset({"en", "voor", "van", "de", "der", "het", "&", "op", "in"})


def _organisation_runs(doc: Doc) -> list[Span]:
    """Capitalised names with an organisation word: "Omroep Flevoland", "Forum voor Democratie",
    "Centrum Informatie en Documentatie Israël", "gemeente Almere", "Radboud Universiteit"."""
    found: list[Span] = []
    facts = word_facts(doc)
    capital, first, org, lowers, starts = facts.capitalised, facts.first_name, facts.org, facts.table.lower, facts.table.sent_start
    heads = word_set("org_heads.txt")
    n = len(doc)
    i = 0
    while i < n:
        lowercase_head = lowers[i] in heads and not capital[i]
        if not (capital[i] and not facts.function[i] or lowercase_head):
            i += 1
            continue
        j = i + 1
        head_seen = lowercase_head or org[i]
        while j < n and not starts[j]:
            if head_seen and first[j] and j + 1 < n and capital[j + 1] and not first[j - 1]:
                break  # "wethouder gemeente Tilburg Anne Bos": a person's name after the organisation
            if capital[j] and (not facts.function[j] or facts.particle[j] and j + 1 < n and capital[j + 1]):
                head_seen = head_seen or org[j]  # "politie Den Haag": a capitalised particle inside
                j += 1
            elif lowers[j] in _ORG_JOINERS and j + 1 < n and capital[j + 1] and not starts[j + 1]:
                j += 2
            else:
                break
        start = i
        org_before = False  # an organisation word before k, kept as we go (a long run stays linear)
        for k in range(i, j):
            if lowers[k] in ("van", "voor", "bij") and not org_before:
                start = k + 1  # "Wim Renders van Brainport Development": the organisation after "van"
                break
            org_before = org_before or org[k]
        if j - start > 1 and (lowercase_head or any(org[start:j])):
            found.append(doc[start:j])
        i = max(j, i + 1)
    return found


def _inverted_subject(doc: Doc, i: int) -> bool:
    """A single capitalised word in a source slot: right after a speech verb ("gaf Tennet aan"), after
    "volgens" or "aldus" ("Volgens Shell"), or after an article ("zo schrijft de Kiesraad")."""
    tok = doc[i]
    if i == 0 or tok.is_sent_start or not is_capitalised(tok) or is_function_word(tok) or is_first_name(tok):
        return False
    if tok.lower_.endswith(("se", "sche")) or not (_name_word(tok) or is_camel_case(tok)):
        return False  # "de Rotterdamse huisarts": an adjective
    prev = doc[i - 1]
    if not (speech_verb_lemma(prev) or prev.lower_ in ("volgens", "aldus") or prev.lower_ in ("de", "het") and i >= 2 and speech_verb_lemma(doc[i - 2])):
        return False
    return i + 1 >= len(doc) or not is_capitalised(doc[i + 1])


def _party_role_after_article(doc: Doc, i: int) -> bool:
    """"de VVD-leider", "de D66'er": a capitalised role compound (a party before a hyphen or apostrophe) right after
    "de"/"het" refers back like a lower-case role noun."""
    text = doc[i].text
    return i > 0 and doc[i - 1].lower_ in ("de", "het") and ("-" in text or party_member_prefix(doc[i]) is not None)


def _role_np(doc: Doc, i: int) -> Span | None:
    """A definite role-noun phrase used to refer back ("de Nijmeegse hoogleraar"); None before a name."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and is_capitalised(nxt) and not nxt.is_sent_start:
        return None  # a role in front of a name: "clustermanager Wim Renders"
    start = i
    while start > 0 and i - start < 3 and not doc[start].is_sent_start:
        prev = doc[start - 1]
        if prev.lower_ in ("de", "het", "deze", "die"):
            return doc[start - 1 : _complement_end(doc, i + 1)]
        if prev.is_alpha and (prev.lower_.endswith("e") or prev.text[:1].isupper()) and not is_particle(prev):
            start -= 1
            continue
        break
    return None


#: At most this many adjectives in the "van" complement of a role ("De eigenaar van de groene mamba").
MAX_COMPLEMENT_ADJECTIVES = 2


def _complement_end(doc: Doc, j: int) -> int:
    """End of a "van" complement that starts at token j and makes a role a description of its own ("De eigenaar
    van de groene mamba"): "van", an article, adjectives, one noun (by POS where tagged, else by shape: adjectives
    end in -e and are followed by a small word); j itself when there is none."""
    if j + 2 >= len(doc) or doc[j].lower_ != "van":
        return j
    k = j + 1
    if doc[k].lower_ in ("de", "het", "een", "zijn", "haar"):
        k += 1
    tagged = has_pos(doc)
    adjectives = 0
    while k + 1 < len(doc) and adjectives < MAX_COMPLEMENT_ADJECTIVES:
        tok = doc[k]
        adjective = tok.pos_ == "ADJ" if tagged else tok.is_lower and tok.is_alpha and tok.lower_.endswith("e") and doc[k + 1].is_lower and doc[k + 1].is_alpha
        if not adjective:
            break
        adjectives += 1
        k += 1
    if k >= len(doc):
        return j
    noun = doc[k]
    is_noun = noun.pos_ == "NOUN" if tagged else noun.is_lower and noun.is_alpha and not is_function_word(noun) and not is_finite_verb(noun)
    return k + 1 if is_noun else j
