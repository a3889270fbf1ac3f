"""Choose the keyphrase method by measuring: how many content words of each article's title (written by
its editors) the top-8 keyphrases of the body recover. PositionRank (TextRank with a position-biased jump) on our own parse beside YAKE (if installed).

Usage: python benchmarks/keyphrases.py [--model M] PATH...   (news articles whose first line is the title)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.lang.nl.stop_words import STOP_WORDS

from pipeline.analyze import parse
from pipeline.components import theme_sentences
from pipeline.ingest import read_file
from pipeline.nlp import load_nlp
from pipeline.process import expand_inputs
from pipeline.themes.keyphrases import keyphrases

TOP = 8


def words(nlp, text: str) -> set[str]:
    """Lemma and lower-cased form of each content word (make_doc gives no lemmas, so mostly the forms)."""
    content = [t for t in nlp.make_doc(text) if t.is_alpha and t.lower_ not in STOP_WORDS and len(t) > 2]
    return {(t.lemma_ or t.text).lower() for t in content} | {t.lower_ for t in content}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--model", default="blank")
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    try:
        import yake

        extractor = yake.KeywordExtractor(lan="nl", n=3, top=TOP)
    except ImportError:
        extractor = None
    totals = {"positionrank": [0, 0], "yake": [0, 0]}
    for path in expand_inputs(args.paths):
        transcript = read_file(path)
        if not transcript.title:
            continue
        doc = parse(nlp, transcript)
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        title_doc = nlp.make_doc(transcript.title)
        if lemmatizer is not None:
            title_doc = lemmatizer(title_doc)
        title = {(t.lemma_ or t.text).lower() for t in title_doc if t.is_alpha and t.lower_ not in STOP_WORDS and len(t) > 2}
        if not title:
            continue
        found = set()
        for phrase in keyphrases(theme_sentences(doc) or [], top=TOP):
            found |= words(nlp, phrase.text)
        totals["positionrank"][0] += len(title & found)
        totals["positionrank"][1] += len(title)
        if extractor is not None:
            body = " ".join(s.text for s in theme_sentences(doc) or [])
            found = set()
            for phrase, _ in extractor.extract_keywords(body):
                found |= words(nlp, phrase)
            totals["yake"][0] += len(title & found)
            totals["yake"][1] += len(title)
    for name, (hit, total) in totals.items():
        if total:
            print(f"{name}: title-word recall@{TOP} {hit / total:.3f} ({hit}/{total})")
    if extractor is None:
        print("yake: not installed (pip install yake) — not measured")


if __name__ == "__main__":
    main()
