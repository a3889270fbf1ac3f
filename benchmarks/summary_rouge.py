"""ROUGE of notulist's extractive summariser against baselines, on news articles whose first paragraph
after the title is the editors' lead: the rest of the article is summarised and compared with the lead.

Systems, all given the same sentences (notulist's sentence splitting, headings and residue left out):
notulist (quote-balanced, publishable units ranked with the fitted weights, within a budget of as many words
as lead-3 has for that article: never longer than the baseline), the first 3 sentences of the body
(lead-3), and, when sumy is installed (asked for 3 sentences), sumy LexRank
and TextRank (Dutch stop words, Dutch Snowball stemmer for their similarity). ROUGE-1/2/L F1 with a
tokenizer that keeps Dutch diacritics ("ideeën" stays one token), no stemming. The mean length of each
system's summaries in words is printed too, since ROUGE F1 depends on it.

The shipped ranking weights are fitted on all of nos-summ (benchmarks/summary_fit.py, which reports the
held-out figures of its cross-validation folds for nos-summ): run this on articles that were not fitted on,
the development articles (nos-dev, nos-dev2). `--part fit|heldout|all` takes that part of the fixed split of
benchmarks/summary_data.py (every other file by name).

Usage: python benchmarks/summary_rouge.py [--sentences N] [--model M] [--part P] PATH...
Needs the bench extra: pip install -e ".[bench]"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from statistics import mean

from rouge_score import rouge_scorer
from spacy.lang.nl.stop_words import STOP_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_data import WORD, DiacriticTokenizer, article_files, lead_budget, load_articles, paired_bootstrap  # noqa: E402

from pipeline.nlp import load_nlp  # noqa: E402
from pipeline.summaries.structured import summarise_span  # noqa: E402


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


def _has_sumy() -> bool:
    try:
        import sumy  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--model", default=None, help="spaCy model (default: the one `notulist process` uses)")
    parser.add_argument("--part", choices=("all", "fit", "heldout"), default="all")
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False, tokenizer=DiacriticTokenizer())
    systems = ["notulist", "lead-3"] + (["sumy-lexrank", "sumy-textrank"] if _has_sumy() else [])
    scores: dict[str, dict[str, list[float]]] = {s: {"rouge1": [], "rouge2": [], "rougeL": [], "words": []} for s in systems}
    articles = load_articles(nlp, article_files(args.paths, args.part))
    for article in articles:
        body = article.body
        texts = [s.text.strip() for s in body]
        _, budget = lead_budget(body, args.sentences)
        summary = summarise_span(body, n=args.sentences, unattributed=article.unattributed, budget=budget)
        outputs = {
            "notulist": [s.text.strip() for s in summary.sentences],
            "lead-3": texts[: args.sentences],
        }
        if _has_sumy():
            outputs["sumy-lexrank"] = sumy_summary(texts, args.sentences, "lexrank")
            outputs["sumy-textrank"] = sumy_summary(texts, args.sentences, "textrank")
        for system, chosen in outputs.items():
            summary = " ".join(chosen)
            result = scorer.score(article.lead, summary)
            for key in ("rouge1", "rouge2", "rougeL"):
                scores[system][key].append(result[key].fmeasure)
            scores[system]["words"].append(len(WORD.findall(summary)))
    print(f"{len(articles)} documents ({args.part}), {args.sentences} sentences per summary, reference: the lead paragraph")
    print(f"{'system':15s} {'ROUGE-1':>8s} {'ROUGE-2':>8s} {'ROUGE-L':>8s} {'words':>6s}")
    for system in systems:
        s = scores[system]
        print(f"{system:15s} {mean(s['rouge1']):8.4f} {mean(s['rouge2']):8.4f} {mean(s['rougeL']):8.4f} {mean(s['words']):6.1f}")
    for key in ("rouge1", "rougeL"):
        low, mid, high = paired_bootstrap(scores["notulist"][key], scores["lead-3"][key])
        print(f"notulist - lead-3 {key}: {mid:+.4f} (95% bootstrap interval {low:+.4f} to {high:+.4f})")


if __name__ == "__main__":
    main()
