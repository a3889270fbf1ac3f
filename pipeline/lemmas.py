"""Lemma conventions and fallbacks the trained lemmatizer cannot manage token by token.

The UD Dutch treebanks give a separable verb its full lemma on the verb ("Hij komt morgen terug" →
"komt": "terugkomen"), which needs the parse, and keep proper names as written ("Uitgeverij" in
"Uitgeverij Klooster"), which needs the tag. Irregular and rare forms ("sloeg", "afgewezen") that the
edit-tree lemmatizer leaves unchanged are looked up in spaCy's Dutch lookup table (spacy-lookups-data, MIT).
All three run after the parser, as one spaCy component.
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


def looked_up_lemma(token: Token, table: Mapping[str, str]) -> str:
    """The table's lemma where the trained lemmatizer kept the word as it is and the table knows better."""
    lemma = token.lemma_
    if token.pos_ not in LOOKUP_CLASSES or lemma.lower() != token.text.lower():
        return lemma
    return table.get(token.text.lower(), lemma)


def separable_verb_lemma(token: Token) -> str:
    """The verb's lemma with its separated particle in front ("komt ... terug" → "terugkomen")."""
    lemma = token.lemma_
    if token.pos_ not in VERBS or not lemma:
        return lemma
    for child in token.children:
        if child.dep_ == "compound:prt" and child.i > token.i:
            particle = child.text.lower()
            if particle.isalpha() and not lemma.startswith(particle):
                return particle + lemma
    return lemma


def proper_name_lemma(token: Token) -> str:
    """A proper name is its own lemma, as written."""
    return token.text if token.pos_ == "PROPN" else token.lemma_


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
        for token in doc:
            token.lemma_ = proper_name_lemma(token)
            if table:
                token.lemma_ = looked_up_lemma(token, table)
        for token in doc:
            token.lemma_ = separable_verb_lemma(token)
        return doc
