"""Split text into sentence chunks a TTS service accepts, so speech can start after the first sentence.

Why: Groq's TTS takes at most 200 characters per request, and the interviewer's first sentence can play while
the next ones are still being synthesized. Both Speakers use this splitter, so a fallback mid-utterance
continues at the same chunk boundary.

How: sentences end at ``. ! ? …`` (plus closing quotes or brackets) followed by whitespace, except after a
known abbreviation ("Dr.", "e.g.", "U.S.") or a single initial ("J. Smith"), so those never end a chunk.
A sentence longer than the limit is cut at the last clause mark (, ; : — –) that fits, else at the last space
that fits; a single "word" longer than the limit (a URL) is the only thing ever cut mid-word. Whitespace is
normalised to single spaces, so ``" ".join(chunks)`` is the input text with its whitespace collapsed. Pure
functions, safe from any thread.
"""

from __future__ import annotations

import re

MAX_CHUNK_CHARS = 200

# Lower-cased, without the final period. Multi-dot forms ("e.g", "u.s") are matched on the whole token.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt vs etc e.g i.e eg ie cf al approx dept est fig inc ltd co corp no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s u.k u.s.a a.m p.m ph.d
    """.split()
)

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_CLAUSE_MARK = re.compile(r"[,;:—–](?=\s)|\s[—–](?=\s)")


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order, whitespace-normalised, abbreviations and initials kept inside."""
    flat = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(flat):
        if match.group().startswith(".") and _is_abbreviation(flat, match.start()):
            continue
        sentences.append(flat[start : match.end()].strip())
        start = match.end()
    tail = flat[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def chunk_text(text: str, *, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Sentence chunks of at most `limit` characters, in order; see the module docstring for the rules.

    Raises:
        ValueError: `limit` is too small to hold a word and its punctuation (under 20).
    """
    if limit < 20:
        raise ValueError("limit must be at least 20 characters")
    chunks: list[str] = []
    for sentence in split_sentences(text):
        chunks.extend(_split_long(sentence, limit))
    return chunks


def _is_abbreviation(text: str, dot_index: int) -> bool:
    """True when the period at `dot_index` ends an abbreviation or an initial, not a sentence."""
    token_start = text.rfind(" ", 0, dot_index) + 1
    token = text[token_start:dot_index].lstrip("\"'“‘([").lower()
    if not token:
        return False
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "J. Smith", "Plan B. Then" is rare enough to accept
    return token in ABBREVIATIONS


def _split_long(sentence: str, limit: int) -> list[str]:
    """Cut one sentence into pieces of at most `limit` characters, preferring clause marks, then spaces."""
    pieces: list[str] = []
    rest = sentence
    while len(rest) > limit:
        cut = _best_cut(rest, limit)
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _best_cut(text: str, limit: int) -> int:
    """Index to cut `text` at so the head has at most `limit` characters and is as long as sensible."""
    window = text[: limit + 1]  # a space right after the limit is a clean cut too
    clause_ends = [m.end() for m in _CLAUSE_MARK.finditer(window) if m.end() <= limit]
    if clause_ends and clause_ends[-1] >= limit // 3:
        return clause_ends[-1]
    space = window.rfind(" ")
    if space > 0:
        return space
    return limit  # one unbroken token longer than the limit: nothing better is possible
