"""Run the pipeline over a `Transcript` and build the output contract."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components import document_summary as stored_summary
from pipeline.components import referent_records, theme_evidence, theme_sentences, unattributed_quotes
from pipeline.ingest.cues import union_seconds
from pipeline.ingest.model import Block, BlockKind, Participant, Transcript
from pipeline.outputs.ids import text_document_id
from pipeline.outputs.model import (
    Analysis,
    DocumentInfo,
    Evidence,
    KeyphraseOut,
    Quote,
    SentenceRef,
    Session,
    Speaker,
    Theme,
    ThemeScore,
    Turn,
    WhoSaidWhat,
)
from pipeline.outputs.model import Summary as SummaryOut
from pipeline.results import get_mentions, get_quotes, set_blocks
from pipeline.sentences import doc_text
from pipeline.speakers.coreference import SpeakerRecord
from pipeline.speakers.mentions import surname
from pipeline.speakers.roles import Description, normal_role
from pipeline.summaries.decisions import find_decisions_and_actions
from pipeline.summaries.extractive import tfidf_matrix
from pipeline.summaries.positions import speaker_positions
from pipeline.summaries.structured import SpanSummary, summarise_span
from pipeline.themes.keyphrases import keyphrases
from pipeline.themes.scoring import DECIMALS, bounds, share

#: Longest piece of a document analysed as one spaCy Doc, in characters. Pieces end at block (paragraph, turn)
#: boundaries, so a piece is far below spaCy's `max_length` and the model never sees a megabyte at once.
PIECE_CHARS = 50_000

#: notulist's components, which run once over the merged document: a surname, a role noun or a pronoun in one piece
#: must find the person introduced in another, and a quote's cue may lie in the next paragraph. The spaCy model's
#: components (tagger, parser, NER, ...) and the sentence splitters run per piece.
WHOLE_DOCUMENT = ("notulist_mentions", "notulist_quotes", "notulist_speakers", "notulist_themes", "notulist_summaries")


@dataclass(frozen=True)
class Piece:
    """A stretch `[start, end)` of the document's text (characters) analysed as one Doc; `first_block` is the
    global index of its first block."""

    start: int
    end: int
    first_block: int


#: At most this many characters in one batch of the model: its working memory grows with the tokens of a batch
#: (the parser keeps features of every token of the batch: sixteen 50,000-character pieces of a quote-dense meeting
#: took gigabytes), while batching gains its speed from many short texts, which fit.
BATCH_CHARS = 100_000


def plan_pieces(text: str, blocks: Sequence[Block], max_chars: int = PIECE_CHARS) -> list[Piece]:
    """Cut the text into consecutive pieces of at most about `max_chars` characters that together cover it.

    Cuts fall at block starts; a block longer than `max_chars` is cut inside at a line break, else after a sentence
    end, else at white space, else (a run with no white space at all) hard. One pass over the blocks: O(n).
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    cuts = [0]
    index = [0]  # global index of the block open at each cut
    for i, block in enumerate(blocks):
        # a piece runs up to the next block's start, so the white space after a block belongs to it
        reach = blocks[i + 1].start if i + 1 < len(blocks) else len(text)
        if block.start > cuts[-1] and reach - cuts[-1] > max_chars:
            cuts.append(block.start)
            index.append(i)
        while reach - cuts[-1] > max_chars:
            cuts.append(_inner_cut(text, cuts[-1], cuts[-1] + max_chars))
            index.append(i)
    while not blocks and len(text) - cuts[-1] > max_chars:
        cuts.append(_inner_cut(text, cuts[-1], cuts[-1] + max_chars))
        index.append(0)
    ends = cuts[1:] + [len(text)]
    return [Piece(a, b, i) for a, b, i in zip(cuts, ends, index, strict=True) if b > a] or [Piece(0, len(text), 0)]


