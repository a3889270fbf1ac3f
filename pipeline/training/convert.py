"""Turn the public Dutch training data into spaCy's binary `.spacy` format.

Build-time code only: nothing at run time imports this module.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

#: CoNLL-U lemma column: Alpino marks compound boundaries ("basis_niveau"); the 2017 files and ordinary
#: Dutch spelling do not, so the marks are removed to give one lemma convention.
COMPOUND_MARK = "_"


def normalise_conllu_lemmas(text: str) -> str:
    """Remove Alpino's compound marks from the lemma column so that lemmas are plain Dutch words."""
    lines = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 10 and cols[2] != COMPOUND_MARK:
                cols[2] = cols[2].replace(COMPOUND_MARK, "")
            line = "\t".join(cols)
        lines.append(line)
    return "\n".join(lines) + "\n"


def read_ud(paths: Iterable[Path], *, sents_per_doc: int = 10) -> list[Doc]:
    """Read UD treebanks (CoNLL-U) as docs with tags, morphology, lemmas and dependencies."""
    docs: list[Doc] = []
    for path in paths:
        text = normalise_conllu_lemmas(Path(path).read_text(encoding="utf-8"))
        docs.extend(conllu_to_docs(text, n_sents=sents_per_doc, no_print=True))
    return docs


def read_conll2002(path: Path, *, sents_per_doc: int = 10) -> list[Doc]:
    """Read CoNLL-2002 NER data (word, POS, IOB2 tag per line) as docs with entities."""
    vocab = Vocab()
    docs: list[Doc] = []
    for article in _conll2002_articles(Path(path).read_text(encoding="utf-8")):
        for start in range(0, len(article), sents_per_doc):
            chunk = article[start : start + sents_per_doc]
            words = [word for sent in chunk for word, _ in sent]
            tags = [tag for sent in chunk for _, tag in sent]
            starts = [i == 0 for sent in chunk for i in range(len(sent))]
            docs.append(Doc(vocab, words=words, ents=tags, sent_starts=starts))
    return docs


def _conll2002_articles(text: str) -> list[list[list[tuple[str, str]]]]:
    """Articles (split at -DOCSTART-) of sentences of (word, IOB2 tag) pairs."""
    articles: list[list[list[tuple[str, str]]]] = [[]]
    sentence: list[tuple[str, str]] = []
    for line in text.splitlines() + [""]:
        cols = line.split()
        if cols and cols[0] == "-DOCSTART-":
            articles.append([])
        elif cols:
            sentence.append((cols[0], cols[-1]))
        elif sentence:
            articles[-1].append(sentence)
            sentence = []
    return [article for article in articles if article]


def split_docs(docs: Sequence[Doc], *, held_out: float, seed: int = 0) -> tuple[list[Doc], list[Doc]]:
    """Split docs reproducibly into (train, held_out) parts."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    cut = int(round(len(docs) * held_out))
    held = sorted(order[:cut])
    rest = sorted(order[cut:])
    return [docs[i] for i in rest], [docs[i] for i in held]


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    """Write docs to a `.spacy` file and return how many were written."""
    docbin = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        docbin.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return n
