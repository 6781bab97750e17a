"""Quotes of the candidate's own words that always fit a claim: clipped by words and by characters, any script.

A claim's quote must be 2–`MAX_QUOTE_CHARS` characters (the `Claim` schema), and an answer can be one
character, an emoji, a URL, 320 Chinese characters without a space or 25 very long words. `clip_quote`
returns a verbatim stretch of the text around an anchor (the words that are evidence for the claim) that fits
both limits, or None when nothing quotable is there — the caller then skips the claim instead of failing.
Control characters are turned into spaces (they cannot be shown or stored in Postgres); everything else is
kept as written, and a cut never separates a letter from the combining marks that follow it. Pure
functions, safe from any thread.
"""

from __future__ import annotations

import unicodedata

MAX_QUOTE_WORDS = 25
MAX_QUOTE_CHARS = 200  # the schema allows 300; shorter quotes read better and leave room for any script
MIN_QUOTE_CHARS = 2


def printable(text: str) -> str:
    """`text` with control and format characters (NUL, escape, bidi overrides…) turned into spaces."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") and c != "\u200d" else c for c in text)


def clip_quote(text: str, anchor: int | None = None) -> str | None:
    """At most MAX_QUOTE_WORDS words and MAX_QUOTE_CHARS characters of `text` around character `anchor`.

    Returns None when fewer than MIN_QUOTE_CHARS characters would remain (an answer of "a" or one emoji).
    """
    clean = printable(text)
    if anchor is None or not 0 <= anchor < len(clean):
        anchor = 0
    start, end = _word_window(clean, anchor)
    if end - start > MAX_QUOTE_CHARS:
        start, end = _char_window(clean, anchor, start, end)
    quote = " ".join(clean[start:end].split())
    return quote if len(quote) >= MIN_QUOTE_CHARS else None


def _word_window(text: str, anchor: int) -> tuple[int, int]:
    """Character span of at most MAX_QUOTE_WORDS whitespace-separated words, the anchor's word near the middle."""
    spans: list[tuple[int, int]] = []
    position = 0
    for word in text.split():
        begin = text.index(word, position)
        spans.append((begin, begin + len(word)))
        position = begin + len(word)
    if not spans:
        return 0, 0
    centre = next((n for n, (a, b) in enumerate(spans) if a <= anchor < b or anchor < a), len(spans) - 1)
    first = max(0, min(centre - MAX_QUOTE_WORDS // 3, len(spans) - MAX_QUOTE_WORDS))
    last = min(len(spans), first + MAX_QUOTE_WORDS)
    return spans[first][0], spans[last - 1][1]


def _char_window(text: str, anchor: int, start: int, end: int) -> tuple[int, int]:
    """A stretch of at most MAX_QUOTE_CHARS inside [start, end) around the anchor, cut at spaces when it can."""
    anchor = min(max(anchor, start), end - 1)
    begin = max(start, min(anchor - MAX_QUOTE_CHARS // 3, end - MAX_QUOTE_CHARS))
    finish = min(end, begin + MAX_QUOTE_CHARS)
    if begin > start:
        space = text.find(" ", begin, begin + MAX_QUOTE_CHARS // 3)
        if space >= 0:
            begin = space + 1  # do not start in the middle of a word
    if finish < end:
        space = text.rfind(" ", finish - MAX_QUOTE_CHARS // 3, finish)
        if space > begin:
            finish = space
    while begin < finish and _joins_previous(text[begin]):
        begin += 1
    while finish < end and finish > begin and _joins_previous(text[finish]):
        finish -= 1  # a combining mark or joiner after the cut belongs to the letter before it
    return begin, finish


def _joins_previous(char: str) -> bool:
    return unicodedata.combining(char) > 0 or char in "\u200d\ufe0f" or unicodedata.category(char) in ("Mn", "Me")
