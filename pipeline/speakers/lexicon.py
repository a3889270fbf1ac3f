"""Word-level tests shared by the mention finder and the quote cues; they use POS and NER when present."""

from __future__ import annotations

import re
import unicodedata
import weakref
from functools import cache, lru_cache, partial

from spacy.tokens import Doc, Token

from pipeline.capitals import UPPER
from pipeline.resources import speech_verbs, word_set

PARTICLES = word_set("name_particles.txt")


@cache
def _person_pronouns() -> dict[str, tuple[str, str]]:
    """`person_pronouns.txt`: word → (use, gender)."""
    table: dict[str, tuple[str, str]] = {}
    for line in word_set("person_pronouns.txt"):
        word, use, gender = line.split()
        table[word] = (use, gender)
    return table


@cache
def honorifics() -> tuple[tuple[tuple[str, ...], str | None], ...]:
    """`honorifics.txt`: the words of each title (lower case) with the gender it tells ("f", "m") or None."""
    found = []
    for line in sorted(word_set("honorifics.txt")):
        words, _, gender = line.partition("|")
        found.append((tuple(words.split()), gender.strip() if gender.strip() in ("f", "m") else None))
    return tuple(found)


PRONOUNS = frozenset(w for w, (use, _) in _person_pronouns().items() if use == "pronoun")
POSSESSIVES = frozenset(w for w, (use, _) in _person_pronouns().items() if use == "possessive")
ARTICLES = frozenset({"de", "het", "een", "deze", "die", "dit", "dat"})
_INITIAL = re.compile(rf"^[{UPPER}]\.(?:[{UPPER}]\.)*$")
_ROAD = re.compile(r"^[AN]\d+$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


#: id(doc) → (weak reference to the doc, {attribute: (doc length, answer)}); an entry leaves with its doc.
_ANNOTATED: dict[int, tuple[weakref.ref[Doc], dict[str, tuple[int, bool]]]] = {}


def _forget(key: int, _ref: object) -> None:
    _ANNOTATED.pop(key, None)


def annotated(doc: Doc, attr: str) -> bool:
    """`doc.has_annotation(attr)`, remembered per Doc (and its length): spaCy scans every token when the
    annotation is missing, so rules that ask for each token would take time quadratic in the length."""
    key = id(doc)
    entry = _ANNOTATED.get(key)
    if entry is None or entry[0]() is not doc:
        entry = (weakref.ref(doc, partial(_forget, key)), {})
        _ANNOTATED[key] = entry
    known = entry[1]
    cached = known.get(attr)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.has_annotation(attr))
        known[attr] = cached
    return cached[1]


def has_pos(doc: Doc) -> bool:
    """The pipeline tagged part of speech (a trained model), so rules can use it."""
    return annotated(doc, "POS")


def is_capitalised(token: Token) -> bool:
    """A word that starts with a capital letter."""
    return is_capitalised_text(token.text)


@lru_cache(maxsize=1 << 16)
def is_capitalised_text(text: str) -> bool:
    """`is_capitalised` of a word's text (cached: the rules ask it of the same words many times)."""
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def fold(text: str) -> str:
    """Lower case without diacritics ("Henriëtte" → "henriette"), for looking names up in the lists."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _folded(name: str) -> frozenset[str]:
    return frozenset(fold(word) for word in word_set(name))


def is_first_name(token: Token) -> bool:
    """A given name from the lists (first, female and male names, diacritics ignored), or an initial such as "J."."""
    return is_first_name_text(token.text)


@lru_cache(maxsize=1 << 16)
def is_first_name_text(text: str) -> bool:
    """`is_first_name` of a word's text (cached: asked of the same words many times)."""
    head = text.split("-")[0].lower()
    if head in word_set("first_names.txt") or _INITIAL.match(text):
        return True
    folded = head if head.isascii() else fold(head)  # folding changes nothing in lower-case ASCII
    return folded in _folded("first_names.txt") or folded in _folded("female_names.txt") or folded in _folded("male_names.txt")


def title_gender(word: str) -> str | None:
    """The gender the last word of a title tells ("mevrouw" → "f", "heer" → "m"), None for "dr." or another word."""
    lower = word.lower()
    return next((gender for words, gender in honorifics() if words[-1] == lower), None)


def name_gender(name: str) -> str | None:
    """"f" or "m" from the first given name of a full name (`female_names.txt`, `male_names.txt`), None when the
    name is unknown or borne by both."""
    words = name.split()
    if len(words) < 2:
        return None  # a surname alone says nothing
    first = fold(words[0].split("-")[0])
    if first in _folded("female_names.txt"):
        return "f"
    if first in _folded("male_names.txt"):
        return "m"
    return None


def pronoun_gender(word: str) -> str | None:
    """"m" for hij/hem/zijn, "f" for zij/ze/haar (which may also be plural), None otherwise (`person_pronouns.txt`)."""
    entry = _person_pronouns().get(word.lower())
    return entry[1] if entry else None


