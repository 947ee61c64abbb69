"""Hand-written SVG charts of the attendance statistics: no library, no script.

Accessible by construction: role="img" named by its <title> and <desc>, every bar carrying its
figure as text, colours of at least 3:1 against white told apart by a pattern as well (never by
colour alone), and a legend in words. The page shows the same figures in a table beside each chart.
The charts are one column wide (label above its bar) so that a phone shows them unshrunk.
"""

from xml.sax.saxutils import escape


WIDTH = 360
LABEL_HEIGHT = 18
BAR_HEIGHT = 22
GAP = 10
FONT = 'font-family="sans-serif" font-size="12"'
INK = "#1a1a1a"

# Each category: a colour (≥ 3:1 against white) and a pattern drawn in white over it.
STYLES = {
    "present": ("#1b6e3a", None),
    "remote": ("#1f5fa8", "diagonal"),
    "proxy": ("#6f42a0", "dots"),
    "deputy": ("#8a5a00", "cross"),
    "absent": ("#b3261e", "horizontal"),
    "unanswered": ("#5f6368", "vertical"),
    "unrecorded": ("#5f6368", "vertical"),
    "declared": ("#1f5fa8", "diagonal"),
    "actual": ("#1b6e3a", None),
}

PATTERNS = {
    "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.5"/>',
    "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
    "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.2"/>',
    "horizontal": '<path d="M0,4 H8" stroke="#fff" stroke-width="1.5"/>',
    "vertical": '<path d="M4,0 V8" stroke="#fff" stroke-width="1.5"/>',
}


def _defs(prefix, keys):
    """A <pattern> per category: its colour filled, its white pattern over it."""
    found = []
    for key in keys:
        colour, pattern = STYLES[key]
        found.append(
            f'<pattern id="{prefix}-{key}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{PATTERNS.get(pattern, "")}</pattern>'
        )
    return "<defs>" + "".join(found) + "</defs>"


def _chip(x, y, text, label):
    """A figure on a white chip, readable over any pattern; its words in a <title>."""
    width = 8 + 7 * len(text)
    return (
        f"<g><title>{escape(label)}</title>"
        f'<rect x="{x - width / 2:.1f}" y="{y - 8}" width="{width}" height="16" rx="3" '
        f'fill="#fff" stroke="{INK}" stroke-width="0.5"/>'
        f'<text x="{x:.1f}" y="{y + 4}" text-anchor="middle" fill="{INK}" {FONT}>'
        f"{escape(text)}</text></g>"
    )


def _legend(prefix, keys, labels, y):
    """The categories in words, each beside a swatch of its pattern, wrapped to the width."""
    parts, x = [], 0
    for key in keys:
        text = labels[key]
        width = 22 + 7 * len(text)
        if x and x + width > WIDTH:
            x, y = 0, y + 20
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="url(#{prefix}-{key})" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{x + 18}" y="{y + 11}" fill="{INK}" {FONT}>{escape(text)}</text>'
        )
        x += width
    return "".join(parts), y + 20


def _svg(prefix, title, desc, height, body):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="attendance-chart" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def stacked_bars(prefix, title, desc, bars, keys, labels):
    """Horizontal stacked bars: ``bars`` is [(label, {key: count})], one bar per label.

    Each segment is as long as its count (the longest bar fills the width) and shows its figure
    on a chip; a zero draws nothing. The total follows the label above the bar.
    """
    longest = max((sum(counts.get(key, 0) for key in keys) for _, counts in bars), default=0)
    unit = WIDTH / longest if longest else 0
    parts, y = [_defs(prefix, keys)], 0
    legend, y = _legend(prefix, keys, labels, y)
    parts.append(legend)
    y += 4
    for label, counts in bars:
        total = sum(counts.get(key, 0) for key in keys)
        parts.append(
            f'<text x="0" y="{y + 13}" fill="{INK}" {FONT}>{escape(label)} ({total})</text>'
        )
        y += LABEL_HEIGHT
        x = 0.0
        for key in keys:
            count = counts.get(key, 0)
            if not count:
                continue
            width = count * unit
            words = f"{labels[key]} : {count}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(width - 1, 1):.1f}" height="{BAR_HEIGHT}" '
                f'fill="url(#{prefix}-{key})"><title>{escape(f"{label}, {words}")}</title></rect>'
            )
            parts.append(_chip(x + width / 2, y + BAR_HEIGHT / 2, str(count), words))
            x += width
        y += BAR_HEIGHT + GAP
    return _svg(prefix, title, desc, max(y, 1), "".join(parts))


def rate_bars(prefix, title, desc, groups, labels):
    """Rates in per cent, a bar per rate: ``groups`` is [(label, [(key, rate or None)])].

    100 % fills the width; a missing rate (no roll call yet) is written, not drawn.
    """
    keys = sorted({key for _, rates in groups for key, _ in rates}, key=list(STYLES).index)
    parts, y = [_defs(prefix, keys)], 0
    legend, y = _legend(prefix, keys, labels, y)
    parts.append(legend)
    y += 4
    for label, rates in groups:
        parts.append(f'<text x="0" y="{y + 13}" fill="{INK}" {FONT}>{escape(label)}</text>')
        y += LABEL_HEIGHT
        for key, rate in rates:
            if rate is None:
                text = f"{labels[key]} : non relevé"
                parts.append(f'<text x="0" y="{y + 15}" fill="{INK}" {FONT}>{escape(text)}</text>')
            else:
                text = f"{rate} %"
                width = min(rate, 100) / 100 * (WIDTH - 50)
                parts.append(
                    f'<rect x="0" y="{y}" width="{max(width, 1):.1f}" height="{BAR_HEIGHT}" '
                    f'fill="url(#{prefix}-{key})"><title>'
                    f"{escape(f'{label}, {labels[key]} : {text}')}</title></rect>"
                    f'<text x="{width + 4:.1f}" y="{y + 15}" fill="{INK}" {FONT}>'
                    f"{escape(text)}</text>"
                )
            y += BAR_HEIGHT + 4
        y += GAP
    return _svg(prefix, title, desc, max(y, 1), "".join(parts))
