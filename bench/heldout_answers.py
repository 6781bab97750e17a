"""Held-out realistic answers for the follow-up wording: complete stories, written for these measurements only.

Each is (question id from the behavioural bank, answer). None is used to tune the key-phrase heuristic or
the templates; `bench/followup_naming.py` and `tests/interview/test_followups.py` measure on them.
"""

from __future__ import annotations

HELD_OUT: tuple[tuple[str, str], ...] = (
    (
        "beh-009",
        "When I joined the payments team, a senior colleague and I disagreed about retry logic for failed card "
        "charges. He wanted aggressive retries, I worried about double charging. I wrote up both designs with the "
        "failure cases and we tested them against a week of real declines. We shipped my idempotency key design "
        "with his backoff schedule, and duplicate charges dropped to zero the following quarter.",
    ),
    (
        "beh-019",
        "Our warehouse scanner app was due for the peak season rollout and I realised two weeks out that the "
        "offline sync would not be ready. I told my manager the same day, cut the barcode history feature from "
        "the first release and paired with the tester every afternoon. We launched one week late but without a "
        "single lost scan, and the history screen followed in January.",
    ),
    (
        "beh-042",
        "A hospital client needed their appointment reminder texts moved to a new SMS provider within five days "
        "because the old contract was ending. I mapped every message template, built a small switch so we could "
        "send through either provider, and ran both in parallel for a day. The cut-over happened on the Friday "
        "and the no-show rate stayed at nine percent, exactly where it had been.",
    ),
    (
        "beh-018",
        "In the support team, refund requests waited in a shared inbox and nobody owned them. I set up a rota and "
        "a simple tracker in the help desk tool, and wrote a two line macro for the common cases. Average refund "
        "time went from six days to under two, and customer satisfaction on refunds rose by eleven points.",
    ),
    (
        "beh-011",
        "I once pushed a pricing config to production with the currency field swapped, so Canadian customers saw "
        "US prices for about forty minutes. I rolled it back, wrote to the affected customers with the finance "
        "lead, and added a validation step to the deploy script that compares prices against the previous day. "
        "That check has caught two bad configs since then.",
    ),
    (
        "beh-034",
        "During a product launch our sign-up page went down because the captcha vendor was rate limiting us. "
        "I was on call, so I switched the captcha to a fallback mode, posted updates in the launch channel every "
        "ten minutes and called the vendor's support line. Sign-ups recovered within half an hour and we still "
        "hit the launch day target of three thousand accounts.",
    ),
    (
        "beh-033",
        "A graduate on my team suggested we record short screen videos instead of writing long setup documents for "
        "new starters. I was sceptical but let her try it for the data pipeline onboarding. New hires were "
        "running the pipeline on their second day instead of their second week, and I now ask for a video "
        "walkthrough with every internal tool we build.",
    ),
    (
        "beh-005",
        "Last autumn I was running the office move, the annual audit prep and a vendor renewal in the same month. "
        "I listed every deadline on one board, handed the furniture orders to a colleague who wanted more "
        "responsibility, and blocked two mornings a week for audit evidence. The audit closed with no findings "
        "and the move finished a day early.",
    ),
)
