"""A Doc's token strings and flags as plain Python lists, read once per Doc from spaCy's arrays.

The rule components (mentions, quotes, themes, summaries) scan every token of a document many times. Each
`doc[i]` makes a new `Token` object and each `token.text` looks the string up again; over a batch of news
articles that was some forty passes of object creation per token, the largest cost of notulist's own
components. `token_table(doc)` reads the columns with `Doc.to_array` (one C call), turns each distinct hash
into its string once, and keeps the result for the last Docs (`sentences.DocCache`). Rules index the lists
and make `Token` objects only for the few tokens that pass a cheap test.

The table is read when first asked for and rebuilt when the Doc's length changes; sentence boundaries are
final before the components that use it run (`notulist_block_sentences` sets them before the model's
components, and nothing resets them afterwards).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ENT_TYPE, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.tokens import Doc, Span

from pipeline.sentences import DocCache

#: The columns read from the Doc, in the order `to_array` returns them.
_COLUMNS = (ORTH, LOWER, LEMMA, SENT_START, ENT_TYPE, IS_SPACE, IS_PUNCT, IS_ALPHA, POS, IDX)


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token values of one Doc; every list has `len(doc)` items, index = token index.

    - `text`, `lower`, `lemma`: `Token.text`, `Token.lower_`, `Token.lemma_` ("" where no lemma was set);
    - `sent_start`: `Token.is_sent_start` is True (False for "not a start" and for "unknown");
    - `ent_type`: `Token.ent_type_` ("" outside entities);
    - `pos`: `Token.pos_` ("" where no tagger ran);
    - `idx`: `Token.idx`, the token's first character in the Doc's text (the text of tokens i..j-1 is
      `text[idx[i] : idx[j - 1] + len(table.text[j - 1])]`).
    - `is_space`, `is_punct`, `is_alpha`: the lexical flags of the same name.
    """

    text: list[str]
    lower: list[str]
    lemma: list[str]
    sent_start: list[bool]
    ent_type: list[str]
    is_space: list[bool]
    is_punct: list[bool]
    is_alpha: list[bool]
    pos: list[str]
    idx: list[int]

    def __len__(self) -> int:
        return len(self.text)


def _build(doc: Doc) -> TokenTable:
    if len(doc) == 0:
        return TokenTable([], [], [], [], [], [], [], [], [], [])
    rows = doc.to_array(list(_COLUMNS)).T.tolist()
    strings = doc.vocab.strings

    def words(column: list[int]) -> list[str]:
        known = {key: strings[key] if key else "" for key in set(column)}  # each distinct string looked up once
        return [known[key] for key in column]

    orth, lower, lemma, start, ent, space, punct, alpha, pos, idx = rows
    # SENT_START is stored as an unsigned column: 1 start, 0 unknown, -1 (wrapped to a large number) not a start
    return TokenTable(
        text=words(orth),
        lower=words(lower),
        lemma=words(lemma),
        sent_start=[value == 1 for value in start],
        ent_type=words(ent),
        is_space=[bool(v) for v in space],
        is_punct=[bool(v) for v in punct],
        is_alpha=[bool(v) for v in alpha],
        pos=words(pos),
        idx=idx,
    )


_TABLES: DocCache[TokenTable] = DocCache()
_ENTITIES: DocCache[tuple[Span, ...]] = DocCache()


def token_table(doc: Doc) -> TokenTable:
    """The `TokenTable` of `doc`, built once per Doc (linear in its length)."""
    return _TABLES.get(doc, _build)


def entities(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, read once per Doc: spaCy rebuilds the entity spans from every token on each access."""
    return _ENTITIES.get(doc, lambda d: tuple(d.ents))