def after_setting_preposition(doc: Doc, i: int) -> bool:
    """The word before position `i` opens a fronted phrase of place, medium or occasion ("In Nieuwsuur")."""
    return i > 0 and doc[i - 1].lower_ in word_set("setting_prepositions.txt")


def after_place_preposition(doc: Doc, i: int) -> bool:
    """The word before position `i` makes the next word a place or thing rather than a surname ("uit Zwolle")."""
    return i > 0 and doc[i - 1].lower_ in word_set("place_prepositions.txt")


def is_particle(token: Token) -> bool:
    """A name particle (van, de, ter, 't)."""
    return token.lower_ in PARTICLES


def is_org_word(token: Token) -> bool:
    """A word that marks an organisation or place (Universiteit, ministerie, Development), also as the head of a
    capitalised compound ("Rabobank", "Milieufederatie"; `org_suffixes.txt`)."""
    return is_org_word_text(token.text, token.lower_)


def is_org_word_text(text: str, lower: str) -> bool:
    """`is_org_word` of a word's text and lower-case form."""
    if lower in word_set("org_words.txt"):
        return True
    return text[:1].isupper() and _is_org_compound(lower)


def is_org_descriptor(token: Token) -> bool:
    """A lower-case word that says what kind of body the name after it is ("onderzoeksbureau ABF Research",
    "kennisnetwerk Platform31"): an organisation word or a compound ending in one (`org_suffixes.txt`), not a word
    that opens the name itself (`org_heads.txt`: "gemeente Tilburg")."""
    lower = token.lower_
    if not token.is_lower or not token.is_alpha or lower in word_set("org_heads.txt"):
        return False
    return lower in word_set("org_words.txt") or _is_org_compound(lower)


@cache
def _is_org_compound(word: str) -> bool:
    if not word.isalpha():
        return False
    suffixes = word_set("org_suffixes.txt")
    return any(word[-n:] in suffixes for n in range(3, len(word) - MIN_COMPOUND_MODIFIER + 1))


_CAMEL = re.compile(r"[a-zà-ÿ][A-Z]")


def is_camel_case(token: Token) -> bool:
    """A word with a capital after a small letter inside it, the way organisations and parties are written
    (VluchtelingenWerk, GroenLinks, ChristenUnie), never a Dutch person's name."""
    if not camel_shaped(token.text):
        return False
    return not is_role_noun(token)  # "GroenLinks-PvdA-leider": a role


def camel_shaped(text: str) -> bool:
    """A capitalised word of letters (and hyphens) with a capital right after a small letter ("GroenLinks")."""
    return bool(text[:1].isupper() and text.replace("-", "").isalpha() and _CAMEL.search(text))


def is_acronym(token: Token) -> bool:
    """An all-caps short word such as TNO, DENK or D66, but not a road number such as A27."""
    return is_acronym_text(token.text)


def is_acronym_text(text: str) -> bool:
    """`is_acronym` of a word's text."""
    return bool(_ACRONYM.match(text)) and not _ROAD.match(text)


def is_role_noun(token: Token) -> bool:
    """A function noun, also as the head of a compound: hoogleraar, clustermanager, stikstof-professor; a party
    member noun such as "D66'er" or "CDA'er" (`party_member_prefix`); or a trade, occupation or resident noun
    where it can only be a role (`is_occupation_noun`)."""
    return is_role_noun_text(token.text, token.lower_) or is_occupation_noun(token)


def is_occupation_noun(token: Token) -> bool:
    """A trade, occupation or resident noun (`occupation_nouns.txt`: bakker, boer, bewoonster, buurtbewoner) written in
    lower case, or capitalised only because it opens a sentence and right before a given name ("Boer Jan de Vries
    zegt …"). Never a capitalised word elsewhere: "Els Bakker", "Jan de Boer" and "Bakker zegt" are surnames."""
    doc = token.doc
    following = doc[token.i + 1].text if token.i + 1 < len(doc) else None
    return is_occupation_noun_of(token.text, token.lower_, bool(token.is_sent_start), following)


def is_occupation_noun_of(text: str, lower: str, sent_start: bool, following: str | None) -> bool:
    """`is_occupation_noun` of a token given by its text, lower-case form, whether it starts a sentence and the text of
    the token after it (None at the end of the document)."""
    if not _is_occupation_word(lower):
        return False
    if text == lower:
        return True
    if not sent_start or following is None or not is_capitalised_text(text):
        return False
    return is_capitalised_text(following) and is_first_name_text(following)


def is_role_noun_text(text: str, lower: str) -> bool:
    """`is_role_noun` of a word's text and lower-case form, as far as the word alone tells: a trade or occupation noun
    only in lower case (capitalised at a sentence start before a given name it needs `is_occupation_noun_of`)."""
    return _is_role_word(lower) or _PARTY_MEMBER.match(text) is not None or (text == lower and _is_occupation_word(lower))


#: "D66'er", "CDA'er", "GroenLinks'er": a member of the party written before the apostrophe.
_PARTY_MEMBER = re.compile(r"^([A-Z][A-Za-z0-9-]*)['’]er$")


