"""Transcribing a live answer while the candidate is still speaking.

Why: transcription is the longest step between the end of an answer and the next question. Offline Whisper
needs about 0.04 s per second of audio here, so a 90 s answer used to cost some 4 s after the candidate
stopped; Groq adds an upload. The recording hands over each stretch of the answer that a pause has closed
(`LiveRecording(on_segment=...)` cuts in the middle of a silence, so no word is split), a worker thread
transcribes the stretches in order while the candidate goes on, and when the answer ends only the audio after
the last cut is left to transcribe. Each stretch is transcribed on its own, with the same prompt, and its word
times are shifted by the stretch's offset, so the stitched transcript is timed from the start of the answer.
The rest is not transcribed when Silero hears no speech in it (the usual case: the silence that ended the
answer), just as the analysis never sends a silent answer to the transcriber: Whisper, primed with a
disfluent prompt, can "hear" an "Umm." in pure silence.

Threads: `add` is called on the WebRTC frame thread and never blocks: it appends to a list and starts a worker
when none is running. The worker drains the list and exits, so an abandoned answer leaves no thread behind.
`transcribe` (the `Transcriber` protocol, called by the analysis on the script thread) waits for the worker,
then transcribes the rest. `cancel` drops pending stretches (a discarded or superseded recording).

End of turn: `text_until(end)` is the text of the speech just before a pause, for the recorder's end-of-turn
rules (`igym.live.end_of_turn`): the last stretch when a stretch ends at `end`, or else the text of a *probe* —
the last few seconds before the pause, handed over with `probe` when the stretch is too short to be cut yet;
a probe's text serves only that decision and never enters the answer's transcript. `awaits(end)` says whether
that text is still on its way (queued or being transcribed), so the rules can wait for it. The worker takes probes in
order with the stretches; `transcribe` drops any probe still waiting, so a probe never delays the answer.

After the answer has been transcribed, further calls (the coverage check transcribing a stretch again, see
`igym.analysis.coverage`) go straight to the wrapped transcriber: a stretch two pieces were stitched without is
recovered from the whole answer's audio.

Failure: if a stretch fails or the worker does not finish within `wait_s`, `transcribe` transcribes the whole
answer in one go, exactly as without this class, so a failure here never loses or changes an answer.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

import numpy as np

from igym.analysis.vad import find_speech
from igym.models import Transcript, Word
from igym.providers.base import Transcriber, for_stretches

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000


class EarlyTranscript:
    """A `Transcriber` for one live answer that has already transcribed the stretches handed to `add`."""

    def __init__(self, transcriber: Transcriber, *, wait_s: float = 120.0) -> None:
        self._transcriber = transcriber
        # stretches and probes end a fraction of a second into a pause: a provider may do those faster
        self._stretches = for_stretches(transcriber)
        self._wait_s = wait_s
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)  # notified when the worker stops
        self._pending: list[tuple[np.ndarray, int, bool]] = []  # (samples, offset, is a probe)
        self._pieces: list[Transcript] = []
        self._offsets: list[int] = []
        self._ends: dict[int, str] = {}  # sample where a transcribed stretch or probe ends -> the text before it
        self._covered = 0  # samples transcribed or queued, from the start of the answer
        self._done = 0  # samples transcribed
        self._running = False  # a worker is draining `_pending`; set and cleared under the lock
        self._failed = False
        self._cancelled = False
        self._finished = False  # the answer has been transcribed; later calls pass straight through
        self._working_on: int | None = None  # the end sample of the job the worker is on

    # --- the frame thread ---------------------------------------------------------------------------

    def add(self, samples: np.ndarray, offset: int) -> None:
        """Queue the closed stretch `samples` (float32, 16 kHz) that starts `offset` samples into the answer."""
        with self._lock:
            if self._cancelled or self._failed or offset != self._covered or samples.size == 0:
                return  # out of order (never expected): leave the rest to the whole-answer path
            self._pending.append((samples, offset, False))
            self._covered = offset + samples.size
            self._start_worker()

    def probe(self, samples: np.ndarray, end: int) -> None:
        """Queue the last few seconds `samples` before sample `end`, only for `text_until(end)` (never blocks)."""
        with self._lock:
            if self._cancelled or samples.size == 0 or end in self._ends:
                return
            self._pending.append((samples, end - samples.size, True))
            self._start_worker()

    def _start_worker(self) -> None:  # under the lock
        if not self._running:
            self._running = True
            threading.Thread(target=self._drain, name="igym-early-stt", daemon=True).start()

    def text_until(self, end: int) -> str | None:
        """The text of the speech that ends at sample `end` (a cut or a probe), None while it is not transcribed."""
        with self._lock:
            return self._ends.get(end)

    def awaits(self, end: int) -> bool:
        """True while the stretch or probe ending at sample `end` is queued or being transcribed."""
        with self._lock:
            return end == self._working_on or any(offset + samples.size == end for samples, offset, _ in self._pending)

    def _drain(self) -> None:
        while True:
            with self._lock:
                if self._failed:
                    self._pending = [job for job in self._pending if job[2]]  # probes may still be of use
                if self._cancelled or not self._pending:
                    self._pending.clear()
                    self._running = False
                    self._idle.notify_all()
                    return
                samples, offset, is_probe = self._pending.pop(0)
                self._working_on = offset + samples.size
            try:
                self._run_job(samples, offset, is_probe=is_probe)
            finally:
                with self._lock:
                    self._working_on = None

    def _run_job(self, samples: np.ndarray, offset: int, *, is_probe: bool) -> None:
        if is_probe:
            self._run_probe(samples, offset)
            return
        try:
            piece = self._stretches.transcribe(samples)
        except Exception as exc:  # the whole answer is transcribed again at the end
            log.warning("early transcription failed (%s); the answer will be transcribed whole", type(exc).__name__)
            with self._lock:
                self._failed = True
            return
        with self._lock:
            self._pieces.append(piece)
            self._offsets.append(offset)
            self._done += samples.size
            self._ends[offset + samples.size] = piece.text

    def _run_probe(self, samples: np.ndarray, offset: int) -> None:
        try:
            text = self._stretches.transcribe(samples).text
        except Exception as exc:  # the end-of-turn rules then take the medium wait
            log.warning("end-of-turn probe failed (%s)", type(exc).__name__)
            return
        with self._lock:
            self._ends[offset + samples.size] = text

    # --- the script thread --------------------------------------------------------------------------

    @property
    def transcribed_s(self) -> float:
        """Seconds of the answer already transcribed (for the benchmark and the tests)."""
        with self._lock:
            return self._done / SAMPLE_RATE

    def so_far(self) -> Transcript:
        """The stretches transcribed so far, stitched and timed from the start of the answer (for the live view)."""
        with self._lock:
            pieces, offsets, done = list(self._pieces), list(self._offsets), self._done
        return stitch(pieces, offsets, duration_s=done / SAMPLE_RATE)

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait until the worker has stopped (every stretch handed over is done, or it gave up); False on timeout."""
        with self._lock:
            return self._idle.wait_for(lambda: not self._running, timeout_s)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            self._pending.clear()

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        """The transcript of the whole answer `audio`: the stretches done early plus the rest.

        Called again after that (a stretch of the answer transcribed once more), it transcribes `audio` with the
        wrapped transcriber.
        """
        with self._lock:
            finished, self._finished = self._finished, True
        if finished:
            return self._transcriber.transcribe(audio, prompt=prompt)
        with self._lock:
            self._pending = [job for job in self._pending if not job[2]]  # a probe is of no use any more
            idle = self._idle.wait_for(lambda: not self._running, self._wait_s)
            usable = idle and not (self._failed or self._cancelled)
            pieces, offsets, covered = list(self._pieces), list(self._offsets), self._covered
            self._cancelled = True  # this object has done its job; a late `add` is ignored
        if not usable or covered > audio.size:
            return self._transcriber.transcribe(audio, prompt=prompt)
        tail = audio[covered:]
        if tail.size and (not pieces or find_speech(tail)):  # a silent tail would only invite hallucinations
            pieces.append(self._transcriber.transcribe(tail, prompt=prompt))
            offsets.append(covered)
        return stitch(pieces, offsets, duration_s=audio.size / SAMPLE_RATE)


def stitch(pieces: list[Transcript], offsets: list[int], *, duration_s: float) -> Transcript:
    """One transcript from pieces transcribed separately; `offsets` are each piece's start in samples."""
    words: list[Word] = []
    for piece, offset in zip(pieces, offsets, strict=True):
        shift = offset / SAMPLE_RATE
        words.extend(
            replace(
                w,
                start=None if w.start is None else round(w.start + shift, 3),
                end=None if w.end is None else round(w.end + shift, 3),
            )
            for w in piece.words
        )
    text = " ".join(p.text.strip() for p in pieces if p.text.strip())
    return Transcript(
        text=text,
        words=tuple(words),
        language=pieces[0].language if pieces else "en",
        duration_s=round(duration_s, 3),
        used_prompt=any(p.used_prompt for p in pieces),
    )
