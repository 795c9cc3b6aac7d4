"""Bar charts as inline SVG, drawn at build time: legible without JavaScript; the table beside each is its text."""
from __future__ import annotations

import html

ROW, BAR, LABEL_W, VALUE_W, WIDTH = 46, 14, 150, 56, 640


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def bar_chart(rows: list[dict], caption_id: str, labels: dict[str, str]) -> str:
    """rows: [{label, baseline|None, target}], in one unit. Baseline and target bars side by side per row."""
    top = max([r["target"] for r in rows] + [r["baseline"] or 0 for r in rows]) or 1
    scale = (WIDTH - LABEL_W - VALUE_W) / top
    height = ROW * len(rows) + 30
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{caption_id}" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, row in enumerate(rows):
        y = n * ROW + 6
        out.append(f'<text class="chart-label" x="0" y="{y + BAR + 2}">{html.escape(row["label"])}</text>')
        for k, (key, cls) in enumerate((("baseline", "bar-baseline"), ("target", "bar-target"))):
            value = row[key]
            by = y + k * (BAR + 2)
            if value is None:
                out.append(f'<text class="chart-value" x="{LABEL_W + 4}" y="{by + BAR - 3}">— {html.escape(labels["missing"])}</text>')
                continue
            w = max(value * scale, 1)
            out.append(f'<rect class="{cls}" x="{LABEL_W}" y="{by}" width="{w:.1f}" height="{BAR}"/>')
            out.append(f'<text class="chart-value" x="{LABEL_W + w + 4:.1f}" y="{by + BAR - 3}">{_fmt(value)}</text>')
    legend_y = ROW * len(rows) + 16
    out.append(f'<rect class="bar-baseline" x="{LABEL_W}" y="{legend_y - 9}" width="10" height="10"/>')
    out.append(f'<text class="chart-legend" x="{LABEL_W + 14}" y="{legend_y}">{html.escape(labels["baseline"])}</text>')
    out.append(f'<rect class="bar-target" x="{LABEL_W + 160}" y="{legend_y - 9}" width="10" height="10"/>')
    out.append(f'<text class="chart-legend" x="{LABEL_W + 174}" y="{legend_y}">{html.escape(labels["target"])}</text>')
    out.append("</svg>")
    return "".join(out)


# Trajectory of one indicator quantity: small enough to stay legible at 375 px (the viewBox is drawn at about 1:1).
T_W, T_H, T_LEFT, T_RIGHT, T_TOP, T_BOTTOM = 360, 210, 40, 70, 16, 26


def _nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above value, and a tick step giving 3 to 5 ticks."""
    value = value or 1
    for exponent in range(-2, 9):
        for base in (1, 2, 2.5, 5):
            step = base * 10 ** exponent
            if value / step <= 5:
                top = step * -(-value // step)
                return top, step
    return value, value


def trajectory_chart(
    caption_id: str,
    start: int,
    end: int,
    baseline: float | None,
    target: float,
    growth: bool,
    points: list[tuple[float, float, str]],
    lines: list[tuple[str, list[tuple[float, float]]]],
    labels: dict[str, str],
) -> str:
    """A line chart on the plan's time axis (start = end of the base year).

    points: the indicator's observations as (time, value, label); lines: context series of other areas as
    (name, [(time, value)]), drawn dotted and labelled at their end. Level indicators get the straight path from
    baseline to target; growth-rate indicators a flat line at the target rate."""
    values = [target] + ([baseline] if baseline is not None else []) + [v for _, v, _ in points] + [v for _, s in lines for _, v in s]
    top, step = _nice_top(max(values) * 1.08)
    x0, x1, y0, y1 = T_LEFT, T_W - T_RIGHT, T_H - T_BOTTOM, T_TOP

    def x(t: float) -> float:
        return x0 + (min(max(t, start), end) - start) / (end - start) * (x1 - x0)

    def y(v: float) -> float:
        return y0 - v / top * (y0 - y1)

    out = [f'<svg class="chart traj" viewBox="0 0 {T_W} {T_H}" width="100%" role="img" aria-labelledby="{caption_id}" xmlns="http://www.w3.org/2000/svg">']
    tick = 0.0
    while tick <= top + 1e-9:
        out.append(f'<line class="traj-grid" x1="{x0}" x2="{x1}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>')
        out.append(f'<text class="traj-axis" x="{x0 - 4}" y="{y(tick) + 4:.1f}" text-anchor="end">{_fmt(round(tick, 6))}</text>')
        tick += step
    for year in range(start, end + 1):
        out.append(f'<text class="traj-axis" x="{x(year):.1f}" y="{y0 + 16}" text-anchor="middle">{year}</text>')
    if growth:
        out.append(f'<line class="traj-path" x1="{x0}" x2="{x1}" y1="{y(target):.1f}" y2="{y(target):.1f}"/>')
    elif baseline is not None:
        out.append(f'<line class="traj-path" x1="{x(start):.1f}" y1="{y(baseline):.1f}" x2="{x(end):.1f}" y2="{y(target):.1f}"/>')
        out.append(f'<circle class="traj-baseline" cx="{x(start):.1f}" cy="{y(baseline):.1f}" r="3.5"/>')
    out.append(f'<path class="traj-target" d="M{x(end):.1f} {y(target) - 5:.1f}l5 5l-5 5l-5 -5z"/>')
    out.append(f'<text class="traj-label" x="{x(end) + 8:.1f}" y="{y(target) + 4:.1f}">{html.escape(labels["target"])} {_fmt(target)}</text>')
    for name, series in lines:
        coords = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in series)
        out.append(f'<polyline class="traj-context" points="{coords}"/>')
        for t, v in series:
            out.append(f'<rect class="traj-context-point" x="{x(t) - 2.5:.1f}" y="{y(v) - 2.5:.1f}" width="5" height="5"/>')
        t, v = series[-1]
        out.append(f'<text class="traj-label traj-context-label" x="{x(t) + 6:.1f}" y="{y(v) + 4:.1f}">{html.escape(name)}</text>')
    for t, v, label in points:
        out.append(f'<circle class="traj-obs" cx="{x(t):.1f}" cy="{y(v):.1f}" r="4.5"/>')
        out.append(f'<text class="traj-label traj-obs-label" x="{x(t):.1f}" y="{y(v) - 8:.1f}" text-anchor="middle">{html.escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)
