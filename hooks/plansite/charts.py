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
