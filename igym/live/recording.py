"""A live answer being recorded: frames in from the WebRTC thread, a snapshot out for the page.

The browser's audio arrives on aiortc's event-loop thread as `av.AudioFrame`s (48 kHz, often stereo). Each
frame is down-mixed and resampled to 16 kHz mono int16 at once, so memory grows by 32 kB per second of answer
whatever the browser sends, and appended under a lock. The Streamlit script thread never touches frames: it
reads `snapshot()` (cheap, copies a few numbers) for the level meter, elapsed time and silence timer, and
calls `take()` once the answer is over.

End of an answer: "Done", or automatically once speech was heard and then enough silence followed, or at
`max_seconds`. How much silence: `silence_stop_s`, or with `end_of_turn` (`igym.live.end_of_turn`) a wait that
depends on how the speech before the pause ended — short after a finished sentence, long after a trailing
"and…", medium while its text is unknown. For that decision the recorder needs the text just before the pause
soon after the pause starts: once `probe_s` of silence has passed it cuts the stretch there (`on_segment`, when
it is long enough) or hands the last seconds to `on_probe`, and `tail_text(end)` answers with their text once
it is transcribed (`EarlyTranscript.text_until`; `tail_pending` says it is on its way); the voice's fall is
measured on the frame thread.
Speech vs silence here is a frame's level against an adaptive noise floor —
good enough to time a stop (the precise pause analysis runs on the saved audio with Silero VAD later).

Transcribing early: with `on_segment`, each stretch of the answer that a pause closes (speech, then
`segment_silence_s` of silence) is handed over as float32 samples with its offset, cut in the middle of that
silence so no word is split, once it is at least `segment_min_s` long. The callback runs on the frame thread,
outside the lock, and must not block (`igym.live.early_transcription.EarlyTranscript.add` only queues).

Each recording carries an `owner` (a `TurnKey`: user, session, turn): the page only submits a recording whose
owner equals the key of the question on screen, so audio captured before a reload or a sign-out can never
land in another session. Errors on the frame thread are stored in the snapshot, never raised there.

Listening: a recording made with `listening=False` drops every frame until `listen()` (the page starts it
with the interviewer's question and calls `listen()` once the question has finished playing), so the
interviewer's voice coming back through laptop speakers is never part of the answer or its metrics. The
snapshot says whether it listens and for how long (`listening_s`), so "no audio is reaching us" counts from
there, never from before the microphone was asked for.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import av
import numpy as np

from igym.live.end_of_turn import EndOfTurnRules, voice_fell
from igym.live.turn_key import TurnKey

SAMPLE_RATE = 16_000
_SILENT_DB = -90.0
_SPEECH_MARGIN_DB = 12.0  # a frame this far above the noise floor counts as voice
_SPEECH_MIN_DB = -50.0  # ... and never below this, so a dead-quiet room is not all "speech"
_SPEECH_HOLD_S = 0.25  # voice must last this long before "speech was heard"
_FALL_WINDOW_S = 1.0  # the voice's fall is judged on this much audio before a pause
_PROBE_CONTEXT_S = 6.0  # a probe hands over this much audio before a pause (the last words, with context)


@dataclass(frozen=True, slots=True)
class RecordingSnapshot:
    """What the page shows of a recording at one moment: a copy of a few numbers, taken under the lock."""

    owner: TurnKey
    frames: int
    elapsed_s: float
    level_db: float
    heard_speech: bool
    silence_s: float
    finished: bool
    finish_reason: str | None
    error: str | None
    problem: str | None = None
    listening: bool = True
    listening_s: float = 0.0  # seconds since `listen()` (or since the recording was made, when it always listened)
    stop_after_s: float = 2.5  # the silence that would end the answer now (end-of-turn rules)

    @property
    def level(self) -> float:
        """The level as 0..1 for a meter (-60 dBFS and below is empty)."""
        return min(1.0, max(0.0, (self.level_db + 60.0) / 60.0))


class LiveRecording:
    """One answer being recorded for the question `owner`; frames in on the WebRTC thread, snapshots out."""

    def __init__(
        self,
        owner: TurnKey,
        *,
        silence_stop_s: float = 2.5,
        max_seconds: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
        on_segment: Callable[[np.ndarray, int], None] | None = None,
        segment_silence_s: float = 0.8,
        segment_min_s: float = 10.0,
        listening: bool = True,
        end_of_turn: EndOfTurnRules | None = None,
        probe_s: float = 0.35,
        on_probe: Callable[[np.ndarray, int], None] | None = None,
        tail_text: Callable[[int], str | None] | None = None,
        tail_pending: Callable[[int], bool] | None = None,
    ) -> None:
        self.owner = owner
        self._silence_stop_s = silence_stop_s
        self._max_samples = int(max_seconds * SAMPLE_RATE)
        self._clock = clock
        self._lock = threading.Lock()
        self._ended = threading.Condition(self._lock)  # notified when the answer ends (`_end`)
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        self._chunks: list[np.ndarray] = []
        self._samples = 0
        self._frames = 0
        self._level_db = _SILENT_DB
        self._noise_db = -60.0
        self._voiced_s = 0.0
        self._heard_speech = False
        self._silence_samples = 0
        self._finished: str | None = None
        self._error: str | None = None
        self._problem: str | None = None
        self._on_segment = on_segment
        self._segment_silence = int(segment_silence_s * SAMPLE_RATE)
        self._segment_min = int(segment_min_s * SAMPLE_RATE)
        self._segmented = 0  # samples already handed to `on_segment`
        self._voiced_since_cut = False
        self._listening_since: float | None = clock() if listening else None
        self._dropped = 0  # frames that arrived before `listen()`
        self._turn = end_of_turn
        self._probe_samples = int(probe_s * SAMPLE_RATE)
        self._on_probe = on_probe
        self._tail_text = tail_text
        self._tail_pending = tail_pending
        self._pause_at = -1  # where the current pause began (samples), once it is `probe_s` long
        self._pause_end: int | None = None  # the sample the text before this pause ends at (a cut or a probe)
        self._pause_fell: bool | None = None
        self._pause_probed = False

    # --- the WebRTC thread ----------------------------------------------------------------------------

    def push_frame(self, frame: av.AudioFrame) -> None:
        """Down-mix, resample and keep one browser frame (called on aiortc's thread; never raises)."""
        try:
            for resampled in self._resampler.resample(frame):
                self.push_pcm(resampled.to_ndarray().reshape(-1).astype(np.int16, copy=False))
        except Exception as exc:  # a bad frame must not kill the media loop; the page shows the error
            with self._lock:
                self._error = f"audio frame could not be read ({type(exc).__name__})"

    def push_pcm(self, pcm: np.ndarray) -> None:
        """Append 16 kHz mono int16 samples and update level, speech and silence state."""
        with self._lock:
            if self._finished is not None or pcm.size == 0 or self._drops_frame():
                return
            room = self._max_samples - self._samples
            if pcm.size > room:
                pcm = pcm[:room]
            self._chunks.append(pcm.copy())
            self._samples += pcm.size
            self._frames += 1
            self._update_levels(pcm)
            if self._samples >= self._max_samples:
                self._end("max_length")
            elif self._heard_speech and self._silence_samples >= self._stop_after():
                self._end("silence")
            segment = self._closed_segment() if self._finished is None else None
            probe = self._pause_probe() if self._finished is None and segment is None else None
        if segment is not None and self._on_segment is not None:
            self._on_segment(*segment)
        if probe is not None and self._on_probe is not None:
            self._on_probe(*probe)

    def _closed_segment(self) -> tuple[np.ndarray, int] | None:
        """The stretch a pause has just closed, as (float32 samples, offset); None when there is none yet."""
        if self._on_segment is None or not self._voiced_since_cut or self._silence_samples < self._segment_silence:
            return None
        judged = self._turn is not None and self._silence_samples >= self._probe_samples
        if judged:
            self._note_pause()
            # Probed (too short to cut when the pause began): cutting as the pause grows would transcribe the
            # same words again, and an answer that ends in this pause would wait for that.
            if self._pause_probed:
                return None
        cut = self._samples - self._silence_samples // 2
        if cut - self._segmented < self._segment_min:
            return None
        audio = self._joined()
        start, self._segmented, self._voiced_since_cut = self._segmented, cut, False
        if judged:  # (never probed, see above) the end-of-turn rules read this stretch's text
            self._pause_end = cut
        return audio[start:cut].astype(np.float32) / 32768.0, start

    def _joined(self) -> np.ndarray:
        """The samples so far as one array (kept as the only chunk, so joining again is cheap)."""
        audio = np.concatenate(self._chunks) if self._chunks else np.zeros(0, dtype=np.int16)
        self._chunks = [audio]
        return audio

    # --- end of turn: how much silence ends the answer (under the lock) -------------------------------

    def _stop_after(self) -> float:
        """Samples of silence after which the answer ends, now."""
        if self._turn is None:
            return self._silence_stop_s * SAMPLE_RATE
        if self._silence_samples < self._probe_samples:
            return math.inf  # no pause is decided before the stretch before it has been looked at
        self._note_pause()
        text, pending = None, False
        if self._tail_text is not None and self._pause_end is not None:
            text = self._tail_text(self._pause_end)
            pending = text is None and self._tail_pending is not None and self._tail_pending(self._pause_end)
        return self._turn.wait_s(text, self._pause_fell, pending=pending) * SAMPLE_RATE

    def _note_pause(self) -> None:
        """On the first look at a pause: forget the last pause's text and judge whether the voice fell."""
        pause_at = self._samples - self._silence_samples
        if pause_at == self._pause_at:
            return
        self._pause_at, self._pause_end, self._pause_probed = pause_at, None, False
        start = max(0, pause_at - int(_FALL_WINDOW_S * SAMPLE_RATE))
        try:
            self._pause_fell = voice_fell(self._joined()[start:pause_at], SAMPLE_RATE)
        except Exception:  # never on the frame thread: the medium wait then applies
            self._pause_fell = None

    def _pause_probe(self) -> tuple[np.ndarray, int] | None:
        """The last seconds before a pause no cut has closed, for its text (float32, end sample); else None."""
        if (
            self._turn is None
            or self._on_probe is None
            or not self._heard_speech
            or self._silence_samples < self._probe_samples
        ):
            return None
        self._note_pause()
        if self._pause_probed or self._pause_end is not None:
            return None
        self._pause_probed = True
        end = self._samples - self._silence_samples // 2
        audio = self._joined()
        start = max(0, end - int(_PROBE_CONTEXT_S * SAMPLE_RATE))
        self._pause_end = end
        return audio[start:end].astype(np.float32) / 32768.0, end

    def _update_levels(self, pcm: np.ndarray) -> None:
        rms = math.sqrt(float(np.mean(np.square(pcm.astype(np.float32) / 32768.0))))
        self._level_db = 20 * math.log10(rms) if rms > 1e-9 else _SILENT_DB
        voiced = self._level_db > max(self._noise_db + _SPEECH_MARGIN_DB, _SPEECH_MIN_DB)
        seconds = pcm.size / SAMPLE_RATE
        if voiced:
            self._voiced_s += seconds
            self._silence_samples = 0
            self._voiced_since_cut = True
            if self._voiced_s >= _SPEECH_HOLD_S:
                self._heard_speech = True
        else:
            self._voiced_s = 0.0
            self._silence_samples += pcm.size
            # the floor follows quiet frames slowly, so a fan or hum does not count as speech
            self._noise_db = 0.95 * self._noise_db + 0.05 * max(self._level_db, -80.0)

    def _drops_frame(self) -> bool:
        """True (and counted) while the recording does not listen yet; called under the lock."""
        if self._listening_since is not None:
            return False
        self._dropped += 1
        return True

    # --- the script thread ----------------------------------------------------------------------------

    def snapshot(self) -> RecordingSnapshot:
        with self._lock:
            return RecordingSnapshot(
                owner=self.owner,
                frames=self._frames,
                elapsed_s=self._samples / SAMPLE_RATE,
                level_db=self._level_db,
                heard_speech=self._heard_speech,
                silence_s=self._silence_samples / SAMPLE_RATE,
                finished=self._finished is not None,
                finish_reason=self._finished,
                error=self._error,
                problem=None if self._heard_speech else self._problem,
                listening=self._listening_since is not None,
                listening_s=0.0 if self._listening_since is None else self._clock() - self._listening_since,
                stop_after_s=self._stop_after_s(),
            )

    def listen(self) -> None:
        """Start keeping frames (once the interviewer has finished speaking); later calls change nothing."""
        with self._lock:
            if self._listening_since is None:
                self._listening_since = self._clock()

    @property
    def listening(self) -> bool:
        with self._lock:
            return self._listening_since is not None

    @property
    def dropped_frames(self) -> int:
        """How many frames arrived while the recording did not listen (and were dropped)."""
        with self._lock:
            return self._dropped

    def _stop_after_s(self) -> float:
        """The silence that would end the answer now, in seconds (the long wait while a pause is being judged)."""
        wait = self._stop_after()
        if math.isinf(wait):
            return self._turn.long_s if self._turn is not None else self._silence_stop_s
        return wait / SAMPLE_RATE

    def note_problem(self, message: str) -> None:
        """Show `message` (e.g. why the previous attempt was not saved) until this recording hears speech."""
        with self._lock:
            self._problem = message

    def finish(self, reason: str = "done") -> None:
        with self._lock:
            self._end(reason)

    def _end(self, reason: str) -> None:  # under the lock
        if self._finished is None:
            self._finished = reason
            self._ended.notify_all()

    def wait_finished(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the answer to end (any thread but the frame thread); True once it has.

        The live panel waits here while a silence may be ending the answer, so the answer is submitted when it
        ends rather than at the panel's next look.
        """
        with self._lock:
            return self._ended.wait_for(lambda: self._finished is not None, timeout_s)

    def take(self) -> np.ndarray:
        """The whole answer as float32 in [-1, 1]; the recording is finished and emptied."""
        with self._lock:
            self._end("done")
            audio = np.concatenate(self._chunks) if self._chunks else np.zeros(0, dtype=np.int16)
            self._chunks = []
            self._samples = 0
        return audio.astype(np.float32) / 32768.0
