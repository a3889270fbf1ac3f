"""Print the decisions and action items notulist finds in each file, for reading by hand; with `--expect`, also
precision and recall against a list of the decisions and actions a reader marked.

By default only the readers run (fast, no spaCy): sessions and turns come from the file, `who` of a first-person
promise is the turn's speaker and `speaker_id` is linked to the transcript's participants. With `--model M`
the whole analysis runs (`pipeline.process.analyse_file`) and the output's own decisions and actions are shown.

`--expect FILE` is a JSON object: file name → {"decisions": [text, …], "actions": [text or [text, who], …]};
a found item matches an expected one when either text holds the other (white space folded); for an action
given with who, the found `who` must name the same person (either holds the other, case folded) to count
as right. Files missing from it are shown but not counted.

Usage: python benchmarks/decisions_check.py [--model M] [--expect FILE] [--quiet] PATH...
"""

from __future__ import annotations

import argparse
import json
import sys
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

from pipeline.ingest import InputError, read_file
from pipeline.ingest.model import BlockKind, Transcript
from pipeline.ingest.registry import input_suffixes
from pipeline.outputs.model import Action, Decision, Speaker
from pipeline.summaries.decisions import find_decisions_and_actions


def files_of(paths: Sequence[Path]) -> list[Path]:
    """The input files of the given paths: files as given, folders recursively (the readers' suffixes)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in input_suffixes()))
        else:
            out.append(path)
    return out


def from_readers(transcript: Transcript) -> list[tuple[str, list[Decision], list[Action]]]:
    """Per session (its title): decisions and actions found on the reader's output alone."""
    names = {key: p.name for key, p in transcript.participants.items()}
    speakers = [
        Speaker(id=key, name=p.name, type=p.type if p.type in ("person", "group", "office", "unknown") else "person",  # type: ignore[arg-type]
                roles=list(p.roles), aliases=list(p.aliases))
        for key, p in transcript.participants.items()
    ]
    turns = sorted((b.start, b.end, b.speaker) for b in transcript.blocks if b.kind is BlockKind.TURN and b.speaker)
    starts = [t[0] for t in turns]

    def speaker_at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < turns[i][1]:
            return names.get(turns[i][2] or "", turns[i][2])
        return None

    out = []
    for session in transcript.sessions:
        decisions, actions = find_decisions_and_actions(transcript.text, session.blocks, speaker_at, speakers=speakers)
        out.append((session.title or session.id, decisions, actions))
    return out


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same(a: str, b: str) -> bool:
    return a in b or b in a


def score(found: Sequence[tuple[str, str | None]], expected: Sequence[str | list[str]]) -> tuple[int, int, int, int, int]:
    """(true positives among found, found, expected found, of these with a who to check, with the right who).

    `found` holds (text, who) pairs; an expected item is a text or [text, who]."""
    marked = [(_fold(e), None) if isinstance(e, str) else (_fold(e[0]), _fold(e[1])) for e in expected]
    hits = sum(1 for f, _ in found if any(_same(e, _fold(f)) for e, _ in marked))
    recalled = checked = right = 0
    for text, who in marked:
        matches = [w for f, w in found if _same(text, _fold(f))]
        if matches:
            recalled += 1
            if who is not None:
                checked += 1
                right += any(w is not None and _same(who, _fold(w)) for w in matches)
    return hits, len(found), recalled, checked, right


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--model", help="run the whole analysis with this spaCy model (blank, a path or a package)")
    parser.add_argument("--expect", type=Path, help="JSON: file name → {decisions: [...], actions: [...]}")
    parser.add_argument("--quiet", action="store_true", help="print only the counts and the scores")
    args = parser.parse_args()
    expected = json.loads(args.expect.read_text(encoding="utf-8")) if args.expect else {}
    nlp = None
    if args.model:
        from pipeline.nlp import load_nlp

        nlp = load_nlp(args.model)
    totals = {"decisions": [0] * 6, "actions": [0] * 6}  # hits, found, recalled, who checked, who right, expected
    failed = 0
    for path in files_of(args.paths):
        try:
            if nlp is not None:
                from pipeline.process import analyse_file

                analysis = analyse_file(nlp, path)
                sessions = [(s.title or s.id, s.decisions, s.actions) for s in analysis.sessions]
            else:
                sessions = from_readers(read_file(path, source=path.name))
        except InputError as error:
            print(f"{path}: refused: {error}", file=sys.stderr)
            failed += 1
            continue
        n_decisions = sum(len(d) for _, d, _ in sessions)
        n_actions = sum(len(a) for _, _, a in sessions)
        print(f"{path}: {n_decisions} decision(s), {n_actions} action(s)")
        if not args.quiet:
            for title, decisions, actions in sessions:
                if decisions or actions:
                    print(f"  [{title[:60]}]")
                for d in decisions:
                    print(f"    D {d.kind:<10} {' '.join(d.text.split())[:150]}")
                for a in actions:
                    print(f"    A who={a.who!s} id={a.speaker_id!s} due={a.due!s} | {' '.join(a.text.split())[:150]}")
        marked = expected.get(path.name)
        if marked is not None:
            items = {
                "decisions": [(d.text, None) for _, ds, _ in sessions for d in ds],
                "actions": [(a.text, a.who) for _, _, acts in sessions for a in acts],
            }
            for key, found_items in items.items():
                counts = score(found_items, marked.get(key, []))
                for i, value in enumerate((*counts, len(marked.get(key, [])))):
                    totals[key][i] += value
    if expected:
        for key, (hits, found, recalled, checked, right, wanted) in totals.items():
            precision = hits / found if found else float("nan")
            recall = recalled / wanted if wanted else float("nan")
            line = f"{key}: precision {hits}/{found} = {precision:.2f}, recall {recalled}/{wanted} = {recall:.2f}"
            print(line + (f", who right {right}/{checked}" if checked else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
