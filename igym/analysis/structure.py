"""STAR cues and ownership ("I" vs "we") of a behavioural answer.

These are cue-phrase heuristics, not understanding: they tell a candidate which part of Situation, Task,
Action, Result they never signalled, which is the feedback that moves answers most. The rules:

* **situation** — scene-setting: "at my last job", "when I was", "back in", "the situation", "our team was",
  "we were ...ing", "there was", a year ("in 2021");
* **task** — the goal or responsibility: "my task/role/job/goal", "I was responsible", "I had to", "I needed
  to", "I was asked to", "the challenge/problem/goal was";
* **action** — first person doing something: "I" followed (within two words) by a past-tense action verb
  ("I built", "I then organised") — "I was", "I had" and other states do not count;
* **result** and **quantified result** — from `igym.analysis.results.detect_results`: a sentence that states
  an outcome (outcome phrases, verbs of change and of success, "from X to Y", with the slips speech models
  make), and whether it measures it (numbers in digits or words, percentages, money, multipliers);
* **I vs we** — first-person singular (I, me, my, mine, myself and contractions) against plural (we, us, our,
  ours, ourselves). Interviewers want to hear the candidate's own part; `StructureCues.i_share` is the ratio.

Pure functions: safe from any thread.
"""

from __future__ import annotations

import re

from igym.analysis.results import detect_results
from igym.models import StructureCues

_SITUATION = re.compile(
    r"\b((at|in) my (last|previous|current|old|first) (job|role|company|team|position)|when i was|back in|"
    r"the situation|the context|our team (was|had)|we were \w+ing|there was a|in (19|20)\d\d|last (year|summer|"
    r"quarter)|a few (years|months) ago|i was working (at|on|as))\b"
)
_TASK = re.compile(
    r"\b(my (task|role|job|goal|responsibility|assignment) (was|is)|i was (responsible|in charge|asked|tasked)|"
    r"i had to|i needed to|i was supposed to|the (challenge|problem|goal|task|objective) was|"
    r"we (needed|had) to|i wanted to)\b"
)
_STATES = frozenset("was were had have am felt thought knew wanted needed guess mean think".split())
_ACTION_IRREGULAR = frozenset(
    "built wrote led ran made set took spoke met brought chose drove found gave began sent split rebuilt "
    "sat taught broke held kept put did got went told".split()
)
_I_WORDS = re.compile(r"\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\b")
_WE_WORDS = re.compile(r"\b(we|us|our|ours|ourselves|we're|we've|we'd|we'll)\b")


def structure_cues(text: str) -> StructureCues:
    """STAR parts, quantified result and pronoun counts of one answer's text."""
    lowered = text.lower().replace("’", "'")
    results = detect_results(text)
    return StructureCues(
        situation=bool(_SITUATION.search(lowered)),
        task=bool(_TASK.search(lowered)),
        action=_has_action(lowered),
        result=results.has_result,
        quantified_result=results.has_quantified_result,
        i_count=len(_I_WORDS.findall(lowered)),
        we_count=len(_WE_WORDS.findall(lowered)),
    )


def _has_action(lowered: str) -> bool:
    """True when the word "I" is followed within two words by a past-tense action verb."""
    words = re.findall(r"[a-z']+", lowered)
    for n, word in enumerate(words):
        if word != "i":
            continue
        for verb in words[n + 1 : n + 3]:
            if verb in _STATES:
                break
            if verb in _ACTION_IRREGULAR or (verb.endswith("ed") and len(verb) > 3):
                return True
    return False
