"""The cost curve as an SVG drawn by the bench (no library), as laureates/charts.py draws
the impact charts: each public page's req/s as a share of the trivial view's, at each
scale, from the cache (left) and on a miss (right). The tables in docs/performance.md
are its text alternative."""

from html import escape

from bench.report import share
from bench.scenarios import PUBLIC
from bench.server import ROOT

CHART = ROOT / "docs" / "bench-curve.svg"
PANEL_WIDTH, PANEL_HEIGHT = 360, 240
LEFT, TOP, GAP = 56, 40, 100
COLOURS = ["#000091", "#e1000f", "#18753c", "#b34000", "#6a6af4", "#a558a0", "#3a3a3a"]
LEGEND_LINE = 18


def panel(runs, x0, title, suffix):
    """One panel: axes, the 0/50/100 % grid, a polyline and dots a page."""
    bottom = TOP + PANEL_HEIGHT
    parts = [
        f'<text x="{x0}" y="{TOP - 14}" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{x0}" y1="{bottom}" x2="{x0 + PANEL_WIDTH}" y2="{bottom}" stroke="#666"/>',
    ]
    for percent in (0, 25, 50, 75, 100):
        y = bottom - percent / 100 * PANEL_HEIGHT
        parts.append(
            f'<line x1="{x0}" y1="{y}" x2="{x0 + PANEL_WIDTH}" y2="{y}" stroke="#ddd"/>'
            f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end">{percent} %</text>'
        )
    step = PANEL_WIDTH / max(len(runs) - 1, 1)
    for index, run in enumerate(runs):
        x = x0 + index * step
        parts.append(
            f'<text x="{x}" y="{bottom + 18}" text-anchor="middle">{run["scale"]:,}</text>'
        )
    for colour, page in zip(COLOURS, PUBLIC, strict=True):
        points = []
        for index, run in enumerate(runs):
            value = share(run, page + suffix)
            if value is not None:
                y = bottom - min(value, 1.0) * PANEL_HEIGHT
                points.append((round(x0 + index * step, 1), round(y, 1)))
        coordinates = " ".join(f"{x},{y}" for x, y in points)
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        parts += [f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>' for x, y in points]
    return parts


def svg(runs):
    width = LEFT + 2 * PANEL_WIDTH + GAP + LEFT
    legend_top = TOP + PANEL_HEIGHT + 44
    height = legend_top + LEGEND_LINE * ((len(PUBLIC) + 1) // 2) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" '
        'role="img" aria-labelledby="curve-title">',
        '<title id="curve-title">Public pages: req/s as a share of the trivial view, by '
        "number of laureates (from the cache, and on a miss)</title>",
        '<rect width="100%" height="100%" fill="#fff"/>',
        *panel(runs, LEFT, "From the cache", ""),
        *panel(runs, 2 * LEFT + PANEL_WIDTH + GAP - LEFT, "Cache off (a miss)", ", cache off"),
        f'<text x="{LEFT + PANEL_WIDTH + GAP / 2}" y="{TOP + PANEL_HEIGHT + 34}" '
        'text-anchor="middle">laureates (applications: 20 ×)</text>',
    ]
    for index, (colour, page) in enumerate(zip(COLOURS, PUBLIC, strict=True)):
        x = LEFT + (index % 2) * (PANEL_WIDTH + GAP)
        y = legend_top + (index // 2) * LEGEND_LINE
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="14" height="10" fill="{colour}"/>'
            f'<text x="{x + 20}" y="{y}">{escape(page)}</text>'
        )
    return "\n".join([*parts, "</svg>"]) + "\n"


def write_chart(runs):
    CHART.write_text(svg(runs))
    return CHART
