"""Training data conversion: own small CoNLL-U and CoNLL-2002 snippets become annotated docs."""

from __future__ import annotations

import pytest

from pipeline.training.convert import (
    compound_lemma,
    normalise_conllu_lemmas,
    prepositional_objects,
    read_conll2002,
    read_ud,
    split_docs,
)

CONLLU = """# text = Mijn basisniveau is gestegen.
1\tMijn\tmijn\tPRON\t_\tPoss=Yes\t2\tnmod:poss\t_\t_
2\tbasisniveau\tbasis_niveau\tNOUN\t_\tNumber=Sing\t4\tnsubj\t_\t_
3\tis\tzijn\tAUX\t_\t_\t4\taux\t_\t_
4\tgestegen\tstijgen\tVERB\t_\tVerbForm=Part\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

"""

CONLL2002 = """-DOCSTART- -DOCSTART- O
Wim N B-PER
Renders N I-PER
werkt V O
bij Prep O
Brainport N B-ORG
. Punc O

"""


def test_alpino_compound_marks_are_removed_from_lemmas():
    assert "\tbasisniveau\tNOUN" in normalise_conllu_lemmas(CONLLU)


@pytest.mark.parametrize(
    "form, alpino, lemma",
    [
        ("parlementsverkiezingen", "parlement_verkiezing", "parlementsverkiezing"),  # linking s kept
        ("plantenveredeling", "plant_veredeling", "plantenveredeling"),
        ("Ontwikkelingssamenwerking", "ontwikkeling_samenwerking", "ontwikkelingssamenwerking"),
        ("Lambermont-akkoord", "Lambermont_akkoord", "Lambermont-akkoord"),
        ("derde-rondepartij", "derde_ronde_partij", "derde-rondepartij"),
        ("afgelopen", "af_lopen", "aflopen"),  # separable verb: the parts joined
    ],
)
def test_compound_lemmas_are_dutch_words(form, alpino, lemma):
    assert compound_lemma(form, alpino) == lemma


def test_ud_docs_carry_tags_lemmas_and_parse(tmp_path):
    path = tmp_path / "mini.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (doc,) = read_ud([path])
    assert [t.pos_ for t in doc] == ["PRON", "NOUN", "AUX", "VERB", "PUNCT"]
    assert doc[1].lemma_ == "basisniveau"
    assert doc[1].head.text == "gestegen" and doc[1].dep_ == "nsubj"


def test_conll2002_docs_carry_entities(tmp_path):
    path = tmp_path / "ned.mini"
    path.write_text(CONLL2002, encoding="utf-8")
    (doc,) = read_conll2002(path)
    assert [(e.text, e.label_) for e in doc.ents] == [("Wim Renders", "PER"), ("Brainport", "ORG")]


def test_split_is_reproducible_and_complete():
    items = list(range(10))
    train, held = split_docs(items, held_out=0.3, seed=1)  # type: ignore[arg-type]
    assert sorted(train + held) == items and len(held) == 3
    assert split_docs(items, held_out=0.3, seed=1) == (train, held)  # type: ignore[arg-type]


CONLLU_2017 = """# text = Jan de Vries gaf zijn eerste boek als cadeau.
1\tJan\tJan\tPROPN\t_\t_\t4\tnsubj\t_\t_
2\tde\tde\tPROPN\t_\t_\t1\tflat:name\t_\t_
3\tVries\tVries\tPROPN\t_\t_\t1\tflat:name\t_\t_
4\tgaf\tgeven\tVERB\t_\t_\t0\troot\t_\t_
5\tzijn\tzijn\tDET\t_\t_\t7\tdet\t_\t_
6\teerste\teen\tNUM\t_\t_\t7\tnummod\t_\t_
7\tboek\tboek\tNOUN\t_\t_\t4\tobj\t_\t_
8\tals\tals\tADP\t_\t_\t9\tmark\t_\t_
9\tcadeau\tcadeau\tNOUN\t_\t_\t4\tobl\t_\tSpaceAfter=No
10\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

# text = Hij wil het boek lezen.
1\tHij\thij\tPRON\t_\t_\t5\tnsubj\t_\t_
2\twil\twillen\tAUX\t_\t_\t5\taux\t_\t_
3\thet\thet\tDET\t_\t_\t4\tdet\t_\t_
4\tboek\tboek\tNOUN\t_\t_\t5\tobj\t_\t_
5\tlezen\tlezen\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t5\tpunct\t_\t_

# text = Intussen werd het een mislukking.
1\tIntussen\tintussen\tADV\t_\t_\t5\tadvmod\t_\t_
2\twerd\tworden\tAUX\t_\t_\t5\tcop\t_\t_
3\thet\thet\tPRON\t_\t_\t5\tnsubj\t_\t_
4\teen\teen\tDET\t_\t_\t5\tdet\t_\t_
5\tmislukking\tmislukking\tNOUN\t_\t_\t0\troot\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t5\tpunct\t_\t_

# text = Zij moest stoppen.
1\tZij\tzij\tPRON\t_\t_\t2\tnsubj\t_\t_
2\tmoest\tmoeten\tVERB\t_\t_\t0\troot\t_\t_
3\tstoppen\tstoppen\tVERB\t_\t_\t2\txcomp\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

"""


