"""Charts as inline SVG, drawn at build time: legible without JavaScript; the table beside each is its text."""
from __future__ import annotations

import html

# Charts are drawn about as wide as a phone's column (340 units for the 358 px of a 390 px screen) with text of FONT
# units, so that it renders at 12 px or more on a phone; the style sheet caps their width on a wide screen.
FONT = 13
B_W, B_LABEL, B_BAR, B_GAP, B_VALUE_W = 340, 18, 12, 3, 86
BARS = (("baseline", "bar-baseline"), ("target", "bar-target"), ("latest", "bar-latest"))


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def bar_chart(rows: list[dict], caption_id: str, labels: dict[str, str]) -> str:
    """rows: [{label, baseline|None, target, latest|None, latest_note}], in one unit. Each row: its label on a line of its
    own, then its baseline, target and (where observed) latest value, with latest_note after it, as bars of one scale. labels: the legend's "baseline",
    "target" and "latest", and "missing" for a baseline the plan does not give."""
    keys = [(key, cls) for key, cls in BARS if key != "latest" or any(r.get("latest") is not None for r in rows)]
    top = max(r[key] or 0 for r in rows for key, _ in keys) or 1
    scale = (B_W - B_VALUE_W) / top
    out, y = [], 0
    for row in rows:
        y += B_LABEL
        out.append(f'<text class="chart-label" x="0" y="{y - 5}">{html.escape(row["label"])}</text>')
        for key, cls in keys:
            value = row.get(key)
            if value is None:
                if key == "baseline":
                    out.append(f'<text class="chart-value" x="0" y="{y + B_BAR - 1}">— {html.escape(labels["missing"])}</text>')
                    y += B_BAR + B_GAP
                continue
            w = max(value * scale, 1)
            out.append(f'<rect class="{cls}" x="0" y="{y}" width="{w:.1f}" height="{B_BAR}"/>')
            note = f" · {html.escape(row['latest_note'])}" if key == "latest" and row.get("latest_note") else ""
            out.append(f'<text class="chart-value" x="{w + 4:.1f}" y="{y + B_BAR - 1}">{_fmt(value)}{note}</text>')
            y += B_BAR + B_GAP
        y += 8
    for key, cls in keys:  # the legend, one entry a line
        y += B_LABEL
        out.append(f'<rect class="{cls}" x="0" y="{y - 11}" width="11" height="11"/>')
        out.append(f'<text class="chart-legend" x="16" y="{y - 1}">{html.escape(labels[key])}</text>')
    head = (f'<svg class="chart" viewBox="0 0 {B_W} {y + 4}" width="100%" font-size="{FONT}" role="img" '
            f'aria-labelledby="{caption_id}" xmlns="http://www.w3.org/2000/svg">')
    return head + "".join(out) + "</svg>"


# Trajectory of one indicator quantity, drawn like the bar charts at about 1:1 on a phone.
T_W, T_H, T_LEFT, T_RIGHT, T_TOP, T_BOTTOM = 340, 214, 42, 78, 18, 28


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

    out = [f'<svg class="chart traj" viewBox="0 0 {T_W} {T_H}" width="100%" font-size="{FONT}" role="img" aria-labelledby="{caption_id}" xmlns="http://www.w3.org/2000/svg">']
    tick = 0.0
    while tick <= top + 1e-9:
        out.append(f'<line class="traj-grid" x1="{x0}" x2="{x1}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>')
        out.append(f'<text class="traj-axis" x="{x0 - 4}" y="{y(tick) + 4:.1f}" text-anchor="end">{_fmt(round(tick, 6))}</text>')
        tick += step
    for year in range(start, end + 1):
        out.append(f'<text class="traj-axis" x="{x(year):.1f}" y="{y0 + 18}" text-anchor="middle">{year}</text>')
    if growth:
        out.append(f'<line class="traj-path" x1="{x0}" x2="{x1}" y1="{y(target):.1f}" y2="{y(target):.1f}"/>')
    elif baseline is not None:
        out.append(f'<line class="traj-path" x1="{x(start):.1f}" y1="{y(baseline):.1f}" x2="{x(end):.1f}" y2="{y(target):.1f}"/>')
        out.append(f'<circle class="traj-baseline" cx="{x(start):.1f}" cy="{y(baseline):.1f}" r="3.5"/>')
    out.append(f'<path class="traj-target" d="M{x(end):.1f} {y(target) - 5:.1f}l5 5l-5 5l-5 -5z"/>')
    out.append(f'<text class="traj-label" x="{x(end) + 8:.1f}" y="{y(target) + 4:.1f}">{html.escape(labels["target"])} {_fmt(target)}</text>')
    placed = [y(target) + 4]
    for name, series in lines:
        coords = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in series)
        out.append(f'<polyline class="traj-context" points="{coords}"/>')
        for t, v in series:
            out.append(f'<rect class="traj-context-point" x="{x(t) - 2.5:.1f}" y="{y(v) - 2.5:.1f}" width="5" height="5"/>')
        t, v = series[-1]
        ly = y(v) + 4
        for taken in placed:  # clear of the labels already placed at the right end (the target's first)
            if abs(ly - taken) < FONT + 4:
                ly = taken + (FONT + 4 if ly >= taken else -(FONT + 4))
        placed.append(ly)
        out.append(f'<text class="traj-label traj-context-label" x="{x(t) + 6:.1f}" y="{ly:.1f}">{html.escape(name)}</text>')
    for t, v, label in points:
        out.append(f'<circle class="traj-obs" cx="{x(t):.1f}" cy="{y(v):.1f}" r="4.5"/>')
        out.append(f'<text class="traj-label traj-obs-label" x="{x(t):.1f}" y="{y(v) - 8:.1f}" text-anchor="middle">{html.escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)
