"""Accuracy of a Dutch pipeline on the held-out test files: UD Alpino/LassySmall test and CoNLL-2002 testb."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.training import Corpus

from pipeline.nlp import DEFAULT_MODEL
from pipeline.training.convert import read_conll2002, read_ud, write_docbin
from pipeline.training.recipe import UD_TEST, DataLayout

UD_KEYS = ("pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f")
NER_KEYS = ("ents_p", "ents_r", "ents_f")


def evaluate_model(model: Path | None, data: Path, work: Path) -> dict[str, Any]:
    """Scores per test file; the NER scores include F1 per entity type."""
    layout = DataLayout(data)
    nlp = spacy.load(model or DEFAULT_MODEL)
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"model": str(model or DEFAULT_MODEL)}
    for name in UD_TEST:
        path = work / f"{Path(name).stem}.spacy"
        if not path.exists():
            write_docbin(read_ud([layout.ud / name]), path)
        scores = nlp.evaluate(list(Corpus(str(path))(nlp)))
        figures[name] = {k: round(float(scores[k]), 4) for k in UD_KEYS if scores.get(k) is not None}
    if "ner" in nlp.pipe_names:
        path = work / "ner-test.spacy"
        if not path.exists():
            write_docbin(read_conll2002(layout.conll2002 / "ned.testb"), path)
        scores = nlp.evaluate(list(Corpus(str(path))(nlp)))
        ner: dict[str, Any] = {k: round(float(scores[k]), 4) for k in NER_KEYS}
        ner["per_type"] = {label: round(float(v["f"]), 4) for label, v in sorted(scores["ents_per_type"].items())}
        figures["ned.testb"] = ner
    return figures
