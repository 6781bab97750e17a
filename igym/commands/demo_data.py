"""Realistic practice history for demos, charts and benchmarks (`python -m igym demo-data`).

Sessions are spread over the last `days` days with a believable arc: filler words and long pauses fall, pace
settles into the 120–150 WPM band, scores rise, with day-to-day noise. A seed makes the data reproducible.
Everything is written in one transaction, so a failure leaves no half-seeded user behind.
"""

from __future__ import annotations

import argparse
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher

from igym import catalog
from igym.auth import validation
from igym.config import load_settings
from igym.db import migrate
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import Feedback, InterviewSession, Message, Metrics, utcnow
from igym.errors import InvalidInput
from igym.models import AnswerMetrics, Pause, Span

_QUESTIONS = {
    "behavioral": [
        "Tell me about a time you disagreed with a teammate.",
        "Describe a project that failed. What did you learn?",
        "Tell me about a time you had to meet a tight deadline.",
    ],
    "hr_screen": [
        "Walk me through your background.",
        "Why are you interested in this role?",
        "What are you looking for in your next team?",
    ],
    "technical_verbal": [
        "Explain how you would design a URL shortener.",
        "What happens when you type a URL into a browser?",
        "How would you find the cause of a slow database query?",
    ],
}
_ANSWERS = [
    "So, um, at my last job our team had to migrate the billing service. I owned the data migration, "
    "and I wrote a dual-write plan. We cut over in two weeks and reduced failed payments by 30 percent.",
    "I think, like, the main thing was communication. We, uh, set up a weekly sync and the issue went away.",
    "In that situation I was the lead. My task was to ship on time, so I split the work, paired with a junior "
    "engineer, and we delivered three days early.",
]


@dataclass(frozen=True)
class DemoResult:
    """What `demo-data` seeded: the user and how many sessions."""

    user_id: uuid.UUID
    email: str
    created_user: bool
    password: str | None
    sessions: int


def seed_demo_data(
    database: Database,
    *,
    email: str,
    sessions: int,
    days: int,
    password: str | None = None,
    seed: int = 7,
    now: datetime | None = None,
) -> DemoResult:
    if sessions < 0 or days < 1:
        raise InvalidInput("Use zero or more sessions spread over at least one day.")
    rng = random.Random(seed)
    clean_email = validation.normalise_email(email)
    end = now or utcnow()
    with database.session() as db:
        user = repo.get_user_by_email(db, email=clean_email)
        created = user is None
        if user is None:
            password = password or f"demo-{uuid.uuid4().hex[:10]}"
            user = repo.create_user(
                db, email=clean_email, name="Demo Candidate", password_hash=PasswordHasher().hash(password)
            )
            user.target_role, user.interview_timeline, user.onboarding_completed = (
                "Software Engineer",
                "exploring",
                True,
            )
        offsets = sorted(rng.uniform(0, days) for _ in range(sessions))
        for index, offset in enumerate(offsets):
            progress = index / max(1, sessions - 1)
            started = end - timedelta(days=days) + timedelta(days=offset)
            db.add_all(_one_session(rng, user.id, started, progress))
        return DemoResult(user.id, clean_email, created, password if created else None, sessions)


