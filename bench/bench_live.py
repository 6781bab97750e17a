"""Live interviews on the embedded default: memory per interview, and answer-end to next-question audio.

Prints:
  * time from the end of a spoken answer to the next question's audio being ready, p50 / p95, measured
    in-process on what the page does after the recorder stops (take the recording, store, transcribe,
    analyse, save, decide, synthesize the next question with Piper); the page polls the recorder every
    0.5 s, so add 0.25 s on average for the poll;
  * the server's memory per live interview beyond its baseline: the real app served by `streamlit run`,
    inside a private network namespace, with headless Chromium tabs answering by voice through WebRTC
    (fake microphone from a WAV file). Baseline = RSS after one interview has loaded every model.

Needs root (for the namespace) and Chromium, like the browser tests. Run: .venv/bin/python bench/bench_live.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stats import p50_p95_ms  # noqa: E402
from igym.config import Settings  # noqa: E402
from igym.live.recording import SAMPLE_RATE, LiveRecording  # noqa: E402
from igym.live.turn_key import TurnKey  # noqa: E402
from igym.providers.offline_tts import PiperSpeaker  # noqa: E402
from igym.providers.types import wav_samples  # noqa: E402
from igym.services import build_services  # noqa: E402

ANSWER = (
    "In my last role I led the migration of our billing service. I planned the cut over and I ran it. "
    "As a result failed payments fell by thirty percent."
)


def _answer_pcm() -> np.ndarray:
    speech = PiperSpeaker().synthesize(ANSWER)
    samples = wav_samples(speech)
    idx = np.linspace(0, samples.size - 1, int(samples.size * SAMPLE_RATE / speech.sample_rate))
    pcm = np.interp(idx, np.arange(samples.size), samples)
    pad = np.zeros(SAMPLE_RATE, dtype=np.float32)
    return (np.concatenate([pad, pcm, pad, pad, pad]) * 32767).astype(np.int16)


def bench_turnaround(turns: int = 12) -> None:
    pcm = _answer_pcm()
    with tempfile.TemporaryDirectory() as tmp:
        app = build_services(Settings(_env_file=None, data_dir=Path(tmp), sessions_per_day=100))  # type: ignore[call-arg]
        user = app.auth.sign_up(email="live@example.com", password="bench-pass-123", name=None).id
        app.speaker.synthesize("Warm up the voice.")
        waits: list[float] = []
        while len(waits) < turns:
            session = app.sessions.create(user_id=user, interview_type="behavioral", difficulty="warm_up")
            state = app.engine.begin(user_id=user, session_id=session.id)
            while state.awaiting_answer and len(waits) < turns:
                recording = LiveRecording(TurnKey(user, session.id, len(state.turns)), silence_stop_s=2.5)
                for start in range(0, pcm.size, 320):  # 20 ms frames, as the browser sends
                    recording.push_pcm(pcm[start : start + 320])
                start = time.perf_counter()
                outcome = app.engine.answer_samples(user_id=user, session_id=session.id, samples=recording.take())
                if not outcome.completed:
                    app.speaker.synthesize(outcome.reply.content)
                    waits.append(time.perf_counter() - start)
                state = app.engine.state(user_id=user, session_id=session.id)
        p50, p95 = p50_p95_ms(waits)
        print(
            f"answer end -> next question audio ready, {len(waits)} turns: p50 {p50:.0f} ms, "
            f"p95 {p95:.0f} ms (+ up to 500 ms recorder poll)"
        )


def _malloc_env() -> dict[str, str]:
    """`--arenas N` caps glibc malloc arenas in the server (MALLOC_ARENA_MAX), as `make run` does."""
    if "--arenas" in sys.argv:
        return {"MALLOC_ARENA_MAX": sys.argv[sys.argv.index("--arenas") + 1]}
    return {}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_memory(interviews: int = 4) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, _spoken_answer_wav
    from tests.support.netns import SERVER_IP, private_network
    from tests.support.server import serve_app

    with tempfile.TemporaryDirectory() as tmp, private_network() as ns:
        mic = Path(tmp) / "mic.wav"
        _spoken_answer_wav(mic)
        with serve_app(
            Path(tmp) / "data",
            log_path=Path(tmp) / "server.log",
            address=SERVER_IP,
            port=8501,
            prefix=ns.prefix(),
            extra_env={"IGYM_SESSIONS_PER_DAY": "50", **_malloc_env()},
        ) as url:
            pid = int(
                subprocess.run(
                    ["pgrep", "-n", "-f", "streamlit run app.py --server.port 8501"], capture_output=True, text=True
                ).stdout.split()[0]
            )
            args = [
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={mic}",
                f"--unsafely-treat-insecure-origin-as-secure={url}",
            ]
            with sync_playwright() as playwright:
                chromium = str(ns.wrapper("/usr/bin/chromium", Path(tmp)))
                browser = playwright.chromium.launch(executable_path=chromium, args=args)
                _interview(browser, url, "warmup@example.com", answers=1)
                time.sleep(2)
                baseline = _rss_mb(pid)
                pages = [_interview(browser, url, f"user{i}@example.com", answers=2) for i in range(interviews)]
                time.sleep(2)
                after = _rss_mb(pid)
                browser.close()
            del pages
            print(
                f"server RSS: baseline {baseline:.0f} MB (models loaded), with {interviews} more live "
                f"interviews {after:.0f} MB -> {(after - baseline) / interviews:.1f} MB per live interview"
            )


def _interview(browser, url: str, email: str, *, answers: int):  # type: ignore[no-untyped-def]
    """Sign up, start a warm-up, answer `answers` questions by voice; leaves the tab open and streaming."""
    page = browser.new_page()
    page.set_default_timeout(90_000)
    page.goto(url)
    page.get_by_role("tab", name="Create account").click()
    form = page.locator("[data-testid='stForm']").filter(has_text="Create account")
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("textbox", name="Password").fill("bench-pass-123")
    form.get_by_role("button", name="Create account").click()
    page.get_by_role("textbox", name="Or type your role").fill("Engineer")
    page.get_by_text("Just exploring").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="New session").first.click()
    page.get_by_role("button", name="Start interview").click()
    from tests.support.browser_flows import start_live_answering

    start_live_answering(page)
    page.get_by_text(f"Exchange {answers + 1} of 5").wait_for()
    return page


if __name__ == "__main__":
    if "--memory-only" not in sys.argv:
        bench_turnaround()
    bench_memory()
