"""notulist's spaCy components, registered as factories so any pipeline can `nlp.add_pipe` them.

Order: notulist_block_sentences (before the parser or sentencizer) → notulist_mentions → notulist_quotes →
notulist_speakers. Results live on Doc extensions: `doc._.blocks`, `doc._.mentions`, `doc._.quotes`,
`doc._.speakers`.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

import pipeline.architectures  # noqa: F401  (registers the embedded model's NER embedding layer)
import pipeline.lemmas  # noqa: F401  (registers notulist_lemma_rules)
from pipeline.ingest.layout import classify_lines
from pipeline.ingest.model import Block
from pipeline.quotes.finder import adopt_fragments, find_direct_quotes, find_indirect_quotes
from pipeline.speakers.mentions import find_mentions
from pipeline.speakers.registry import attribute, mark_reported_speakers, resolve
from pipeline.summaries.structured import summarise_span
from pipeline.themes.definitions import load_themes
from pipeline.themes.matcher import ThemeMatcher
from pipeline.themes.scoring import content_sentences, evidence

for _name in ("blocks", "mentions", "quotes", "speakers", "resolution", "theme_evidence", "theme_sentences", "theme_labels",
              "summary", "summary_settings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def blocks_of(doc: Doc) -> list[Block]:
    """The layout blocks set by the reader, or the report layout of the text itself."""
    if doc._.blocks is None:
        doc._.blocks = classify_lines(doc.text)
    return doc._.blocks


@Language.component("notulist_block_sentences", assigns=["token.is_sent_start"])
def block_sentences(doc: Doc) -> Doc:
    """Start a sentence at every line start, so headings and turns never run into the next paragraph."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text):] or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    return doc


@Language.factory("notulist_mentions", assigns=["doc._.mentions"], requires=["token.is_sent_start"])
def make_mentions(nlp: Language, name: str) -> MentionFinder:
    return MentionFinder()


class MentionFinder:
    """Names, surnames, role nouns, pronouns, groups and organisations that may refer to a speaker."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = find_mentions(doc)
        return doc


@Language.factory(
    "notulist_quotes",
    assigns=["doc._.quotes"],
    requires=["doc._.mentions"],
    default_config={"indirect": True},
)
def make_quotes(nlp: Language, name: str, *, indirect: bool) -> QuoteFinder:
    return QuoteFinder(indirect=indirect)


class QuoteFinder:
    """Direct quotes in every Dutch style and, optionally, indirect speech with its cue."""

    def __init__(self, *, indirect: bool = True) -> None:
        self.indirect = indirect

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.mentions if doc._.mentions is not None else find_mentions(doc)
        blocks = blocks_of(doc)
        fragments: list = []
        direct = find_direct_quotes(doc, blocks, mentions, fragments)
        indirect = find_indirect_quotes(doc, blocks, mentions, direct) if self.indirect else []
        direct += adopt_fragments(fragments, indirect)
        doc._.quotes = sorted(direct + indirect, key=lambda q: (q.start, q.end))
        return doc


@Language.factory("notulist_speakers", assigns=["doc._.speakers"], requires=["doc._.quotes"])
def make_speakers(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver()


class SpeakerResolver:
    """Resolve mentions, attribute every quote, and keep the people who speak."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.mentions or []
        quotes = doc._.quotes or []
        quoted = [(q.start, q.end) for q in quotes if q.kind == "direct"]
        resolution = resolve(doc, mentions, quoted)
        attribute(quotes, resolution, doc, mentions)
        mark_reported_speakers(doc, mentions, resolution)
        doc._.resolution = resolution
        doc._.speakers = sorted(
            (r for r in resolution.records.values() if r.speaks), key=lambda r: r.first_offset
        )
        return doc


@Language.factory(
    "notulist_themes",
    assigns=["doc._.theme_evidence", "doc._.theme_sentences", "doc._.theme_labels"],
    default_config={"themes_file": None, "extend": False},
)
def make_themes(nlp: Language, name: str, *, themes_file: str | None, extend: bool) -> ThemeFinder:
    return ThemeFinder(themes_file=themes_file, extend=extend)


class ThemeFinder:
    """Evidence sentences for each seeded theme (default themes or a TOML file of one's own)."""

    def __init__(self, *, themes_file: str | None = None, extend: bool = False) -> None:
        self.themes = load_themes(Path(themes_file) if themes_file else None, extend=extend)
        self.matcher = ThemeMatcher(self.themes)

    def __call__(self, doc: Doc) -> Doc:
        sentences = content_sentences(doc, blocks_of(doc))
        doc._.theme_sentences = sentences
        doc._.theme_evidence = evidence(doc, self.matcher(doc, sentences), sentences)
        doc._.theme_labels = {t.id: t.label for t in self.themes}
        return doc


@Language.factory(
    "notulist_summaries",
    assigns=["doc._.summary", "doc._.summary_settings"],
    requires=["doc._.theme_sentences"],
    default_config={"sentences": 3, "ratio": None},
)
def make_summaries(nlp: Language, name: str, *, sentences: int, ratio: float | None) -> SummaryMaker:
    return SummaryMaker(sentences=sentences, ratio=ratio)


class SummaryMaker:
    """An extractive summary of the whole document (sessions are summarised when the output is built)."""

    def __init__(self, *, sentences: int = 3, ratio: float | None = None) -> None:
        if sentences < 1:
            raise ValueError("a summary needs at least one sentence")
        if ratio is not None and not 0 < ratio <= 1:
            raise ValueError("the summary ratio must lie in (0, 1]")
        self.sentences = sentences
        self.ratio = ratio

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc._.theme_sentences or content_sentences(doc, blocks_of(doc))
        doc._.summary_settings = {"sentences": self.sentences, "ratio": self.ratio}
        doc._.summary = summarise_span(candidates, n=self.sentences, ratio=self.ratio, unattributed=unattributed_quotes(doc))
        return doc


def unattributed_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Direct quotes whose speaker is not named in their own sentence: weak summary sentences on their own."""
    return [(q.start, q.end) for q in doc._.quotes or [] if q.kind == "direct" and (q.speaker_key is None or q.cue is None)]