def _read_2017(tmp_path, legacy=True):
    path = tmp_path / "old.conllu"
    path.write_text(CONLLU_2017, encoding="utf-8")
    (doc,) = read_ud([path], legacy=legacy)
    return doc


def test_2017_relations_follow_the_current_guidelines(tmp_path):
    doc = _read_2017(tmp_path)
    assert [t.dep_ for t in doc[1:3]] == ["flat", "flat"]
    assert (doc[4].pos_, doc[4].dep_) == ("PRON", "nmod:poss")
    assert doc[4].morph.get("Poss") == ["Yes"] and doc[4].morph.get("Person") == ["3"]


def test_2017_tags_follow_the_current_guidelines(tmp_path):
    doc = _read_2017(tmp_path)
    tags = {t.text: (t.pos_, t.dep_) for t in doc}
    assert tags["eerste"] == ("ADJ", "amod")  # ordinals are adjectives now
    assert tags["als"] == ("SCONJ", "mark")
    assert tags["Hij"][0] == "PRON" and tags["boek"] == ("NOUN", "obj")  # others untouched


def test_2017_verb_groups_are_restructured(tmp_path):
    """"wil" is the head with an xcomp now, "moest" an auxiliary; subject and punctuation follow the head."""
    doc = _read_2017(tmp_path)
    tok = {t.text: t for t in doc}
    assert (tok["wil"].pos_, tok["wil"].dep_, tok["lezen"].dep_, tok["lezen"].head.text) == ("VERB", "ROOT", "xcomp", "wil")
    assert tok["Hij"].head.text == "wil" and tok["boek"].head.text == "lezen"
    assert (tok["moest"].pos_, tok["moest"].dep_, tok["moest"].head.text) == ("AUX", "aux", "stoppen")
    assert tok["Zij"].head.text == "stoppen" and tok["stoppen"].dep_ == "ROOT"


def test_2017_copular_worden_becomes_the_head(tmp_path):
    """"Het werd een mislukking": werd is a VERB with the predicate as xcomp; the article stays put."""
    doc = _read_2017(tmp_path)
    tok = {t.text: t for t in doc}
    assert (tok["werd"].pos_, tok["werd"].dep_) == ("VERB", "ROOT")
    assert (tok["mislukking"].dep_, tok["mislukking"].head.text) == ("xcomp", "werd")
    assert tok["het"].head.text == "werd" and tok["Intussen"].head.text == "werd"
    assert tok["een"].head.text == "mislukking"


CURRENT = """# text = Zij wacht op de trein.
1\tZij\tzij\tPRON\t_\t_\t2\tnsubj\t_\t_
2\twacht\twachten\tVERB\t_\t_\t0\troot\t_\t_
3\top\top\tADP\t_\t_\t5\tcase\t_\t_
4\tde\tde\tDET\t_\t_\t5\tdet\t_\t_
5\ttrein\ttrein\tNOUN\t_\t_\t2\tobl:arg\t_\t_

"""

