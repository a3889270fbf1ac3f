"""Research tables: one row per entity, ids that join, as CSV and Parquet in `OUT/tables/`.

Tables (columns are documented in the README, section *Tables*):

- `documents`: one row per input file; `id` is `pipeline.outputs.ids.document_id`.
- `sessions`, `speakers`, `quotes`, `turns`: one row per JSON entity; `id` is `<document id>:<JSON id>`,
  `local_id` the JSON's own id; `document_id` → `documents.id`, `session_id` → `sessions.id`,
  `speaker_id` → `speakers.id`.
- `themes`: theme scores in long form, one row per (document | session | speaker) × theme, with `scope`.
- `theme_evidence`: one row per evidence sentence; `keyphrases`: one row per session keyphrase.
- `decisions`, `actions`: one row per item of `sessions[].decisions` / `sessions[].actions`, only when some
  JSON has them.

Every JSON field is kept: nested objects are flattened one level (`summary.text` → `summary_text`), lists stay
lists (real list columns in Parquet, JSON text in CSV). CSV cells that a spreadsheet would run as a formula
(starting with =, +, -, @, tab or CR) are prefixed with an apostrophe; `load_outputs` undoes this.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel

from pipeline.outputs.ids import as_record, document_id, file_name, scoped
from pipeline.outputs.writer import write_atomic

TABLES_FOLDER = "tables"
TABLE_NAMES = ("documents", "sessions", "speakers", "quotes", "turns", "themes", "theme_evidence", "keyphrases")
OPTIONAL_TABLES = ("decisions", "actions")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"

# Columns each table always has, in this order, so that an empty table still has its header; fields the
# JSON adds later follow them.
COLUMNS: dict[str, list[str]] = {
    "documents": ["id", "file_name", "source", "format", "language", "title", "words", "normalisation",
                  "schema_version", "n_sessions", "n_speakers", "n_quotes", "n_turns", "themes",
                  "summary_text", "summary_sentences", "summary_key_points", "summary_who_said_what",
                  "summary_themes", "summary_method"],
    "sessions": ["id", "document_id", "local_id", "title", "start", "end", "speakers", "speaker_ids", "themes",
                 "keyphrases", "summary_text", "summary_sentences", "summary_key_points", "summary_who_said_what",
                 "summary_themes", "summary_method"],
    "speakers": ["id", "document_id", "local_id", "name", "type", "roles", "organisations", "aliases", "mentions",
                 "themes", "n_quotes", "n_turns"],
    "quotes": ["id", "document_id", "local_id", "session_id", "speaker_id", "kind", "text", "speaker", "cue",
               "attribution", "start", "end", "session", "pull_quote_also"],
    "turns": ["id", "document_id", "local_id", "session_id", "speaker_id", "speaker", "text", "start_time",
              "end_time", "start", "end", "session"],
    "themes": ["document_id", "scope", "session_id", "speaker_id", "theme_id", "theme_label", "score"],
    "theme_evidence": ["id", "document_id", "theme_id", "theme_label", "session_id", "speaker_id", "text", "start",
                       "end", "session", "speaker", "terms", "negated"],
    "keyphrases": ["id", "document_id", "session_id", "rank", "text", "score"],
    "decisions": ["id", "document_id", "session_id", "rank"],
    "actions": ["id", "document_id", "session_id", "rank"],
}


class OutputsError(ValueError):
    """An output folder holds no notulist JSON, or a JSON file there cannot be read; names the path."""


def _flatten(prefix: str, value: Mapping[str, Any] | None, template: Iterable[str] = ()) -> dict[str, Any]:
    """One level of a nested object as `prefix_key` columns (None for every expected key when absent)."""
    row: dict[str, Any] = {f"{prefix}_{key}": None for key in template}
    for key, item in (value or {}).items():
        row[f"{prefix}_{key}"] = item
    return row


_SUMMARY_KEYS = ("text", "sentences", "key_points", "who_said_what", "themes", "method")


def speaker_lookup(record: Mapping[str, Any]) -> dict[str, str]:
    """Map of every name and alias of the document's speakers (and the name lower-cased) to the JSON id."""
    lookup: dict[str, str] = {}
    for speaker in record.get("speakers") or []:
        for form in [speaker.get("name"), *(speaker.get("aliases") or [])]:
            if form:
                lookup.setdefault(form, speaker["id"])
                lookup.setdefault(form.lower(), speaker["id"])
    return lookup


