"""Training data conversion: own small CoNLL-U and CoNLL-2002 snippets become annotated docs."""

from __future__ import annotations

from pipeline.training.convert import normalise_conllu_lemmas, read_conll2002, read_ud, split_docs

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


CONLLU_2017 = """# text = Jan de Vries gaf zijn boek.
1\tJan\tJan\tPROPN\t_\t_\t4\tnsubj\t_\t_
2\tde\tde\tPROPN\t_\t_\t1\tflat:name\t_\t_
3\tVries\tVries\tPROPN\t_\t_\t1\tflat:name\t_\t_
4\tgaf\tgeven\tVERB\t_\t_\t0\troot\t_\t_
5\tzijn\tzijn\tDET\t_\t_\t6\tdet\t_\t_
6\tboek\tboek\tNOUN\t_\t_\t4\tobj\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

"""


def test_2017_relations_follow_the_current_guidelines(tmp_path):
    path = tmp_path / "old.conllu"
    path.write_text(CONLLU_2017, encoding="utf-8")
    (doc,) = read_ud([path])
    assert [t.dep_ for t in doc[1:3]] == ["flat", "flat"]
    assert (doc[4].pos_, doc[4].dep_) == ("PRON", "nmod:poss")
    assert doc[4].morph.get("Poss") == ["Yes"]


def test_recipe_converts_trains_and_assembles(tmp_path):
    """The whole recipe on a toy copy of the data layout, with two training steps per part."""
    from pipeline.training.recipe import (
        UD_DEV,
        UD_TEST,
        UD_TRAIN,
        DataLayout,
        assemble,
        convert,
        pretrain_ner_tok2vec,
        train_part,
        write_raw_text,
    )

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
    counts = convert(DataLayout(data), work)
    assert counts["ud_train"] > 0 and counts["ner_train"] > 0
    quick: dict[str, object] = {"training.max_steps": 2, "training.eval_frequency": 1}
    ud = train_part("ud", work, overrides=quick)
    assert write_raw_text(DataLayout(data), work) > 0
    weights = pretrain_ner_tok2vec(work, epochs=1)
    assert weights.exists()
    ner = train_part("ner", work, overrides={**quick, "paths.init_tok2vec": str(weights)})
    nlp = assemble(ud, ner)
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "trainable_lemmatizer", "parser", "ner"]
    doc = nlp("Wim Renders werkt bij Brainport.")
    assert len(doc) == 6 and all(t.pos_ for t in doc)
