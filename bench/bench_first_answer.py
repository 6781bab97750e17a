"""The first live answer after a server start against later ones, through the whole engine (not a test).

Run: `PYTHONPATH=. nice -n 10 .venv/bin/python bench/bench_first_answer.py`

What the interview page's worker thread does when a spoken answer ends (`engine.answer_samples`: store the
audio, transcribe, measure, decide the next line, save), timed for four answers in a row in a fresh Python
process — as after a server start — with the services the app builds (`build_services`, offline providers) and
the background model warmup started the way `igym.ui.bootstrap` does, then waited for (a candidate reads and
hears the question first: the warmup has about 10 s). Then the next question's voice, which the page
synthesizes right after. Goal (issue 17): the first answer takes at most 1.5x a later one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ANSWER = "s00-piper-fast-clean"


def child(warm: bool) -> None:
    from bench.spoken_corpus import build_corpus, default_cache_dir
    from igym.config import Settings
    from igym.providers.warmup import Warmup, provider_warmup
    from igym.services import build_services

    (answer,) = build_corpus(default_cache_dir(), only=[ANSWER])
    samples = answer.samples()
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, data_dir=Path(data), stt_provider="offline", tts_provider="offline",
            llm_provider="offline", secret_key="bench-secret-key-0123456789abcdef",
        )
        started = time.perf_counter()
        app = build_services(settings)
        warmup = provider_warmup(transcriber=app.transcriber.get, speaker=app.speaker.get) if warm else Warmup([])
        warmup.start().wait(300)
        ready_s = time.perf_counter() - started
        account = app.auth.sign_up(email="bench@example.com", password="bench-pass-123", name="Bench")
        assert not isinstance(account, str)
        session = app.sessions.create(user_id=account.id, interview_type="behavioral", difficulty="warm_up")
        state = app.engine.begin(user_id=account.id, session_id=session.id)
        app.speaker.synthesize(state.current_prompt or "")
        answers, voices = [], []
        for _ in range(4):
            began = time.perf_counter()
            app.engine.answer_samples(
                user_id=account.id, session_id=session.id, samples=samples, turn_index=len(state.turns)
            )
            answers.append(time.perf_counter() - began)
            state = app.engine.begin(user_id=account.id, session_id=session.id)
            began = time.perf_counter()
            app.speaker.synthesize(state.current_prompt or "")
            voices.append(time.perf_counter() - began)
    print(json.dumps({"answers": answers, "voices": voices, "ready_s": ready_s}))


def main() -> None:
    if "--child" in sys.argv:
        child(warm=sys.argv[-1] == "warm")
        return
    for mode in ("cold", "warm"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        first, later = result["answers"][0], min(result["answers"][1:])
        print(
            f"{mode}: answers {', '.join(f'{s:.2f}' for s in result['answers'])} s; first / best later = "
            f"{first / later:.2f}; next voice {', '.join(f'{s:.2f}' for s in result['voices'])} s; "
            f"services ready after {result['ready_s']:.1f} s"
        )


if __name__ == "__main__":
    main()
