"""Live interviews on the embedded default: answer end -> next question audio, cut-offs, memory per interview.

Prints:
  * in-process: what the page does after the recorder has stopped (take the recording, store, transcribe,
    analyse, save, decide, synthesize the next question with Piper), p50 / p95, without the end-of-turn wait
    or the page's poll;
  * browser, complete answers: per exchange, from the end of the candidate's voice to the next question's audio
    starting to play, p50 / p95, and the first answer after the server started against the later ones. Both
    ends are seen in Chromium on one clock: an init script (bench/live_driver.py)
    taps the fake microphone's stream with an analyser (the end of the last voice stretch before the question;
    the WAV's silences are digital zeros) and another notes when an <audio> element starts playing. So the figure holds
    everything: the end-of-turn wait, the page's poll, the processing, the rerun and the player starting;
  * browser, answers with a 3 s thinking pause mid-sentence: cut-offs = saved answers missing the words after
    the pause (the pause ended the answer) or before it;
  * the server's memory per live interview beyond its baseline: the real app served by `streamlit run`, inside
    a private network namespace, tabs answering by voice through WebRTC. Baseline = RSS after one interview has
    loaded every model; then `--interviews N` (default 3) more are started one after the other and left
    streaming. Every wait is long (a 2-core machine is slow while models load) and a step that does not happen
    fails with what was awaited and a screenshot (under --shots, default /tmp/igym-bench-live).

Needs root (for the namespace) and Chromium, like the browser tests. Run: .venv/bin/python bench/bench_live.py
(--skip-inprocess, --skip-memory, --parts complete,paused,memory to run only some, --arenas N to cap the
server's malloc arenas as `make run` does).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import live_driver  # noqa: E402
from bench.app_server import CHROMIUM_ARGS  # noqa: E402
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
# A thinking pause mid-sentence: the words after it must land in the same answer.
PAUSED = ("In my last role I led the migration of our billing service and", "the hardest part was convincing finance.")
PAUSE_S = 3.0

BROWSER_ARGS = [
    *CHROMIUM_ARGS,
    "--autoplay-policy=no-user-gesture-required",
    # background tabs keep their timers and media running (the memory part leaves several streaming)
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]


def _arg(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


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
                recording = LiveRecording(TurnKey(user, session.id, len(state.turns)))
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
            f"in-process: recorder stopped -> next question audio ready, {len(waits)} turns: p50 {p50:.0f} ms, "
            f"p95 {p95:.0f} ms (no end-of-turn wait, no page poll)",
            flush=True,
        )


def _malloc_env() -> dict[str, str]:
    return {"MALLOC_ARENA_MAX": _arg("--arenas", "")} if "--arenas" in sys.argv else {}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _saved_answers(data_dir: Path, email: str) -> list[str]:
    from igym.db import repository as repo
    from igym.db.engine import Database

    database = Database.from_url(f"sqlite:///{data_dir / 'interviewgym.db'}")
    try:
        with database.session() as db:
            user = repo.get_user_by_email(db, email=email)
            if user is None:
                return []
            answers: list[str] = []
            for session in repo.list_sessions(db, user_id=user.id):
                messages = repo.list_messages(db, user_id=user.id, session_id=session.id)
                answers += [m.content for m in messages if m.role == "candidate"]
            return answers
    finally:
        database.engine.dispose()


class _Browser:
    """The app server in a private namespace and a Chromium launcher whose microphone is a given WAV file."""

    def __init__(self, ns, tmp: Path, url: str, playwright) -> None:  # type: ignore[no-untyped-def]
        self.ns, self.tmp, self.url, self.playwright = ns, tmp, url, playwright

    def launch(self, mic: Path):  # type: ignore[no-untyped-def]
        args = [
            *BROWSER_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={mic}",
            f"--unsafely-treat-insecure-origin-as-secure={self.url}",
        ]
        chromium = str(self.ns.wrapper(shutil.which("chromium") or "/usr/bin/chromium", self.tmp))
        return self.playwright.chromium.launch(executable_path=chromium, args=args)


def _page(browser, shots: Path, name: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    page.add_init_script(live_driver.MIC_TAP_JS)
    page.add_init_script(live_driver.MEDIA_LOG_JS)
    log = (shots / f"{name}-browser.log").open("a")
    page.on("console", lambda msg: log.write(f"console {msg.type}: {msg.text}\n") or log.flush())
    page.on("pageerror", lambda err: log.write(f"pageerror {err}\n") or log.flush())
    return page


def _answer(page, shots: Path, *, answers: int, fresh_each: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Answer `answers` questions; a stall is reported and the figures are taken from what was done."""
    try:
        live_driver.run_interview(page, shots, answers=answers, timeout_s=600, fresh_each=fresh_each)
    except live_driver.BenchFailure as exc:
        print(f"    (stopped early: {exc})", flush=True)