OLD_ARGUMENTS = """# text = Hij wacht op zijn beurt en schaamt zich op het station.
1\tHij\thij\tPRON\t_\t_\t2\tnsubj\t_\t_
2\twacht\twachten\tVERB\t_\t_\t0\troot\t_\t_
3\top\top\tADP\t_\t_\t5\tcase\t_\t_
4\tzijn\tzijn\tPRON\t_\t_\t5\tdet\t_\t_
5\tbeurt\tbeurt\tNOUN\t_\t_\t2\tobl\t_\t_
6\ten\ten\tCCONJ\t_\t_\t7\tcc\t_\t_
7\tschaamt\tschamen\tVERB\t_\t_\t2\tconj\t_\t_
8\tzich\tzich\tPRON\t_\tCase=Acc|Person=3|PronType=Prs|Reflex=Yes\t7\tobj\t_\t_
9\top\top\tADP\t_\t_\t11\tcase\t_\t_
10\thet\thet\tDET\t_\t_\t11\tdet\t_\t_
11\tstation\tstation\tNOUN\t_\t_\t7\tobl\t_\t_

"""


def test_2017_prepositional_objects_and_reflexives(tmp_path):
    """"wachten op" is a prepositional object in the current files, so it becomes obl:arg in the 2017 ones;
    "op het station" with another verb stays obl; inherent reflexives become expl:pv."""
    lexicon = prepositional_objects([CURRENT])
    assert lexicon == {("wachten", "op")}
    path = tmp_path / "old.conllu"
    path.write_text(OLD_ARGUMENTS, encoding="utf-8")
    (doc,) = read_ud([path], legacy=True, prepositional=lexicon)
    deps = {t.text: t.dep_ for t in doc}
    assert (deps["beurt"], deps["station"], deps["zich"]) == ("obl:arg", "obl", "expl:pv")


def test_current_files_are_read_as_they_are(tmp_path):
    """The mapping is for the 2017 train files only; applied to test files it would change the gold."""
    doc = _read_2017(tmp_path, legacy=False)
    assert (doc[4].pos_, doc[5].pos_, doc[7].pos_) == ("DET", "NUM", "ADP")
    assert doc[1].dep_ == "flat:name"


def test_recipe_converts_trains_and_assembles(tmp_path):
    """The whole recipe on a toy copy of the data layout, with two training steps per part."""
    from pipeline.training.recipe import UD_DEV, UD_TEST, UD_TRAIN, DataLayout, save_pipeline, train_all

    data = tmp_path / "data"
    (data / "ud").mkdir(parents=True)
    (data / "conll2002").mkdir()
    sentences = "".join(CONLLU.replace("# text = Mijn", f"# sent_id = s{i}\n# text = Mijn") for i in range(12))
    for name in UD_TRAIN + UD_DEV + UD_TEST:
        (data / "ud" / name).write_text(sentences, encoding="utf-8")
    articles = CONLL2002 + "".join(CONLL2002.split("\n", 1)[1] for _ in range(11))
    for name in ("ned.train", "ned.testa", "ned.testb"):
        (data / "conll2002" / name).write_text(articles, encoding="utf-8")
    work = tmp_path / "work"
    quick: dict[str, object] = {"training.max_steps": 2, "training.eval_frequency": 1}
    nlp = train_all(DataLayout(data), work, overrides=quick)
    assert (work / "ud-train.spacy").exists() and (work / "ner-train.spacy").exists()
    assert nlp.pipe_names == [
        "tok2vec",
        "morphologizer",
        "trainable_lemmatizer",
        "parser",
        "notulist_lemma_rules",
        "ner",
    ]
    doc = nlp("Wim Renders werkt bij Brainport.")
    assert len(doc) == 6 and all(t.pos_ for t in doc)
    # the assembled NER reads the same token vectors as in the pipeline it was trained in (UD tok2vec frozen)
    import numpy
    import spacy

    trained = spacy.load(work / "ner-model" / "model-best")
    assert trained.pipe_names == ["tok2vec", "ner"]
    vectors = [p.get_pipe("ner").model.get_ref("tok2vec").predict([p(doc.text)])[0] for p in (nlp, trained)]
    numpy.testing.assert_allclose(vectors[0], vectors[1], rtol=1e-5, atol=1e-6)
    out = tmp_path / "nl_toy"
    save_pipeline(nlp, out)
    save_pipeline(nlp, out)  # replacing an existing model
    assert (out / "meta.json").exists() and not (tmp_path / "nl_toy.partial").exists()
