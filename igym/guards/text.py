r"""Cleaning text people type (or models and transcribers write) before it is stored.

Control characters have no place in an answer, a resume field or a prompt: NUL in particular is refused by
Postgres text columns (the save would fail with a driver error, losing the answer), and the others (escape
sequences, backspaces, form feeds) only ever garble what is shown. `clean_text` removes every character in
Unicode's "Cc" (control) category except line breaks and tabs, turns ``\r\n`` and lone ``\r`` into ``\n``,
and drops unpaired surrogates, which cannot be encoded as UTF-8 at all. Format characters ("Cf": zero-width
joiners, directional marks) are kept: emoji sequences and right-to-left text need them. Pure function.
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?")
_REMOVED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` without control characters (line breaks and tabs kept, see the module doc)."""
    return _REMOVED.sub("", _NEWLINES.sub("\n", text))
