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

from spacy.attrs import DEP, HEAD, IS_TITLE, LEMMA, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

VERBS = frozenset({"VERB", "AUX"})
#: Word classes whose unchanged lemma is checked against the lookup table (not PROPN: names keep their form).
LOOKUP_CLASSES = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADV", "PRON", "DET"})
#: The same classes as spaCy's integer ids, for the component that reads `Doc.to_array`.
VERB_IDS = frozenset(POS_IDS[name] for name in VERBS)
LOOKUP_IDS = frozenset(POS_IDS[name] for name in LOOKUP_CLASSES)
NAME_PART_IDS = frozenset({POS_IDS["NOUN"], POS_IDS["ADJ"]})
PROPN_ID = POS_IDS["PROPN"]
#: The dependency label of a separable verb's particle, as a string-store id.
PRT_ID = get_string_id("compound:prt")


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
    """Proper names keep their form, unchanged forms are looked up, separable verbs get their particle.

    The same rules as `proper_name_lemma`, `looked_up_lemma` and `separable_verb_lemma` token by token, applied
    from arrays of the Doc's attributes read once (`Doc.to_array`), and writing only the lemmas that change: no
    `Token` object per token and rule, which made this component cost a tenth of the tagger and parser.
    Linear in the number of tokens.
    """

    def __init__(self, *, lookup: bool = True) -> None:
        self.lookup = lookup

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = dutch_lookup_table() if self.lookup else {}
        known = known_lemmas() if self.lookup else frozenset()
        strings = doc.vocab.strings
        columns = doc.to_array([POS, LEMMA, ORTH, IS_TITLE, SENT_START, DEP]).tolist()
        heads = doc.to_array(HEAD).astype("int64").tolist()  # relative offsets, negative before the token
        title_inside = [row[3] == 1 and row[4] != 1 for row in columns]  # `_title_case`
        lemmas = [strings[row[1]] for row in columns]
        texts = [strings[row[2]] for row in columns]
        last = len(columns) - 1
        for i, row in enumerate(columns):
            pos = row[0]
            lemma = lemmas[i]
            if pos == PROPN_ID:
                lemma = texts[i]
            elif pos in NAME_PART_IDS and title_inside[i] and (i > 0 and title_inside[i - 1] or i < last and title_inside[i + 1]):
                lemma = texts[i]
            if table and pos in LOOKUP_IDS:
                unchanged = lemma.lower() == texts[i].lower()
                if unchanged or (known and lemma.lower() not in known):
                    lemma = table.get(texts[i].lower(), lemma)
            lemmas[i] = lemma
        particles: dict[int, list[int]] = {}  # verb index → its particles after it, left to right (as `children`)
        for i, row in enumerate(columns):
            if row[5] == PRT_ID and heads[i] < 0:  # a particle after its verb points back to it
                particles.setdefault(i + heads[i], []).append(i)
        for verb, children in particles.items():
            if columns[verb][0] not in VERB_IDS or not lemmas[verb]:
                continue
            for child in children:
                particle = texts[child].lower()
                if particle.isalpha() and not lemmas[verb].startswith(particle) and (not known or particle + lemmas[verb] in known):
                    lemmas[verb] = particle + lemmas[verb]
                    break
        for i, row in enumerate(columns):
            if strings[row[1]] != lemmas[i]:
                doc[i].lemma_ = lemmas[i]
        return doc
