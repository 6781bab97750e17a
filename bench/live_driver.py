"""Driving the live interview in Chromium for the benches (bench/bench_live.py); nothing here imports the tests.

* `fake_mic_wav`: the fake microphone's WAV file (Piper speech, silences of known length; Chromium loops it).
* `MIC_TAP_JS`: an init script, run in every frame, that taps the microphone stream the page asks for with an
  analyser and notes each change between voice and silence (`Date.now()`, 20 ms resolution); `MEDIA_LOG_JS`
  notes what every `<audio>` element does (when the interviewer's question starts playing). Answer end ->
  question audio is then measured in the browser, on the same clock, whatever the server does: `turn_gaps`.
* `sign_up_and_start`, `start_answering`: a new account through the landing page and onboarding, a warm-up
  started, answering out loud started: the single "Start the interview" button when the page has one, else
  the live component's own "Start microphone" (and wait until it has taken).
"""

from __future__ import annotations

import contextlib
import re
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

PASSWORD = "bench-pass-123"

MIC_TAP_JS = r"""
(() => {
  const tap = window.__igymTap = window.__igymTap || {voice: []};
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia || md.__igymTapped) return;
  md.__igymTapped = true;
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    try {
      if (stream.getAudioTracks().length) {
        const ctx = new AudioContext();
        const source = ctx.createMediaStreamSource(stream);
        const analyser = ctx.createAnalyser();
        analyser.fftSize = 1024;
        const mute = ctx.createGain();
        mute.gain.value = 0;
        source.connect(analyser); analyser.connect(mute); mute.connect(ctx.destination);
        const buf = new Float32Array(analyser.fftSize);
        let voiced = false;
        setInterval(() => {
          analyser.getFloatTimeDomainData(buf);
          let sum = 0;
          for (let i = 0; i < buf.length; i++) sum += buf[i] * buf[i];
          const on = Math.sqrt(sum / buf.length) > 0.003;  // Piper's silences are digital zeros
          if (on !== voiced) { voiced = on; tap.voice.push({t: Date.now(), on: on}); }
        }, 20);
      }
    } catch (err) { tap.error = String(err); }
    return stream;
  };
})();
"""

# Records what every audio element of a frame does, attached or not (wavesurfer keeps its own element): the
# calls to play() and the element's media events, each with the page's clock (`at`, ms) and its position.
# Patching `HTMLMediaElement.prototype.play` catches the question player inside the component's iframe, which a
# listener on the document alone did not (the bench saw no question start that way).
MEDIA_LOG_JS = """
(() => {
  if (window.__igymMedia) return;
  const log = [];
  Object.defineProperty(window, "__igymMedia", { value: log });
  const seen = new WeakSet();
  const types = ["play", "playing", "pause", "ended", "seeking", "emptied", "timeupdate", "error"];
  const note = (el, type) => log.push({ type, t: el.currentTime, d: el.duration, src: el.currentSrc || "",
                                        at: Date.now() });
  const watch = (el) => {
    if (seen.has(el)) return;
    seen.add(el);
    for (const type of types) el.addEventListener(type, () => note(el, type));
  };
  for (const type of types) {
    document.addEventListener(type, (e) => { if (e.target instanceof HTMLMediaElement) watch(e.target); }, true);
  }
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () { watch(this); note(this, "play-call"); return play.call(this); };
})();
"""


def fake_mic_wav(
    path: Path, parts: list[str], *, pauses_s: list[float], lead_s: float = 1.0, tail_s: float = 5.0
) -> None:
    """Write the fake microphone: `lead_s` of silence, the `parts` spoken with `pauses_s` between, then `tail_s`."""
    from igym.providers.offline_tts import PiperSpeaker
    from igym.providers.types import wav_samples

    speaker = PiperSpeaker()
    rate = 22_050
    pieces: list[np.ndarray] = []
    for i, text in enumerate(parts):
        speech = speaker.synthesize(text)
        rate = speech.sample_rate
        pieces.append((wav_samples(speech) * 32767).astype(np.int16))
        if i < len(pauses_s):
            pieces.append(np.zeros(int(rate * pauses_s[i]), np.int16))
    audio = np.concatenate([np.zeros(int(rate * lead_s), np.int16), *pieces, np.zeros(int(rate * tail_s), np.int16)])
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(audio.tobytes())


