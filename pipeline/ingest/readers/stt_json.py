"""Speech-to-text JSON to turns: Whisper, WhisperX, AssemblyAI and Deepgram.

- Whisper (`segments[]` with `start`, `end`, `text`; no speakers): turns with speaker unknown and a warning.
- WhisperX (`segments[].speaker`, sometimes missing; then the most frequent `words[].speaker` decides).
- AssemblyAI (`utterances[]`, `speaker` "A", times in milliseconds): label "Speaker A"; without speaker
  labels (`utterances` null) its `words[]` give turns with speaker unknown.
- Deepgram (`results.utterances[]`, `speaker` an integer, seconds): label "Speaker 0"; without utterances the
  words of the first channel (`punctuated_word`, `speaker`) are grouped, else its `transcript` is one turn.
A bare list of segments is read as Whisper segments.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import replace
from typing import Any

from pipeline.ingest.cues import Cue, TimeIssues, build_transcript, decode_or_refuse, head_text
from pipeline.ingest.encoding import replace_controls
from pipeline.ingest.model import Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, register

#: Keys whose presence near the start of a JSON file marks a speech-to-text result.
_SNIFF_KEYS = re.compile(r'"(?:segments|utterances|results)"\s*:')
_MS_PER_S = 1000.0


def _timed(issues: TimeIssues, where: str, text: str, speaker: str | None, item: dict[str, Any], scale: float = 1.0) -> Cue:
    """A cue whose `start`/`end` come from `item`; unusable times (text, NaN, infinite, negative, an end before the
    start) are left out and counted in `issues` with `where` (the JSON path of the item)."""
    start = issues.seconds(item.get("start"), f"{where}.start", scale=scale)
    end = issues.seconds(item.get("end"), f"{where}.end", scale=scale)
    start, end = issues.checked(start, end, where)
    return Cue(text, speaker, start, end)


def _text(value: Any, issues: TimeIssues | None = None, where: str = "") -> str:
    """A speech text; a value that is no string (a number, a list) is left out and counted in `issues`."""
    if isinstance(value, str):
        return value
    if value is not None and issues is not None:
        issues.note("speech text(s) that are no string left out", where)
    return ""


def _label(value: Any, prefix: str = "") -> str | None:
    """A speaker label: strings stay as they are (with `prefix` for bare letters/numbers), numbers get `prefix`."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return f"{prefix}{value}"
    if isinstance(value, str) and value.strip():
        value = value.strip()
        return f"{prefix}{value}" if prefix and len(value) <= 3 and value.isalnum() else value
    return None


def _items(value: Any, where: str, source: str) -> list[dict[str, Any]]:
    """A JSON list of objects; raises `InputError` naming the key when it is anything else."""
    if not isinstance(value, list):
        raise InputError(source, f"'{where}' is not a list")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise InputError(source, f"'{where}[{i}]' is not an object")
    return value


def _word_speaker(words: Any) -> str | None:
    """The most frequent speaker among a segment's words (WhisperX leaves `speaker` off some segments)."""
    if not isinstance(words, list):
        return None
    counts = Counter(_label(w.get("speaker"), "Speaker ") for w in words if isinstance(w, dict))
    counts.pop(None, None)
    return counts.most_common(1)[0][0] if counts else None


def _segments(segments: list[dict[str, Any]], where: str, issues: TimeIssues) -> list[Cue]:
    return [
        _timed(issues, f"{where}[{i}]", _text(s.get("text"), issues, f"{where}[{i}].text"), _label(s.get("speaker"), "Speaker ") or _word_speaker(s.get("words")), s)
        for i, s in enumerate(segments)
    ]


def _assemblyai(utterances: list[dict[str, Any]], where: str, issues: TimeIssues) -> list[Cue]:
    return [
        _timed(issues, f"{where}[{i}]", _text(u.get("text"), issues, f"{where}[{i}].text"), _label(u.get("speaker"), "Speaker "), u, _MS_PER_S)
        for i, u in enumerate(utterances)
    ]


def _deepgram(results: dict[str, Any], source: str, issues: TimeIssues) -> list[Cue]:
    if "utterances" in results:
        return [
            _timed(issues, f"results.utterances[{i}]", _text(u.get("transcript"), issues, f"results.utterances[{i}].transcript"), _label(u.get("speaker"), "Speaker "), u)
            for i, u in enumerate(_items(results["utterances"], "results.utterances", source))
        ]
    channels = _items(results.get("channels", []), "results.channels", source)
    alternatives = _items(channels[0].get("alternatives", []), "results.channels[0].alternatives", source) if channels else []
    if not alternatives:
        return []
    best = alternatives[0]
    words = best.get("words")
    if isinstance(words, list) and words and all(isinstance(w, dict) for w in words):
        return [
            _timed(issues, f"results.channels[0].alternatives[0].words[{i}]", _text(w.get("punctuated_word")) or _text(w.get("word"), issues, f"results.channels[0].alternatives[0].words[{i}].word"),
                   _label(w.get("speaker"), "Speaker "), w)
            for i, w in enumerate(words)
        ]
    return [Cue(_text(best.get("transcript"), issues, "results.channels[0].alternatives[0].transcript"))]


