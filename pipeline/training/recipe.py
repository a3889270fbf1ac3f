"""Reproduce notulist's Dutch pipeline: convert the data, train the parts, assemble, evaluate.

The UD parts (morphology, lemmas, parse, sentences) and the NER part are trained separately on the data
that has their annotation, then assembled into one pipeline with `source`d components whose listeners are
replaced, so each keeps its own tok2vec and the NER component can be swapped out on its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language

import pipeline.lemmas  # noqa: F401  (registers notulist_lemma_rules)
from pipeline.training.convert import (
    normalise_conllu_lemmas,
    prepositional_objects,
    read_conll2002,
    read_ud,
    split_docs,
    write_docbin,
)

CONFIG_DIR = Path(__file__).parent / "configs"
UD_TRAIN = ("nl_alpino-ud-train-2017-fragment.conllu", "nl_lassysmall-ud-train-2017-no-overlap.conllu")
UD_DEV = ("nl_alpino-ud-dev.conllu", "nl_lassysmall-ud-dev.conllu")
UD_TEST = ("nl_alpino-ud-test.conllu", "nl_lassysmall-ud-test.conllu")
#: Share of the dev files (UD dev, CoNLL-2002 testa) kept out of training for model selection; the rest is
#: trained on. Test files (UD test, ned.testb) are never trained on.
DEV_HELD_OUT = 0.3


@dataclass(frozen=True)
class DataLayout:
    """Where the public data sits: `ud/` with the CoNLL-U files, `conll2002/` with ned.train/testa/testb."""

    root: Path

    @property
    def ud(self) -> Path:
        return self.root / "ud"

    @property
    def conll2002(self) -> Path:
        return self.root / "conll2002"


def convert(data: DataLayout, work: Path) -> dict[str, int]:
    """Write train/dev/test `.spacy` files for the UD and NER parts; return document counts."""
    counts: dict[str, int] = {}
    current = [normalise_conllu_lemmas((data.ud / name).read_text(encoding="utf-8")) for name in UD_DEV]
    ud_train = read_ud([data.ud / name for name in UD_TRAIN], legacy=True, prepositional=prepositional_objects(current))
    dev_train, dev_select = split_docs(read_ud([data.ud / name for name in UD_DEV]), held_out=DEV_HELD_OUT)
    counts["ud_train"] = write_docbin(ud_train + dev_train, work / "ud-train.spacy")
    counts["ud_dev"] = write_docbin(dev_select, work / "ud-dev.spacy")
    for name in UD_TEST:
        counts[name] = write_docbin(read_ud([data.ud / name]), work / f"{Path(name).stem}.spacy")
    testa_train, testa_select = split_docs(read_conll2002(data.conll2002 / "ned.testa"), held_out=DEV_HELD_OUT)
    ner_train = read_conll2002(data.conll2002 / "ned.train") + testa_train
    counts["ner_train"] = write_docbin(ner_train, work / "ner-train.spacy")
    counts["ner_dev"] = write_docbin(testa_select, work / "ner-dev.spacy")
    counts["ner_test"] = write_docbin(read_conll2002(data.conll2002 / "ned.testb"), work / "ner-test.spacy")
    return counts


PRETRAIN_DIR = "pretrain"


def write_raw_text(data: DataLayout, work: Path, *, sents_per_text: int = 10) -> int:
    """Raw text for pretraining the NER tok2vec: the training and dev sentences only, never the test files."""
    from pipeline.training.convert import _conll2002_articles, _sentences

    texts: list[str] = []
    for name in ("ned.train", "ned.testa"):
        for article in _conll2002_articles((data.conll2002 / name).read_text(encoding="utf-8")):
            for i in range(0, len(article), sents_per_text):
                texts.append(" ".join(" ".join(w for w, _ in s) for s in article[i : i + sents_per_text]))
    for name in UD_TRAIN + UD_DEV:
        text = (data.ud / name).read_text(encoding="utf-8")
        sentences = [" ".join(row[1] for row in rows) for rows in _sentences(text) if rows]
        for i in range(0, len(sentences), sents_per_text):
            texts.append(" ".join(sentences[i : i + sents_per_text]))
    path = work / "raw.jsonl"
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    return len(texts)


def pretrain_ner_tok2vec(work: Path, *, epochs: int | None = None) -> Path:
    """Pretrain the NER tok2vec on raw text (character objective); return the last weights file."""
    from spacy import util
    from spacy.cli.pretrain import pretrain

    overrides: dict[str, object] = {"paths.raw_text": str(work / "raw.jsonl")}
    if epochs is not None:
        overrides["pretraining.max_epochs"] = epochs
    config = util.load_config(CONFIG_DIR / "ner.cfg", overrides=overrides, interpolate=True)
    out = work / PRETRAIN_DIR
    out.mkdir(parents=True, exist_ok=True)
    pretrain(config, out, silent=False)
    return out / "model-last.bin"


def train_part(part: str, work: Path, *, overrides: dict[str, object] | None = None) -> Path:
    """Train one part (`ud` or `ner`) with its config; return the best model's folder."""
    out = work / f"{part}-model"
    settings: dict[str, object] = {
        "paths.train": str(work / f"{part}-train.spacy"),
        "paths.dev": str(work / f"{part}-dev.spacy"),
    }
    settings.update(overrides or {})
    spacy_train(CONFIG_DIR / f"{part}.cfg", out, overrides=settings)
    return out / "model-best"


