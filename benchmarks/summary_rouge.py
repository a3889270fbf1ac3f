"""ROUGE of notulist's extractive summariser against baselines, on news articles whose first paragraph
after the title is the editors' lead: the rest of the article is summarised and compared with the lead.

Systems, all given the same sentences (notulist's sentence splitting, headings and residue left out) and
asked for the same number of sentences: notulist (default), the first 3 sentences of the body, sumy
LexRank and sumy TextRank (Dutch stop words, Dutch Snowball stemmer for their similarity).
ROUGE-1/2/L F1 with a tokenizer that keeps Dutch diacritics ("ideeën" stays one token), no stemming.

Usage: python benchmarks/summary_rouge.py [--sentences N] [--model M] PATH...
Needs the bench extra: pip install -e ".[bench]"
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from statistics import mean

from rouge_score import rouge_scorer
from spacy.lang.nl.stop_words import STOP_WORDS

from pipeline.analyze import parse
from pipeline.components import unattributed_quotes
from pipeline.ingest import BlockKind, read_file
from pipeline.nlp import load_nlp
from pipeline.process import expand_inputs
from pipeline.summaries.structured import summarise_span

WORD = re.compile(r"\w+", re.UNICODE)


class DiacriticTokenizer:
    """Lower-cased Unicode words: rouge-score's default tokenizer would split "ideeën" into "idee" and "n"."""

    def tokenize(self, text: str) -> list[str]:
        return WORD.findall(text.lower())


class _SumyTokenizer:
    language = "dutch"

    def to_words(self, text: str) -> list[str]:
        return WORD.findall(text)

    def to_sentences(self, text: str) -> list[str]:
        return [text]


def sumy_summary(sentences: list[str], n: int, kind: str) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    tokenizer = _SumyTokenizer()
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("dutch"))
    summarizer.stop_words = frozenset(STOP_WORDS)
    chosen = {str(s) for s in summarizer(document, n)}
    return [s for s in sentences if s in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--model", default="blank")
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False, tokenizer=DiacriticTokenizer())
    systems = ("notulist", "lead-3", "sumy-lexrank", "sumy-textrank")
    scores: dict[str, dict[str, list[float]]] = {s: {"rouge1": [], "rouge2": [], "rougeL": []} for s in systems}
    used = 0
    for path in expand_inputs(args.paths):
        transcript = read_file(path)
        paragraphs = [b for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
        if len(paragraphs) < 3:
            continue
        lead = paragraphs[0]
        doc = parse(nlp, transcript)
        body = [s for s in doc._.theme_sentences if s.start_char >= lead.end]
        texts = [s.text.strip() for s in body]
        outputs = {
            "notulist": [s.text.strip() for s in summarise_span(body, n=args.sentences, unattributed=unattributed_quotes(doc)).sentences],
            "lead-3": texts[:3],
            "sumy-lexrank": sumy_summary(texts, args.sentences, "lexrank"),
            "sumy-textrank": sumy_summary(texts, args.sentences, "textrank"),
        }
        used += 1
        for system, chosen in outputs.items():
            result = scorer.score(lead.text, " ".join(chosen))
            for key in ("rouge1", "rouge2", "rougeL"):
                scores[system][key].append(result[key].fmeasure)
    print(f"{used} documents, {args.sentences} sentences per summary, reference: the lead paragraph")
    print(f"{'system':15s} {'ROUGE-1':>8s} {'ROUGE-2':>8s} {'ROUGE-L':>8s}")
    for system in systems:
        s = scores[system]
        print(f"{system:15s} {mean(s['rouge1']):8.4f} {mean(s['rouge2']):8.4f} {mean(s['rougeL']):8.4f}")


if __name__ == "__main__":
    main()