def _inner_cut(text: str, start: int, limit: int) -> int:
    """Where to cut inside one long block: after the last line break, sentence end or space before `limit`."""
    floor = start + (limit - start) // 2
    cut = text.rfind("\n", floor, limit)
    if cut >= 0:
        return cut + 1
    for mark in (". ", "? ", "! "):
        cut = text.rfind(mark, floor, limit)
        if cut >= 0:
            return cut + 2
    cut = text.rfind(" ", floor, limit)
    return cut + 1 if cut >= 0 else limit


def _piece_blocks(blocks: Sequence[Block], piece: Piece) -> list[Block]:
    """The blocks inside a piece, clipped to it, with offsets relative to its start."""
    out = []
    for block in blocks[piece.first_block :]:
        if block.start >= piece.end:
            break
        start, end = max(block.start, piece.start), min(block.end, piece.end)
        if end > start or block.start == block.end:
            out.append(Block(block.kind, start - piece.start, end - piece.start, block.text[start - block.start : end - block.start],
                             block.speaker, block.start_time, block.end_time))
    return out


def parse(nlp: Language, transcript: Transcript, *, max_chars: int = PIECE_CHARS, batch_size: int = 8) -> Doc:
    """The annotated spaCy Doc of the whole normalised text, with the reader's blocks stored on it.

    The spaCy model's components run on pieces of at most `max_chars` characters (see `plan_pieces`), so no Doc the
    model sees comes near spaCy's `max_length` and its memory stays bounded; the pieces are merged with
    `Doc.from_docs`, and notulist's components (`WHOLE_DOCUMENT`: mentions, quotes, speakers, themes, summaries) run
    once over the merged Doc, so speakers are resolved across the whole meeting. A document analysed in one piece or
    in many gives the same result wherever the model's own annotations do not depend on the cut (they never do for
    the rule-based blank pipeline; cuts fall between paragraphs or turns). Linear in the length of the text.
    """
    ((_, doc),) = parse_many(nlp, [transcript], max_chars=max_chars, batch_size=batch_size)
    return doc


def parse_many(
    nlp: Language, transcripts: Iterable[Transcript], *, max_chars: int = PIECE_CHARS, batch_size: int = 16,
    max_batch_chars: int = BATCH_CHARS,
) -> Iterator[tuple[Transcript, Doc]]:
    """`parse` for a stream of transcripts, in order: the pieces of all of them flow through the model's components
    in batches of at most `batch_size` Docs and `max_batch_chars` characters (`model_batches`), then each document
    is merged and finished on its own.

    Memory holds the pieces of the documents in the current batch, not the whole stream; the model's working
    memory grows with the characters of a batch, not with the length of a document.
    """
    local = [proc for name, proc in nlp.pipeline if name not in WHOLE_DOCUMENT]
    whole = [proc for name, proc in nlp.pipeline if name in WHOLE_DOCUMENT]
    pending: deque[tuple[Transcript, int]] = deque()  # transcripts whose pieces are in the stream, with their piece count

    def pieces_of_all() -> Iterator[Doc]:
        for transcript in transcripts:
            blocks = transcript.blocks
            pieces = plan_pieces(transcript.text, blocks, max_chars)
            pending.append((transcript, len(pieces)))
            for piece in pieces:
                doc = nlp.make_doc(transcript.text[piece.start : piece.end])
                set_blocks(doc, _piece_blocks(blocks, piece))  # the model's pieces need them for turn sentence starts
                yield doc

    def through_the_model(batch: list[Doc]) -> list[Doc]:
        for proc in local:
            batch = list(proc.pipe(batch, batch_size=len(batch))) if hasattr(proc, "pipe") else [proc(d) for d in batch]
        return batch

    stream = (doc for batch in model_batches(pieces_of_all(), batch_size, max_batch_chars) for doc in through_the_model(batch))
    done: list[Doc] = []
    for piece_doc in stream:
        piece_doc.tensor = _NO_TENSOR  # the model's token vectors (width × tokens floats) serve no later step
        done.append(piece_doc)
        transcript, count = pending[0]
        if len(done) < count:
            continue
        pending.popleft()
        doc = done[0] if count == 1 else merge_pieces(done)
        done = []
        set_blocks(doc, transcript.blocks)
        for proc in whole:
            doc = proc(doc)
        yield transcript, doc


