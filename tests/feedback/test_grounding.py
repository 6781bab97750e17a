"""Quotes must be the candidate's own words: kept, fixed when nearly right, dropped when invented."""

from __future__ import annotations

from igym.feedback.grounding import ground_claims, quote_occurs
from igym.feedback.types import Claim

ANSWERS = [
    "At my last job I rebuilt the billing pipeline, and we cut failed payments by 40 percent.",
    "Um, honestly, I think the hardest part was, like, getting everyone to agree on the rollout.",
]


def test_a_quote_matches_regardless_of_case_punctuation_and_spacing() -> None:
    assert quote_occurs("I REBUILT the billing  pipeline", ANSWERS[0])
    assert quote_occurs("cut failed payments by 40 percent", ANSWERS[0])
    assert not quote_occurs("cut failed payments by 50 percent", ANSWERS[0])
    assert not quote_occurs("billing the pipeline", ANSWERS[0])


def test_grounding_keeps_fixes_and_drops() -> None:
    claims = [
        Claim(point="Numbers", quote="we cut failed payments by 40 percent", answer=1),
        Claim(point="Paraphrased", quote="we cut the failed payments by 40 percent", answer=1),
        Claim(point="Invented", quote="I mentored three junior engineers", answer=1),
        Claim(point="Wrong answer number", quote="getting everyone to agree on the rollout", answer=1),
    ]
    result = ground_claims(claims, ANSWERS)
    assert [c.point for c in result.kept] == ["Numbers", "Paraphrased", "Wrong answer number"]
    assert result.fixed == 1 and result.dropped == 1
    fixed = result.kept[1]
    assert quote_occurs(fixed.quote, ANSWERS[0]) and fixed.quote != claims[1].quote
    assert result.kept[2].answer == 2
