"""The feedback page through AppTest: scores chart, grounded claims, transcript as text, rating, regenerate."""

from __future__ import annotations

import uuid
from pathlib import Path

from streamlit.testing.v1 import AppTest

from igym.config import load_settings
from igym.db import repository as repo
from igym.services import build_services
from igym.ui.widgets import PAGES
from tests.feedback.test_feedback_service import _interview
from tests.feedback.test_rubric import FILLED, STRONG
from tests.test_app_pages import _app, _onboard, _sign_up, _texts, app_env  # noqa: F401 (fixture)

HTML_ANSWER = "<script>alert('x')</script> <b>I led</b> the **rollout** and we cut costs by 20%."


def _seed(email: str, answers: list[str]) -> uuid.UUID:
    app = build_services(load_settings())
    with app.db.session() as db:
        user = repo.get_user_by_email(db, email=email)
        assert user is not None
        user_id = user.id
    try:
        return _interview(app, user_id, answers)
    finally:
        app.db.engine.dispose()


def _rating(at: AppTest):  # type: ignore[no-untyped-def]
    return next(r for r in at.radio if r.label == "How helpful was this feedback?")


def _open_feedback(at: AppTest, session_id: uuid.UUID, **extra: str) -> AppTest:
    at.query_params["session"] = str(session_id)
    for key, value in extra.items():
        at.query_params[key] = value
    return at.switch_page(PAGES["feedback"]).run()


def test_feedback_page_shows_scores_claims_transcript_and_saves_a_rating(app_env: Path) -> None:  # noqa: F811
    at = _onboard(_sign_up(_app(), "fb@example.com"))
    session_id = _seed("fb@example.com", [FILLED, STRONG, HTML_ANSWER])

    at = _open_feedback(at, session_id)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    headers = [s.value for s in at.subheader]
    assert {"Summary", "Strengths", "To improve", "Try this next time", "Delivery", "Transcript"} <= set(headers)
    text = _texts(at)
    plain = text.replace("\\", "")  # markdown escapes removed: what a reader sees
    assert "Measured rubric (rubric-v2)" in plain
    assert "You said (answer" in plain
    assert ":orange-badge[Um\\,]" in text  # fillers highlighted
    # HTML typed as an answer is escaped into literal characters, never passed through as markup
    shown = [m.value for m in at.markdown if "script" in m.value]
    assert shown and all("<script>" not in v and "\\<script\\>" in v for v in shown)
    assert not any("<b>" in m.value for m in at.markdown)

    rating = _rating(at)
    rating.set_value(5)
    next(b for b in at.button if b.label == "Save rating").click()
    at = at.run()
    assert "Thanks — your rating is saved." in [s.value for s in at.success]
    app = build_services(load_settings())
    with app.db.session() as db:
        assert repo.get_feedback(db, user_id=repo.get_user_by_email(db, email="fb@example.com").id,  # type: ignore[union-attr]
                                 session_id=session_id).helpfulness_rating == 5  # type: ignore[union-attr]
    app.db.engine.dispose()

    # offline the rubric already wrote this text with the current version: Regenerate is not offered (it
    # would change nothing) and says why, and the rating stays
    assert not [b for b in at.button if b.label == "Regenerate feedback"]
    assert "needs an AI writer" in _texts(at)
    at = at.run()
    assert not at.exception and _rating(at).value == 5


def test_another_users_feedback_link_shows_a_clear_message(app_env: Path) -> None:  # noqa: F811
    at = _onboard(_sign_up(_app(), "owner@example.com"))
    session_id = _seed("owner@example.com", [STRONG])
    at.switch_page(PAGES["profile"]).run()
    stranger = _onboard(_sign_up(_app(), "stranger@example.com"))

    stranger = _open_feedback(stranger, session_id)
    assert not stranger.exception
    assert "doesn't point to one of your sessions" in _texts(stranger)
    assert not stranger.get("plotly_chart")
    coach_view = _open_feedback(stranger, session_id, candidate=str(uuid.uuid4()))
    assert "hasn't given you access" in _texts(coach_view)

    app = build_services(load_settings())
    with app.db.session() as db:
        owner = repo.get_user_by_email(db, email="owner@example.com")
        coach = repo.get_user_by_email(db, email="stranger@example.com")
        assert owner is not None and coach is not None
        owner_id = owner.id
        repo.set_role(db, user_id=coach.id, role="coach")
        repo.grant_coach_access(db, candidate_id=owner_id, coach=coach)
    coach_view = _open_feedback(stranger, session_id, candidate=str(owner_id))
    assert not coach_view.exception and "Read-only" in _texts(coach_view)
    assert len(coach_view.get("plotly_chart")) == 1
    assert not [r for r in coach_view.radio if r.label == "How helpful was this feedback?"]
    assert not [b for b in coach_view.button if b.label == "Regenerate feedback"]
    with app.db.session() as db:
        repo.revoke_coach_access(db, candidate_id=owner_id, coach_email="stranger@example.com")
    app.db.engine.dispose()
    coach_view = coach_view.run()
    assert "hasn't given you access" in _texts(coach_view) and not coach_view.get("plotly_chart")


def test_each_recorded_answer_replays_its_own_audio_from_storage(app_env: Path) -> None:  # noqa: F811
    import numpy as np
    from sqlalchemy import select

    from igym.audio import encode_ogg_opus
    from igym.db.tables import Message

    at = _onboard(_sign_up(_app(), "audio@example.com"))
    session_id = _seed("audio@example.com", [STRONG])
    app = build_services(load_settings())
    with app.db.session() as db:
        answers = db.scalars(
            select(Message).where(Message.session_id == session_id, Message.role == "candidate")
            .order_by(Message.order_index)
        ).all()
        for n, message in enumerate(answers[:2]):
            tone = np.sin(np.arange(16_000) * (440 + 220 * n) * 2 * np.pi / 16_000).astype(np.float32) * 0.3
            message.audio_key = f"{message.session.user_id}/answers/{session_id}/{message.order_index:03d}.ogg"
            app.files.put(message.audio_key, encode_ogg_opus(tone), content_type="audio/ogg")
        user_id = answers[0].session.user_id
    at = _open_feedback(at, session_id)
    assert not at.exception
    players = at.get("audio")
    assert len(players) == 2  # one per recorded answer; typed ones have none
    app.files.delete([f"{user_id}/answers/{session_id}/{answers[1].order_index:03d}.ogg"])
    at = at.run()
    assert len(at.get("audio")) == 1 and "no longer available" in _texts(at)
    app.db.engine.dispose()


HEDGED = (
    "I think I just sort of led the billing migration with the guys. Maybe it went well. The billing migration "
    "took a year, and the billing migration cut errors by 30 percent. I really think that staged work pays off."
)


def test_feedback_page_shows_hedges_repeats_and_inclusive_hints_per_answer(app_env: Path) -> None:  # noqa: F811
    at = _onboard(_sign_up(_app(), "voice@example.com"))
    session_id = _seed("voice@example.com", [HEDGED])
    at = _open_feedback(at, session_id)
    assert not at.exception
    assert "Language and voice" in [s.value for s in at.subheader]
    plain = _texts(at).replace("\\", "")
    assert "Hedges and weak words: 4 (“i think”, “just”, “sort of”, “maybe”)" in plain
    assert "Most repeated: “billing migration” ×3" in plain
    assert "Consider “everyone, folks, team” instead of “guys”" in plain
    assert "Hedges per 100 words" in [m.label for m in at.metric]