def party_member_prefix(token: Token) -> str | None:
    """The party of a party member noun ("D66'er" → "D66"), or None for any other word."""
    match = _PARTY_MEMBER.match(token.text)
    return match.group(1) if match else None


def is_role_text(word: str) -> bool:
    """`is_role_noun` for a lower-case word that is not a token ("projectleider", "bakker")."""
    return _is_role_word(word) or _is_occupation_word(word)


#: A role noun of at least this many letters is also the head of a compound ("clustermanager").
MIN_COMPOUND_ROLE = 6
#: The other part of such a compound has at least this many letters.
MIN_COMPOUND_MODIFIER = 4


@cache
def _is_role_word(word: str) -> bool:
    if not word.isalpha() and "-" not in word:
        return False
    roles = word_set("role_nouns.txt")
    if word in roles or word.rsplit("-", 1)[-1] in roles:
        return True
    # a compound whose head is a long role noun: look up the word's endings, not every role noun in turn
    return any(word[-n:] in roles for n in range(MIN_COMPOUND_ROLE, len(word) - MIN_COMPOUND_MODIFIER + 1))


@cache
def _is_occupation_word(word: str) -> bool:
    """A word of `occupation_nouns.txt`, or a compound whose head is one of at least `MIN_COMPOUND_ROLE` letters
    ("buurtbewoner", "kunstschilder"), also after a hyphen."""
    if not word.replace("'", "").isalpha() and "-" not in word:
        return False
    trades = word_set("occupation_nouns.txt")
    if word in trades or word.rsplit("-", 1)[-1] in trades:
        return True
    return any(word[-n:] in trades for n in range(MIN_COMPOUND_ROLE, len(word) - MIN_COMPOUND_MODIFIER + 1))


def is_group_noun(token: Token) -> bool:
    """A plural noun for an unnamed group that can be quoted: experts, onderzoekers, VN-experts."""
    return token.lower_ in word_set("group_nouns.txt") or token.lower_.rsplit("-", 1)[-1] in word_set("group_nouns.txt")


def speech_verb_lemma(token: Token) -> str | None:
    """The speech verb lemma of a token (zegt → zeggen), or None; never for DENK or other names in capitals."""
    return speech_verb_lemma_of(token.text, token.lower_, token.lemma_, bool(token.is_sent_start))


def speech_verb_lemma_of(text: str, lower: str, lemma: str, sent_start: bool) -> str | None:
    """`speech_verb_lemma` of a token given by its text, lower-case form, lemma and whether it starts a sentence."""
    if is_acronym_text(text) or (not sent_start and is_capitalised_text(text)):
        return None
    table = speech_verbs()
    verb = table.get(lower) or table.get(lemma.lower())
    return verb.lemma if verb else None


def speech_verb_companion(token: Token) -> str | None:
    """The particle or verb a separable speech verb needs (vult … aan → "aan")."""
    table = speech_verbs()
    verb = table.get(token.lower_) or table.get(token.lemma_.lower())
    return verb.companion if verb else None


def is_finite_verb(token: Token) -> bool:
    """A verb that ends a noun phrase or apposition."""
    if has_pos(token.doc):
        return token.pos_ in ("VERB", "AUX") and "Inf" not in token.morph.get("VerbForm", [])
    if is_acronym(token) or (is_capitalised(token) and not token.is_sent_start):
        return False
    return token.lower_ in word_set("finite_verbs.txt") or token.lower_ in speech_verbs()


def is_function_word(token: Token) -> bool:
    """A word that is capitalised only because it starts a sentence."""
    return token.lower_ in word_set("function_words.txt")


#: Pronouns that are always plural: a group or organisation, never one person ("volgens hen").
PLURAL_PRONOUNS = frozenset({"hen"})
#: Pronouns that are plural with a plural verb ("Zij zien", "zeggen ze") and singular otherwise ("Ze zegt").
_NUMBER_FROM_VERB = frozenset({"zij", "ze"})


def is_plural_pronoun(token: Token) -> bool:
    """"hen", or "zij"/"ze" as the subject of a plural finite verb right after it or right before it ("Zij zien",
    "Daar waren ze"): the verb's Number from the tagger, else a plural form from `finite_verbs.txt` or the speech
    verbs (ending in -en)."""
    lower = token.lower_
    if lower in PLURAL_PRONOUNS:
        return True
    if lower not in _NUMBER_FROM_VERB:
        return False
    doc = token.doc
    for k in (token.i + 1, token.i - 1):
        if 0 <= k < len(doc) and is_plural_verb(doc[k]):
            return True
    return False


def is_plural_verb(token: Token) -> bool:
    """A plural finite verb: Number=Plur from the tagger, else a form ending in -en from `finite_verbs.txt` or the
    speech verbs ("zeggen", "wijzen")."""
    if has_pos(token.doc):
        return token.pos_ in ("VERB", "AUX") and token.morph.get("Number", []) == ["Plur"] and "Fin" in token.morph.get("VerbForm", [])
    lower = token.lower_
    return lower.endswith("en") and (lower in word_set("finite_verbs.txt") or lower in speech_verbs())

