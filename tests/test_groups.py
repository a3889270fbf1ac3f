"""Files analysed in groups: several files share one pass of the model, each still succeeds or fails alone, and the
outputs are those of one file at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.nlp import load_nlp
from pipeline.process import group_files, process_many, process_one

REPORT = (
    "Vergadering van de dorpsraad {n}\n\n"
    "“We willen de bibliotheek openhouden”, zegt wethouder Marieke Oosterhuis.\n\n"
    "Volgens voorzitter Daan Hofstede is er steun in het dorp. De raad stemde in.\n"
)
#: A word that makes the test component below raise, as a component that breaks on one document would.
TRIGGER = "kortsluiting"


@Language.component("test_breaks_on_trigger")
def _breaks_on_trigger(doc):
    if TRIGGER in doc.text:
        raise ValueError("the component broke")
    return doc


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def breaking_nlp():
    nlp = load_nlp("blank")
    nlp.add_pipe("test_breaks_on_trigger", first=True)  # runs on the pieces, inside the shared pass
    return nlp


# ----------------------------------------------------------------------------------------------- grouping


def test_groups_keep_the_input_order_and_hold_at_most_the_given_number_of_files(tmp_path):
    paths = [write(tmp_path / f"d{n:02}.txt", "tekst\n") for n in range(10)]
    groups = group_files(paths, files=4)
    assert [p for group in groups for p in group] == paths
    assert [len(g) for g in groups] == [4, 4, 2]


def test_a_small_batch_is_split_so_that_several_workers_share_it(tmp_path):
    paths = [write(tmp_path / f"d{n}.txt", "tekst\n") for n in range(6)]
    assert [len(g) for g in group_files(paths, files=16, parts=3)] == [2, 2, 2]


def test_long_files_are_grouped_by_size_and_a_file_over_the_limit_is_a_group_alone(tmp_path):
    small = [write(tmp_path / f"k{n}.txt", "a" * 100) for n in range(3)]
    big = write(tmp_path / "lang.txt", "a" * 1_000)
    groups = group_files([small[0], small[1], big, small[2]], files=16, size=250)
    assert groups == [[small[0], small[1]], [big], [small[2]]]


def test_a_missing_file_is_still_grouped_so_that_its_own_read_fails(tmp_path):
    there = write(tmp_path / "er.txt", "tekst\n")
    assert group_files([tmp_path / "weg.txt", there]) == [[tmp_path / "weg.txt", there]]


# ------------------------------------------------------------------------------------- one pass, many files


def test_a_group_gives_the_same_outputs_as_one_file_at_a_time(tmp_path, nlp):
    paths = [write(tmp_path / "in" / f"d{n}.txt", REPORT.format(n=n)) for n in range(3)]
    grouped = list(process_many(nlp, paths, tmp_path / "grouped"))
    alone = [process_one(nlp, p, tmp_path / "alone") for p in paths]
    assert [o.source for o in grouped] == paths
    for a, b in zip(grouped, alone, strict=True):
        assert a.error is None and b.error is None
        assert a.output is not None and b.output is not None
        assert a.output.read_bytes() == b.output.read_bytes()
        assert a.words == b.words > 0


def test_a_file_that_breaks_the_shared_pass_fails_alone_and_the_others_are_written(tmp_path, breaking_nlp):
    paths = [
        write(tmp_path / "in" / "a.txt", REPORT.format(n=1)),
        write(tmp_path / "in" / "b.txt", REPORT.format(n=2) + f"Er was {TRIGGER} in de zaal.\n"),
        write(tmp_path / "in" / "c.txt", REPORT.format(n=3)),
    ]
    outcomes = list(process_many(breaking_nlp, paths, tmp_path / "out"))
    assert [o.source.name for o in outcomes] == ["a.txt", "b.txt", "c.txt"]
    assert outcomes[0].error is None and outcomes[2].error is None
    assert outcomes[1].error is not None and "b.txt" in outcomes[1].error and "the component broke" in outcomes[1].error
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a.json", "c.json"]


def test_an_unreadable_file_in_a_group_fails_with_its_own_message_and_the_rest_go_on(tmp_path, nlp):
    good = write(tmp_path / "in" / "goed.txt", REPORT.format(n=1))
    empty = write(tmp_path / "in" / "leeg.txt", "   \n")
    outcomes = list(process_many(nlp, [empty, good], tmp_path / "out"))
    assert outcomes[0].error is not None and "leeg.txt" in outcomes[0].error
    assert outcomes[1].error is None and (tmp_path / "out" / "goed.json").exists()


def test_a_failed_write_names_the_output_and_not_a_temporary_file(tmp_path, nlp):
    source = write(tmp_path / "in" / "verslag.txt", REPORT.format(n=1))
    out = tmp_path / "out"
    (out / "verslag.json").mkdir(parents=True)  # a folder where the output should go: the write fails
    (outcome,) = list(process_many(nlp, [source], out))
    assert outcome.error is not None and "verslag.json" in outcome.error
    assert ".tmp" not in outcome.error


# ----------------------------------------------------------------------------------------------- memory


def test_the_sentence_cache_keeps_only_the_last_docs_so_a_batch_does_not_grow(nlp):
    import gc
    import weakref

    from pipeline.sentences import MAX_CACHED_DOCS, doc_text, sentences

    refs = []
    for n in range(MAX_CACHED_DOCS + 3):
        doc = nlp(f"Vergadering {n}. De wethouder opent de zitting. Daarna spreekt de raad.")
        assert len(sentences(doc)) >= 2 and doc_text(doc).startswith("Vergadering")
        refs.append(weakref.ref(doc))
        del doc
    gc.collect()
    alive = [r for r in refs if r() is not None]
    assert len(alive) <= MAX_CACHED_DOCS
    assert refs[0]() is None


def test_a_forgotten_doc_is_freed_at_once(nlp):
    import gc
    import weakref

    from pipeline.sentences import forget, sentences

    doc = nlp("De voorzitter sluit de vergadering. Iedereen gaat naar huis.")
    sentences(doc)
    ref = weakref.ref(doc)
    forget(doc)
    del doc
    gc.collect()
    assert ref() is None


def test_each_file_of_a_group_reports_the_seconds_of_its_own_analysis(tmp_path, nlp):
    paths = [write(tmp_path / "in" / f"d{n}.txt", REPORT.format(n=n) * 20) for n in range(2)]
    import time

    started = time.perf_counter()
    outcomes = list(process_many(nlp, paths, tmp_path / "out"))
    elapsed = time.perf_counter() - started
    assert all(o.error is None and o.seconds > 0 for o in outcomes)
    # the shared pass is counted in the files' seconds, not only their writing: together they are the group's time
    assert sum(o.seconds for o in outcomes) > 0.8 * elapsed
