"""The bench's tables, and docs/performance.md rewritten between its markers."""

import os
import platform
import re
from pathlib import Path

from bench.server import ROOT

REPORT = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


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


def write_report(lines):
    text = REPORT.read_text() if REPORT.exists() else f"# Performance\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    REPORT.write_text(before + START + "\n" + "\n".join(lines) + "\n" + END + after)
