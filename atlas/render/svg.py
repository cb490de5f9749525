"""The drawing kit of the charts: frames, estimated text boxes, a greedy label placer, marks.

A chart is drawn twice: ``WIDE`` for the full content width of a desktop (shown at 1:1, so its
14 px text is 14 px on screen) and ``NARROW`` for a phone (360 units shown about 360 px wide).
Text sizes are user units; atlas.css never shows an SVG larger than it was drawn.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .md import esc

FONT = 14  # ticks, legend, annotations
LABEL = 13  # point labels
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Frame:
    name: str  # "wide" or "narrow": the CSS class atlas-chart-<name> shows one per screen
    w: int
    h: int
    left: int
    right: int
    top: int
    bottom: int
    labels: int  # how many points may carry a label that is always shown

    @property
    def plot(self) -> Box:
        return (self.left, self.top, self.w - self.right, self.h - self.bottom)

    def sized(self, h: int | None = None, top: int | None = None) -> Frame:
        return dataclasses.replace(self, h=self.h if h is None else h, top=top or self.top)


WIDE = Frame("wide", 1160, 640, 84, 24, 48, 64, 40)
NARROW = Frame("narrow", 360, 460, 58, 20, 64, 60, 6)
FRAMES = (WIDE, NARROW)

# Access classes (Family.access; None is "unknown"): a colour (atlas.css, light and dark) and a
# shape each, so the classes differ without colour too.
ACCESS = ("open-weights", "api-only", "closed", "unknown")
ACCESS_LABEL = {
    "open-weights": "open weights",
    "api-only": "API only",
    "closed": "closed",
    "unknown": "access not stated",
}


def english(key: str, **values) -> str:
    """An interface string in English (for a chart's data outside a page: tests, exports)."""
    return key.format(**values) if values else key


def text_width(s: str, size: float) -> float:
    """A generous estimate of a sans-serif text's width (wide for CJK), for placing labels."""
    return sum(size * (1.0 if ord(c) >= 0x2E80 else 0.6) for c in s)


def text_box(x: float, y: float, s: str, size: float = LABEL, anchor: str = "start") -> Box:
    w = text_width(s, size)
    x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    return (x0, y - 0.82 * size, x0 + w, y + 0.24 * size)


def overlap(a: Box, b: Box, pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


class Layout:
    """Boxes already drawn; a new label goes in the first candidate place that overlaps none."""

    def __init__(self, bounds: Box):
        self.bounds = bounds
        self.marks: list[Box] = []  # points: a label avoids them where it can
        self.taken: list[Box] = []  # labels: never overlapped

    def fits(self, box: Box, over_marks: bool = False) -> bool:
        x0, y0, x1, y1 = self.bounds
        inside = box[0] >= x0 and box[1] >= y0 and box[2] <= x1 and box[3] <= y1
        if not inside or any(overlap(box, t) for t in self.taken):
            return False
        return over_marks or not any(overlap(box, m) for m in self.marks)

    def place(self, candidates: Sequence[tuple[Box, object]], over_marks=False) -> object | None:
        """The first candidate whose box fits (now taken), or None."""
        for box, value in candidates:
            if self.fits(box, over_marks):
                self.taken.append(box)
                return value
        return None


def label_spots(x: float, y: float, s: str, r: float = 5) -> list[tuple[Box, tuple]]:
    """Places for a point's label around it: right, left, above, below, then the diagonals."""
    d, up, down = r + 3, y - r - 4, y + r + LABEL
    spots = [
        (x + d, y + 4.5, "start"),
        (x - d, y + 4.5, "end"),
        (x, up, "middle"),
        (x, down, "middle"),
        (x + r, up, "start"),
        (x - r, up, "end"),
        (x + r, down, "start"),
        (x - r, down, "end"),
    ]
    return [(text_box(tx, ty, s, LABEL, a), (tx, ty, a)) for tx, ty, a in spots]


def mark(access: str, x: float, y: float, r: float = 5) -> str:
    """A point: circle (open weights), square (API only), triangle (closed), diamond (unknown)."""
    cls = f'class="atlas-mark atlas-acc-{access}"'
    if access == "open-weights":
        return f'<circle {cls} cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
    if access == "api-only":
        s = r * 0.9
        return f'<rect {cls} x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"/>'
    if access == "closed":
        h = r * 1.2
        pts = f"{x:.1f},{y - h:.1f} {x + h:.1f},{y + h * 0.8:.1f} {x - h:.1f},{y + h * 0.8:.1f}"
        return f'<polygon {cls} points="{pts}"/>'
    h = r * 1.25
    pts = f"{x:.1f},{y - h:.1f} {x + h:.1f},{y:.1f} {x:.1f},{y + h:.1f} {x - h:.1f},{y:.1f}"
    return f'<polygon {cls} points="{pts}"/>'


def legend(frame: Frame, counts: dict[str, int], t) -> tuple[list[str], Box]:
    """The access classes with their marks and counts, flowed into rows above the plot."""
    out, x, y = ['<g class="atlas-legend">'], float(frame.left), 18.0
    x_max = x
    for access in ACCESS:
        text = f"{t(ACCESS_LABEL[access])} ({counts.get(access, 0)})"
        width = 16 + text_width(text, FONT)
        if x + width > frame.w - frame.right and x > frame.left:
            x, y = float(frame.left), y + 22
        out.append(mark(access, x + 5, y - 5))
        out.append(f'<text x="{x + 14:.1f}" y="{y:.1f}" font-size="{FONT}">{esc(text)}</text>')
        x += width + 18
        x_max = max(x_max, x - 18)
    out.append("</g>")
    return out, (frame.left, 18 - FONT, x_max, y + 4)


def log_ticks(lo: float, hi: float) -> list[float]:
    return [10.0**e for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]


def log_range(values: Sequence[float]) -> tuple[float, float]:
    """The powers of ten around the values (at least one decade wide)."""
    ticks = log_ticks(min(values), max(values))
    return ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] * 10


def scale(lo: float, hi: float, a: float, b: float, log: bool):
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
        return lambda v: a + (math.log10(v) - lo) / (hi - lo) * (b - a)
    return lambda v: a + (v - lo) / (hi - lo) * (b - a)


def sup(exp: int) -> str:
    return str(exp).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def power_ticks(values: Sequence[float], sx, room: float) -> list[tuple[float, str]]:
    """Decade ticks "10ⁿ"; every second (third...) one where the labels would touch."""
    ticks = [(sx(v), f"10{sup(round(math.log10(v)))}") for v in values]
    step = 1
    while step < len(ticks) and abs(ticks[step][0] - ticks[0][0]) < room:
        step += 1
    return ticks[::step]


def axes(frame: Frame, x_ticks, y_ticks, x_label: str, y_label: str) -> list[str]:
    x0, y0, x1, y1 = frame.plot
    out = [f'<g class="atlas-axis" font-size="{FONT}">']
    out.append(f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="currentColor"/>')
    out.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="currentColor"/>')
    for px, text in x_ticks:
        out.append(f'<line class="atlas-grid" x1="{px:.1f}" y1="{y1}" x2="{px:.1f}" y2="{y0}"/>')
        out.append(f'<text x="{px:.1f}" y="{y1 + 18}" text-anchor="middle">{esc(text)}</text>')
    for py, text in y_ticks:
        out.append(f'<line class="atlas-grid" x1="{x0}" y1="{py:.1f}" x2="{x1}" y2="{py:.1f}"/>')
        out.append(f'<text x="{x0 - 6}" y="{py + 5:.1f}" text-anchor="end">{esc(text)}</text>')
    mid_y = (y0 + y1) / 2
    out.append(
        f'<text x="{(x0 + x1) / 2}" y="{frame.h - 14}" text-anchor="middle">{esc(x_label)}</text>'
        f'<text x="16" y="{mid_y}" text-anchor="middle" transform="rotate(-90 16 {mid_y})">'
        f"{esc(y_label)}</text></g>"
    )
    return out


def svg(frame: Frame, inner: list[str], title: str, desc: str) -> str:
    return (
        f'<svg class="atlas-chart atlas-chart-{frame.name}" viewBox="0 0 {frame.w} {frame.h}" '
        f'width="{frame.w}" height="{frame.h}" role="group" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{esc(title)}</title><desc>{esc(desc)}</desc>" + "".join(inner) + "</svg>"
    )