_NO_TENSOR = numpy.zeros((0,), dtype="float32")


def model_batches(docs: Iterable[Doc], max_docs: int, max_chars: int) -> Iterator[list[Doc]]:
    """Consecutive batches of `docs` with at most `max_docs` Docs and `max_chars` characters (a longer Doc is a batch
    of its own), in order."""
    batch: list[Doc] = []
    held = 0
    for doc in docs:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if batch and (len(batch) >= max_docs or held + size > max_chars):
            yield batch
            batch, held = [], 0
        batch.append(doc)
        held += size
    if batch:
        yield batch


def merge_pieces(docs: Sequence[Doc]) -> Doc:
    """One Doc from consecutive pieces: tokens, annotations, span groups and span attributes (shifted to the merged
    text by spaCy); document-level plain data of the pieces is dropped (the caller sets what the whole needs)."""
    for doc in docs:
        for key in [k for k in doc.user_data if not (isinstance(k, tuple) and len(k) == 4 and k[2] is not None)]:
            del doc.user_data[key]
    # spaCy's type stub lacks `exclude`, which the method has had since v3.3
    return Doc.from_docs(list(docs), ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _speaker_records(doc: Doc, transcript: Transcript) -> tuple[list[SpeakerRecord], dict[str, str]]:
    """Speakers found in the text and the turn holders of a transcript, one record per person.

    Returns the records in order of first appearance and a map from each turn's `Block.speaker` key to its record's
    key. A turn holder whose name (or surname) matches a person coreference found in the text, speaking or not
    ("de heer Van Rijn" in the introduction of a report, "Inspreker Van Rijn:" later), shares that record: the
    fuller of the two names is kept (the label's normalised form on a tie) and the other becomes an alias.
    """
    referents = referent_records(doc)
    records = {r.key: r for r in referents if r.speaks}
    people = [r for r in referents if r.type == "person"]
    by_name = {r.name.lower(): r for r in people}
    by_surname = {surname(r.name).lower(): r for r in people}
    turn_key: dict[str, str] = {}
    first_turn: dict[str, int] = {}
    for block in transcript.blocks:
        if block.kind is BlockKind.TURN and block.speaker and block.speaker not in first_turn:
            first_turn[block.speaker] = block.start
    for label, first in first_turn.items():
        p = transcript.participants.get(label) or Participant(key=label, name=label)
        found = None
        if p.type == "person":
            found = by_name.get(p.name.lower()) or by_surname.get(surname(p.name).lower())
        if found is not None:
            record = records.setdefault(found.key, found)
            if record.name != p.name and len(p.name.split()) >= len(record.name.split()):
                old, record.name = record.name, p.name
                record.add_alias(old)
        else:
            key = f"turn:{p.key.lower()}"
            record = records.setdefault(key, SpeakerRecord(key=key, name=p.name, type=p.type, first_offset=first))
        record.speaks = True
        record.first_offset = min(record.first_offset, first)
        # label roles in running-text case: "Wethouder" and "wethouder" alike, "Minister van Financiën" keeps its name
        roles = [normal_role(" ".join(r.split())) for r in p.roles]
        record.description.extend(Description(roles=roles, organisations=[" ".join(o.split()) for o in p.organisations]))
        for alias in [*p.aliases, *([label] if label != p.name else [])]:
            record.add_alias(alias)
        turn_key[label] = record.key
    return sorted(records.values(), key=lambda r: r.first_offset), turn_key


#: Characters that are no part of a name but steer a terminal or the text direction: C0/C1 controls and the bidi
#: embeddings, overrides and isolates. They reach speaker names from labels of subtitle and JSON files.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(name: str) -> str:
    """A speaker name without control characters and bidi overrides, white space folded."""
    return " ".join(_UNPRINTABLE.sub(" ", name).split()) or name


def _clean_roles(roles: Sequence[str], organisations: Sequence[str]) -> list[str]:
    """Roles with white space folded, once each (case-insensitive), without a role that is another role plus one of
    the speaker's organisations ("raadslid VVD" beside "raadslid" and VVD)."""
    folded = list(dict.fromkeys(" ".join(r.split()) for r in roles if r.strip()))
    lowered = {r.lower() for r in folded}
    orgs = {o.lower() for o in organisations}
    out: list[str] = []
    for role in folded:
        head, _, rest = role.lower().rpartition(" ")
        if head and head in lowered and rest in orgs:
            continue
        if role.lower() not in (o.lower() for o in out):
            out.append(role)
    return out


def _turn_statistics(turns: Sequence[Turn], ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per speaker id: turns, words, share of words and, where turns are timed, speaking time and its share."""
    stats: dict[str, dict] = {}
    timed: dict[str, list[tuple[float, float]]] = {}
    for turn in turns:
        if turn.speaker_id is None:
            continue
        row = stats.setdefault(turn.speaker_id, {"turns": 0, "words": 0, "speaking_time": None})
        row["turns"] += 1
        row["words"] += _word_count(turn.text)
        if turn.start_time is not None and turn.end_time is not None and turn.end_time >= turn.start_time:
            timed.setdefault(turn.speaker_id, []).append((turn.start_time, turn.end_time))
    for speaker_id, intervals in timed.items():  # overlapping turns of one speaker count once
        stats[speaker_id]["speaking_time"] = union_seconds(intervals)
    total_words = sum(r["words"] for r in stats.values())
    total_time = sum(r["speaking_time"] or 0.0 for r in stats.values())
    for row in stats.values():
        row["word_share"] = round(row["words"] / total_words, 4) if total_words else None
        row["time_share"] = round(row["speaking_time"] / total_time, 4) if total_time and row["speaking_time"] is not None else None
        if row["speaking_time"] is not None:
            row["speaking_time"] = round(row["speaking_time"], 3)
    return stats


def build_analysis(doc: Doc, transcript: Transcript) -> Analysis:
    """Turn the annotated Doc into the JSON output model; ids follow document order."""
    records, turn_key = _speaker_records(doc, transcript)
    ids = {r.key: f"sp{i + 1}" for i, r in enumerate(records)}
    names = {r.key: _printable(r.name) for r in records}
    turns = _turns(transcript, {label: ids[key] for label, key in turn_key.items()}, {label: names[key] for label, key in turn_key.items()})
    stats = _turn_statistics(turns or [], ids)
    speakers = [
        Speaker(
            id=ids[r.key],
            name=names[r.key],
            type=r.type,  # type: ignore[arg-type]
            roles=_clean_roles(r.description.roles, r.description.organisations),
            organisations=list(dict.fromkeys(" ".join(o.split()) for o in r.description.organisations)),
            aliases=[_printable(a) for a in r.aliases],
            mentions=r.mentions,
            **stats.get(ids[r.key], {}),
        )
        for r in records
    ]
    quotes: list[Quote] = []
    per_session: dict[str, list[str]] = {s.id: [] for s in transcript.sessions}
    for i, q in enumerate(get_quotes(doc) or []):
        session = transcript.session_at(q.start).id
        speaker = names.get(q.speaker_key) if q.speaker_key else None
        quotes.append(
            Quote(
                id=f"q{i + 1}",
                kind=q.kind,  # type: ignore[arg-type]
                text=q.text,
                speaker=speaker,
                speaker_id=ids.get(q.speaker_key) if q.speaker_key else None,
                cue=q.cue,
                attribution=q.attribution.value,  # type: ignore[arg-type]
                start=q.start,
                end=q.end,
                session=session,
                pull_quote_also=q.pull_quote_also,
            )
        )
        if speaker and speaker not in per_session[session]:
            per_session[session].append(speaker)
    for turn in turns or []:
        if turn.speaker and turn.speaker not in per_session[turn.session]:
            per_session[turn.session].append(turn.speaker)
    spoken = [(q.start, q.end, q.speaker) for q in quotes if q.speaker] + [(t.start, t.end, t.speaker) for t in turns or [] if t.speaker]
    themes, session_themes, speaker_themes = _themes(doc, transcript, spoken)
    for speaker_out in speakers:
        speaker_out.themes = speaker_themes.get(speaker_out.name, [])
    sentences = theme_sentences(doc) or []
    by_session = _sentences_by_session(sentences, transcript)
    summaries = _session_summaries(doc, transcript, by_session)
    name_tokens = frozenset(
        i for m in get_mentions(doc) or [] if m.kind.value in ("name", "surname") for i in range(m.start, m.end)
    )
    turn_speaker = _turn_speaker_at(turns or [])
    turns_in: dict[str, list[tuple[int, int, str]]] = {}
    for turn in turns or []:
        if turn.speaker:
            turns_in.setdefault(turn.session, []).append((turn.start, turn.end, turn.speaker))
    quotes_in: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.speaker:
            quotes_in.setdefault(quote.session, []).append(quote)
    sessions = []
    for s in transcript.sessions:
        inside = by_session.get(s.id, [])
        summary = summaries.get(s.id)
        decisions, actions = find_decisions_and_actions(transcript.text, s.blocks, turn_speaker, speakers=speakers)
        session_out = Session(
            id=s.id, title=s.title, start=s.start, end=s.end, speakers=per_session[s.id], themes=session_themes.get(s.id, []),
            keyphrases=[KeyphraseOut(text=k.text, score=k.score) for k in keyphrases(inside, exclude=name_tokens)],
            summary=_summary_out(summary, quotes_in.get(s.id, []), speakers, session_themes.get(s.id, []), inside,
                                 turns_in.get(s.id, [])) if summary else None,
            decisions=decisions, actions=actions,
        )
        if session_out.summary is not None:
            session_out.summary.decisions, session_out.summary.actions = list(decisions), list(actions)
        sessions.append(session_out)
    document_summary = None
    whole = stored_summary(doc)
    if len(sessions) == 1:
        document_summary = sessions[0].summary
    elif whole is not None:
        document_summary = _summary_out(whole, [q for q in quotes if q.speaker], speakers, [ThemeScore(id=t.id, score=t.score) for t in themes], sentences)
        document_summary.decisions = [d for s in sessions for d in s.decisions]
        document_summary.actions = [a for s in sessions for a in s.actions]
    words = int((~doc.to_array([IS_SPACE, IS_PUNCT]).any(axis=1)).sum()) if len(doc) else 0  # tokens neither space nor punctuation
    info = DocumentInfo(
        id=text_document_id(transcript.source, transcript.text),
        source=transcript.source, format=transcript.format, title=_clean_title(transcript.title), words=words,
        warnings=list(transcript.warnings), normalisation=transcript.normalisation,
    )
    return Analysis(
        document=info, sessions=sessions, speakers=speakers, quotes=quotes, themes=themes, summary=document_summary, turns=turns
    )


def _turn_speaker_at(turns: Sequence[Turn]) -> Callable[[int], str | None]:
    """A function from a character offset to the name of the speaker whose turn holds it (None outside turns)."""
    timed = sorted((t.start, t.end, t.speaker) for t in turns)
    starts = [t[0] for t in timed]

    def at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        return timed[i][2] if i >= 0 and offset < timed[i][1] else None

    return at


def _sentences_by_session(sentences: Sequence[Span], transcript: Transcript) -> dict[str, list[Span]]:
    """Content sentences grouped by the session their first character lies in (one pass)."""
    out: dict[str, list[Span]] = {}
    for sent in sentences:
        out.setdefault(transcript.session_at(sent.start_char).id, []).append(sent)
    return out


def _session_summaries(doc: Doc, transcript: Transcript, by_session: dict[str, list[Span]]) -> dict[str, SpanSummary]:
    """Each session's extractive summary, with the lengths set on the summaries component."""
    settings = doc._.summary_settings
    if settings is None:
        return {}
    whole = stored_summary(doc)
    if len(transcript.sessions) == 1 and whole is not None:
        return {transcript.sessions[0].id: whole}  # the document summary is that session's summary
    unattributed = unattributed_quotes(doc)
    out = {}
    for s in transcript.sessions:
        inside = by_session.get(s.id, [])
        if inside:
            out[s.id] = summarise_span(inside, n=settings["sentences"], ratio=settings["ratio"], unattributed=unattributed)
    return out


def _summary_out(
    summary: SpanSummary, quotes: list[Quote], speakers: list[Speaker], themes: list[ThemeScore], context: list,
    turns: Sequence[tuple[int, int, str]] = (),
) -> SummaryOut:
    """The output form of a summary, with who said what: one representative quote per speaker, and for the main
    speakers of a turn transcript who are not quoted, their position (`summaries.positions`, from `turns`: the
    session's (start, end, speaker) character ranges)."""
    refs = []
    for sent in summary.sentences:
        start, end = bounds(sent)
        refs.append(SentenceRef(text=doc_text(sent.doc)[start:end], start=start, end=end))
    roles = {s.name: (s.roles[0] if s.roles else None) for s in speakers}
    own: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker:
            own.setdefault(q.speaker, []).append(q)
    candidates = {name: [q for q in qs if q.kind == "direct"] or qs for name, qs in own.items()}
    text = doc_text(context[0].doc) if context else ""
    best = _representatives(candidates, " ".join(text[x.start_char : x.end_char] for x in context))
    who = [
        WhoSaidWhat(speaker=name, role=roles.get(name), quote=q.text, kind=q.kind, start=q.start, end=q.end)  # type: ignore[arg-type]
        for name, q in best.items()
    ]
    if turns:
        who += [
            WhoSaidWhat(speaker=p.speaker, role=roles.get(p.speaker), quote=p.text, kind="position", start=p.start, end=p.end)
            for p in speaker_positions(context, turns) if p.speaker not in best
        ]
    return SummaryOut(
        # a unit that joins an intro line and its quote holds a line break: one paragraph of text
        text=" ".join(" ".join(r.text.split()) for r in refs),
        sentences=refs, key_points=summary.key_points, who_said_what=who, themes=themes[:3],
    )


def _representatives(candidates: dict[str, list[Quote]], context: str) -> dict[str, Quote]:
    """Per speaker, the quote closest to what the session is about: the highest TF-IDF cosine to the session's
    text, the earliest on a tie. One TF-IDF fit over the context and every candidate quote (linear in the session,
    not once per speaker)."""
    texts = [q.text for qs in candidates.values() for q in qs]
    if not texts:
        return {}
    matrix = tfidf_matrix([context, *texts], analyzer="words")
    scores = (matrix[1:] @ matrix[0].T).toarray().ravel()
    out: dict[str, Quote] = {}
    k = 0
    for name, qs in candidates.items():
        row = scores[k : k + len(qs)]
        out[name] = qs[max(range(len(qs)), key=lambda i: (row[i], -i))]
        k += len(qs)
    return out


def _ranked(scores: dict[str, float]) -> list[ThemeScore]:
    return [ThemeScore(id=k, score=v) for k, v in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) if v > 0]


def _themes(
    doc: Doc, transcript: Transcript, spoken: list[tuple[int, int, str]]
) -> tuple[list[Theme], dict[str, list[ThemeScore]], dict[str, list[ThemeScore]]]:
    """Document themes with evidence, and theme scores per session and per speaker (one sweep each: linear)."""
    items = theme_evidence(doc)
    sentences = theme_sentences(doc)
    if items is None or sentences is None:
        return [], {}, {}
    labels = doc._.theme_labels or {}
    item_speakers = _overlapping(spoken, [(item.start, item.end) for item in items])
    by_theme: dict[str, list[Evidence]] = {}
    for item, names in zip(items, item_speakers, strict=True):
        session = transcript.session_at(item.start).id
        by_theme.setdefault(item.theme, []).append(
            Evidence(text=item.text, start=item.start, end=item.end, session=session,
                     speaker=names[0] if names else None, terms=item.terms, negated=item.negated)
        )
    scores = share(items, sentences)
    themes = [
        Theme(id=ts.id, label=labels.get(ts.id, ts.id), score=ts.score, evidence=by_theme[ts.id]) for ts in _ranked(scores)
    ]
    sentence_sessions: dict[str, list[Span]] = {}
    for sent in sentences:
        sentence_sessions.setdefault(transcript.session_at(bounds(sent)[0]).id, []).append(sent)
    item_sessions: dict[str, list] = {}
    for item in items:
        item_sessions.setdefault(transcript.session_at(item.start).id, []).append(item)
    per_session = {s.id: _ranked(share(item_sessions.get(s.id, []), sentence_sessions.get(s.id, []))) for s in transcript.sessions}
    starts = [bounds(sent) for sent in sentences]
    spoken_starts: dict[str, set[int]] = {}
    for (start, _), names in zip(starts, _overlapping(spoken, starts), strict=True):
        for name in names:
            spoken_starts.setdefault(name, set()).add(start)
    themes_at: dict[int, list[str]] = {}
    for item in items:
        themes_at.setdefault(item.start, []).append(item.theme)
    per_speaker = {}
    for name, keys in spoken_starts.items():
        counts: dict[str, int] = {}
        for key in keys:
            for theme in themes_at.get(key, ()):
                counts[theme] = counts.get(theme, 0) + 1
        per_speaker[name] = _ranked({theme: round(n / len(keys), DECIMALS) for theme, n in counts.items()})
    return themes, per_session, per_speaker


def _overlapping(intervals: Sequence[tuple[int, int, str]], queries: Sequence[tuple[int, int]]) -> list[list[str]]:
    """For each query [start, end), the names of the intervals that overlap it, in the order of `intervals`
    (quotes before turns as the caller lists them). A sweep over both sorted by start with a heap of open
    intervals: O((n + q) log n + output)."""
    order = sorted(range(len(intervals)), key=lambda i: intervals[i][0])
    q_order = sorted(range(len(queries)), key=lambda i: queries[i][0])
    out: list[list[str]] = [[] for _ in queries]
    open_heap: list[tuple[int, int]] = []  # (end, interval index)
    k = 0
    for qi in q_order:
        q_start, q_end = queries[qi]
        while k < len(order) and intervals[order[k]][0] < q_end:
            heapq.heappush(open_heap, (intervals[order[k]][1], order[k]))
            k += 1
        while open_heap and open_heap[0][0] <= q_start:
            heapq.heappop(open_heap)
        hits = sorted(i for end, i in open_heap if intervals[i][0] < q_end and q_start < end)
        out[qi] = list(dict.fromkeys(intervals[i][2] for i in hits))
    return out


def _turns(transcript: Transcript, ids: dict[str, str], names: dict[str, str]) -> list[Turn] | None:
    """The transcript's turns with their speaker's name and id (None for prose reports without turns)."""
    if transcript.format == "report" and not any(b.kind is BlockKind.TURN for b in transcript.blocks):
        return None
    turns: list[Turn] = []
    for session in transcript.sessions:
        for block in session.blocks:
            if block.kind is BlockKind.TURN:
                turns.append(
                    Turn(
                        id=f"t{len(turns) + 1}",
                        speaker=names.get(block.speaker, block.speaker) if block.speaker else None,
                        speaker_id=ids.get(block.speaker) if block.speaker else None,
                        text=block.text,
                        start_time=block.start_time,
                        end_time=block.end_time,
                        start=block.start,
                        end=block.end,
                        session=session.id,
                    )
                )
    return turns


#: Opening marks and the closing marks that pair with them, for titles quoted as a whole.
_TITLE_PAIRS = {"“": "”", "„": "”", "‘": "’", "‚": "’", '"': '"', "'": "'", "«": "»"}


def _clean_title(title: str | None) -> str | None:
    """A title without the quotation marks around the whole of it; a mark that belongs to a quote inside the title
    stays ('Burgemeester: “We gaan door”' keeps its closing mark)."""
    if title is None:
        return None
    text = title.strip()
    while len(text) >= 2 and _TITLE_PAIRS.get(text[0]) == text[-1] and text[0] not in text[1:-1] and text[-1] not in text[1:-1]:
        text = text[1:-1].strip()
    return text or None
