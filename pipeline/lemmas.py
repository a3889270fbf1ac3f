"""Lemma conventions the trained lemmatizer cannot see token by token.

The UD Dutch treebanks give a separable verb its full lemma on the verb ("Hij komt morgen terug" →
"komt": "terugkomen"), which needs the parse, and keep proper names as written ("Uitgeverij" in
"Uitgeverij Klooster"), which needs the tag. Both are applied after the parser, as one spaCy component.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

VERBS = frozenset({"VERB", "AUX"})


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


@Language.component(
    "notulist_lemma_rules",
    assigns=["token.lemma"],
    requires=["token.pos", "token.dep", "token.lemma"],
)
def lemma_rules(doc: Doc) -> Doc:
    """Proper names keep their form; separable verbs get their particle (see the module docstring)."""
    for token in doc:
        token.lemma_ = proper_name_lemma(token)
    for token in doc:
        token.lemma_ = separable_verb_lemma(token)
    return doc
