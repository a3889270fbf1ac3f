"""Where notulist's components keep their results on a Doc, in forms spaCy can serialise.

Everything a component finds lives in spaCy's own structures, so that `Doc.to_bytes`, `DocBin(store_user_data=True)`,
`nlp.pipe(n_process=…)` and `Doc.from_docs` (used to merge the pieces of a long document) carry it:

| result | where | form |
| --- | --- | --- |
| layout blocks | `doc._.blocks` | list of `[kind, start, end, speaker, start_time, end_time]` (characters, seconds) |
| mentions | `doc.spans["notulist_mentions"]` | one span per mention, `label_` = `MentionKind` value |
| quotes | `doc.spans["notulist_quotes"]` | the tokens around the quote, `label_` = "direct"/"indirect", `span._.quote` a dict |
| speakers | `doc._.speakers` | list of dicts (`SpeakerRecord.to_data`) of the records that speak |
| referents | `doc._.referents` | the same for every person, group and organisation coreference found |
| theme sentences | `doc.spans["notulist_theme_sentences"]` | the content sentences themes and summaries use |
| theme evidence | `doc._.theme_evidence` | list of dicts (`SentenceEvidence` fields) |
| summary | `doc._.summary` | `{"sentences": [[start, end], …] (tokens), "key_points": [str, …]}` |

A quote's dict holds character offsets *relative to its span's first character* (`start`, `end`, `source`), so that
`Doc.from_docs`, which shifts span keys but not values, keeps them right. The readers below rebuild the working objects
(`Mention`, `FoundQuote`, `Block`) from these forms; they are cheap (linear in the number of results).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.ingest.model import Block, BlockKind
from pipeline.quotes.model import Attribution, FoundQuote
from pipeline.speakers.mentions import Mention, MentionKind

MENTIONS = "notulist_mentions"
QUOTES = "notulist_quotes"
THEME_SENTENCES = "notulist_theme_sentences"

for _name in ("blocks", "speakers", "referents", "theme_evidence", "theme_labels", "summary", "summary_settings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("quote"):
    Span.set_extension("quote", default=None)


# ---- blocks ---------------------------------------------------------------------------------------------------------


def set_blocks(doc: Doc, blocks: Sequence[Block]) -> None:
    """Store layout blocks (character offsets into this Doc's text)."""
    doc._.blocks = [[b.kind.value, b.start, b.end, b.speaker, b.start_time, b.end_time] for b in blocks]


def get_blocks(doc: Doc) -> list[Block] | None:
    """The stored blocks as `Block` objects (their `text` sliced from the Doc's text), or None when none are set."""
    data = doc._.blocks
    if data is None:
        return None
    from pipeline.sentences import doc_text

    text = doc_text(doc)
    return [Block(BlockKind(k), s, e, text[s:e], sp, t0, t1) for k, s, e, sp, t0, t1 in data]


# ---- mentions -------------------------------------------------------------------------------------------------------


def set_mentions(doc: Doc, mentions: Iterable[Mention]) -> None:
    """Store mentions as a span group (document order kept)."""
    doc.spans[MENTIONS] = [Span(doc, m.start, m.end, label=m.kind.value) for m in mentions]


def get_mentions(doc: Doc) -> list[Mention] | None:
    """The stored mentions, or None when the mentions component has not run."""
    if MENTIONS not in doc.spans:
        return None
    from pipeline.sentences import doc_text

    text = doc_text(doc)  # a span's text is this slice; `Span.text` would build it token by token
    kinds = {kind.value: kind for kind in MentionKind}
    out = []
    for s in doc.spans[MENTIONS]:
        first, last = s.start_char, s.end_char
        out.append(Mention(kinds[s.label_], s.start, s.end, text[first:last], first, last))
    return out


def _mention_at(doc: Doc, start_char: int, end_char: int, kind: str) -> Mention | None:
    """A quote's source that is not among the stored mentions (a back reference the quote finder found: "Spreker",
    "volgens hen"), rebuilt from its character offsets."""
    span = doc.char_span(start_char, end_char)
    return None if span is None else Mention.of(MentionKind(kind), span)


# ---- quotes ---------------------------------------------------------------------------------------------------------


def set_quotes(doc: Doc, quotes: Sequence[FoundQuote]) -> None:
    """Store quotes as a span group with a dict per span; a second quote over the same tokens is dropped."""
    spans: list[Span] = []
    seen: set[tuple[int, int]] = set()
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or (span.start_char, span.end_char) in seen:
            continue
        seen.add((span.start_char, span.end_char))
        base = span.start_char
        span.label_ = q.kind
        span._.quote = {
            "start": q.start - base,
            "end": q.end - base,
            "block": q.block,
            "cue": q.cue,
            "source": None if q.source is None else [q.source.start_char - base, q.source.end_char - base, q.source.kind.value],
            "attribution": q.attribution.value,
            "speaker_key": q.speaker_key,
            "pull_quote_also": q.pull_quote_also,
            "style": q.style,
        }
        spans.append(span)
    doc.spans[QUOTES] = spans


def get_quotes(doc: Doc, mentions: Sequence[Mention] | None = None) -> list[FoundQuote] | None:
    """The stored quotes as `FoundQuote` objects in document order, their sources linked to `mentions`."""
    if QUOTES not in doc.spans:
        return None
    from pipeline.sentences import doc_text

    text = doc_text(doc)
    by_chars = {(m.start_char, m.end_char, m.kind.value): m for m in (mentions if mentions is not None else get_mentions(doc) or [])}
    out: list[FoundQuote] = []
    for span in doc.spans[QUOTES]:
        data: dict[str, Any] = span._.quote
        base = span.start_char
        start, end = base + data["start"], base + data["end"]
        source = None
        if data["source"] is not None:
            s, e, kind = data["source"]
            source = by_chars.get((base + s, base + e, kind)) or _mention_at(doc, base + s, base + e, kind)
        out.append(
            FoundQuote(
                kind=span.label_, start=start, end=end, text=text[start:end], block=data["block"], cue=data["cue"],
                source=source, attribution=Attribution(data["attribution"]), speaker_key=data["speaker_key"],
                pull_quote_also=data["pull_quote_also"], style=data["style"],
            )
        )
    return sorted(out, key=lambda q: (q.start, q.end))
