"""Check the ParlaMint readers against the metadata: speakers (name, party, role) and utterance attribution.

For every `X-meta.tsv` under PATH (recursively), reads `X.xml` (TEI) and `X.txt` when they exist, through
`read_file` as a user would, and compares with the metadata file:

- speakers: each distinct speaker of the meta file is found as a participant with the same name ("Arib,
  Khadija" → "Khadija Arib"), the meta party among its organisations, and role voorzitter exactly when the meta
  role is Voorzitter/Chairperson;
- utterances: the share of the meta file's utterances whose turn (in document order; the TEI `<u>` ids or the
  txt line ids give the utterance) carries the participant of the right speaker.

Usage: python benchmarks/parlamint_check.py PATH_TO_PARLAMINT_DIR
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from defusedxml.ElementTree import iterparse

from pipeline.ingest import BlockKind, Transcript, read_file
from pipeline.ingest.readers.parlamint import META_SUFFIX, person_from_meta, read_meta

_TXT_ID = re.compile(r"^([\w.-]+\.u\d+[\w.-]*)\t\s*\S")


def utterance_ids_tei(path: Path) -> list[str]:
    """xml:id of every `<u>` with speech, in document order."""
    ids = []
    for _, el in iterparse(str(path), events=("end",), forbid_dtd=True):
        if el.tag.rsplit("}", 1)[-1] == "u":
            if "".join(el.itertext()).strip():
                ids.append(el.get("{http://www.w3.org/XML/1998/namespace}id") or "")
            el.clear()
    return ids


def utterance_ids_txt(path: Path) -> list[str]:
    """Utterance id of every non-empty line of a ParlaMint .txt."""
    ids = []
    for line in path.read_text(encoding="utf-8-sig").split("\n"):
        m = _TXT_ID.match(line)
        if m:
            ids.append(m.group(1))
    return ids


def check(transcript: Transcript, ids: list[str], meta: dict[str, dict[str, str]]) -> dict[str, object]:
    """Speaker and utterance figures of one reading against its metadata."""
    turns = [b for b in transcript.blocks if b.kind is BlockKind.TURN]
    participants = transcript.participants
    expected = {}
    for row in meta.values():
        person = person_from_meta(row)
        expected.setdefault(person.name, (person.parties[:1], "voorzitter" in person.roles))
    by_name = {p.name: p for p in participants.values()}
    speakers_ok = []
    for name, (parties, chair) in expected.items():
        p = by_name.get(name or "")
        ok = p is not None and all(party in p.organisations for party in parties) and (("voorzitter" in p.roles) == chair)
        speakers_ok.append((name, ok, p))
    right = 0
    for uid, turn in zip(ids, turns, strict=False):
        row = meta.get(uid)
        p = participants.get(turn.speaker or "")
        if row is not None and p is not None and p.name == person_from_meta(row).name:
            right += 1
    return {
        "turns": len(turns),
        "utterances": len(meta),
        "right": right,
        "speakers": speakers_ok,
        "aligned": len(ids) == len(turns),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    metas = sorted(args.path.rglob(f"*{META_SUFFIX}"))
    if not metas:
        print(f"no *{META_SUFFIX} under {args.path}", file=sys.stderr)
        return 2
    totals = {"tei": [0, 0, 0, 0], "txt": [0, 0, 0, 0]}  # utterances, right, speakers, speakers right
    for meta_path in metas:
        stem = meta_path.name[: -len(META_SUFFIX)]
        meta = read_meta(meta_path, str(meta_path))
        for form, suffix, ids_of in (("tei", ".xml", utterance_ids_tei), ("txt", ".txt", utterance_ids_txt)):
            path = meta_path.with_name(stem + suffix)
            if not path.is_file():
                continue
            result = check(read_file(path), ids_of(path), meta)
            speakers = result["speakers"]
            assert isinstance(speakers, list)
            print(f"{path.name} [{form}]: {result['right']}/{result['utterances']} utterances to the right speaker; "
                  f"{sum(ok for _, ok, _ in speakers)}/{len(speakers)} speakers with name, party and role")
            for name, ok, p in speakers:
                got = f"{p.name} | {', '.join(p.organisations)} | {', '.join(p.roles) or '-'}" if p else "missing"
                print(f"    {'ok ' if ok else 'BAD'} {name}: {got}")
            t = totals[form]
            t[0] += int(result["utterances"])  # type: ignore[call-overload]
            t[1] += int(result["right"])  # type: ignore[call-overload]
            t[2] += len(speakers)
            t[3] += sum(ok for _, ok, _ in speakers)
    for form, (utterances, right, speakers, speakers_right) in totals.items():
        if utterances:
            print(f"{form}: utterances {right}/{utterances} = {right / utterances:.3f}; speakers {speakers_right}/{speakers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