def assemble(ud_model: Path, ner_model: Path) -> Language:
    """Join the UD and NER parts into one pipeline.

    The UD components keep sharing their tok2vec; the NER component gets its own copy of the NER tok2vec
    (listeners replaced), so it can be removed or swapped without touching the rest.
    """
    nlp = spacy.load(ud_model)
    ner = spacy.load(ner_model)
    nlp.add_pipe("tok2vec", name="ner_tok2vec", source=ner)
    nlp.add_pipe("ner", source=ner)
    nlp.replace_listeners("ner_tok2vec", "ner", ["model.tok2vec"])
    nlp.remove_pipe("ner_tok2vec")
    nlp.add_pipe("notulist_lemma_rules", after="parser")
    config = nlp.config
    config["paths"].update({"train": None, "dev": None, "init_tok2vec": None})  # no build-machine paths
    nlp.config = config
    nlp.meta.update(
        {
            "name": "notulist",
            "version": "0.2.0",
            "description": "Dutch pipeline trained by notulist: tags, morphology, lemmas, parse (UD), NER (CoNLL-2002)",
            "license": "CC BY-SA 4.0; the ner component: CoNLL-2002, research use only",
            "sources": [
                {"name": "UD Dutch Alpino", "license": "CC BY-SA 4.0"},
                {"name": "UD Dutch LassySmall", "license": "CC BY-SA 4.0"},
                {"name": "CoNLL-2002 Dutch NER", "license": "research use only"},
            ],
        }
    )
    return nlp


def _one_thread() -> None:
    """Each part gets one core: BLAS threads would compete with the other part for the same two cores."""
    import os

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"


def train_ud_part(work: Path, overrides: dict[str, object] | None = None) -> Path:
    _one_thread()
    return train_part("ud", work, overrides=overrides)


def train_ner_part(work: Path, overrides: dict[str, object] | None = None, pretrain_epochs: int | None = None) -> Path:
    """Pretrain the NER tok2vec, then train NER from those weights."""
    _one_thread()
    weights = pretrain_ner_tok2vec(work, epochs=pretrain_epochs)
    return train_part("ner", work, overrides={**(overrides or {}), "paths.init_tok2vec": str(weights)})


def train_all(
    data: DataLayout,
    work: Path,
    *,
    parallel: bool = True,
    overrides: dict[str, object] | None = None,
    pretrain_epochs: int | None = None,
) -> Language:
    """Convert, train both parts (side by side in two processes unless `parallel=False`) and assemble.

    The parts share no weights, so training them at once halves the wall time on a two-core machine."""
    convert(data, work)
    write_raw_text(data, work)
    if parallel:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
            ud_job = pool.submit(train_ud_part, work, overrides)
            ner_job = pool.submit(train_ner_part, work, overrides, pretrain_epochs)
            ud, ner = ud_job.result(), ner_job.result()
    else:
        ud, ner = train_ud_part(work, overrides), train_ner_part(work, overrides, pretrain_epochs)
    return assemble(ud, ner)


def save_pipeline(nlp: Language, out: Path) -> None:
    """Write the pipeline beside `out` first and swap it in, so a failed write never leaves half a model."""
    import shutil

    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    nlp.to_disk(staging)
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)


def write_metrics(metrics: dict[str, object], path: Path) -> None:
    """Store evaluation figures beside the model so the model card can cite them."""
    path.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")
