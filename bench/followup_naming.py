"""How often the offline interviewer's follow-ups name something the candidate said, on held-out answers.

Run from a checkout: `PYTHONPATH=. python bench/followup_naming.py`. For each held-out answer
(`bench/heldout_answers.py`) and each difficulty that follows up on complete answers (standard,
intense), the interview rules choose and word a follow-up; the figure is the share of follow-ups that share a
content word (five letters or more, not a function word) with the answer and not with the question. The
check is written here, apart from `igym`, so the same file measures older code too. Prints the figures and
every follow-up; not a pass/fail test.
"""

from __future__ import annotations

import inspect
import re

from bench.heldout_answers import HELD_OUT
from igym.analysis.answer import analyze_text
from igym.interview import rules
from igym.interview.question_bank import QuestionBank

_GENERIC = set(
    "about after again their there where which would could should other things think those these while "
    "example specific outcome result number personally yourself sentence differently hardest trade weigh "
    "mentioned talked tell more walk through happened measure measured people around react faced".split()
)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 5 and w not in _GENERIC}


def names(line: str, answer: str, question: str) -> bool:
    """A content word of the answer, not of the question, is in the line (checked apart from igym's own)."""
    return bool((words(line) & words(answer)) - words(question))


def main() -> None:
    bank = QuestionBank.load()
    takes_said = "said" in inspect.signature(rules.choose_follow_up).parameters
    for difficulty in ("standard", "intense"):
        asked = named = 0
        for question_id, answer in HELD_OUT:
            question = bank.get(question_id)
            extra = {"said": [question.text]} if takes_said else {}
            follow_up = rules.choose_follow_up(
                analyze_text(answer), question=question, difficulty=difficulty, follow_ups_so_far=0,
                follow_ups_in_a_row=0, **extra,
            )
            if follow_up is None:
                print(f"  [{difficulty}] {question_id}: (no follow-up)")
                continue
            asked += 1
            hit = names(follow_up.text, answer, question.text)
            named += hit
            print(f"  [{difficulty}] {question_id}: {'NAMES ' if hit else 'generic'} {follow_up.text}")
        share = f"{named / asked:.0%}" if asked else "n/a"
        print(f"{difficulty}: {asked} follow-ups on {len(HELD_OUT)} answers, {named} name the answer ({share})")


if __name__ == "__main__":
    main()
