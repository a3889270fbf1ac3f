"""Export outputs as a ConvoKit corpus (https://convokit.cornell.edu/documentation/data_format.html).

Files: `utterances.jsonl` (one JSON object a line: id, speaker, conversation_id, reply_to, timestamp, text,
meta, vectors), `speakers.json` and `conversations.json` (id → {"meta": …, "vectors": []}), `corpus.json`
(corpus metadata) and `index.json` (the type of every metadata field, as ConvoKit writes it).

Mapping: a session of a document is a conversation. In a turn transcript every turn is an utterance that
replies to the turn before it in the same session; in a prose report every quote is an utterance of its
speaker, and `reply_to` links it to the quote before it in the session — text order, not a real answer
(`meta.kind` says which), so that every session is one valid ConvoKit thread. `conversation_id` is the id
of the session's first utterance, as the format asks. `timestamp` is the turn's start in seconds when the
transcript has times; otherwise the utterance's position in the document (0, 1, 2, …), so that ConvoKit's
chronological order is the document's order. Ids are the tables' ids (`<document id>:t3`,
`<document id>:sp1`), so an utterance joins the `turns`/`quotes` table and a speaker the `speakers` table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pipeline import __version__
from pipeline.outputs.ids import as_record, document_id, file_name, scoped, slug
from pipeline.outputs.tables import speaker_lookup
from pipeline.outputs.writer import write_atomic

CORPUS_FILES = ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json")
INDEX_VERSION = 1
UNKNOWN_SPEAKER = "unknown"


def _type_name(values: Sequence[Any]) -> list[str]:
    """ConvoKit's index entry for a metadata field: the Python type of its values, as `str(type(v))`."""
    for value in values:
        if value is not None:
            return [str(type(value))]
    return [str(type(None))]


def _index(objects: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[Any]] = {}
    for meta in objects:
        for key, value in meta.items():
            fields.setdefault(key, []).append(value)
    return {key: _type_name(values) for key, values in fields.items()}


def convokit_corpus(analyses: Sequence[BaseModel | Mapping[str, Any]]) -> dict[str, Any]:
    """The five parts of a ConvoKit corpus for a set of analyses: `utterances` (a list), `speakers`,
    `conversations` (id → entry), `corpus` (metadata) and `index`."""
    utterances: list[dict[str, Any]] = []
    speakers: dict[str, dict[str, Any]] = {}
    conversations: dict[str, dict[str, Any]] = {}
    documents = []
    for analysis in analyses:
        record = as_record(analysis)
        doc_id = document_id(record)
        document = record.get("document") or {}
        documents.append(doc_id)
        lookup = speaker_lookup(record)
        for speaker in record.get("speakers") or []:
            speakers[scoped(doc_id, speaker["id"]) or ""] = {"meta": {
                "name": speaker["name"], "type": speaker.get("type"), "roles": speaker.get("roles") or [],
                "organisations": speaker.get("organisations") or [], "aliases": speaker.get("aliases") or [],
                "document_id": doc_id}, "vectors": []}

        def speaker_id(name: str | None, local: str | None, *, doc_id: str = doc_id,
                       lookup: Mapping[str, str] = lookup) -> str:
            local = local or (lookup.get(name) if name else None) or (lookup.get(name.lower()) if name else None)
            if local:
                return scoped(doc_id, local) or ""
            key = scoped(doc_id, f"{UNKNOWN_SPEAKER}-{slug(name)}" if name else UNKNOWN_SPEAKER) or ""
            speakers.setdefault(key, {"meta": {"name": name, "type": "unknown", "roles": [], "organisations": [],
                                               "aliases": [], "document_id": doc_id}, "vectors": []})
            return key

        turns = record.get("turns") or []
        items = turns if turns else record.get("quotes") or []
        timed = bool(turns) and all(t.get("start_time") is not None for t in turns)
        previous: dict[str, str] = {}
        for position, item in enumerate(items):
            session = item.get("session") or "s1"
            conversation = scoped(doc_id, session) or ""
            utterance_id = scoped(doc_id, item["id"]) or ""
            first = conversations.setdefault(conversation, {"first": utterance_id, "session": session})["first"]
            meta: dict[str, Any] = {"document_id": doc_id, "session_id": conversation, "start": item["start"],
                                    "end": item["end"]}
            if turns:
                meta.update({"kind": "turn", "start_time": item.get("start_time"), "end_time": item.get("end_time")})
            else:
                meta.update({"kind": item["kind"], "cue": item.get("cue"), "attribution": item.get("attribution"),
                             "pull_quote_also": item.get("pull_quote_also", False)})
            utterances.append({
                "id": utterance_id,
                "speaker": speaker_id(item.get("speaker"), item.get("speaker_id")),
                "conversation_id": first,
                "reply_to": previous.get(conversation),
                "timestamp": item["start_time"] if timed else position,
                "text": item["text"],
                "meta": meta,
                "vectors": [],
            })
            previous[conversation] = utterance_id
        sessions = {s["id"]: s for s in record.get("sessions") or []}
        for conversation in [c for c in conversations if c.startswith(f"{doc_id}:")]:
            entry = conversations[conversation]
            if "meta" in entry:
                continue
            session = sessions.get(entry["session"], {})
            conversations[conversation] = {"first": entry["first"], "session": entry["session"], "meta": {
                "document_id": doc_id, "session_id": conversation, "session_title": session.get("title"),
                "document_title": document.get("title"), "file_name": file_name(str(document.get("source", ""))),
                "format": document.get("format")}, "vectors": []}
    # ConvoKit keys conversations by their id, which is the id of their first utterance
    by_first = {entry["first"]: {"meta": entry["meta"], "vectors": []} for entry in conversations.values()}
    corpus_meta = {"name": "notulist export", "notulist_version": __version__, "documents": documents}
    index = {
        "utterances-index": _index([u["meta"] for u in utterances]),
        "speakers-index": _index([s["meta"] for s in speakers.values()]),
        "conversations-index": _index([c["meta"] for c in by_first.values()]),
        "overall-index": _index([corpus_meta]),
        "version": INDEX_VERSION,
        "vectors": [],
    }
    return {"utterances": utterances, "speakers": speakers, "conversations": by_first, "corpus": corpus_meta, "index": index}


def write_convokit(analyses: Sequence[BaseModel | Mapping[str, Any]], out_dir: Path) -> list[Path]:
    """Write the corpus files (see `CORPUS_FILES`) into `out_dir`, each atomically; returns their paths."""
    corpus = convokit_corpus(analyses)
    payloads = {
        "utterances.jsonl": "".join(json.dumps(u, ensure_ascii=False) + "\n" for u in corpus["utterances"]),
        "speakers.json": json.dumps(corpus["speakers"], ensure_ascii=False, indent=1),
        "conversations.json": json.dumps(corpus["conversations"], ensure_ascii=False, indent=1),
        "corpus.json": json.dumps(corpus["corpus"], ensure_ascii=False, indent=1),
        "index.json": json.dumps(corpus["index"], ensure_ascii=False, indent=1),
    }
    written = []
    for name in CORPUS_FILES:
        write_atomic(out_dir / name, payloads[name])
        written.append(out_dir / name)
    return written
