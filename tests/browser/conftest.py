"""Browser fixtures: the real app served by `streamlit run` and Debian's Chromium driven by Playwright.

Playwright's own browser download does not work on these machines, so we launch /usr/bin/chromium (the
Debian package `chromium`, which .ci/run installs). As root, Chromium needs --no-sandbox.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bench.app_server import CHROMIUM_ARGS, serve_app
from bench.netns import Netns

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def patient_expectations() -> None:
    """Give `expect(...)` the same patience as page actions: on a loaded 2-core machine the first run of a page
    (models loading, the question being spoken) can take longer than Playwright's 5-second default."""
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    with serve_app(tmp_path / "data", log_path=tmp_path / "server.log") as url:
        yield url


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Chromium is missing: install the Debian package 'chromium' (.ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class LiveApp:
    url: str
    data_dir: Path
    netns: Netns
    mic_wav: Path
    shots: Path

    def shot(self, page, name: str) -> None:  # type: ignore[no-untyped-def]
        page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)


def _spoken_answer_wav(path: Path) -> None:
    """The fake microphone: a spoken answer, then 5 s of silence (Chromium loops the file)."""
    import wave

    import numpy as np

    from igym.providers.offline_tts import PiperSpeaker
    from igym.providers.types import wav_samples

    speech = PiperSpeaker().synthesize(SPOKEN_ANSWER)
    pcm = (wav_samples(speech) * 32767).astype(np.int16)
    silence = np.zeros(int(speech.sample_rate * 1.0), np.int16)
    audio = np.concatenate([silence, pcm, silence, silence, silence, silence, silence])
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(speech.sample_rate)
        out.writeframes(audio.tobytes())


SPOKEN_ANSWER = (
    "In my last role I led the migration of our billing service. I planned the cut over and I ran it. "
    "As a result failed payments fell by thirty percent."
)


@contextmanager
def serve_live(tmp_path: Path, request: pytest.FixtureRequest, mic: Path) -> Iterator[LiveApp]:
    """The app served inside a private network namespace, where WebRTC can connect (see bench/netns.py)."""
    from bench.netns import SERVER_IP, private_network

    shots = ARTIFACTS / request.node.name
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    with (
        private_network() as ns,
        serve_app(
            tmp_path / "data", log_path=shots / "server.log", address=SERVER_IP, port=8501, prefix=ns.prefix()
        ) as url,
    ):
        yield LiveApp(url=url, data_dir=tmp_path / "data", netns=ns, mic_wav=mic, shots=shots)


@pytest.fixture
def live_app(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveApp]:
    """The app in its namespace, with the spoken answer as the microphone."""
    mic = tmp_path / "mic.wav"
    _spoken_answer_wav(mic)
    with serve_live(tmp_path, request, mic) as app:
        yield app


@contextmanager
def live_chromium(app: LiveApp, tmp_path: Path, *, mic: Path, autoplay: bool) -> Iterator[Any]:
    """Chromium inside the namespace with `mic` as its microphone; `autoplay` lifts the autoplay policy."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Chromium is missing: install the Debian package 'chromium' (.ci/run does)")
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={mic}",
        # getUserMedia needs a secure context; the namespace address is plain http
        f"--unsafely-treat-insecure-origin-as-secure={app.url}",
        *(["--autoplay-policy=no-user-gesture-required"] if autoplay else []),
    ]
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(app.netns.wrapper(executable, tmp_path)), args=args)
        yield launched
        launched.close()


@pytest.fixture
def live_browser(live_app: LiveApp, tmp_path: Path) -> Iterator[object]:
    """Chromium inside the namespace, with the WAV file as its microphone."""
    with live_chromium(live_app, tmp_path, mic=live_app.mic_wav, autoplay=True) as launched:
        yield launched


def interview_record(app: LiveApp, email: str) -> tuple[str, list[Any]]:
    """The status of `email`'s one session and its messages, oldest first, read from the app's database."""
    from igym.db import repository as repo
    from igym.db.engine import Database

    database = Database.from_url(f"sqlite:///{app.data_dir / 'interviewgym.db'}")
    try:
        with database.session() as db:
            user = repo.get_user_by_email(db, email=email)
            assert user is not None
            (session,) = repo.list_sessions(db, user_id=user.id)
            return session.status, list(repo.list_messages(db, user_id=user.id, session_id=session.id))
    finally:
        database.engine.dispose()
