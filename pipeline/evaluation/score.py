"""Per-document and corpus scores for quotes, attribution and speakers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluation.matching import f1, match_quotes, norm_name, quotes_match, same_speaker
from pipeline.ingest.names import shown


@dataclass
class Counts:
    """True positives, predictions and gold items of one measure."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def prf(self) -> tuple[float, float, float]:
        return f1(self.tp, self.pred, self.gold)


@dataclass
class DocScore:
    """Scores of one document."""

    name: str
    direct: Counts = field(default_factory=Counts)
    indirect: Counts = field(default_factory=Counts)
    speakers: Counts = field(default_factory=Counts)
    roles: Counts = field(default_factory=Counts)
    organisations: Counts = field(default_factory=Counts)
    attributed: int = 0
    matched: int = 0
    scare_quotes_reported: int = 0
    theme_sentences: dict[str, Counts] = field(default_factory=dict)
    headline_given_to_person: int = 0
    errors: list[str] = field(default_factory=list)


def _forms(speaker: dict[str, Any]) -> list[str]:
    return [speaker.get("name") or ""] + list(speaker.get("aliases") or [])


def score_document(gold: dict[str, Any], pred: dict[str, Any], name: str) -> DocScore:
    """Compare one prediction with its gold file."""
    result = DocScore(name)
    gold_speakers = gold.get("speakers", [])
    pred_speakers = pred.get("speakers", [])
    optional = [q["text"] for q in gold.get("optional_quotes", [])]
    pred_by_name = {norm_name(s["name"]): s for s in pred_speakers}
    gold_by_name = {norm_name(s["name"]): s for s in gold_speakers}

    def gold_forms(name: str | None) -> list[str]:
        speaker = gold_by_name.get(norm_name(name))
        return _forms(speaker) if speaker else [name or ""]

    def pred_forms(name: str | None) -> list[str]:
        speaker = pred_by_name.get(norm_name(name))
        return _forms(speaker) if speaker else [name or ""]

    for kind, counts in (("direct", result.direct), ("indirect", result.indirect)):
        gq = [q for q in gold.get("quotes", []) if q["kind"] == kind]
        pq = [q for q in pred.get("quotes", []) if q["kind"] == kind]
        # Predictions that match an optional gold quote (headlines, weak cues) count neither way.
        pq_scored = [q for q in pq if not any(quotes_match(q["text"], o) for o in optional) or any(quotes_match(q["text"], g["text"]) for g in gq)]
        pairs = match_quotes([q["text"] for q in pq_scored], [q["text"] for q in gq])
        counts.tp, counts.pred, counts.gold = len(pairs), len(pq_scored), len(gq)
        matched_gold = {j for _, j in pairs}
        for i, j in pairs:
            result.matched += 1
            g, p = gq[j], pq_scored[i]
            if (g["speaker"] is None and p["speaker"] is None) or (
                g["speaker"] is not None and p["speaker"] is not None and same_speaker(pred_forms(p["speaker"]), gold_forms(g["speaker"]))
            ):
                result.attributed += 1
            else:
                result.errors.append(f"attribution {kind}: {g['text'][:50]!r} gold={g['speaker']!r} pred={p['speaker']!r}")
        for j, g in enumerate(gq):
            if j not in matched_gold:
                result.errors.append(f"missed {kind}: {g['text'][:70]!r}")
        matched_pred = {i for i, _ in pairs}
        for i, p in enumerate(pq_scored):
            if i not in matched_pred:
                result.errors.append(f"spurious {kind}: {p['text'][:70]!r}")
    for term in gold.get("not_quotes", []):
        if any(norm_name(q["text"]).strip("‘’'\" ") == norm_name(term) for q in pred.get("quotes", [])):
            result.scare_quotes_reported += 1
    gold_texts = [q["text"] for q in gold.get("quotes", [])]
    for o in gold.get("optional_quotes", []):
        if o.get("kind") == "headline" and o.get("speaker") is None:
            for q in pred.get("quotes", []):
                if any(quotes_match(q["text"], g) for g in gold_texts):
                    continue  # a body quote that resembles the headline
                if quotes_match(q["text"], o["text"]) and q.get("speaker"):
                    result.headline_given_to_person += 1

    for theme_id, sentences in (gold.get("themes") or {}).items():
        found = [e["text"] for t in pred.get("themes", []) if t["id"] == theme_id for e in t.get("evidence", [])]
        counts = result.theme_sentences.setdefault(theme_id, Counts())
        counts.gold += len(sentences)
        counts.pred += len(found)
        for sentence in sentences:
            if any(quotes_match(f, sentence) for f in found):
                counts.tp += 1
            else:
                result.errors.append(f"missed {theme_id} evidence: {sentence[:70]!r}")

    used: set[int] = set()
    result.speakers.pred, result.speakers.gold = len(pred_speakers), len(gold_speakers)
    for g in gold_speakers:
        for i, p in enumerate(pred_speakers):
            if i not in used and same_speaker(_forms(p), _forms(g)):
                used.add(i)
                result.speakers.tp += 1
                _score_list(result.roles, p.get("roles", []), g.get("roles", []))
                _score_list(result.organisations, p.get("organisations", []), g.get("organisations", []))
                break
        else:
            result.errors.append(f"missed speaker: {g['name']!r}")
    for i, p in enumerate(pred_speakers):
        if i not in used:
            result.errors.append(f"spurious speaker: {p['name']!r}")
    return result


