"""The feedback page's replay of a recorded answer (AppTest): the timeline strip, the recording, the cut."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import numpy as np
from sqlalchemy import select

from igym.audio import encode_ogg_opus
from igym.config import load_settings
from igym.db.tables import Message
from igym.models import AnswerMetrics, Pause
from igym.services import AppServices, build_services
from tests.feedback.test_feedback_page import _open_feedback, _seed
from tests.feedback.test_rubric import STRONG
from tests.support.metrics import timed_um_answer
from tests.test_app_pages import _app, _onboard, _sign_up, app_env  # noqa: F401 (fixture)

RATE = 16_000


def timed_answer() -> tuple[AnswerMetrics, np.ndarray]:
    """A 6 s recording: speech, an "um" at 1.0–1.5 s, speech, a 2 s pause at 3–5 s, speech."""
    t = np.arange(6 * RATE) / RATE
    audio = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    audio[3 * RATE : 5 * RATE] = 0.0
    metrics = timed_um_answer(
        "I um led the rollout and we shipped",
        [0.2, 1.0, 1.5, 1.9, 2.2, 5.0, 5.4],
        duration_s=6.0,
        pauses=[Pause(3.0, 5.0)],
        speech_start_s=0.2,
        speech_end_s=5.8,
        words_per_minute=80.0,
    )
    return metrics, audio


def seed_recorded_answer(email: str) -> uuid.UUID:
    """A finished session whose first answer has timed metrics and a stored recording."""
    session_id = _seed(email, [STRONG])
    app = build_services(load_settings())
    record_first_answer(app, session_id)
    app.db.engine.dispose()
    return session_id


def record_first_answer(app: AppServices, session_id: uuid.UUID) -> None:
    """Give the session's first answer the timed metrics and the stored recording of `timed_answer`."""
    metrics, audio = timed_answer()
    with app.db.session() as db:
        first = db.scalars(
            select(Message).where(Message.session_id == session_id, Message.role == "candidate")
            .order_by(Message.order_index)
        ).first()
        assert first is not None
        first.metrics = metrics
        first.audio_key = f"{first.session.user_id}/answers/{session_id}/{first.order_index:03d}.ogg"
        app.files.put(first.audio_key, encode_ogg_opus(audio), content_type="audio/ogg")


def test_a_recorded_answer_has_its_timeline_its_recording_and_a_filler_free_cut(app_env: Path) -> None:  # noqa: F811
    at = _onboard(_sign_up(_app(), "replay@example.com"))
    session_id = seed_recorded_answer("replay@example.com")
    at = _open_feedback(at, session_id)
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # the scores, and the one timed answer's strip (typed answers have none)
    spec = json.loads(charts[1].proto.spec)
    by_name = {t.get("name"): t for t in spec["data"] if t.get("name")}
    assert by_name["Fillers"]["x"] == [1.0] and by_name["Pauses"]["x"] == [3.0]
    assert charts[1].proto.selection_mode  # clickable: the page reruns on a selection
    players = at.get("audio")
    assert len(players) == 1 and players[0].proto.start_time == 0

    next(b for b in at.button if b.label == "Hear it without fillers").click()
    at = at.run()
    assert not at.exception
    assert len(at.get("audio")) == 2
    assert "filler sounds and pauses over 1 s cut out" in " ".join(c.value for c in at.caption)
