"""Timeline charts: the score line, each tie as a marker coloured by type, turns annotated.

``.png`` is drawn by matplotlib (Agg backend, optional dependency); ``.html``
is one self-contained page with an inline SVG drawn here (no script, no CDN).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from tieline import data
from tieline.analyse.strain import Alert
from tieline.analyse.timeline import Timeline, next_period
from tieline.errors import TielineError

# Cooperation in greens and blues, conflict in reds and oranges, talk in grey.
COLOURS = {
    "INVEST": "#1b7837", "ACQUIRE": "#5aae61", "PARTNER": "#2166ac", "SUPPLY": "#4393c3",
    "SUPPORT": "#92c5de", "SETTLE": "#35978f", "NEGOTIATE": "#878787", "COMPETE": "#fdb863",
    "DISPUTE": "#e08214", "CRITICIZE": "#f46d43", "COMPLAIN": "#d73027", "SUE": "#a50026",
    "REGULATE": "#762a83", "END": "#40004b",
}  # fmt: skip
Y_LO, Y_HI = -8.0, 7.0  # tie scores run from -7 (SUE) to +6 (INVEST, PARTNER)
WIDTH, HEIGHT, PAD_L, PAD_R, PAD_T, PAD_B = 960, 380, 48, 150, 36, 40


class PlotError(TielineError):
    """A chart cannot be written (unknown suffix, matplotlib missing, unwritable path)."""

    code = "E510"


def write_plot(timeline: Timeline, turns: Sequence[Alert], path: str | Path) -> Path:
    """Write a timeline chart to ``path``: PNG through matplotlib, HTML with inline SVG."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".html", ".htm"):
        raise PlotError(f"--plot must end in .png or .html, got {path.name!r}")
    try:
        if suffix == ".png":
            _png(timeline, turns, path)
        else:
            path.write_text(_html(timeline, turns), encoding="utf-8")
    except OSError as exc:
        raise PlotError(f"cannot write {path}: {exc}") from None
    return path


def _span(timeline: Timeline) -> tuple[dt.date, dt.date]:
    first = timeline.periods[0].start if timeline.periods else dt.date.today()
    last = next_period(timeline.periods[-1].start, timeline.by) if timeline.periods else first
    return first, last


def _midpoints(timeline: Timeline) -> list[tuple[dt.date, float | None]]:
    """Each period's score at the middle of the period."""
    out = []
    for p in timeline.periods:
        end = next_period(p.start, timeline.by)
        out.append((p.start + (end - p.start) / 2, p.score))
    return out


def _runs(points: list[tuple[dt.date, float | None]]) -> list[list[tuple[dt.date, float]]]:
    """The scored periods as one line: a period with no ties is no data, not a zero."""
    run = [(day, score) for day, score in points if score is not None]
    return [run] if run else []


def _title(timeline: Timeline) -> str:
    return f"{timeline.a} – {timeline.b}: cooperation (+) vs conflict (−) by {timeline.by}"


def _png(timeline: Timeline, turns: Sequence[Alert], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlotError("PNG plots need matplotlib: pip install matplotlib") from None
    fig, ax = plt.subplots(figsize=(WIDTH / 96, HEIGHT / 96), dpi=96)
    try:
        ax.axhline(0, color="#999999", linewidth=0.8)
        for run in _runs(_midpoints(timeline)):
            ax.plot([d for d, _ in run], [s for _, s in run], color="#222222", linewidth=1.6)
        for kind in data.ontology():
            marks = [(d, s) for d, t, s, _ in timeline.marks if t == kind]
            if marks:
                ax.scatter([d for d, _ in marks], [s for _, s in marks], s=22, label=kind,
                           color=COLOURS.get(kind, "#555555"), alpha=0.8, zorder=3)  # fmt: skip
        for turn in turns:
            ax.axvline(turn.date, color="#555555", linestyle="--", linewidth=0.9)
            ax.annotate(_turn_label(turn), (turn.date, Y_HI - 0.5), rotation=90, fontsize=7,
                        va="top", ha="right")  # fmt: skip
        ax.set_ylim(Y_LO, Y_HI)
        ax.set_ylabel("score")
        ax.set_title(_title(timeline), fontsize=10)
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7, frameon=False)
        fig.autofmt_xdate()
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)