class BenchFailure(RuntimeError):
    """A step of the browser bench did not happen in time; the message says which, with a screenshot path."""


def _step(page: Any, what: str, shots: Path, action: Any) -> None:
    try:
        action()
    except Exception as exc:
        shot = shots / f"failed-{re.sub(r'[^a-z0-9]+', '-', what.lower())}.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot), full_page=True)
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        raise BenchFailure(f"{what}: {type(exc).__name__}: {first_line} (screenshot {shot})") from exc


def sign_up_and_start(page: Any, url: str, email: str, shots: Path, *, timeout_ms: int = 180_000) -> None:
    """Sign up as `email`, onboard, open a new warm-up interview and wait for its first question."""
    page.set_default_timeout(timeout_ms)
    _step(
        page,
        f"{email}: landing page",
        shots,
        lambda: (page.goto(url), page.get_by_role("tab", name="Create account").click()),
    )

    def create() -> None:
        form = page.locator("[data-testid='stForm']").filter(has_text="Create account")
        form.get_by_role("textbox", name="Email").fill(email)
        form.get_by_role("textbox", name="Password").fill(PASSWORD)
        form.get_by_role("button", name="Create account").click()

    _step(page, f"{email}: create account", shots, create)

    def onboard() -> None:
        page.get_by_role("textbox", name="Or type your role").fill("Engineer")
        page.get_by_text("Within a month").click()
        page.get_by_role("button", name="Continue").click()

    _step(page, f"{email}: onboarding", shots, onboard)
    _step(page, f"{email}: dashboard's New session link", shots,
          lambda: page.get_by_role("link", name="New session").first.click())
    _step(page, f"{email}: Start interview", shots, lambda: page.get_by_role("button", name="Start interview").click())
    _step(page, f"{email}: first question", shots, lambda: page.get_by_text("Exchange 1 of 5").wait_for())


def start_answering(page: Any, shots: Path, *, timeout_ms: int = 120_000) -> None:
    """Start answering out loud: "Start the interview" when the page has it, else the component's microphone."""

    def start() -> None:
        single = page.locator("[data-testid='stMain']").get_by_role("button", name="Start the interview")
        if single.count() and single.first.is_visible():
            single.first.click()
            return
        frame = page.frame_locator("iframe[title*='streamlit_webrtc']").first
        frame.get_by_role("button", name="Start microphone").click()
        frame.get_by_role("button", name="Stop microphone").wait_for(timeout=timeout_ms)

    _step(page, "start answering out loud", shots, start)


def restart_microphone(page: Any, shots: Path) -> None:
    """Stop the live component's microphone and start answering again (the fake file then starts over)."""
    frame = page.frame_locator("iframe[title*='streamlit_webrtc']").first
    stop = frame.get_by_role("button", name="Stop microphone")
    if stop.count() and stop.is_visible():
        _step(page, "stop the microphone", shots, stop.click)
        _step(page, "the microphone stopped", shots, frame.get_by_role("button", name="Start microphone").wait_for)
    start_answering(page, shots)


def microphone_stopped(page: Any) -> bool:
    frame = page.frame_locator("iframe[title*='streamlit_webrtc']").first
    button = frame.get_by_role("button", name="Start microphone")
    return bool(button.count() and button.is_visible())


def exchange(page: Any) -> int | None:
    """The exchange on screen (1..5), 0 once the interview is complete, None while the page is between states."""
    try:
        text = page.locator("[data-testid='stMain']").inner_text(timeout=5_000)
    except Exception:
        return None
    if "Interview complete" in text:
        return 0
    found = re.search(r"Exchange (\d) of 5", text)
    return int(found.group(1)) if found else None


