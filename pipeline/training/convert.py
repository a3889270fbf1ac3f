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


POSSESSIVE_FORMS = frozenset({"mijn", "m'n", "jouw", "zijn", "z'n", "haar", "d'r", "ons", "onze", "hun", "uw"})


def harmonise_relations(text: str) -> str:
    """Bring UD 2.0-era (2017) Dutch relations in line with the current guidelines where the mapping is
    deterministic: flat:name → flat, possessive nmod → nmod:poss, passive door-phrase obl → obl:agent.
    Without this the parser learns two label sets and is scored on the newer one."""
    out: list[str] = []
    for block in text.split("\n\n"):
        rows = [line.split("\t") for line in block.split("\n")]
        tokens = [r for r in rows if len(r) == 10 and r[0].isdigit()]
        by_head: dict[str, list[list[str]]] = {}
        for r in tokens:
            by_head.setdefault(r[6], []).append(r)
        for r in tokens:
            if r[7] == "flat:name":
                r[7] = "flat"
            elif r[7] == "nmod" and r[3] in ("PRON", "DET") and "Poss=Yes" in r[5]:
                r[7] = "nmod:poss"
            elif r[7] == "det" and r[3] == "DET" and r[1].lower() in POSSESSIVE_FORMS:
                # 2017 LassySmall: "zijn boek" as DET/det; now PRON/nmod:poss with Poss=Yes
                r[3], r[7] = "PRON", "nmod:poss"
                feats = [f for f in r[5].split("|") if f != "_"] + ["Poss=Yes", "PronType=Prs"]
                r[5] = "|".join(sorted(set(feats)))
            elif r[7] == "obl":
                cases = [c[2].lower() for c in by_head.get(r[0], []) if c[7] == "case"]
                passive = any(s[7] == "aux:pass" for s in by_head.get(r[6], []))
                if cases == ["door"] and passive:
                    r[7] = "obl:agent"
        out.append("\n".join("\t".join(r) for r in rows))
    return "\n\n".join(out)


def read_ud(paths: Iterable[Path], *, sents_per_doc: int = 10) -> list[Doc]:
    """Read UD treebanks (CoNLL-U) as docs with tags, morphology, lemmas and dependencies."""
    docs: list[Doc] = []
    for path in paths:
        text = harmonise_relations(normalise_conllu_lemmas(Path(path).read_text(encoding="utf-8")))
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
            starts: list[bool | int | None] = [i == 0 for sent in chunk for i in range(len(sent))]
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
