"""Run the pipeline over a `Transcript` and build the output contract."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import unattributed_quotes
from pipeline.ingest.model import BlockKind, Transcript
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
from pipeline.sentences import doc_text
from pipeline.speakers.registry import SpeakerRecord
from pipeline.summaries.structured import SpanSummary, representative, summarise_span
from pipeline.themes.keyphrases import keyphrases
from pipeline.themes.scoring import bounds, share


def parse(nlp: Language, transcript: Transcript) -> Doc:
    """The spaCy Doc of the whole normalised text, with the reader's blocks on `doc._.blocks`."""
    doc = nlp.make_doc(transcript.text)
    doc._.blocks = transcript.blocks
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _speaker_records(doc: Doc, transcript: Transcript) -> list[SpeakerRecord]:
    """Speakers found in the text, plus turn holders of a transcript."""
    records = list(doc._.speakers or [])
    known = {r.name.lower() for r in records}
    for block in transcript.blocks:
        if block.kind is BlockKind.TURN and block.speaker and block.speaker.lower() not in known:
            known.add(block.speaker.lower())
            records.append(SpeakerRecord(key=f"turn:{block.speaker.lower()}", name=block.speaker, first_offset=block.start, speaks=True))
    return records


def build_analysis(doc: Doc, transcript: Transcript) -> Analysis:
    """Turn the annotated Doc into the JSON output model; ids follow document order."""
    records = _speaker_records(doc, transcript)
    ids = {r.key: f"sp{i + 1}" for i, r in enumerate(records)}
    speakers = [
        Speaker(
            id=ids[r.key],
            name=r.name,
            type=r.type,  # type: ignore[arg-type]
            roles=list(r.description.roles),
            organisations=list(r.description.organisations),
            aliases=list(r.aliases),
            mentions=r.mentions,
        )
        for r in records
    ]
    names = {r.key: r.name for r in records}
    quotes: list[Quote] = []
    per_session: dict[str, list[str]] = {s.id: [] for s in transcript.sessions}
    for i, q in enumerate(doc._.quotes or []):
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
    turns = _turns(transcript)
    for turn in turns or []:
        if turn.speaker and turn.speaker not in per_session[turn.session]:
            per_session[turn.session].append(turn.speaker)
    spoken = [(q.start, q.end, q.speaker) for q in quotes if q.speaker] + [(t.start, t.end, t.speaker) for t in turns or [] if t.speaker]
    themes, session_themes, speaker_themes = _themes(doc, transcript, spoken)
    for speaker_out in speakers:
        speaker_out.themes = speaker_themes.get(speaker_out.name, [])
    sentences = doc._.theme_sentences or []
    summaries = _session_summaries(doc, transcript, sentences)
    name_tokens = frozenset(
        i for m in doc._.mentions or [] if m.kind.value in ("name", "surname") for i in range(m.start, m.end)
    )
    sessions = []
    for s in transcript.sessions:
        inside = [x for x in sentences if s.start <= x.start_char < s.end]
        session_quotes = [q for q in quotes if q.session == s.id and q.speaker]
        summary = summaries.get(s.id)
        sessions.append(
            Session(
                id=s.id, title=s.title, start=s.start, end=s.end, speakers=per_session[s.id], themes=session_themes.get(s.id, []),
                keyphrases=[KeyphraseOut(text=k.text, score=k.score) for k in keyphrases(inside, exclude=name_tokens)],
                summary=_summary_out(summary, session_quotes, speakers, session_themes.get(s.id, []), inside) if summary else None,
            )
        )
    document_summary = None
    if len(sessions) == 1:
        document_summary = sessions[0].summary
    elif doc._.summary is not None:
        document_summary = _summary_out(doc._.summary, [q for q in quotes if q.speaker], speakers, [ThemeScore(id=t.id, score=t.score) for t in themes], sentences)
    words = sum(1 for t in doc if not (t.is_space or t.is_punct))
    info = DocumentInfo(source=transcript.source, format=transcript.format, title=_clean_title(transcript.title), words=words)
    return Analysis(
        document=info, sessions=sessions, speakers=speakers, quotes=quotes, themes=themes, summary=document_summary, turns=turns
    )


