"""Count broken summary sentences and key points in notulist's JSON outputs: what communication staff could
not publish as it is. Checks of its own, independent of the rules the summariser applies:

- unbalanced: quotation marks that do not pair up (“ ”, „ ”, ‘ ’ outside words, ,, '', straight " odd);
- fragment: starts with a lower-case letter or a punctuation mark, or has fewer than 4 words;
- no-end: does not end in . ! or … (before closing marks), so a heading, byline or cut-off text;
- intro: ends in ':'; question: ends in '?';
- byline: names a reporter, correspondent, photographer or source ("verslaggever …", "Foto: …");
- procedural: attendance and procedure ("Aanwezig: …", "Afwezig is de heer …", "De voorzitter opent …");
- cut: a key point ending in "…" or "...";
- filler: a spoken opening or greeting ("Goedemorgen", "Dank u, voorzitter", "Ja.", "Nou, …") as it stands
  in the text (not inside quotation marks);
- dangling: a summary sentence opening with a pronoun or connective ("Zij", "Hij", "Daarom", "Dat")
  whose preceding summary sentence is not right before it in the text;
- first-person: in a turn transcript (the output has `turns`), a summary sentence or key point that says
  "ik", "we", "mijn" … outside quotation marks: whose words they are, the summary does not say.
Each item is counted once, under its first failing check.

Usage: python benchmarks/summary_check.py OUTPUT_DIR [--list]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

WORD = re.compile(r"\w+", re.UNICODE)
OPENERS = "“„‘\"'«(,– "
CLOSERS = "”’\"'») "
BYLINE = re.compile(
    r"^(\w+\s+){0,2}(\w*verslaggever|correspondent|redacteur|fotograaf)\b|^(door|foto|beeld|bron|tekst)\s*:|^door\s+[A-Z]\w+(\s+\w+){0,3}$",
    re.I,
)
PROCEDURAL = re.compile(
    r"^(aanwezig|afwezig|afmeldingen|notulist|agenda|datum)\s*:|^(de\s+)?voorzitter\s+(opent|sluit)\b|^klik\b|^lees\s+(ook|meer)\b"
    r"|^(ook\s+|verder\s+)?((zijn|is)\s+)?(met\s+kennisgeving\s+)?(aanwezig|afwezig)\b|\b(is|zijn)\s+(met\s+kennisgeving\s+)?afwezig\s*\.?$",
    re.I,
)
FIRST_PERSON = re.compile(r"\b(ik|wij|we|mij|me|mijn|ons|onze)\b", re.I)
QUOTED = re.compile(r"[„“”\"][^„“”\"]*[”“\"]|‘[^’]*’")
FILLER = re.compile(
    r"^(goede(morgen|middag|navond)|goeiemorgen|welkom\b|(hartelijk\s+)?dank\s+(u|je|jullie)\b|bedankt\b|"
    r"(ja|nee|nou|oké|okay|ok|eh|ehm|uh|uhm|tja)\s*[,.!…])",
    re.I,
)
DANGLING = re.compile(r"^(hij|zij|ze|zijn|haar|hun|hem|hen|die|deze|dit|dat|daarom|daardoor|daarnaast|bovendien|ook|maar|en|want|dus)\b", re.I)


ELISION = re.compile(r"^(s|t|n|k|m|r|ie|tje|\d\d)\b", re.I)


def _single_marks(text: str, marks: str) -> tuple[int, int, int]:
    """Opening, surely closing (after punctuation) and maybe closing (after a letter: also an apostrophe)."""
    opening = sure = maybe = 0
    for i, ch in enumerate(text):
        if ch not in marks:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isspace() or before in "([":
            if after.isalnum() and not ELISION.match(text[i + 1 :]):
                opening += 1
        elif not after.isalnum():
            if before in ".,!?;:…":
                sure += 1
            elif before.isalnum():
                maybe += 1
    return opening, sure, maybe


def unbalanced(text: str) -> bool:
    """Quotation marks that do not pair up; an apostrophe inside a word (z'n, auto's) or an elision
    ('s avonds) is no mark."""
    if text.count('"') % 2 or text.count(",,") != text.count("''"):
        return True
    if re.search(r"(^|\s)[\"'“”„‘’»«](\s|$)", text):
        return True  # a mark standing alone
    opening = closing = 0
    for i, ch in enumerate(text):
        if ch in "„“”":
            before = text[i - 1] if i else " "
            if ch == "„" or (ch == "“" and (before.isspace() or before in "([")):
                opening += 1
            else:
                closing += 1
    if opening != closing:
        return True
    singles = text.replace("''", "  ")  # the closers of ,,…'' (counted above) are no single marks
    for marks in ("‘’", "'"):
        o, sure, maybe = _single_marks(singles, marks)
        if sure > o or o > sure + maybe:
            return True
    return False


def problem(text: str, *, key_point: bool = False) -> str | None:
    body = text.strip()
    core = body.rstrip(CLOSERS)
    opening = body.lstrip(OPENERS)
    if key_point and (core.endswith("…") and not core.endswith("...") and len(core) > 1 or core.endswith("...")):
        return "cut"
    if PROCEDURAL.search(body):
        return "procedural"
    if any(BYLINE.search(line.strip()) for line in body.splitlines()):
        return "byline"
    if unbalanced(body):
        return "unbalanced"
    if FILLER.match(body):
        return "filler"
    if not opening or opening[0].islower() or opening[0] in ".;:-—)" or len(WORD.findall(body)) < 4:
        return "fragment"
    if core.endswith(":"):
        return "intro"
    if core.endswith("?"):
        return "question"
    if core[-1:] not in ".!…":
        return "no-end"
    return None


def first_person(text: str) -> bool:
    """Says "ik", "we", "mijn" … outside the quotations (a rough cut of „…”, “…”, "…" and ‘…’)."""
    return FIRST_PERSON.search(QUOTED.sub(" ", text)) is not None


def summaries(data: dict) -> list[tuple[str, dict]]:
    found = []
    if data.get("summary"):
        found.append(("document", data["summary"]))
    if len(data.get("sessions", [])) > 1:
        found.extend((s["id"], s["summary"]) for s in data["sessions"] if s.get("summary"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("--list", action="store_true", help="print every broken item")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    totals = {"sentences": 0, "key_points": 0}
    files = sorted(args.output_dir.glob("*.json"))
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        if "schema_version" not in data:
            continue
        spoken = bool(data.get("turns"))
        for where, summary in summaries(data):
            previous_end = None
            for sentence in summary.get("sentences", []):
                totals["sentences"] += 1
                reason = problem(sentence["text"])
                if reason is None and DANGLING.match(sentence["text"].lstrip(OPENERS)):
                    if previous_end is None or sentence["start"] - previous_end > 2:
                        reason = "dangling"
                previous_end = sentence["end"]
                if reason is None and spoken and first_person(sentence["text"]):
                    reason = "first-person"
                if reason:
                    counts[f"sentence:{reason}"] += 1
                    if args.list:
                        print(f"{path.name} {where} sentence {reason}: {sentence['text']!r}")
            for point in summary.get("key_points", []):
                totals["key_points"] += 1
                reason = problem(point, key_point=True)
                if reason is None and spoken and first_person(point):
                    reason = "first-person"
                if reason:
                    counts[f"key_point:{reason}"] += 1
                    if args.list:
                        print(f"{path.name} {where} key point {reason}: {point!r}")
    broken_s = sum(v for k, v in counts.items() if k.startswith("sentence:"))
    broken_k = sum(v for k, v in counts.items() if k.startswith("key_point:"))
    print(f"{len(files)} outputs")
    print(f"summary sentences: {totals['sentences']}, broken {broken_s} ({100 * broken_s / max(1, totals['sentences']):.1f}%)")
    print(f"key points: {totals['key_points']}, broken {broken_k} ({100 * broken_k / max(1, totals['key_points']):.1f}%)")
    for key, value in sorted(counts.items()):
        print(f"  {key:28s} {value}")


if __name__ == "__main__":
    main()
