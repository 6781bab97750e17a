"""WCAG 2 contrast ratios of CSS colours, for checking what the browser draws."""

from __future__ import annotations

import re


def parse_colour(css: str) -> tuple[float, float, float, float]:
    """`#rrggbb`, `rgb(r, g, b)` or `rgba(r, g, b, a)` as (r, g, b, alpha), channels 0..255."""
    css = css.strip()
    if css.startswith("#"):
        h = css[1:]
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), 1.0
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0


def over(top: str, bottom: str) -> str:
    """`top` composited over the opaque `bottom`, as #rrggbb (what the eye sees)."""
    r, g, b, a = parse_colour(top)
    br, bg, bb, _ = parse_colour(bottom)
    mix = [round(c * a + d * (1 - a)) for c, d in ((r, br), (g, bg), (b, bb))]
    return "#" + "".join(f"{v:02x}" for v in mix)


def luminance(css: str) -> float:
    r, g, b, _ = parse_colour(css)
    channels = [c / 255 for c in (r, g, b)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