def cues_of(payload: Any, source: str, issues: TimeIssues | None = None) -> tuple[list[Cue], str]:
    """The cues of a parsed speech-to-text result and the name of its kind; `InputError` for other JSON.

    Times that cannot be used are left out of the cues and counted in `issues` (the text is kept).
    """
    issues = issues if issues is not None else TimeIssues()
    if isinstance(payload, list):
        return _segments(_items(payload, "[]", source), "", issues), "Whisper segments"
    if not isinstance(payload, dict):
        raise InputError(source, "JSON that is not a speech-to-text result (expected an object with 'segments' or 'utterances')")
    if "segments" in payload:
        return _segments(_items(payload["segments"], "segments", source), "segments", issues), "Whisper segments"
    if payload.get("utterances") is not None:
        return _assemblyai(_items(payload["utterances"], "utterances", source), "utterances", issues), "AssemblyAI utterances"
    if "utterances" in payload and isinstance(payload.get("words"), list):
        # AssemblyAI without speaker labels: "utterances" is null, the words (milliseconds) carry the text.
        return _assemblyai(_items(payload["words"], "words", source), "words", issues), "AssemblyAI words"
    if isinstance(payload.get("results"), dict):
        return _deepgram(payload["results"], source, issues), "Deepgram results"
    if isinstance(payload.get("results"), list):
        raise InputError(source, "JSON whose 'results' is a list (Speechmatics or another service): not a speech-to-text layout notulist reads yet")
    if "schema_version" in payload and "document" in payload:
        raise InputError(source, "this is a notulist output file, not a transcript")
    raise InputError(
        source, "JSON without 'segments' (Whisper, WhisperX), 'utterances' (AssemblyAI) or 'results' (Deepgram): not a speech-to-text result notulist reads"
    )


def read_stt_json(data: bytes, context: ReadContext) -> Transcript:
    """Turns of a speech-to-text JSON result; raises `InputError` for invalid JSON, other JSON or no speech."""
    decoded = decode_or_refuse(data, context.source)
    try:
        payload = json.loads(decoded.text)
    except json.JSONDecodeError as err:
        raise InputError(context.source, f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from err
    except RecursionError as err:
        raise InputError(context.source, "JSON nested too deeply to read") from err
    except ValueError as err:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise InputError(context.source, f"JSON with a number too long to read (more than {_max_digits():,} digits)") from err
    issues = TimeIssues()
    cues, kind = cues_of(payload, context.source, issues)
    cues, controls = _without_controls(cues)
    warnings = [*decoded.warnings, *issues.warnings(), *controls]
    return build_transcript(cues, source=context.source, format="json", warnings=warnings, what=f"{len(cues)} {kind}")


def _without_controls(cues: list[Cue]) -> tuple[list[Cue], list[str]]:
    """The cues with control characters that JSON escapes put in their text or speaker (`\\u001b[2J`, a bell) replaced
    by U+FFFD, as in any other file, and the warning that says how many and in which cue the first was."""
    total = 0
    first: int | None = None
    kept = []
    for index, cue in enumerate(cues):
        text, in_text = replace_controls(cue.text)
        speaker, in_speaker = replace_controls(cue.speaker) if cue.speaker is not None else (None, 0)
        if in_text or in_speaker:
            total += in_text + in_speaker
            first = index if first is None else first
            cue = replace(cue, text=text, speaker=speaker)
        kept.append(cue)
    if not total:
        return cues, []
    return kept, [f"{total} control character{'s' if total != 1 else ''} (JSON escapes such as \\u001b) replaced by U+FFFD "
                  f"(first in speech turn {(first or 0) + 1})"]


def _max_digits() -> int:
    """The longest integer, in digits, that Python's JSON reader converts (4,300 by default)."""
    return sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300


def sniff_stt_json(head: bytes, name: str) -> bool:
    """Any file named .json (the reader then says what kind of JSON it is not), or a JSON object or list whose first
    bytes name `segments`, `utterances` or `results`."""
    text = head_text(head).lstrip("\ufeff \t\r\n")
    return name.endswith(".json") or (text[:1] in ("{", "[") and bool(_SNIFF_KEYS.search(text)))


#: No suffix for folder walks: a folder of inputs often holds JSON that is no transcript (gold files, notulist's
#: own outputs); a .json file named on the command line is still read, found by `sniff_stt_json`.
JSON_WALK_SUFFIXES: frozenset[str] = frozenset()


register(
    Reader(
        "json",
        "speech-to-text JSON (Whisper, WhisperX, AssemblyAI, Deepgram)",
        read_stt_json,
        JSON_WALK_SUFFIXES,
        sniff_stt_json,
        priority=10,
    )
)
