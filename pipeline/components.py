"""notulist's spaCy components, registered as factories so any pipeline can `nlp.add_pipe` them.

Order: notulist_block_sentences (before the parser or sentencizer) → notulist_mentions → notulist_quotes →
notulist_speakers → notulist_themes → notulist_summaries. Every result is kept in a serialisable form (span groups
and plain data; see `pipeline.results`), so `DocBin`, `Doc.to_bytes` and `nlp.pipe(n_process=…)` work.
`doc._.mentions` and `doc._.quotes` are read-only views that rebuild the working objects from those forms.

`pipeline.analyze.parse` runs the spaCy model and `notulist_block_sentences` on the pieces of a long document and
the others once on the merged Doc, so that speakers are resolved across the whole meeting.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.architectures  # noqa: F401  (registers the embedded model's NER embedding layer)
import pipeline.lemmas  # noqa: F401  (registers notulist_lemma_rules)
from pipeline.ingest.layout import classify_lines
from pipeline.ingest.model import Block, BlockKind
from pipeline.quotes.attribution import attribute
from pipeline.quotes.finder import adopt_fragments, find_direct_quotes, find_indirect_quotes
from pipeline.results import (
    THEME_SENTENCES,
    get_blocks,
    get_mentions,
    get_quotes,
    set_blocks,
    set_mentions,
    set_quotes,
)
from pipeline.speakers.coreference import SpeakerRecord, mark_reported_speakers, resolve
from pipeline.speakers.mentions import find_mentions
from pipeline.summaries.structured import SpanSummary, summarise_span
from pipeline.themes.definitions import load_themes
from pipeline.themes.matcher import ThemeMatcher
from pipeline.themes.scoring import SentenceEvidence, content_sentences, evidence

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", getter=get_mentions)
if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=get_quotes)

def blocks_of(doc: Doc) -> list[Block]:
    """The layout blocks set by the reader, or the report layout of the text itself (stored on the Doc)."""
    blocks = get_blocks(doc)
    if blocks is None:
        blocks = classify_lines(doc.text)
        set_blocks(doc, blocks)
    return blocks


@Language.component("notulist_block_sentences", assigns=["token.is_sent_start"])
def block_sentences(doc: Doc) -> Doc:
    """Start a sentence at every line start, so headings and turns never run into the next paragraph, and at the
    start of every turn's speech when the reader's blocks are stored on the Doc ("Jan: Welkom." → "Jan:" | "Welkom.").

    Writes the SENT_START column in one `from_array` call: setting `token.is_sent_start` one token at a time makes
    spaCy check the whole Doc for a parse on every call (quadratic in the Doc's length).
    """
    if len(doc) < 2:
        return doc
    starts = doc.to_array([SENT_START]).astype("int32")
    # the white space after a token is one space or nothing: a line break is a white-space token of its own
    strings = doc.vocab.strings
    breaks = [bool(space) and "\n" in strings[orth] for orth, space in doc.to_array([ORTH, IS_SPACE]).tolist()]
    for i in range(1, len(doc)):
        if breaks[i - 1]:
            starts[i] = 1
        elif breaks[i]:
            starts[i] = -1
    for kind, start, end, *_ in doc._.blocks or []:
        # a turn's speech starts a sentence of its own, apart from its "Naam:" label on the same line
        if kind == BlockKind.TURN.value and end > start:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.start > 0:
                starts[span.start] = 1
    doc.from_array([SENT_START], numpy.asarray(starts, dtype="int32").reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]
    return doc


@Language.factory("notulist_mentions", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_mentions(nlp: Language, name: str) -> MentionFinder:
    return MentionFinder()


class MentionFinder:
    """Names, surnames, role nouns, pronouns, groups and organisations that may refer to a speaker."""

    def __call__(self, doc: Doc) -> Doc:
        set_mentions(doc, find_mentions(doc))
        return doc


@Language.factory(
    "notulist_quotes",
    assigns=["doc.spans"],
    default_config={"indirect": True},
)
def make_quotes(nlp: Language, name: str, *, indirect: bool) -> QuoteFinder:
    return QuoteFinder(indirect=indirect)


class QuoteFinder:
    """Direct quotes in every Dutch style and, optionally, indirect speech with its cue."""

    def __init__(self, *, indirect: bool = True) -> None:
        self.indirect = indirect

    def __call__(self, doc: Doc) -> Doc:
        mentions = get_mentions(doc)
        if mentions is None:
            mentions = find_mentions(doc)
        blocks = blocks_of(doc)
        fragments: list = []
        direct = find_direct_quotes(doc, blocks, mentions, fragments)
        indirect = find_indirect_quotes(doc, blocks, mentions, direct) if self.indirect else []
        direct += adopt_fragments(fragments, indirect)
        set_quotes(doc, sorted(direct + indirect, key=lambda q: (q.start, q.end)))
        return doc


@Language.factory("notulist_speakers", assigns=["doc._.speakers", "doc._.referents", "doc.spans"])
def make_speakers(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver()


class SpeakerResolver:
    """Resolve mentions, attribute every quote, and keep the people who speak."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = get_mentions(doc) or []
        quotes = get_quotes(doc, mentions) or []
        quoted = [(q.start, q.end) for q in quotes if q.kind == "direct"]
        resolution = resolve(doc, mentions, quoted)
        attribute(quotes, resolution, doc, mentions)
        mark_reported_speakers(doc, mentions, resolution)
        set_quotes(doc, quotes)
        ordered = sorted(resolution.records.values(), key=lambda r: r.first_offset)
        doc._.referents = [r.to_data() for r in ordered]
        doc._.speakers = [r.to_data() for r in ordered if r.speaks]
        return doc


@Language.factory(
    "notulist_themes",
    assigns=["doc._.theme_evidence", "doc.spans", "doc._.theme_labels"],
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
        doc.spans[THEME_SENTENCES] = sentences
        doc._.theme_evidence = [asdict(item) for item in evidence(doc, self.matcher(doc, sentences), sentences)]
        doc._.theme_labels = {t.id: t.label for t in self.themes}
        return doc


@Language.factory(
    "notulist_summaries",
    assigns=["doc._.summary", "doc._.summary_settings"],
    requires=["doc._.theme_evidence"],
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
        candidates = theme_sentences(doc)
        if candidates is None:
            candidates = content_sentences(doc, blocks_of(doc))
        doc._.summary_settings = {"sentences": self.sentences, "ratio": self.ratio}
        summary = summarise_span(candidates, n=self.sentences, ratio=self.ratio, unattributed=unattributed_quotes(doc))
        doc._.summary = {"sentences": [[s.start, s.end] for s in summary.sentences], "key_points": list(summary.key_points)}
        return doc


def unattributed_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Direct quotes whose speaker is not named in their own sentence: weak summary sentences on their own."""
    return [(q.start, q.end) for q in get_quotes(doc) or [] if q.kind == "direct" and (q.speaker_key is None or q.cue is None)]


# ---- readers of the stored results (for analyze.py and other consumers) --------------------------------------------


def theme_sentences(doc: Doc) -> list | None:
    """The content sentences the themes component chose (spaCy Spans), or None when it has not run."""
    return list(doc.spans[THEME_SENTENCES]) if THEME_SENTENCES in doc.spans else None


def theme_evidence(doc: Doc) -> list[SentenceEvidence] | None:
    """The stored theme evidence items, or None when the themes component has not run."""
    data = doc._.theme_evidence
    return None if data is None else [SentenceEvidence(**item) for item in data]


def document_summary(doc: Doc) -> SpanSummary | None:
    """The stored document summary with its sentences as Spans, or None."""
    data = doc._.summary
    if data is None:
        return None
    return SpanSummary([doc[a:b] for a, b in data["sentences"]], list(data["key_points"]))


def referent_records(doc: Doc) -> list[SpeakerRecord]:
    """Every person, group and organisation coreference found, speaking or not, in order of first mention."""
    return [SpeakerRecord.from_data(d) for d in doc._.referents or doc._.speakers or []]
