"""Charts for the HTML report: matplotlib figures as SVG data URIs, with alt text and the data as a table.

No pyplot (no global backend state): figures are built with `matplotlib.figure.Figure` and saved as SVG
with text kept as text, a fixed hash salt and no date, so the same data gives the same bytes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

WIDTH_INCHES = 4.4
BAR_HEIGHT_INCHES = 0.38
MIN_HEIGHT_INCHES = 1.6
FONT_SIZE = 11
BAR_COLOUR = "#1f5f8b"  # 7:1 against white
HEAT_COLOURMAP = "Blues"
MAX_LABEL_CHARS = 28
MAX_ROW_LABEL_CHARS = 22  # heatmap rows: longer labels squeeze the grid


@dataclass(frozen=True)
class Chart:
    """A rendered chart: `src` is a `data:image/svg+xml;base64,…` URI; `rows` the data shown, for a table."""

    key: str
    title: str
    alt: str
    src: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _short(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _svg_uri(figure: Figure, salt: str) -> str:
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt, "font.size": FONT_SIZE}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "notulist"}, bbox_inches="tight")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _number(value: float, unit: str) -> str:
    if unit == "s":
        minutes, seconds = divmod(int(round(value)), 60)
        return f"{minutes}:{seconds:02d} min" if minutes else f"{seconds} s"
    if unit == "%":
        return f"{value:.0%}"
    return f"{value:g}"


def bar_chart(key: str, title: str, labels: Sequence[str], values: Sequence[float], *, unit: str = "",
              axis_label: str = "") -> Chart:
    """A horizontal bar chart, largest value on top (the title goes in the page's caption); `unit` is 's' (seconds), '%' (shares 0–1) or ''."""
    order = sorted(range(len(values)), key=lambda i: (-values[i], labels[i]))
    labels = [labels[i] for i in order]
    values = [values[i] for i in order]
    with matplotlib.rc_context({"font.size": FONT_SIZE}):
        figure = Figure(figsize=(WIDTH_INCHES, max(MIN_HEIGHT_INCHES, 0.6 + BAR_HEIGHT_INCHES * len(labels))))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, values, color=BAR_COLOUR, height=0.6)
        axes.set_yticks(positions, [_short(label) for label in labels])
        top = max(values, default=0) or 1
        for y, value in zip(positions, values, strict=True):
            axes.text(value + top * 0.01, y, _number(value, unit), va="center", fontsize=FONT_SIZE - 1)
        axes.set_xlim(0, top * 1.25)
        if axis_label:
            axes.set_xlabel(axis_label)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if unit == "%":
            axes.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        src = _svg_uri(figure, key)
    pairs = ", ".join(f"{label} {_number(value, unit)}" for label, value in zip(labels, values, strict=True))
    return Chart(key, title, f"Staafdiagram, {title.lower()}: {pairs}.", src, ["", axis_label or title],
                 [[label, _number(value, unit)] for label, value in zip(labels, values, strict=True)])


def heatmap(key: str, title: str, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]]) -> Chart:
    """A grid of shares (0–1): one row per session or speaker, one column per theme, the value in each cell."""
    height = max(MIN_HEIGHT_INCHES, 1.4 + 0.42 * len(rows))
    with matplotlib.rc_context({"font.size": FONT_SIZE}):
        figure = Figure(figsize=(WIDTH_INCHES, height))
        axes = figure.add_subplot()
        top = max(0.01, max((max(r, default=0) for r in values), default=0))
        image = axes.imshow(values, cmap=HEAT_COLOURMAP, vmin=0, vmax=top, aspect="auto")
        axes.set_xticks(range(len(columns)), [_short(c) for c in columns], rotation=35, ha="right")
        axes.set_yticks(range(len(rows)), [_short(r, MAX_ROW_LABEL_CHARS) for r in rows])
        cmap = image.get_cmap()
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value:
                    r, g, b, _ = cmap(value / top)
                    dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
                    axes.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=FONT_SIZE - 1,
                              color="white" if dark else "#111111")
        src = _svg_uri(figure, key)
    cells = []
    for name, row in zip(rows, values, strict=True):
        shown = [f"{columns[j]} {v:.0%}" for j, v in enumerate(row) if v]
        cells.append(f"{name}: {', '.join(shown) if shown else 'geen'}")
    return Chart(key, title, f"Tabel als kleurvlak, {title.lower()}. " + "; ".join(cells) + ".", src, ["", *columns],
                 [[name, *(f"{v:.0%}" if v else "–" for v in row)] for name, row in zip(rows, values, strict=True)])
