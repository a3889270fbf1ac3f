"""The HTML report: a static site from Jinja2 templates that opens from disk (no network resources).

`render_html(analysis)` is one document's page on its own (what `process --html` writes); `write_report`
writes a site for a folder of outputs: `index.html` (every document with its title, date, speakers and top
themes) and one page per document. A page shows the summary, decisions and actions when the JSON has them,
the sessions, the speakers, who said what (with how each speaker was found and a link to the quote in its
context), charts of talk time and of themes per session and speaker, the evidence sentences and the text:
the turns of a transcript, or the report's paragraphs when its source file can still be read.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel

from pipeline import __version__
from pipeline.ingest.cues import union_seconds
from pipeline.outputs.charts import Chart, bar_chart, heatmap
from pipeline.outputs.ids import as_record, document_id, file_name
from pipeline.outputs.writer import write_atomic

INDEX_PAGE = "index.html"
TOP_THEMES = 3
MIN_CHART_THEMES = 2
MAX_CHART_ROWS = 15  # speakers or sessions in one chart; a chart of 60 speakers is read by nobody
INDEX_SPEAKERS = 6
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s:(]))(['‘“„\"«])(?=\w)")
CLOSING_QUOTES = {"'": "'", "‘": "’'", "“": "”\"", "„": "”“\"", '"': '"', "«": "»"}

ATTRIBUTION_STEPS: dict[str, tuple[str, str]] = {
    # attribution → (how the speaker was found, how sure that is)
    "cue": ("gevonden via de woorden bij het citaat", "zeker"),
    "previous_quote": ("zelfde spreker als het citaat ervoor", "waarschijnlijk"),
    "context": ("afgeleid uit de context: de persoon over wie het gaat", "onzeker"),
    "last_speaker": ("de laatst geciteerde spreker, niemand anders genoemd", "onzeker"),
    "none": ("de tekst zegt niet wie dit zei", "onbekend"),
}
KIND_LABELS = {"direct": "letterlijk", "indirect": "indirect"}
ITEM_FIELD_LABELS = {"kind": "soort", "who": "wie", "due": "wanneer", "owner": "wie"}
SPEAKER_TYPES = {"person": "persoon", "group": "groep", "organisation": "organisatie", "office": "functie",
                 "unknown": "onbekende stem"}


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline.outputs", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["clock"] = clock
    return env


def clock(seconds: float | None) -> str:
    """Seconds as a timestamp: 75.0 → '1:15', 3725 → '1:02:05'; '' for None."""
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def report_date() -> str:
    """Today's date (UTC, ISO), or the date of `SOURCE_DATE_EPOCH` when set, for reproducible pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch and epoch.isdigit() else _dt.datetime.now(_dt.timezone.utc)
    return moment.date().isoformat()


@dataclass
class Segment:
    """A piece of a paragraph of the source text; `quote` is set when it lies inside a quote."""

    text: str
    quote: str | None = None
    anchor: str | None = None


@dataclass
class Paragraph:
    """A paragraph of the source text with its start offset (characters) and its pieces."""

    start: int
    segments: list[Segment] = field(default_factory=list)


def title_text(title: str) -> str:
    """A title with the closing quotation mark that an upstream strip took off: "Halsema bezorgd: 'Verdriet
    is groot" → "Halsema bezorgd: 'Verdriet is groot'". An opening mark is one at the start or after a space
    or colon, before a letter; it counts as closed when its closing mark follows later."""
    last_open = None
    for match in OPENING_QUOTE.finditer(title):
        last_open = match
    if last_open is None:
        return title
    mark = last_open.group(1)
    closing = CLOSING_QUOTES[mark]
    rest = title[last_open.end():]
    if any(re.search(rf"\w[.!?…]?{re.escape(c)}(?!\w)", rest) for c in closing):
        return title
    return title.rstrip() + closing[0]


def _words(text: str) -> int:
    return len(WORD.findall(text))


def source_text(record: Mapping[str, Any], *, base: Path | None = None) -> str | None:
    """The normalised input text of an output, when its source file can still be read and still matches.

    Tries `document.source` as written (relative to the working directory), then its file name in `base`.
    The text is used only when every quote's offsets still point at the quote's text; otherwise None.
    """
    from pipeline.ingest import InputError, read_file

    document = record.get("document") or {}
    source = str(document.get("source") or "")
    candidates = [Path(source)] if source else []
    if base is not None and source:
        candidates.append(base / file_name(source))
    for path in candidates:
        if not path.is_file():
            continue
        try:
            text = read_file(path, format=document.get("format")).text
        except (InputError, OSError, ValueError):
            continue
        except Exception:  # noqa: BLE001 — the page is still useful without the text; never fail it for that
            continue
        if all(text[q["start"]:q["end"]] == q["text"] for q in record.get("quotes") or []):
            return text
    return None


