"""Lemma conventions and fallbacks the trained lemmatizer cannot manage token by token.

The UD Dutch treebanks give a separable verb its full lemma on the verb ("Hij komt morgen terug" →
"komt": "terugkomen"), which needs the parse, and keep proper names as written ("Uitgeverij" in
"Uitgeverij Klooster"), which needs the tag or the capitals of the words around it. Irregular and rare
forms ("sloeg", "afgewezen") that the edit-tree lemmatizer leaves unchanged, and the non-words its edit
trees sometimes make ("vrouwtjes" → "vrouwt"), are looked up in spaCy's Dutch lookup table
(spacy-lookups-data, MIT). All of it runs after the parser, as one spaCy component.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

VERBS = frozenset({"VERB", "AUX"})
#: Word classes whose unchanged lemma is checked against the lookup table (not PROPN: names keep their form).
LOOKUP_CLASSES = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADV", "PRON", "DET"})


@lru_cache(maxsize=1)
def dutch_lookup_table() -> Mapping[str, str]:
    """spaCy's Dutch form → lemma table, loaded once per process (it takes a few seconds)."""
    from spacy.lookups import load_lookups

    return load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")


@lru_cache(maxsize=1)
def known_lemmas() -> frozenset[str]:
    """Every lemma and form the lookup table knows: a lemma outside it is likely an edit-tree accident."""
    table = dutch_lookup_table()
    return frozenset(table.values()) | frozenset(table.keys())


def looked_up_lemma(token: Token, table: Mapping[str, str], known: frozenset[str] = frozenset()) -> str:
    """The table's lemma where the trained lemmatizer kept the word as it is, or made a word the table does
    not know ("vrouwtjes" → "vrouwt"), and the table has the form."""
    lemma = token.lemma_
    if token.pos_ not in LOOKUP_CLASSES:
        return lemma
    unchanged = lemma.lower() == token.text.lower()
    if not unchanged and (not known or lemma.lower() in known):
        return lemma
    return table.get(token.text.lower(), lemma)


def separable_verb_lemma(token: Token, known: frozenset[str] = frozenset()) -> str:
    """The verb's lemma with its separated particle in front ("komt ... terug" → "terugkomen"); with a
    list of known lemmas, only a verb on it ("van" misparsed as a particle must not make "vankomen")."""
    lemma = token.lemma_
    if token.pos_ not in VERBS or not lemma:
        return lemma
    for child in token.children:
        if child.dep_ == "compound:prt" and child.i > token.i:
            particle = child.text.lower()
            if particle.isalpha() and not lemma.startswith(particle) and (not known or particle + lemma in known):
                return particle + lemma
    return lemma


def _title_case(token: Token | None) -> bool:
    return token is not None and token.is_title and not token.is_sent_start


def proper_name_lemma(token: Token) -> str:
    """A proper name is its own lemma, as written: a word tagged PROPN, and a capitalised noun or adjective
    inside a name of several capitalised words that the tagger did not take for a name ("Europese
    Commissie", "Uitgeverij Klooster"). Not an article: the treebanks lemmatise "De" in "De Standaard"."""
    if token.pos_ == "PROPN":
        return token.text
    if token.pos_ not in ("NOUN", "ADJ") or not _title_case(token):
        return token.lemma_
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.text if _title_case(before) or _title_case(after) else token.lemma_


@Language.factory(
    "notulist_lemma_rules",
    default_config={"lookup": True},
    assigns=["token.lemma"],
    requires=["token.pos", "token.dep", "token.lemma"],
)
def make_lemma_rules(nlp: Language, name: str, lookup: bool) -> LemmaRules:
    return LemmaRules(lookup=lookup)


class LemmaRules:
    """Proper names keep their form, unchanged forms are looked up, separable verbs get their particle."""

    def __init__(self, *, lookup: bool = True) -> None:
        self.lookup = lookup

    def __call__(self, doc: Doc) -> Doc:
        table = dutch_lookup_table() if self.lookup else {}
        known = known_lemmas() if self.lookup else frozenset()
        for token in doc:
            token.lemma_ = proper_name_lemma(token)
            if table:
                token.lemma_ = looked_up_lemma(token, table, known)
        for token in doc:
            token.lemma_ = separable_verb_lemma(token, known)
        return doc
