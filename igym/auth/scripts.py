"""Which alphabet (Unicode script) each letter of a name belongs to, to refuse mixed-script look-alikes.

Python's `unicodedata` has no script property, but every letter's Unicode name starts with its script
("LATIN SMALL LETTER A", "CYRILLIC SMALL LETTER A", "GREEK SMALL LETTER ALPHA", "CJK UNIFIED IDEOGRAPH-4E00",
"HIRAGANA LETTER A"), which is exact enough for the scripts that hold look-alikes of Latin letters. Digits,
punctuation and combining marks count for no script. Following Unicode's "highly restrictive" profile
(UTS #39), one script per label is allowed, plus the combinations real writing uses: Japanese (Han, Hiragana,
Katakana), Chinese with Bopomofo, and Korean (Han, Hangul), each also with Latin. Pure functions.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Name prefixes that are not the script's own name.
_ALIASES = {"CJK": "HAN", "KANGXI": "HAN", "IDEOGRAPHIC": "HAN", "FULLWIDTH": "LATIN", "HALFWIDTH": "KATAKANA"}
_ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The script of a letter (by its Unicode name), or None for digits, punctuation, marks and symbols."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    name = unicodedata.name(ch, "")
    if not name:
        return "UNKNOWN"
    first = name.split(" ", 1)[0].split("-", 1)[0]
    return _ALIASES.get(first, first)


def scripts_in(text: str) -> frozenset[str]:
    return frozenset(script for script in map(script_of, text) if script is not None)


def mixes_scripts(text: str) -> bool:
    """True when `text` mixes scripts in a way no real writing does (a Cyrillic "а" in a Latin word)."""
    found = scripts_in(text)
    if len(found) <= 1:
        return False
    return not any(found <= allowed for allowed in _ALLOWED_MIXES)