def paragraphs(text: str, quotes: Sequence[Mapping[str, Any]]) -> list[Paragraph]:
    """The text split at blank lines, each paragraph cut into plain pieces and quote pieces (anchored once)."""
    spans = sorted(((q["start"], q["end"], q["id"]) for q in quotes if q["end"] > q["start"]), key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    for span in spans:  # overlapping quotes: the first one wins
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    anchored: set[str] = set()
    out: list[Paragraph] = []
    position = first = 0  # `first`: the first kept quote that may reach into the paragraph (linear overall)
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[position:end].strip():
            paragraph = Paragraph(position)
            cursor = position
            while first < len(kept) and kept[first][1] <= position:  # quotes wholly before this paragraph
                first += 1
            for start, stop, quote_id in kept[first:]:
                if start >= end:
                    break
                if stop <= cursor:
                    continue
                start, stop = max(start, cursor), min(stop, end)
                if start > cursor:
                    paragraph.segments.append(Segment(text[cursor:start]))
                anchor = None if quote_id in anchored else f"ctx-{quote_id}"
                anchored.add(quote_id)
                paragraph.segments.append(Segment(text[start:stop], quote_id, anchor))
                cursor = stop
            if cursor < end:
                paragraph.segments.append(Segment(text[cursor:end]))
            out.append(paragraph)
        position = match.end() if match else len(text)
    return out


class _Spans:
    """Items with `start`/`end` offsets (turns), found by the offset they contain in O(log n)."""

    def __init__(self, items: Sequence[Mapping[str, Any]]) -> None:
        self.items = sorted(items, key=lambda item: item["start"])
        self.starts = [item["start"] for item in self.items]

    def containing(self, offset: int) -> Mapping[str, Any] | None:
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        item = self.items[i]
        return item if offset < max(item["end"], item["start"] + 1) else None


def talk_time(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per speaker: turns, words and seconds of speaking (None without times), from the JSON's fields
    (`speakers[].turns/words/speaking_time`) when present, else counted from the turns; for a prose report
    the words of the speaker's quotes. Sorted by seconds, then words."""
    turns = record.get("turns") or []
    rows: dict[str, dict[str, Any]] = {}
    for speaker in record.get("speakers") or []:
        rows[speaker["name"]] = {"name": speaker["name"], "turns": speaker.get("turns"), "words": speaker.get("words"),
                                 "seconds": speaker.get("speaking_time")}
    counted: dict[str, dict[str, Any]] = defaultdict(lambda: {"turns": 0, "words": 0, "seconds": None})
    if turns:
        timed: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for turn in turns:
            name = turn.get("speaker") or "onbekend"
            row = counted[name]
            row["turns"] += 1
            row["words"] += _words(turn.get("text") or "")
            if turn.get("start_time") is not None and turn.get("end_time") is not None:
                timed[name].append((turn["start_time"], turn["end_time"]))
        for name, intervals in timed.items():  # overlapping turns count once, as in the analysis's speaking_time
            counted[name]["seconds"] = union_seconds(intervals)
    else:
        for quote in record.get("quotes") or []:
            if quote.get("speaker"):
                row = counted[quote["speaker"]]
                row["words"] += _words(quote.get("text") or "")
    for name, row in counted.items():
        target = rows.setdefault(name, {"name": name, "turns": None, "words": None, "seconds": None})
        for key in ("turns", "words", "seconds"):
            if not target.get(key):
                target[key] = row[key]
    result = [r for r in rows.values() if r.get("words") or r.get("seconds")]
    return sorted(result, key=lambda r: (-(r.get("seconds") or 0), -(r.get("words") or 0), r["name"]))


def _labels(record: Mapping[str, Any], extra: Mapping[str, str] | None = None) -> dict[str, str]:
    labels = {t["id"]: t.get("label") or t["id"] for t in record.get("themes") or []}
    if extra:
        labels.update(extra)
    return labels


def document_charts(record: Mapping[str, Any], labels: Mapping[str, str]) -> list[Chart]:
    """Talk time per speaker, themes per session and themes per speaker, when the document has the data."""
    charts: list[Chart] = []
    everyone = talk_time(record)
    times = everyone[:MAX_CHART_ROWS]
    most = f" (de {len(times)} met de meeste)" if len(everyone) > len(times) else ""
    if times and all(r.get("seconds") for r in times):
        charts.append(bar_chart("talk-time", "Spreektijd per spreker" + most, [r["name"] for r in times],
                                [r["seconds"] for r in times], unit="s", axis_label="seconden"))
    elif times:
        measure = "Woorden per spreker" if record.get("turns") else "Geciteerde woorden per spreker"
        charts.append(bar_chart("talk-time", measure + most, [r["name"] for r in times], [r["words"] or 0 for r in times],
                                axis_label="woorden"))
    sessions = [s for s in record.get("sessions") or [] if s.get("themes")]
    theme_ids = [t["id"] for t in record.get("themes") or []]
    if len(theme_ids) < MIN_CHART_THEMES:  # one theme: its score in the themes section says it all
        return charts
    if len(sessions) > 1 and theme_ids:
        first = f" (de eerste {MAX_CHART_ROWS})" if len(sessions) > MAX_CHART_ROWS else ""
        sessions = sessions[:MAX_CHART_ROWS]
        grid = [[next((t["score"] for t in s["themes"] if t["id"] == tid), 0.0) for tid in theme_ids] for s in sessions]
        charts.append(heatmap("themes-sessions", "Thema's per sessie" + first, [s.get("title") or s["id"] for s in sessions],
                              [labels.get(t, t) for t in theme_ids], grid))
    elif theme_ids:
        charts.append(bar_chart("themes-sessions", "Thema's in het document", [labels.get(t, t) for t in theme_ids],
                                [t["score"] for t in record["themes"]], unit="%", axis_label="aandeel van de zinnen"))
    rank = {row["name"]: n for n, row in enumerate(everyone)}
    speakers = sorted((s for s in record.get("speakers") or [] if s.get("themes")), key=lambda s: rank.get(s["name"], len(rank)))
    if speakers and theme_ids:
        most = f" (de {MAX_CHART_ROWS} met de meeste spreektijd)" if len(speakers) > MAX_CHART_ROWS else ""
        speakers = speakers[:MAX_CHART_ROWS]
        grid = [[next((t["score"] for t in s["themes"] if t["id"] == tid), 0.0) for tid in theme_ids] for s in speakers]
        charts.append(heatmap("themes-speakers", "Thema's per spreker" + most, [s["name"] for s in speakers],
                              [labels.get(t, t) for t in theme_ids], grid))
    return charts


def _item_view(item: Any) -> dict[str, Any]:
    """A decision or action item of unknown shape: its main text and its other fields."""
    if not isinstance(item, Mapping):
        return {"text": str(item), "fields": [], "start": None}
    text_key = next((k for k in ("text", "description", "summary", "decision", "action") if item.get(k)), None)
    fields = [(ITEM_FIELD_LABELS.get(k, k), ", ".join(map(str, v)) if isinstance(v, list) else v) for k, v in item.items()
              if k != text_key and k not in ("id", "start", "end", "session", "speaker_id") and v not in (None, "", [])]
    return {"text": item.get(text_key) if text_key else "", "fields": fields, "start": item.get("start")}


def document_view(analysis: BaseModel | Mapping[str, Any], *, text: str | None = None,
                  labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Everything a document page shows, as plain data for the template."""
    record = as_record(analysis)
    document = record.get("document") or {}
    theme_labels = _labels(record, labels)
    quotes = record.get("quotes") or []
    turns = record.get("turns") or []
    by_name = {s["name"]: s for s in record.get("speakers") or []}
    paragraphs_view = paragraphs(text, quotes) if text and not turns else []

    turn_spans = _Spans(turns)
    paragraph_starts = [p.start for p in paragraphs_view]

    def context(offset: int | None, quote_id: str | None = None) -> str | None:
        if offset is None:
            return None
        turn = turn_spans.containing(offset)
        if turn:
            return f"#{turn['id']}"
        if paragraphs_view:
            if quote_id:
                return f"#ctx-{quote_id}"
            i = bisect_right(paragraph_starts, offset) - 1
            return f"#p-{paragraph_starts[i]}" if i >= 0 else None
        return None

    said: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for quote in quotes:
        how, sure = ATTRIBUTION_STEPS.get(quote.get("attribution") or "none", ATTRIBUTION_STEPS["none"])
        said[quote.get("speaker")].append({**quote, "kind_label": KIND_LABELS.get(quote["kind"], quote["kind"]),
                                           "how": how, "sure": sure, "context": context(quote["start"], quote["id"])})
    who_said_what = [{"speaker": by_name.get(name, {"name": name}), "quotes": items}
                     for name, items in said.items() if name is not None]
    who_said_what.sort(key=lambda group: min(q["start"] for q in group["quotes"]))
    sessions = []
    for session in record.get("sessions") or []:
        sessions.append({**session,
                         "theme_names": [theme_labels.get(t["id"], t["id"]) for t in (session.get("themes") or [])[:TOP_THEMES]],
                         "decision_items": [_item_view(i) for i in session.get("decisions") or []],
                         "action_items": [_item_view(i) for i in session.get("actions") or []]})
    for session in sessions:
        for item in session["decision_items"] + session["action_items"]:
            item["context"] = context(item["start"])
    themes = []
    for theme in record.get("themes") or []:
        evidence = [{**e, "context": context(e["start"])} for e in theme.get("evidence") or []]
        themes.append({**theme, "label": theme_labels.get(theme["id"], theme["id"]), "evidence": evidence})
    times = {row["name"]: row for row in talk_time(record)}
    speakers = [{**s, "type_label": SPEAKER_TYPES.get(s.get("type", "person"), s.get("type")),
                 "quote_count": len(said.get(s["name"], [])), "time": times.get(s["name"], {})}
                for s in record.get("speakers") or []]
    return {
        "id": document_id(record),
        "title": title_text(document.get("title") or file_name(str(document.get("source", "")))),
        "file_name": file_name(str(document.get("source", ""))),
        "document": document,
        "date": document.get("date"),
        "summary": record.get("summary"),
        "sessions": sessions,
        "has_decisions": any(s["decision_items"] or s["action_items"] for s in sessions),
        "speakers": speakers,
        "speaker_columns": {key for key in ("roles", "organisations", "aliases") if any(s.get(key) for s in speakers)},
        "who_said_what": who_said_what,
        "unattributed": said.get(None, []),
        "quote_count": len(quotes),
        "charts": document_charts(record, theme_labels),
        "themes": themes,
        "turns": [{**t, "speaker_id": (by_name.get(t.get("speaker") or "") or {}).get("id")} for t in turns],
        "paragraphs": paragraphs_view,
        "text_missing": not turns and not paragraphs_view,
    }


def _footer() -> dict[str, str]:
    return {"version": __version__, "date": report_date()}


def render_document(analysis: BaseModel | Mapping[str, Any], *, text: str | None = None, index_href: str | None = None,
                    labels: Mapping[str, str] | None = None) -> str:
    """One document's page as HTML; `index_href` links back to the site's index when given."""
    view = document_view(analysis, text=text, labels=labels)
    return _environment().get_template("document.html.j2").render(doc=view, index_href=index_href, **_footer())


def render_html(analysis: BaseModel | Mapping[str, Any], labels: Mapping[str, str] | None = None, *,
                read_source: bool = True) -> str:
    """One document's page on its own (for `process --html`); the source text is read when it still matches."""
    record = as_record(analysis)
    text = source_text(record) if read_source else None
    return render_document(record, text=text, labels=labels)


def render_index(entries: Sequence[Mapping[str, Any]], *, topics: Mapping[str, Any] | None = None) -> str:
    """The index page: one row per document (`entries` from `index_entry`), and the topics when given."""
    return _environment().get_template("index.html.j2").render(entries=entries, topics=topics, **_footer())


def index_entry(record: Mapping[str, Any], href: str) -> dict[str, Any]:
    """What the index shows of one document: title, file, date, speakers and top themes."""
    document = record.get("document") or {}
    speakers = [s["name"] for s in record.get("speakers") or []]
    return {
        "href": href,
        "title": title_text(document.get("title") or file_name(str(document.get("source", "")))),
        "file_name": file_name(str(document.get("source", ""))),
        "date": document.get("date"),
        "format": document.get("format"),
        "speakers": speakers[:INDEX_SPEAKERS],
        "more_speakers": max(0, len(speakers) - INDEX_SPEAKERS),
        "themes": [t.get("label") or t["id"] for t in (record.get("themes") or [])[:TOP_THEMES]],
        "quotes": len(record.get("quotes") or []),
        "turns": len(record.get("turns") or []),
    }


def write_report(records: Sequence[tuple[str, Mapping[str, Any]]], out_dir: Path, *, sources: Path | None = None,
                 topics: Mapping[str, Any] | None = None, without_text: list[str] | None = None) -> list[Path]:
    """Write `out_dir/index.html` and `out_dir/<name>.html` per (name, JSON record); returns the paths.

    `sources` is a folder in which to look for the input files by name when their recorded path does not
    resolve. `topics` (from `pipeline.themes.discovery.topics_view`) adds the discovered topics to the index.
    The names whose source text was not found (their pages show quotes without context) are appended to
    `without_text` when it is given.
    """
    written: list[Path] = []
    entries = []
    for name, record in records:
        page = f"{name}.html"
        text = source_text(record, base=sources)
        if text is None and without_text is not None:
            without_text.append(name)
        html = render_document(record, text=text, index_href=INDEX_PAGE)
        write_atomic(out_dir / page, html)
        written.append(out_dir / page)
        entries.append(index_entry(record, page))
    write_atomic(out_dir / INDEX_PAGE, render_index(entries, topics=topics))
    written.append(out_dir / INDEX_PAGE)
    return written