def _turn_label(turn: Alert) -> str:
    return f"{turn.direction.replace('_', ' ')} {turn.date.isoformat()}"


def _html(timeline: Timeline, turns: Sequence[Alert]) -> str:
    title = html.escape(_title(timeline))
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>{title}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:1.5em}</style></head><body>\n"
        f"<h1 style='font-size:1.1em'>{title}</h1>\n{svg(timeline, turns)}\n</body></html>\n"
    )


def svg(timeline: Timeline, turns: Sequence[Alert]) -> str:
    """The chart as one SVG element (tooltips on every tie marker)."""
    first, last = _span(timeline)
    days = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - PAD_L - PAD_R, HEIGHT - PAD_T - PAD_B

    def x(day: dt.date) -> float:
        return round(PAD_L + plot_w * (day - first).days / days, 1)

    def y(score: float) -> float:
        return round(PAD_T + plot_h * (Y_HI - score) / (Y_HI - Y_LO), 1)

    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
        f"viewBox='0 0 {WIDTH} {HEIGHT}' font-size='11' role='img'>"
    ]
    for s in range(-6, 7, 2):  # grid and y labels
        colour = "#999" if s == 0 else "#eee"
        parts.append(f"<line x1='{PAD_L}' x2='{PAD_L + plot_w}' y1='{y(s)}' y2='{y(s)}' "
                     f"stroke='{colour}'/><text x='{PAD_L - 6}' y='{y(s) + 4}' "
                     f"text-anchor='end'>{s:+d}</text>")  # fmt: skip
    step = max(1, -(-len(timeline.periods) // 8))  # at most 8 labels
    for p in timeline.periods[::step]:  # x labels
        parts.append(f"<text x='{x(p.start)}' y='{HEIGHT - PAD_B + 16}' text-anchor='middle'>"
                     f"{p.start.isoformat()[:7]}</text>")  # fmt: skip
    for run in _runs(_midpoints(timeline)):
        pts = " ".join(f"{x(d)},{y(s)}" for d, s in run)
        parts.append(f"<polyline points='{pts}' fill='none' stroke='#222' stroke-width='1.8'/>")
        parts.extend(f"<circle cx='{x(d)}' cy='{y(s)}' r='2' fill='#222'/>" for d, s in run)
    for day, kind, score, tid in timeline.marks:
        tip = html.escape(f"{day.isoformat()} {kind} {score:+g} (tie {tid})")
        fill = COLOURS.get(kind, "#555")
        parts.append(f"<circle cx='{x(day)}' cy='{y(score)}' r='4' fill-opacity='0.8' "
                     f"fill='{fill}'><title>{tip}</title></circle>")  # fmt: skip
    for turn in turns:
        tx = x(turn.date)
        parts.append(f"<line x1='{tx}' x2='{tx}' y1='{PAD_T}' y2='{PAD_T + plot_h}' "
                     "stroke='#555' stroke-dasharray='4 3'/>"
                     f"<text x='{tx + 3}' y='{PAD_T - 6}'>{html.escape(_turn_label(turn))}"
                     "</text>")  # fmt: skip
    kinds = [k for k in data.ontology() if any(m[1] == k for m in timeline.marks)]
    for i, kind in enumerate(kinds):  # legend
        ly = PAD_T + 14 * i
        parts.append(f"<circle cx='{WIDTH - PAD_R + 16}' cy='{ly}' r='4' "
                     f"fill='{COLOURS.get(kind, '#555')}'/>"
                     f"<text x='{WIDTH - PAD_R + 26}' y='{ly + 4}'>{kind}</text>")  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)
