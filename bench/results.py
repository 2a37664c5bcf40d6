"""Writes one benchmark's section into bench/RESULTS.md, keeping the other sections."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = (
    "# Benchmark results\n\nEach section is written by the benchmark named in it; rerun that "
    "script to refresh it. Figures are ratios measured in one run wherever a target applies, "
    "because this machine is shared and absolute times vary.\n"
)


def write_section(title: str, body: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    block = f"<!-- section: {title} -->\n## {title}\n\n{body.strip()}\n<!-- end: {title} -->\n"
    pattern = re.compile(
        rf"<!-- section: {re.escape(title)} -->.*?<!-- end: {re.escape(title)} -->\n", re.S
    )
    text = (
        pattern.sub(lambda _m: block, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block
    )
    RESULTS.write_text(text)