def _one_session(rng: random.Random, user_id: uuid.UUID, started: datetime, progress: float) -> list[object]:
    interview_type = rng.choice(list(catalog.INTERVIEW_TYPES))
    difficulty = rng.choices(list(catalog.DIFFICULTIES), weights=(3, 5, 2))[0]
    exchanges = catalog.PLANNED_EXCHANGES[difficulty]
    abandoned = rng.random() < 0.08
    answered = rng.randint(1, exchanges - 1) if abandoned else exchanges
    minutes = answered * rng.uniform(1.2, 2.4)
    session = InterviewSession(
        id=uuid.uuid4(),
        user_id=user_id,
        interview_type=interview_type,
        difficulty=difficulty,
        status="abandoned" if abandoned else "completed",
        planned_questions=exchanges,
        interviewer_prompt_version="rubric-v1",
        started_at=started,
        created_at=started,
        last_activity_at=started + timedelta(minutes=minutes),
        completed_at=started + timedelta(minutes=minutes),
        duration_s=int(minutes * 60),
    )
    objects: list[object] = [session]
    fillers_per_min = max(0.3, rng.gauss(6.5 - 4.5 * progress, 1.0))
    wpm = rng.gauss(105 + 30 * progress, 8)
    total_fillers = total_pauses = longest = total_words = 0
    for turn in range(answered):
        question = rng.choice(_QUESTIONS[interview_type])
        answer = rng.choice(_ANSWERS)
        seconds = rng.uniform(40, 110)
        words = int(wpm * seconds / 60)
        fillers = max(0, round(fillers_per_min * seconds / 60 + rng.gauss(0, 0.8)))
        pauses = max(0, round(rng.gauss(3.5 - 2.5 * progress, 1.0)))
        pause_ms = int(rng.uniform(1000, 4200 - 2000 * progress)) if pauses else 0
        at = started + timedelta(minutes=turn * minutes / answered)
        objects.append(
            Message(
                session_id=session.id,
                order_index=2 * turn,
                role="interviewer",
                kind="question",
                content=question,
                created_at=at,
            )
        )
        objects.append(
            Message(
                session_id=session.id,
                order_index=2 * turn + 1,
                role="candidate",
                kind="answer",
                content=answer,
                created_at=at + timedelta(seconds=seconds),
                metrics=_answer_metrics(
                    answer,
                    seconds=seconds,
                    words=words,
                    fillers=fillers,
                    pauses=pauses,
                    longest_pause_ms=pause_ms,
                    wpm=wpm,
                    latency_s=int(rng.uniform(600, 3500)) / 1000,
                    hesitations=max(0, round(rng.gauss(1.5, 1))),
                ),
            )
        )
        total_fillers, total_pauses, total_words = total_fillers + fillers, total_pauses + pauses, total_words + words
        longest = max(longest, pause_ms)
    if abandoned:
        return objects
    base = 4.5 + 3.5 * progress
    scores = {name: _score(rng, base) for name in ("clarity", "structure", "relevance", "confidence")}
    objects.append(
        Metrics(
            session_id=session.id,
            total_filler_words=total_fillers,
            total_pauses=total_pauses,
            longest_pause_ms=longest,
            avg_response_time_ms=int(rng.uniform(900, 2500)),
            total_words=total_words,
            questions_answered=answered,
            fillers_per_minute=round(fillers_per_min, 2),
            avg_words_per_minute=round(wpm, 1),
            total_hesitations=answered,
            # Delivery measures improve with practice like the scores (no extra random draws, so the
            # rest of the made-up history stays as it was).
            hedges_per_100_words=round(max(0.3, 2.6 - 2.0 * progress), 2),
            pitch_sd_st=round(1.4 + 1.4 * progress, 2),
            monotone_answers=answered if progress < 0.15 else 0,
            inclusive_terms=1 if progress < 0.25 and total_words % 3 == 0 else 0,
            repeated_phrases=round(answered * max(0.4, 2.4 - 1.8 * progress)),
            pace_spread_wpm=round(max(12.0, 58.0 - 40.0 * progress), 1),
            fastest_window_wpm=round(wpm + max(8.0, 34.0 - 22.0 * progress), 1),
            loudness_sd_db=round(3.2 + 2.4 * progress, 2),
            overall_score=round(sum(scores.values()) / 4, 1),
            **{f"{name}_score": value for name, value in scores.items()},
        )
    )
    objects.append(
        Feedback(
            session_id=session.id,
            summary="Solid structure; keep cutting filler words at the start of answers.",
            strengths=["Clear ownership of actions"],
            improvements=["Quantify results"],
            suggestions=["Open with a one-sentence summary"],
            prompt_version="rubric-v1",
            generated_by="demo",
        )
    )
    return objects


def _answer_metrics(
    answer: str,
    *,
    seconds: float,
    words: int,
    fillers: int,
    pauses: int,
    longest_pause_ms: int,
    wpm: float,
    latency_s: float,
    hesitations: int,
) -> AnswerMetrics:
    """Made-up measurements of one demo answer: the counts drawn above, pauses and hesitations spread evenly."""
    start, end = latency_s, latency_s + seconds
    step = seconds / (pauses + hesitations + 1)
    pause_list = [
        Pause(round(start + step * (n + 1), 3), round(start + step * (n + 1) + (longest_pause_ms if n == 0 else
              min(longest_pause_ms, 1000)) / 1000, 3))
        for n in range(pauses)
    ]
    hesitation_list = [
        Span(round(start + step * (pauses + n + 1), 3), round(start + step * (pauses + n + 1) + 0.3, 3))
        for n in range(hesitations)
    ]
    return AnswerMetrics(
        transcript=answer,
        word_count=words,
        filler_count=fillers,
        duration_s=round(end + 0.5, 3),
        speech_start_s=round(start, 3),
        speech_end_s=round(end, 3),
        words_per_minute=round(wpm, 1),
        pauses=pause_list,
        hesitations=hesitation_list,
    )


def _score(rng: random.Random, base: float) -> float:
    return round(min(10.0, max(1.0, rng.gauss(base, 0.8))), 1)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo-data", help="create a user (if needed) with realistic past sessions")
    parser.add_argument("--email", required=True)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--password", help="password for a newly created user (default: generated and printed)")
    parser.add_argument("--seed", type=int, default=7, help="random seed, for reproducible data")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    database = Database.from_url(settings.database_url)
    try:
        migrate.upgrade(database.engine)
        result = seed_demo_data(
            database, email=args.email, sessions=args.sessions, days=args.days, password=args.password, seed=args.seed
        )
    finally:
        database.engine.dispose()
    print(f"added {result.sessions} sessions over {args.days} days for {result.email}")
    if result.created_user and args.password is None:
        print(f"created the user; sign in with password: {result.password}")
    return 0
