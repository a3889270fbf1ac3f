"""Stable identifiers for the tables, the report and the exports.

A document id must not change with the working directory the command ran in, so it is built from the
input's file name (not its path) and a hash of that name and the content: unique per file name within a corpus. Ids of speakers, quotes, sessions and turns are the
JSON's own ids (`sp1`, `q3`, `s2`, `t12`) prefixed with the document id, so that they are unique across a
corpus and join between tables: `quotes.speaker_id` → `speakers.id`, `*.document_id` → `documents.id`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from pydantic import BaseModel

ID_SEPARATOR = ":"
HASH_CHARS = 10
_UNSAFE = re.compile(r"[^a-z0-9]+")


def as_record(analysis: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    """The JSON form of an analysis (an `Analysis` or the dict read from its JSON file)."""
    if isinstance(analysis, BaseModel):
        return analysis.model_dump(mode="json")
    return dict(analysis)


def file_name(source: str) -> str:
    """The file name of a source path as written in the JSON (POSIX or Windows separators), never a path; an
    absolute POSIX path keeps a backslash in its name ('/data/a\\b.txt' → 'a\\b.txt')."""
    windows = "\\" in source and not source.startswith("/")
    name = PureWindowsPath(source).name if windows else PurePosixPath(source).name
    return name or source


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by '-': 'Overleg Zuid 2.txt' → 'overleg-zuid-2-txt'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _UNSAFE.sub("-", ascii_text).strip("-") or "document"


def document_id(analysis: BaseModel | Mapping[str, Any]) -> str:
    """`<file stem slug>-<10 hex characters>`: the stem of the input's file name and a hash of the file name and
    the analysis.

    When the JSON carries `document.id` (a hash of the file name and the input text), that is used as is.
    Otherwise the hash is the SHA-256 of the file name and the analysis JSON without `document.source`, so the id
    is the same whichever folder the command ran in and whichever path was typed, and differs between documents
    that share a file name and between files whose names slug alike ("a b.txt", "A_B.txt").
    """
    record = as_record(analysis)
    document = dict(record.get("document") or {})
    if document.get("id"):
        return str(document["id"])
    name = file_name(str(document.get("source", "")))
    document.pop("source", None)
    canonical = json.dumps({**record, "document": document}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{slug(_stem(name))}-{_digest(name, canonical)}"


def text_document_id(source: str, text: str) -> str:
    """A document id from the input's file name and its normalised text (`DocumentInfo.id`).

    `<file stem slug>-<10 hex characters of SHA-256 over the file name and the text>`: stable across runs and
    folders for the same file name and text; two files of one corpus with the same text get different ids when
    their names differ, even where the names slug alike ("a b.txt", "a-b.txt", "A_B.txt") or not at all (names
    without a Latin letter or digit all slug to "document").
    """
    name = file_name(source)
    return f"{slug(_stem(name))}-{_digest(name, text)}"


def _stem(name: str) -> str:
    """A file name without its last suffix ('.hidden' keeps its name)."""
    return name.rsplit(".", 1)[0] if "." in name.strip(".") else name


def _digest(name: str, text: str) -> str:
    """`HASH_CHARS` hex characters of the SHA-256 over a file name and a text (the name NUL-terminated)."""
    data = name.encode("utf-8", "surrogatepass") + b"\0" + text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS]


def scoped(doc_id: str, local_id: str | None) -> str | None:
    """A corpus-wide id from a document id and the JSON's own id: ('verslag-1a2b', 'sp1') → 'verslag-1a2b:sp1'."""
    if local_id is None:
        return None
    return f"{doc_id}{ID_SEPARATOR}{local_id}"