def bench_browser(interviews: int) -> None:
    from playwright.sync_api import sync_playwright

    from bench.app_server import serve_app
    from bench.netns import SERVER_IP, private_network

    shots = Path(_arg("--shots", "/tmp/igym-bench-live"))
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp_name, private_network() as ns:
        tmp = Path(tmp_name)
        complete, paused = tmp / "complete.wav", tmp / "paused.wav"
        live_driver.fake_mic_wav(complete, [ANSWER], pauses_s=[])
        live_driver.fake_mic_wav(paused, list(PAUSED), pauses_s=[PAUSE_S])
        data = tmp / "data"
        with serve_app(
            data,
            log_path=shots / "server.log",
            address=SERVER_IP,
            port=8501,
            prefix=ns.prefix(),
            extra_env={"IGYM_SESSIONS_PER_DAY": "50", **_malloc_env()},
        ) as url, sync_playwright() as playwright:
            pid = int(
                subprocess.run(
                    ["pgrep", "-n", "-f", "streamlit run app.py --server.port 8501"], capture_output=True, text=True
                ).stdout.split()[0]
            )
            launcher = _Browser(ns, tmp, url, playwright)

            parts = _arg("--parts", "complete,paused,memory").split(",")
            # 1. complete answers: 4 answers of a warm-up; this also loads every model (the baseline)
            browser = launcher.launch(complete)
            page = _page(browser, shots, "complete")
            live_driver.sign_up_and_start(page, url, "complete@example.com", shots)
            _answer(page, shots, answers=4 if "complete" in parts else 1)
            time.sleep(3)  # the last question's audio
            gaps = live_driver.turn_gaps(live_driver.read_tap(page))
            answers = _saved_answers(data, "complete@example.com")
            tail = _words("failed payments fell by thirty percent")
            cut_complete = sum(1 for a in answers if not tail & _words(a))
            if gaps:
                p50, p95 = p50_p95_ms(gaps)
                print(
                    f"browser, complete answers: answer end -> next question audio playing, {len(gaps)} exchanges: "
                    f"p50 {p50:.0f} ms, p95 {p95:.0f} ms; cut-offs {cut_complete} of {len(answers)} answers",
                    flush=True,
                )
                if len(gaps) > 1:
                    later = float(np.median(gaps[1:]))
                    print(
                        f"    first answer after the server started: {gaps[0] * 1000:.0f} ms, later answers' median "
                        f"{later * 1000:.0f} ms ({gaps[0] / later:.2f}x)",
                        flush=True,
                    )
            else:
                print("browser, complete answers: no exchange was timed (see the screenshots)", flush=True)
            page.close()
            browser.close()

            # 2. a 3 s thinking pause mid-sentence: is the answer cut there? The microphone starts afresh at each
            # question, so every recording begins before the first half (see run_interview's fresh_each).
            if "paused" in parts:
                browser = launcher.launch(paused)
                page = _page(browser, shots, "paused")
                live_driver.sign_up_and_start(page, url, "paused@example.com", shots)
                _answer(page, shots, answers=3, fresh_each=True)
                answers = _saved_answers(data, "paused@example.com")[:3]
                first, second = _words("billing migration service"), _words("hardest convincing finance")
                began = [a for a in answers if first & _words(a)]  # the others began after the pause (a late start)
                cut = sum(1 for a in began if not second & _words(a))
                print(
                    f"browser, answers with a {PAUSE_S:.0f} s pause mid-sentence: cut-offs {cut} of {len(began)} "
                    f"answers heard from their start ({len(answers) - len(began)} more began after the pause)",
                    flush=True,
                )
                for a in answers:
                    print(f"    saved: {a!r}", flush=True)
                page.close()
                browser.close()

            if "--skip-memory" in sys.argv or "memory" not in parts:
                return
            # 3. memory: baseline with every model loaded, then `interviews` more tabs left streaming
            browser = launcher.launch(complete)
            time.sleep(3)
            baseline = _rss_mb(pid)
            pages = []
            for i in range(interviews):
                page = browser.new_page()
                live_driver.sign_up_and_start(page, url, f"user{i}@example.com", shots)
                live_driver.run_interview(page, shots, answers=2)
                pages.append(page)
                print(f"    interview {i + 1} of {interviews} streaming, server RSS {_rss_mb(pid):.0f} MB", flush=True)
            time.sleep(3)
            after = _rss_mb(pid)
            browser.close()
            print(
                f"server RSS: baseline {baseline:.0f} MB (models loaded), with {interviews} more live "
                f"interviews {after:.0f} MB -> {(after - baseline) / interviews:.1f} MB per live interview",
                flush=True,
            )


if __name__ == "__main__":
    if "--skip-inprocess" not in sys.argv:
        bench_turnaround()
    bench_browser(int(_arg("--interviews", "3")))
