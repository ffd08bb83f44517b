"""The bench's tables, and docs/performance.md rewritten between its markers.

One run: a line a page. Several scales: a table a page (req/s, p95 and the share of the
trivial view's req/s at each scale, cache on and off) and how much that share falls from
the smallest scale to the largest.
"""

import os
import platform
import re
import time
from pathlib import Path

from bench.load import CONCURRENCY
from bench.scenarios import ADMIN, PUBLIC, TRIVIAL
from bench.server import ROOT

REPORT = ROOT / "docs" / "performance.md"


def row(label, result, floor):
    codes = ", ".join(f"{code}: {n}" for code, n in sorted(result["codes"].items()))
    ratio = result["rate"] / floor if floor else 0
    return (
        f"| {label} | {result['rate']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} "
        f"| {ratio:.0%} | {codes} |"
    )


def machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def header(seconds):
    return (
        f"Measured on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {machine()}; "
        f"PostgreSQL and Redis on the same machine; gunicorn with 3 sync workers, DEBUG off; "
        f"{CONCURRENCY} concurrent clients unless the line says otherwise, {seconds} s "
        "per line (hey for GETs, a Python client for the POSTs)."
    )


def posts_line(run):
    posts = run["results"]["Application POSTs (sent)"]
    accepted = posts["codes"].get("302 sent", 0)
    return (
        f"Application POSTs: {accepted} accepted responses, {posts['stored']} new sent "
        f"applications in the database ({accepted - posts['stored']} lost)."
    )


def load_of(run):
    return f"load average {run['load'][0]:.1f} before, {run['load'][1]:.1f} after"


def table_lines(run, seconds):
    """The table of one run, a line a page."""
    floor = run["results"][TRIVIAL]["rate"]
    return [
        f"{header(seconds)} Machine's {load_of(run)} (1 minute).",
        "",
        "| Page | req/s | p50 (ms) | p95 (ms) | vs trivial | responses |",
        "|---|---:|---:|---:|---:|---|",
        *[row(label, result, floor) for label, result in run["results"].items()],
        "",
        posts_line(run),
        f"Largest resident memory of a gunicorn worker: {run['peak_cached']:.0f} MB (page "
        f"cache on), {run['peak_uncached']:.0f} MB (page cache off).",
    ]


def share(run, label):
    """A page's req/s as a share of the trivial view's, measured by the same run."""
    result = run["results"].get(label)
    return result["rate"] / run["results"][TRIVIAL]["rate"] if result else None


def cells(run, label):
    result = run["results"].get(label)
    if not result:
        return "– | – | –"
    return f"{result['rate']:.0f} | {result['p95']:.1f} | {share(run, label):.0%}"


def slowdown(runs, label):
    """How many times the share of the trivial view falls from the smallest scale to the
    largest: 1.0 is a flat curve, 2.0 a page twice as costly at the largest scale."""
    first, last = share(runs[0], label), share(runs[-1], label)
    return f"×{first / last:.2f}" if first and last else "–"


def curve_lines(runs, seconds, minutes):
    """A table a page over every scale, with the builds, loads and the run's length."""
    lines = [
        f"{header(seconds)} The whole run took {minutes:.1f} minutes.",
        "",
        "| Scale (laureates) | applications | data set | load average (1 min) | trivial req/s |",
        "|---:|---:|---|---|---:|",
    ]
    for run in runs:
        built = f"built in {run['build']:.0f} s" if run["build"] else "reused"
        lines.append(
            f"| {run['scale']:,} | {20 * run['scale']:,} | {built} | {load_of(run)} "
            f"| {run['results'][TRIVIAL]['rate']:.0f} |"
        )
    span = f"{runs[0]['scale']:,} → {runs[-1]['scale']:,}"
    for page in PUBLIC + ADMIN:
        # Public pages again with the cache off; admin pages (never cached) with 1 client.
        other, name = (", cache off", "on a miss") if page in PUBLIC else (", 1 client", "1 client")
        lines += [
            "",
            f"**{page}**: cost {span} {slowdown(runs, page)} at 8 clients"
            + (", from the cache" if page in PUBLIC else "")
            + f", {slowdown(runs, page + other)} {name}",
            "",
            f"| Laureates | req/s | p95 (ms) | vs trivial | {name}: req/s | p95 (ms) "
            "| vs trivial |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            *(
                f"| {run['scale']:,} | {cells(run, page)} | {cells(run, page + other)} |"
                for run in runs
            ),
        ]
    lines += ["", "**Application POSTs**", ""]
    lines += [f"- scale {run['scale']:,}: {cells(run, 'Application POSTs (sent)')} "
              f"(req/s, p95, vs trivial); {posts_line(run)}" for run in runs]  # fmt: skip
    return lines


def write_report(lines, markers="bench"):
    """Replace what stands between `<!-- markers:start -->` and `<!-- markers:end -->`
    (added at the end of the file when they are missing)."""
    start, end = f"<!-- {markers}:start -->", f"<!-- {markers}:end -->"
    text = REPORT.read_text() if REPORT.exists() else "# Performance\n"
    if start not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _old, after = rest.split(end, 1)
    REPORT.write_text(before + start + "\n" + "\n".join(lines) + "\n" + end + after)
