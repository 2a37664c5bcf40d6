"""Charts of the dashboard and the report, drawn by matplotlib as SVG on the server.

Text stays text (`svg.fonttype = none`), so the browser and WeasyPrint shape Chinese and
Hebrew themselves with the installed fonts. The SVG is cleaned for the strict CSP: no
<style> element and no style attributes, only SVG presentation attributes.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from html import escape

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

FONTS = ["DejaVu Sans", "WenQuanYi Micro Hei"]
PALETTE = ["#0b4f6c", "#f2a541", "#2a9d8f", "#e76f51", "#6d597a", "#8ab17d", "#b56576"]
RC = {
    "svg.fonttype": "none",
    "font.family": FONTS,  # a list: matplotlib falls back glyph by glyph
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
# matplotlib names its groups figure_1, patch_1, …: the same in every chart, so they would
# repeat on a page with several charts. Hashed ids (clip paths, markers) are unique and stay.
_GROUP_ID = re.compile(r'\sid="[A-Za-z][A-Za-z0-9.]*_\d+"')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_FONT_SHORTHAND = re.compile(
    r"^(?:(italic|oblique)\s+)?(?:(bold|normal|\d{3})\s+)?([\d.]+px)\s+(.+)$"
)


def _declarations_to_attributes(style: str) -> str:
    """`fill: #fff; font: 10px 'DejaVu Sans'` → ` fill="#fff" font-size="10px" …`."""
    attributes: list[tuple[str, str]] = []
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":
            match = _FONT_SHORTHAND.match(value)
            if not match:
                continue
            font_style, weight, size, family = match.groups()
            if font_style:
                attributes.append(("font-style", font_style))
            if weight:
                attributes.append(("font-weight", weight))
            attributes.append(("font-size", size))
            attributes.append(("font-family", family))
        else:
            attributes.append((name, value))
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in attributes)


def csp_safe_svg(svg: str) -> str:
    """The SVG without what a strict CSP blocks (style elements and attributes), inline-ready."""
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg)
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = _GROUP_ID.sub("", svg)
    return _STYLE_ATTRIBUTE.sub(lambda m: _declarations_to_attributes(m.group(1)), svg)


@dataclass
class Chart:
    key: str
    title: str
    svg: str
    # the table fallback: column headings and rows of (label, values…)
    headings: list[str]
    rows: list[tuple[str, list[float | int | str]]]


def _render(key: str, title: str, figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = csp_safe_svg(buffer.getvalue())
    # Accessible name: role and title first inside the root element.
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="chart-{key}-title" id="chart-{key}" ',
        1,
    )
    head_end = svg.index(">", svg.index("<svg")) + 1
    return (
        svg[:head_end] + f'<title id="chart-{key}-title">{escape(title)}</title>' + svg[head_end:]
    )


# matplotlib's settings are global to the process: one chart at a time per process.
_LOCK = threading.Lock()


@contextmanager
def _drawing(key: str) -> Iterator[None]:
    # The hash salt makes element ids unique per chart when several share a page.
    with _LOCK, matplotlib.rc_context({**RC, "svg.hashsalt": key}):
        yield


def _figure(height: float) -> Figure:
    return Figure(figsize=(6.4, height), dpi=100)


def bar_chart(
    *, key: str, title: str, labels: list[str], values: list[int | float], value_heading: str
) -> Chart:
    """Horizontal bars, one per label (largest first as given), with their values written."""
    with _drawing(key):
        figure = _figure(max(1.6, 0.38 * len(labels) + 0.9))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.barh(positions, values, color=PALETTE[0])
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_title(title, loc="left", fontsize=11)
        top = max(values, default=0) or 1
        for position, value in zip(positions, values, strict=True):
            axes.text(value + top * 0.01, position, f"{value:g}", va="center", fontsize=9)
        axes.set_xlim(0, top * 1.12)
        axes.xaxis.set_visible(False)
        axes.spines["bottom"].set_visible(False)
        svg = _render(key, title, figure)
    return Chart(
        key=key,
        title=title,
        svg=svg,
        headings=[value_heading],
        rows=[(label, [value]) for label, value in zip(labels, values, strict=True)],
    )


def line_chart(
    *, key: str, title: str, months: list[date], values: list[int], value_heading: str
) -> Chart:
    with _drawing(key):
        figure = _figure(2.8)
        axes = figure.add_subplot()
        axes.plot(months, values, color=PALETTE[0], linewidth=2)
        axes.fill_between(months, values, color=PALETTE[0], alpha=0.12)
        axes.set_title(title, loc="left", fontsize=11)
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        figure.autofmt_xdate(rotation=0, ha="center")
        svg = _render(key, title, figure)
    return Chart(
        key=key,
        title=title,
        svg=svg,
        headings=[value_heading],
        rows=[
            (month.strftime("%Y-%m"), [value]) for month, value in zip(months, values, strict=True)
        ],
    )


def stacked_bar_chart(
    *,
    key: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
) -> Chart:
    """Horizontal stacked bars (e.g. area let, free and planned per phase) with a legend."""
    with _drawing(key):
        figure = _figure(max(1.8, 0.5 * len(labels) + 1.2))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        left = [0.0] * len(labels)
        for index, (name, values) in enumerate(series):
            color = PALETTE[index % len(PALETTE)]
            axes.barh(positions, values, left=left, color=color, label=name)
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_title(title, loc="left", fontsize=11)
        axes.legend(loc="lower right", fontsize=8, frameon=False)
        svg = _render(key, title, figure)
    return Chart(
        key=key,
        title=title,
        svg=svg,
        headings=[name for name, _values in series],
        rows=[(label, [values[i] for _name, values in series]) for i, label in enumerate(labels)],
    )