def _speaker_id(lookup: Mapping[str, str], name: str | None) -> str | None:
    if not name:
        return None
    return lookup.get(name) or lookup.get(name.lower())


def _rows(record: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one analysis (JSON form)."""
    doc_id = document_id(record)
    document = record.get("document") or {}
    lookup = speaker_lookup(record)
    labels = {t["id"]: t.get("label") for t in record.get("themes") or []}
    speakers = record.get("speakers") or []
    quotes = record.get("quotes") or []
    turns = record.get("turns") or []
    sessions = record.get("sessions") or []
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in (*TABLE_NAMES, *OPTIONAL_TABLES)}

    def sid(local: str | None) -> str | None:
        return scoped(doc_id, local)

    out["documents"].append({
        "id": doc_id,
        "file_name": file_name(str(document.get("source", ""))),
        **document,
        **{"schema_version": record.get("schema_version"), "n_sessions": len(sessions), "n_speakers": len(speakers),
           "n_quotes": len(quotes), "n_turns": len(turns), "themes": [t["id"] for t in record.get("themes") or []]},
        **_flatten("summary", record.get("summary"), _SUMMARY_KEYS),
    })
    out["documents"][-1]["id"] = doc_id  # a `document.id` field in the JSON is the same id
    for session in sessions:
        row = {"id": sid(session["id"]), "document_id": doc_id, "local_id": session["id"]}
        for key, value in session.items():
            if key in ("id", "summary", "decisions", "actions"):
                continue
            row[key] = value
        row["speaker_ids"] = [sid(_speaker_id(lookup, name)) for name in session.get("speakers") or []]
        row.update(_flatten("summary", session.get("summary"), _SUMMARY_KEYS))
        out["sessions"].append(row)
        for rank, phrase in enumerate(session.get("keyphrases") or [], start=1):
            out["keyphrases"].append({"id": f"{sid(session['id'])}:k{rank}", "document_id": doc_id,
                                      "session_id": sid(session["id"]), "rank": rank, **phrase})
        for table in OPTIONAL_TABLES:
            for rank, item in enumerate(session.get(table) or [], start=1):
                fields = dict(item) if isinstance(item, Mapping) else {"text": item}
                local = fields.pop("id", None) or f"{table[0]}{rank}"
                if fields.get("speaker_id") or fields.get("who"):
                    fields["speaker_id"] = sid(fields.get("speaker_id") or _speaker_id(lookup, fields.get("who")))
                out[table].append({"id": f"{sid(session['id'])}:{local}", "document_id": doc_id,
                                   "session_id": sid(session["id"]), "rank": rank, "local_id": local, **fields})
    quote_counts: dict[str, int] = {}
    turn_counts: dict[str, int] = {}
    for quote in quotes:
        if quote.get("speaker_id"):
            quote_counts[quote["speaker_id"]] = quote_counts.get(quote["speaker_id"], 0) + 1
        out["quotes"].append({"id": sid(quote["id"]), "document_id": doc_id, "local_id": quote["id"],
                              "session_id": sid(quote.get("session")), **_without(quote, "id"),
                              "speaker_id": sid(quote.get("speaker_id"))})
    for turn in turns:
        local_speaker = turn.get("speaker_id") or _speaker_id(lookup, turn.get("speaker"))
        if local_speaker:
            turn_counts[local_speaker] = turn_counts.get(local_speaker, 0) + 1
        out["turns"].append({"id": sid(turn["id"]), "document_id": doc_id, "local_id": turn["id"],
                             "session_id": sid(turn.get("session")), **_without(turn, "id"),
                             "speaker_id": sid(local_speaker)})
    for speaker in speakers:
        out["speakers"].append({"id": sid(speaker["id"]), "document_id": doc_id, "local_id": speaker["id"],
                                **_without(speaker, "id"), "n_quotes": quote_counts.get(speaker["id"], 0),
                                "n_turns": turn_counts.get(speaker["id"], 0)})
        for score in speaker.get("themes") or []:
            out["themes"].append({"document_id": doc_id, "scope": "speaker", "session_id": None,
                                  "speaker_id": sid(speaker["id"]), "theme_id": score["id"],
                                  "theme_label": labels.get(score["id"]), "score": score["score"]})
    for theme in record.get("themes") or []:
        out["themes"].append({"document_id": doc_id, "scope": "document", "session_id": None, "speaker_id": None,
                              "theme_id": theme["id"], "theme_label": theme.get("label"), "score": theme["score"]})
        for n, evidence in enumerate(theme.get("evidence") or [], start=1):
            out["theme_evidence"].append({
                "id": f"{doc_id}:{theme['id']}:e{n}", "document_id": doc_id, "theme_id": theme["id"],
                "theme_label": theme.get("label"), "session_id": sid(evidence.get("session")),
                "speaker_id": sid(_speaker_id(lookup, evidence.get("speaker"))), **evidence,
            })
    for session in sessions:
        for score in session.get("themes") or []:
            out["themes"].append({"document_id": doc_id, "scope": "session", "session_id": sid(session["id"]),
                                  "speaker_id": None, "theme_id": score["id"], "theme_label": labels.get(score["id"]),
                                  "score": score["score"]})
    return out


def _without(mapping: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k not in keys}


def corpus_frames(analyses: Sequence[BaseModel | Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """All tables for a set of analyses (`Analysis` objects or their JSON dicts), keyed by table name.

    `decisions` and `actions` are included only when some session has them.
    """
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (*TABLE_NAMES, *OPTIONAL_TABLES)}
    for analysis in analyses:
        for name, table_rows in _rows(as_record(analysis)).items():
            rows[name].extend(table_rows)
    frames: dict[str, pd.DataFrame] = {}
    for name, table_rows in rows.items():
        if name in OPTIONAL_TABLES and not table_rows:
            continue
        columns = list(COLUMNS[name])
        for row in table_rows:
            columns.extend(key for key in row if key not in columns)
        frames[name] = pd.DataFrame(table_rows, columns=columns)
    return frames


def _holds_text(series: pd.Series) -> bool:
    """Whether a column may hold text, lists or objects (not numbers or booleans)."""
    return not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series))


def _escape_cell(value: Any) -> Any:
    """A cell as CSV text: lists and objects as JSON; text that would run as a formula gets an apostrophe."""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and (
        value.startswith(FORMULA_TRIGGERS) or (value.startswith(FORMULA_ESCAPE) and value[1:].startswith((*FORMULA_TRIGGERS, FORMULA_ESCAPE)))
    ):
        return FORMULA_ESCAPE + value
    return value


def _unescape_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_ESCAPE) and value[1:].startswith((*FORMULA_TRIGGERS, FORMULA_ESCAPE)):
        return value[1:]
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV: list cells as JSON, formula-like cells escaped (see the module docstring)."""
    escaped = frame.copy()
    for column in escaped.columns:
        if _holds_text(escaped[column]):
            escaped[column] = escaped[column].map(_escape_cell).astype(object)
    return escaped.to_csv(index=False, lineterminator="\n")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as Parquet (pyarrow), with list columns as real lists."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def write_frame(frame: pd.DataFrame, stem: Path) -> list[Path]:
    """Write `stem.csv` and `stem.parquet`, both atomically; returns the paths written."""
    payloads = {stem.with_suffix(".csv"): csv_text(frame).encode("utf-8"), stem.with_suffix(".parquet"): parquet_bytes(frame)}
    for path, data in payloads.items():
        write_atomic(path, data)
    return list(payloads)


def write_tables(analyses: Sequence[BaseModel | Mapping[str, Any]], out_dir: Path) -> list[Path]:
    """Write every table of `analyses` to `out_dir/tables/` as CSV and Parquet; returns the paths written.

    All tables are encoded before the first file is written, so an encoding error leaves no partial set.
    """
    folder = out_dir / TABLES_FOLDER
    encoded: dict[Path, bytes] = {}
    for name, frame in corpus_frames(analyses).items():
        encoded[folder / f"{name}.csv"] = csv_text(frame).encode("utf-8")
        encoded[folder / f"{name}.parquet"] = parquet_bytes(frame)
    for path, data in encoded.items():
        write_atomic(path, data)
    return list(encoded)


def is_notulist_output(data: object) -> bool:
    """Whether a parsed JSON value looks like one notulist output (`schema_version`, `document`, `sessions`)."""
    return isinstance(data, dict) and {"schema_version", "document", "sessions"} <= data.keys()


def read_output_files(out_dir: Path, *, problems: list[str] | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """The notulist JSON outputs in a folder (not recursive) with their paths, sorted by file name.

    Other JSON files are skipped. A JSON file that cannot be read raises `OutputsError`, or, when a
    `problems` list is given, is named there with the reason and left out. Raises `OutputsError` when the
    folder does not exist or holds no readable notulist output at all.
    """
    if not out_dir.is_dir():
        raise OutputsError(f"{out_dir}: not a folder of notulist outputs")
    found = []
    for path in sorted(out_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            message = f"{path}: cannot be read as JSON ({err})"
            if problems is None:
                raise OutputsError(message) from err
            problems.append(message)
            continue
        except (RecursionError, ValueError) as err:  # nested too deeply, or a number too long for Python
            message = f"{path}: cannot be read as JSON ({type(err).__name__}: nested too deeply or a number too long)"
            if problems is None:
                raise OutputsError(message) from err
            problems.append(message)
            continue
        if is_notulist_output(data):
            invalid = _invalid_output(data)
            if invalid is not None:
                message = f"{path}: not a valid notulist output ({invalid})"
                if problems is None:
                    raise OutputsError(message)
                problems.append(message)
                continue
            found.append((path, data))
    if not found:
        raise OutputsError(f"{out_dir}: no notulist output (*.json with schema_version and document) in this folder")
    return found


def _invalid_output(data: dict[str, Any]) -> str | None:
    """None when the data follows the output contract, else the first problem (field and message)."""
    from pydantic import ValidationError

    from pipeline.outputs.model import Analysis

    try:
        Analysis.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return None


def read_outputs(out_dir: Path, *, problems: list[str] | None = None) -> list[dict[str, Any]]:
    """The notulist JSON outputs in a folder as dicts (see `read_output_files`)."""
    return [record for _, record in read_output_files(out_dir, problems=problems)]


def _decode_json_column(series: pd.Series) -> pd.Series:
    """A CSV column whose every cell is a JSON list or object, decoded; any other column unchanged."""
    values = series.dropna()
    if values.empty or not all(isinstance(v, str) and v[:1] in "[{" for v in values):
        return series
    try:
        return series.map(lambda v: json.loads(v) if isinstance(v, str) else v)
    except ValueError:
        return series


def _plain(value: Any) -> Any:
    """Parquet cells as plain Python: arrays → lists, recursively (also inside structs)."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def load_outputs(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """The tables of an output folder as DataFrames, keyed by table name (`documents`, `quotes`, …).

    Reads `OUT/tables/*.parquet` (lists as lists); a table with only a CSV file is read from the CSV with
    its JSON list cells decoded and the formula escapes undone. When `OUT/tables/` does not exist, the
    tables are built from the JSON files in `OUT`. Raises `OutputsError` when there is nothing to load.
    """
    out_dir = Path(out_dir)
    folder = out_dir / TABLES_FOLDER
    if not folder.is_dir():
        return corpus_frames(read_outputs(out_dir))
    frames: dict[str, pd.DataFrame] = {}
    for name in (*TABLE_NAMES, *OPTIONAL_TABLES):
        parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
        if parquet.is_file():
            frame = pd.read_parquet(parquet)
            for column in frame.columns:
                if _holds_text(frame[column]):
                    frame[column] = frame[column].map(_plain)
        elif csv.is_file():
            frame = pd.read_csv(csv, keep_default_na=False, na_values=[""])
            for column in frame.columns:
                if _holds_text(frame[column]):
                    frame[column] = _decode_json_column(frame[column].map(_unescape_cell))
        else:
            continue
        frames[name] = frame
    if not frames:
        raise OutputsError(f"{folder}: no tables (run `notulist tables {out_dir}`)")
    return frames
