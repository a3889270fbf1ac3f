"""Reproduce notulist's Dutch pipeline: convert the data, train the parts, assemble, evaluate.

The UD part (tok2vec, morphology, lemmas, parse, sentences) is trained first, on UD alone. The NER part is
trained next on CoNLL-2002 with the UD tok2vec frozen: its model reads those token vectors beside a small
embedding table of its own (`notulist.SharedAndOwnEmbed.v1`). The assembled pipeline runs one shared
embedding pass, and because no CoNLL-2002 gradient reaches the UD weights, dropping the NER component
leaves a pipeline trained on UD data only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language

import pipeline.architectures  # noqa: F401  (registers notulist.SharedAndOwnEmbed.v1)
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

    The NER component listens to the tok2vec called "tok2vec"; in the UD pipeline that is the very tok2vec
    it was trained against (frozen), so its predictions are the same as in its own training pipeline.
    """
    nlp = spacy.load(ud_model)
    ner = spacy.load(ner_model)
    nlp.add_pipe("ner", source=ner)
    nlp.add_pipe("notulist_lemma_rules", after="parser")
    config = nlp.config
    config["paths"].update({"train": None, "dev": None, "init_tok2vec": None, "ud_model": None})  # no build-machine paths
    nlp.config = config
    nlp.meta.update(
        {
            "name": "notulist",
            "version": "0.3.0",
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


def train_all(data: DataLayout, work: Path, *, overrides: dict[str, object] | None = None) -> Language:
    """Convert, train the UD part, train the NER part against the UD tok2vec, and assemble."""
    convert(data, work)
    ud = train_part("ud", work, overrides=overrides)
    ner = train_part("ner", work, overrides={**(overrides or {}), "paths.ud_model": str(ud)})
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
