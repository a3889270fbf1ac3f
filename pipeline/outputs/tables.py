"""Corpus tables for researchers: one row per document, speaker and quote, as CSV (and Parquet)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pipeline.outputs.model import Analysis
from pipeline.outputs.writer import write_atomic


def corpus_frames(analyses: Sequence[Analysis]) -> dict[str, pd.DataFrame]:
    """DataFrames `documents`, `speakers` and `quotes`, keyed by document source."""
    documents, speakers, quotes = [], [], []
    for a in analyses:
        src = a.document.source
        documents.append(
            {"source": src, "format": a.document.format, "title": a.document.title, "words": a.document.words,
             "sessions": len(a.sessions), "speakers": len(a.speakers), "quotes": len(a.quotes)}
        )
        for s in a.speakers:
            speakers.append(
                {"source": src, "speaker_id": s.id, "name": s.name, "type": s.type, "roles": "; ".join(s.roles),
                 "organisations": "; ".join(s.organisations), "aliases": "; ".join(s.aliases), "mentions": s.mentions}
            )
        for q in a.quotes:
            quotes.append(
                {"source": src, "quote_id": q.id, "kind": q.kind, "speaker": q.speaker, "speaker_id": q.speaker_id,
                 "session": q.session, "start": q.start, "end": q.end, "cue": q.cue, "text": q.text}
            )
    return {
        "documents": pd.DataFrame(documents, columns=["source", "format", "title", "words", "sessions", "speakers", "quotes"]),
        "speakers": pd.DataFrame(speakers, columns=["source", "speaker_id", "name", "type", "roles", "organisations", "aliases", "mentions"]),
        "quotes": pd.DataFrame(quotes, columns=["source", "quote_id", "kind", "speaker", "speaker_id", "session", "start", "end", "cue", "text"]),
    }


def write_frame(frame: pd.DataFrame, stem: Path) -> list[Path]:
    """Write `stem.csv`, and `stem.parquet` when pyarrow is installed; both atomically."""
    path = stem.with_suffix(".csv")
    write_atomic(path, frame.to_csv(index=False, lineterminator="\n"))
    written = [path]
    try:
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
    except ImportError:
        return written
    parquet = stem.with_suffix(".parquet")
    write_atomic(parquet, buffer.getvalue())
    written.append(parquet)
    return written


def write_tables(analyses: Sequence[Analysis], out_dir: Path) -> list[Path]:
    """Write each corpus table as CSV, and as Parquet when pyarrow is installed."""
    written: list[Path] = []
    for name, frame in corpus_frames(analyses).items():
        written.extend(write_frame(frame, out_dir / name))
    return written
