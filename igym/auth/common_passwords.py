"""The common-password blocklist: the 30,000 most used passwords, plus this app's own obvious words.

The list is the ``passwords`` frequency list packaged in `zxcvbn` (zxcvbn-python 4.5.0, MIT licence; the
list itself is Dropbox zxcvbn's, MIT, built from Mark Burnett's public-domain corpus of leaked passwords), a
PyPI dependency locked in requirements.txt: nothing is downloaded at run time. It is loaded once, on the first
check, into a frozenset (about 2 MB); loading is guarded by `functools.cache`, so concurrent first checks
are safe.

A password counts as common when, lower-cased, it is on the list, or when its *core* is: the password with
leading and trailing digits and symbols taken off (``Summer2024!`` -> ``summer``), read both as typed and
with the usual character swaps undone (``P@ssw0rd`` -> ``password``). Cores shorter than four letters are not
judged that way, so ``xq7!Lm2#`` is not refused for containing a short word.
"""

from __future__ import annotations

import re
from functools import cache

# Words a person signing up *here* reaches for first; the general list does not know this app.
APP_WORDS = frozenset(
    {"interview", "interviews", "interviewgym", "practice", "practise", "candidate", "career", "resume", "hired"}
)
_MIN_CORE = 4
_LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s", "5": "s", "7": "t"})
_DECORATION = re.compile(r"^[^a-z]*(?P<core>.*?)[^a-z]*$")


@cache
def common_passwords() -> frozenset[str]:
    """The packaged list, lower-cased (30,000 entries)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"]) | APP_WORDS


def _cores(password: str) -> set[str]:
    lowered = password.lower()
    candidates = {lowered, lowered.translate(_LEET)}
    cores = set(candidates)
    for text in candidates:
        match = _DECORATION.match(text)
        if match and len(match["core"]) >= _MIN_CORE:
            cores.add(match["core"])
    return cores


def is_common(password: str) -> bool:
    """True when the password, or its core without decorations and swaps, is a common password."""
    listed = common_passwords()
    return any(core in listed for core in _cores(password))
