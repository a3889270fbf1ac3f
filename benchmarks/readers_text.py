"""Reading speed of the plain-text transcript layouts and the ParlaMint readers in MB/s.

Each layout gets a synthetic meeting of about `--mb` MB (generated here, no shared data; speech paragraphs of
four sentences, about 250 characters, as in Handelingen paragraphs and Teams exports) and is read through
`read_bytes` (detection, the reader and `resolve_labels`, as a user gets it), best of `--runs`; the ratio of
the time per MB at full size to that at a tenth of the size shows whether a reader is linear (about 1).
Target: at least 5 MB/s per reader.

Usage: python benchmarks/readers_text.py [--mb 5] [--runs 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.ingest import read_bytes

SPEAKERS = ["De voorzitter", "Mevrouw HOEKSTRA (GroenLinks)", "De heer Van Dam (VVD)", "Wethouder Karin Smit", "mevrouw Hoekstra"]
NAMES = ["Marloes Dijkstra", "Joris Bakker", "Karin Smit", "Ahmed Yilmaz"]
LINES = [
    "Goedemiddag, we beginnen met de begroting voor het komende jaar.",
    "De cijfers staan in de bijlage en zijn vorige week rondgestuurd.",
    "Ik wil nog iets zeggen over de planning van de nieuwe brug.",
    "Dat klopt, maar de grondprijs is sinds de zomer flink gestegen.",
]
PID = "ParlaMint-NL_2030-01-01-tweedekamer-1"


def para(i: int) -> str:
    """Four sentences of speech (about 250 characters)."""
    return " ".join(LINES[(i + k) % 4] for k in range(4))


def clock(seconds: int) -> str:
    """"m:ss" below an hour, "h:mm:ss" after, as Teams and Otter write offsets."""
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def make_inline(n: int) -> str:
    return "Notulen\n\n" + "".join(f"{SPEAKERS[i % 5]}: {para(i)}\n" for i in range(n))


def make_handelingen(n: int) -> str:
    parts = ["Regeling van werkzaamheden\n\nVoorzitter: Arib\n"]
    for i in range(n):
        parts.append(f"\n{SPEAKERS[i % 5]}:\n\n{para(i)}\n\n{para(i + 1)}\n")
        if i % 50 == 49:
            parts.append("\nDaartoe wordt besloten.\n")
    return "".join(parts)


def make_teams(n: int) -> str:
    return "Overleg\n\n" + "".join(f"{NAMES[i % 4]}   {clock(i)}\n{para(i)}\n{para(i + 1)}\n\n" for i in range(n))


def make_council(n: int) -> str:
    parts = ["Commissie\n\n"]
    for i in range(n):
        if i % 40 == 0:
            parts.append(f" • {i // 40 + 1} Agendapunt\n")
        parts.append(f"  • {clock(i)} {NAMES[i % 4]}\n   raadslid VVD\n   {NAMES[i % 4]}\n   {para(i)}\n")
    return "".join(parts)


def make_tei(n: int) -> str:
    body = []
    for i in range(n):
        who = NAMES[i % 4].replace(" ", "")
        body.append(
            f'<note type="speaker">De heer {NAMES[i % 4].split()[-1]} (VVD)</note>\n'
            f'<u who="#{who}" ana="{"#chair" if i % 4 == 0 else "#regular"}" xml:id="{PID}.u{i + 1}">'
            f'<seg xml:id="{PID}.seg{i + 1}">{para(i)}</seg></u>\n'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{PID}"><teiHeader/>'
        f'<text><body><div type="debateSection"><head>Debat</head>\n{"".join(body)}</div></body></text></TEI>\n'
    )


def make_parlamint_txt(n: int) -> str:
    return "".join(f"{PID}.u{i + 1}\t{para(i)}\n" for i in range(n))


def make_meta(n: int) -> str:
    head = "Text_ID\tID\tSpeaker_role\tSpeaker_minister\tSpeaker_party\tSpeaker_ID\tSpeaker_name\n"
    rows = []
    for i in range(n):
        given, surname = NAMES[i % 4].split()
        rows.append(f"{PID}\t{PID}.u{i + 1}\t{'Voorzitter' if i % 4 == 0 else 'Vast'}\tnotMinister\tVVD\t{given}{surname}\t{surname}, {given}\n")
    return head + "".join(rows)


#: name → (generator of n turns, file name)
LAYOUTS: dict[str, tuple[Callable[[int], str], str]] = {
    "turns-inline": (make_inline, "x.txt"),
    "turns-handelingen": (make_handelingen, "x.txt"),
    "turns-teams": (make_teams, "x.txt"),
    "turns-council": (make_council, "x.txt"),
    "parlamint-tei": (make_tei, f"{PID}.xml"),
    "parlamint-txt": (make_parlamint_txt, f"{PID}.txt"),
}


def sized(make: Callable[[int], str], megabytes: float) -> tuple[str, int]:
    n = 2000
    probe = len(make(n).encode())
    n = max(1, int(n * megabytes * 1e6 / probe))
    return make(n), n


def best_seconds(name: str, text: str, n: int, folder: Path, runs: int) -> float:
    path = folder / LAYOUTS[name][1]
    path.write_text(text, encoding="utf-8")
    if name == "parlamint-txt":
        (folder / f"{PID}-meta.tsv").write_text(make_meta(n), encoding="utf-8")
    data = path.read_bytes()
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        transcript = read_bytes(data, source=path.name, path=path)
        best = min(best, time.perf_counter() - started)
        turns = sum(1 for b in transcript.blocks if b.speaker)
        assert turns >= n, (name, turns, n)  # every generated turn came out as a turn
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    print(f"{'reader':<20} {'MB':>6} {'s':>7} {'MB/s':>7} {'s/MB full : tenth':>18}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (make, _) in LAYOUTS.items():
            if args.only and name not in args.only:
                continue
            text, n = sized(make, args.mb)
            small, n_small = sized(make, args.mb / 10)
            mb, mb_small = len(text.encode()) / 1e6, len(small.encode()) / 1e6
            seconds = best_seconds(name, text, n, folder, args.runs)
            seconds_small = best_seconds(name, small, n_small, folder, args.runs)
            ratio = (seconds / mb) / (seconds_small / mb_small)
            print(f"{name:<20} {mb:>6.2f} {seconds:>7.2f} {mb / seconds:>7.2f} {ratio:>18.2f}")


if __name__ == "__main__":
    main()
