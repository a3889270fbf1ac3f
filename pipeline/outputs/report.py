"""A self-contained HTML report per document, for readers who do not want JSON."""

from __future__ import annotations

from html import escape

from pipeline.outputs.model import Analysis, Summary

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1d1d1f}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#666}.quote{border-left:3px solid #8ab;padding-left:.8rem;margin:.6rem 0}
.who{color:#456;font-size:.9rem}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;
border-bottom:1px solid #eee;vertical-align:top}.tag{display:inline-block;background:#eef3f7;border-radius:.8rem;
padding:0 .6rem;margin:.1rem;font-size:.85rem}
"""


def _summary(summary: Summary | None) -> str:
    if summary is None:
        return "<p class='meta'>Geen samenvatting.</p>"
    parts = [f"<p>{escape(summary.text)}</p>"]
    if summary.key_points:
        parts.append("<h3>Kernpunten</h3><ul>" + "".join(f"<li>{escape(p)}</li>" for p in summary.key_points) + "</ul>")
    if summary.who_said_what:
        parts.append("<h3>Wie zei wat</h3>")
        for w in summary.who_said_what:
            role = f", {escape(w.role)}" if w.role else ""
            mark = ("“", "”") if w.kind == "direct" else ("", "")
            parts.append(f"<div class='quote'>{mark[0]}{escape(w.quote)}{mark[1]}<div class='who'>— {escape(w.speaker)}{role}</div></div>")
    return "".join(parts)


def render_html(analysis: Analysis, labels: dict[str, str] | None = None) -> str:
    """The report: summary, sessions, speakers, themes and all quotes."""
    labels = labels or {t.id: t.label for t in analysis.themes}
    title = analysis.document.title or analysis.document.source
    out = [
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='meta'>{escape(analysis.document.source)} · {analysis.document.words} woorden · "
        f"{len(analysis.speakers)} sprekers · {len(analysis.quotes)} citaten</p>",
        "<h2>Samenvatting</h2>",
        _summary(analysis.summary),
    ]
    if analysis.themes:
        out.append("<h2>Thema's</h2><table><tr><th>Thema</th><th>Score</th><th>Voorbeeld</th></tr>")
        for theme in analysis.themes:
            example = theme.evidence[0].text if theme.evidence else ""
            out.append(f"<tr><td>{escape(theme.label)}</td><td>{theme.score:.2f}</td><td>{escape(example)}</td></tr>")
        out.append("</table>")
    if len(analysis.sessions) > 1:
        for session in analysis.sessions:
            out.append(f"<h2>{escape(session.title or session.id)}</h2>")
            out.append("".join(f"<span class='tag'>{escape(labels.get(t.id, t.id))}</span>" for t in session.themes[:3]))
            out.append("".join(f"<span class='tag'>{escape(k.text)}</span>" for k in session.keyphrases[:5]))
            out.append(_summary(session.summary))
    if analysis.speakers:
        out.append("<h2>Sprekers</h2><table><tr><th>Naam</th><th>Functie</th><th>Organisatie</th><th>Ook genoemd als</th></tr>")
        for s in analysis.speakers:
            out.append(
                f"<tr><td>{escape(s.name)}</td><td>{escape('; '.join(s.roles))}</td>"
                f"<td>{escape('; '.join(s.organisations))}</td><td>{escape('; '.join(s.aliases))}</td></tr>"
            )
        out.append("</table>")
    if analysis.quotes:
        out.append("<h2>Citaten</h2>")
        for q in analysis.quotes:
            mark = ("“", "”") if q.kind == "direct" else ("", " (indirect)")
            who = escape(q.speaker) if q.speaker else "onbekend"
            out.append(f"<div class='quote'>{mark[0]}{escape(q.text)}{mark[1]}<div class='who'>— {who}</div></div>")
    out.append("</body></html>\n")
    return "\n".join(out)