def _score_list(counts: Counts, pred: list[str], gold: list[str]) -> None:
    p = {norm_name(x) for x in pred}
    g = {norm_name(x) for x in gold}
    counts.tp += len(p & g)
    counts.pred += len(p)
    counts.gold += len(g)


def score_corpus(gold_dir: Path, pred_dir: Path) -> tuple[list[DocScore], list[str]]:
    """Score every gold file that has a prediction `<stem>.json` in pred_dir; list the ones without.

    Raises `KeyError`, `TypeError`, `ValueError`, … on a file that cannot be read or scored (see `evaluate_folder`,
    which names such files and scores the others)."""
    scores: list[DocScore] = []
    missing: list[str] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = Path(gold.get("document", gold_path.stem)).stem
        pred_path = pred_dir / f"{stem}.json"
        if not pred_path.exists():
            missing.append(stem)
            continue
        pred = json.loads(pred_path.read_text(encoding="utf-8"))
        scores.append(score_document(gold, pred, stem))
    return scores, missing


@dataclass
class FolderEvaluation:
    """What `evaluate_folder` made of a gold folder: the scored documents, the gold stems without a prediction, and
    one message per gold file left out (naming it, or its prediction, and the problem)."""

    scores: list[DocScore] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def read_json_object(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The JSON object in `path` (UTF-8, a byte order mark allowed), or None and a message naming the file and the
    problem: unreadable, not UTF-8, invalid JSON (line and column), nested too deeply, not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        return None, f"{shown(path)}: cannot be read ({err.strerror})"
    except UnicodeDecodeError as err:
        return None, f"{shown(path)}: not UTF-8 text (byte {err.start})"
    except json.JSONDecodeError as err:
        return None, f"{shown(path)}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
    except (RecursionError, ValueError) as err:  # nested too deeply, or a number too long for Python to read
        return None, f"{shown(path)}: JSON that cannot be read ({type(err).__name__}: nested too deeply or a number too long)"
    if not isinstance(data, dict):
        return None, f"{shown(path)}: expected a JSON object, found {type(data).__name__}"
    return data, None


def evaluate_folder(gold_dir: Path, pred_dir: Path) -> FolderEvaluation:
    """Score every gold `*.json` in `gold_dir` against the prediction `<stem of its document>.json` in `pred_dir`.

    Never raises for one file: a gold file (or its prediction) that cannot be read or lacks the expected fields is
    named in `left_out` and the other files are still scored; a gold file without a prediction is in `missing`.
    """
    result = FolderEvaluation()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold, problem = read_json_object(gold_path)
        if gold is None:
            result.left_out.append(f"{problem}; left out")
            continue
        document = gold.get("document", gold_path.stem)
        if not isinstance(document, str):
            result.left_out.append(f"{shown(gold_path)}: 'document' is not a file name ({type(document).__name__}); left out")
            continue
        stem = Path(document).stem
        pred_path = pred_dir / f"{stem}.json"
        if not pred_path.exists():
            result.missing.append(stem)
            continue
        pred, problem = read_json_object(pred_path)
        if pred is None:
            result.left_out.append(f"{problem} (the prediction for {shown(gold_path)}); left out")
            continue
        try:
            result.scores.append(score_document(gold, pred, stem))
        except (KeyError, TypeError, AttributeError, ValueError) as err:
            result.left_out.append(
                f"the gold file {shown(gold_path)} or its prediction {shown(pred_path)} does not have the expected fields "
                f"({type(err).__name__}: {err}); see the gold GUIDELINES and `notulist schema`; left out"
            )
    return result


def totals(scores: list[DocScore]) -> dict[str, Any]:
    """Micro-averaged figures over all documents."""
    agg = {k: Counts() for k in ("direct", "indirect", "speakers", "roles", "organisations")}
    matched = attributed = scare = headline = 0
    for s in scores:
        for k, c in agg.items():
            c.add(getattr(s, k))
        matched += s.matched
        attributed += s.attributed
        scare += s.scare_quotes_reported
        headline += s.headline_given_to_person
    out: dict[str, Any] = {"documents": len(scores)}
    for k, c in agg.items():
        p, r, f = c.prf
        out[k] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": c.tp, "pred": c.pred, "gold": c.gold}
    out["attribution_accuracy"] = round(attributed / matched, 4) if matched else None
    themes: dict[str, Counts] = {}
    for s in scores:
        for theme_id, c in s.theme_sentences.items():
            themes.setdefault(theme_id, Counts()).add(c)
    # Gold theme sentences are examples, not an exhaustive list: recall is the figure that counts.
    out["theme_evidence_recall"] = {k: {"recall": round(c.tp / c.gold, 4) if c.gold else None, "found": c.tp, "gold": c.gold} for k, c in sorted(themes.items())}
    out["matched_quotes"] = matched
    out["scare_quotes_reported"] = scare
    out["headlines_given_to_person"] = headline
    return out