def run_interview(
    page: Any,
    shots: Path,
    *,
    answers: int,
    timeout_s: float = 420.0,
    stall_s: float = 150.0,
    fresh_each: bool = False,
) -> None:
    """Answer out loud until `answers` answers are saved (or the interview completes).

    `fresh_each`: stop and start the microphone at each new question, so the fake microphone's file plays from
    its start — the candidate starts speaking after the question, instead of wherever the looping file is (which
    would hand a recording only the end of the spoken answer).

    As a candidate would: a stopped microphone is started again, and a page that shows the same exchange for
    `stall_s` (a dropped connection on a busy machine) is reloaded — the interview resumes at the same question.
    """
    start_answering(page, shots)
    began = time.monotonic()
    deadline = began + timeout_s
    restarts = reloads = 0
    last: int | None = None
    changed = began
    while time.monotonic() < deadline:
        seen = exchange(page)
        if seen is not None and seen != last:
            print(f"    {time.monotonic() - began:5.0f} s: exchange {seen or 'done'} on screen", flush=True)
            if fresh_each and last is not None and seen and seen <= answers:
                restart_microphone(page, shots)
            last, changed = seen, time.monotonic()
        if seen == 0 or (seen is not None and seen > answers):
            return
        if microphone_stopped(page):
            restarts += 1
            if restarts > 3:
                raise BenchFailure(f"the microphone stopped {restarts} times (at exchange {seen})")
            start_answering(page, shots)
        elif time.monotonic() - changed > stall_s and reloads < 2:
            reloads += 1
            print(f"    exchange {seen} for {stall_s:.0f} s: reloading the page", flush=True)
            page.screenshot(path=str(shots / f"stalled-{reloads}.png"), full_page=True)
            page.reload()
            _step(page, "the interview after a reload", shots, lambda: page.get_by_text("Exchange").first.wait_for())
            start_answering(page, shots)
            changed = time.monotonic()
        time.sleep(0.5)
    page.screenshot(path=str(shots / "failed-interview-stuck.png"), full_page=True)
    raise BenchFailure(
        f"{answers} answers were not saved within {timeout_s:.0f} s (exchange {exchange(page)} on screen)"
    )


@dataclass(frozen=True)
class Tap:
    voice: list[tuple[float, bool]]  # (seconds since the epoch, voice on?)
    plays: list[tuple[float, str]]  # (seconds since the epoch, audio source)


def media_events(page: Any) -> list[dict[str, Any]]:
    """Every frame's `MEDIA_LOG_JS` events, in the order they happened."""
    events: list[dict[str, Any]] = []
    for frame in page.frames:
        try:
            events.extend(frame.evaluate("() => window.__igymMedia ? [...window.__igymMedia] : []"))
        except Exception:  # a frame that went away meanwhile
            continue
    return sorted(events, key=lambda e: e["at"])


def read_tap(page: Any) -> Tap:
    """What the init script noted, from every frame (the microphone lives in the component's iframe)."""
    voice: list[tuple[float, bool]] = []
    plays: list[tuple[float, str]] = []
    for frame in page.frames:
        try:
            data = frame.evaluate("() => window.__igymTap || null")
        except Exception:
            continue
        if not data:
            continue
        voice += [(v["t"] / 1000, bool(v["on"])) for v in data["voice"]]
    for event in media_events(page):
        if event["type"] == "playing":
            plays.append((event["at"] / 1000, event["src"]))
    return Tap(sorted(voice), sorted(plays))


def turn_gaps(tap: Tap, *, merge_s: float = 0.35, max_gap_s: float = 12.0) -> list[float]:
    """Seconds from each answer's end (the last voice before a new question starts playing) to that question.

    Voice stretches closer than `merge_s` are one (the gaps between Piper's words). The first question's audio
    (no answer before it) and a replay of the same source are skipped; a gap over `max_gap_s` means the tap
    lost track (e.g. the microphone was restarted or the page reloaded) and is skipped too.
    """
    ends: list[float] = []
    on_at: float | None = None
    for t, on in tap.voice:
        if on:
            if ends and t - ends[-1] < merge_s:
                ends.pop()
            on_at = t
        elif on_at is not None:
            ends.append(t)
            on_at = None
    gaps: list[float] = []
    heard: set[str] = set()
    for t, src in tap.plays:
        if src in heard:
            continue
        heard.add(src)
        before = [e for e in ends if e < t]
        if not before:
            continue
        # the voice may have come back before the question played (a slow turn): that is the next answer, the
        # one that ended is still the last stretch before `t`
        gap = t - before[-1]
        if gap <= max_gap_s:
            gaps.append(gap)
    return gaps
