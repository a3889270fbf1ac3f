"""Reading speed of the timed-transcript readers (WebVTT, SRT, speech-to-text JSON, Word .docx) in MB/s.

Each reader gets a synthetic meeting of about `--mb` MB in its own format (generated here, no shared data),
read best of `--runs` (CPU time of this process, and wall clock); also the time per MB at a tenth of the size, so a reader that is not linear in its
input shows as a ratio well above 1. Target: at least 5 MB/s per reader. For .docx the MB are those of the
unpacked `word/document.xml` (the zip file is several times smaller; its size is printed too).

Usage: python benchmarks/readers.py [--mb 5] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import time
import zipfile
from collections.abc import Callable

import docx

from pipeline.ingest.model import Transcript
from pipeline.ingest.readers.docx import read_docx
from pipeline.ingest.readers.srt import read_srt
from pipeline.ingest.readers.stt_json import read_stt_json
from pipeline.ingest.readers.vtt import read_vtt
from pipeline.ingest.registry import ReadContext

SPEAKERS = ["Marloes Dijkstra", "Joris Bakker", "Wethouder Karin Smit (GroenLinks)", "Ahmed Yilmaz"]
LINES = [
    "Goedemiddag, we beginnen met de begroting voor het komende jaar.",
    "De cijfers staan in de bijlage &amp; zijn vorige week rondgestuurd.",
    "Ik wil nog iets zeggen over de planning van de nieuwe brug.",
    "Dat klopt, maar de grondprijs is sinds de zomer flink gestegen.",
]


def _cue(i: int) -> tuple[str, str, float]:
    return SPEAKERS[(i // 3) % len(SPEAKERS)], LINES[i % len(LINES)], i * 2.5


def _clock(seconds: float, sep: str) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}{sep}{int(seconds * 1000) % 1000:03d}"


def make_vtt(n: int) -> bytes:
    parts = ["WEBVTT\n"]
    for i in range(n):
        speaker, line, t = _cue(i)
        parts.append(f"\n3f2c9a10-1b2d-4e5f-9a8b-0c1d2e3f4a5b/{i}-0\n{_clock(t, '.')} --> {_clock(t + 2, '.')}\n<v {speaker}>{line}\nen verder.</v>\n")
    return "".join(parts).encode()


def make_srt(n: int) -> bytes:
    parts = []
    for i in range(n):
        speaker, line, t = _cue(i)
        parts.append(f"{i + 1}\n{_clock(t, ',')} --> {_clock(t + 2, ',')}\n{speaker}: {line.replace('&amp;', 'en')}\nen verder.\n\n")
    return "".join(parts).encode()


def make_json(n: int) -> bytes:
    segments = []
    for i in range(n):
        speaker, line, t = _cue(i)
        words = [{"word": w, "start": t, "end": t + 0.1, "score": 0.9, "speaker": f"SPEAKER_{i // 3 % 4:02d}"} for w in line.split()]
        segments.append({"start": t, "end": t + 2, "text": " " + line, "speaker": f"SPEAKER_{i // 3 % 4:02d}", "words": words})
    return json.dumps({"segments": segments, "language": "nl"}, ensure_ascii=False).encode()


def make_docx(n: int) -> bytes:
    """Teams-style Word transcript; words shuffled (seeded) so that it compresses like real text."""
    rng = random.Random(0)
    words = " ".join(LINES).replace("&amp;", "en").split()
    document = docx.Document()
    document.add_paragraph("Overleg begroting-20260312_100000-Meeting Recording")
    for i in range(0, n, 3):
        speaker, _, t = _cue(i)
        document.add_paragraph(f"{speaker}   {int(t) // 60}:{int(t) % 60:02d}")
        document.add_paragraph(" ".join(rng.choice(words) for _ in range(36)) + ".")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


#: name → (reader, generator of an input of n cues, file name)
FORMATS: dict[str, tuple[Callable[[bytes, ReadContext], Transcript], Callable[[int], bytes], str]] = {
    "vtt": (read_vtt, make_vtt, "x.vtt"),
    "srt": (read_srt, make_srt, "x.srt"),
    "json": (read_stt_json, make_json, "x.json"),
    "docx": (read_docx, make_docx, "x.docx"),
}


def measured_size(data: bytes) -> int:
    """Bytes of the input: the file, or for a .docx the unpacked `word/document.xml` (a zip's size says
    little about how much text it holds)."""
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.getinfo("word/document.xml").file_size
    return len(data)


def sized(make: Callable[[int], bytes], megabytes: float) -> bytes:
    """Input of about `megabytes` MB (10^6 bytes as measured by `measured_size`)."""
    n = 2000
    probe = measured_size(make(n))
    return make(max(1, int(n * megabytes * 1e6 / probe)))


def best_seconds(read: Callable[[bytes, ReadContext], Transcript], data: bytes, name: str, runs: int) -> tuple[float, float]:
    """Best CPU seconds and best wall-clock seconds of `runs` reads (CPU time is what the reader itself
    costs; on a shared machine the wall clock also counts the waits for a core)."""
    best_cpu = best_wall = float("inf")
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        transcript = read(data, ReadContext(name))
        best_cpu, best_wall = min(best_cpu, time.process_time() - cpu), min(best_wall, time.perf_counter() - wall)
        assert transcript.blocks
    return best_cpu, best_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="input size per format in MB")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'reader':10} {'MB':>6} {'file MB':>8} {'CPU s':>7} {'MB/s CPU':>9} {'MB/s wall':>10} {'s/MB ratio full/tenth':>22}")
    for name, (read, make, filename) in FORMATS.items():
        big, small = sized(make, args.mb), sized(make, args.mb / 10)
        (t_big, wall_big), (t_small, _) = best_seconds(read, big, filename, args.runs), best_seconds(read, small, filename, args.runs)
        size_big, size_small = measured_size(big), measured_size(small)
        ratio = (t_big / size_big) / (t_small / size_small)
        mb = size_big / 1e6
        print(f"{name:10} {mb:6.2f} {len(big) / 1e6:8.2f} {t_big:7.3f} {mb / t_big:9.1f} {mb / wall_big:10.1f} {ratio:22.2f}")


if __name__ == "__main__":
    main()