def _session_summaries(doc: Doc, transcript: Transcript, sentences: list) -> dict[str, SpanSummary]:
    """Each session's extractive summary, with the lengths set on the summaries component."""
    settings = doc._.summary_settings
    if settings is None:
        return {}
    if len(transcript.sessions) == 1 and doc._.summary is not None:
        return {transcript.sessions[0].id: doc._.summary}  # the document summary is that session's summary
    unattributed = unattributed_quotes(doc)
    out = {}
    for s in transcript.sessions:
        inside = [x for x in sentences if s.start <= x.start_char < s.end]
        if inside:
            out[s.id] = summarise_span(inside, n=settings["sentences"], ratio=settings["ratio"], unattributed=unattributed)
    return out


def _summary_out(summary: SpanSummary, quotes: list[Quote], speakers: list[Speaker], themes: list[ThemeScore], context: list) -> SummaryOut:
    """The output form of a summary, with who said what (one representative quote per speaker)."""
    refs = []
    for sent in summary.sentences:
        start, end = bounds(sent)
        refs.append(SentenceRef(text=doc_text(sent.doc)[start:end], start=start, end=end))
    roles = {s.name: (s.roles[0] if s.roles else None) for s in speakers}
    context_text = " ".join(x.text for x in context)
    who: list[WhoSaidWhat] = []
    for name in dict.fromkeys(q.speaker for q in quotes if q.speaker):
        own = [q for q in quotes if q.speaker == name]
        direct = [q for q in own if q.kind == "direct"] or own
        best = direct[representative([q.text for q in direct], context_text)]
        who.append(WhoSaidWhat(speaker=name, role=roles.get(name), quote=best.text, kind=best.kind, start=best.start, end=best.end))
    return SummaryOut(
        text=" ".join(r.text for r in refs), sentences=refs, key_points=summary.key_points, who_said_what=who, themes=themes[:3]
    )


def _ranked(scores: dict[str, float]) -> list[ThemeScore]:
    return [ThemeScore(id=k, score=v) for k, v in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) if v > 0]


def _themes(
    doc: Doc, transcript: Transcript, spoken: list[tuple[int, int, str]]
) -> tuple[list[Theme], dict[str, list[ThemeScore]], dict[str, list[ThemeScore]]]:
    """Document themes with evidence, and theme scores per session and per speaker."""
    items = doc._.theme_evidence
    sentences = doc._.theme_sentences
    if items is None or sentences is None:
        return [], {}, {}
    labels = doc._.theme_labels or {}

    def speaker_of(start: int, end: int) -> str | None:
        return next((name for s, e, name in spoken if s < end and start < e), None)

    by_theme: dict[str, list[Evidence]] = {}
    for item in items:
        session = transcript.session_at(item.start).id
        by_theme.setdefault(item.theme, []).append(
            Evidence(text=item.text, start=item.start, end=item.end, session=session,
                     speaker=speaker_of(item.start, item.end), terms=item.terms, negated=item.negated)
        )
    scores = share(items, sentences)
    themes = [
        Theme(id=ts.id, label=labels.get(ts.id, ts.id), score=ts.score, evidence=by_theme[ts.id]) for ts in _ranked(scores)
    ]
    per_session = {s.id: _ranked(share(items, sentences, _within(s.start, s.end))) for s in transcript.sessions}
    spoken_starts: dict[str, set[int]] = {}
    for sent in sentences:
        start, end = bounds(sent)
        for s, e, name in spoken:
            if s < end and start < e:
                spoken_starts.setdefault(name, set()).add(start)
    per_speaker = {name: _ranked(share(items, sentences, keys.__contains__)) for name, keys in spoken_starts.items()}
    return themes, per_session, per_speaker


def _within(start: int, end: int) -> Callable[[int], bool]:
    return lambda offset: start <= offset < end


def _turns(transcript: Transcript) -> list[Turn] | None:
    if transcript.format == "report":
        return None
    turns: list[Turn] = []
    for session in transcript.sessions:
        for block in session.blocks:
            if block.kind is BlockKind.TURN:
                turns.append(
                    Turn(
                        id=f"t{len(turns) + 1}",
                        speaker=block.speaker,
                        text=block.text,
                        start_time=block.start_time,
                        end_time=block.end_time,
                        start=block.start,
                        end=block.end,
                        session=session.id,
                    )
                )
    return turns


def _clean_title(title: str | None) -> str | None:
    """A title without the quotation marks around it."""
    if title is None:
        return None
    return title.strip().strip("‘’“”„\"'«»").strip() or None
