"""Speech analysis figures on this machine (not a test): `.venv/bin/python bench/bench_analysis.py [--minutes N]`.

Prints:
  * analysis without STT (decode + Silero VAD + pauses + fillers + hesitations + pace + structure, with a
    ready transcript) as a multiple of real time — the goal is >= 200x on 2 cores;
  * the offline STT real-time factor (faster-whisper tiny.en int8, seconds of compute per second of audio);
  * the pitch and loudness analysis (Praat, `igym.analysis.prosody`) alone: seconds of compute per minute of
    audio (it is part of the "analysis without STT" figure above it);
  * peak memory: tracemalloc peak of Python allocations during analysis, and the process's ru_maxrss.

The audio is a generated answer (Piper speech with pauses) repeated to the requested length.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.speech_audio import SR, known_answer_16k
from igym.analysis import analyze_answer
from igym.analysis.prosody import measure_prosody
from igym.audio import decode_audio, encode_ogg_opus
from igym.providers.offline_stt import OfflineWhisperTranscriber


def make_answer(minutes: float) -> np.ndarray:
    one = known_answer_16k()
    repeats = max(1, int(np.ceil(minutes * 60 * SR / one.size)))
    return np.tile(one, repeats)[: int(minutes * 60 * SR)]


def best_of(n: int, fn):  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(n):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=3.0, help="answer length for the no-STT figure")
    parser.add_argument("--stt-seconds", type=float, default=60.0, help="audio length for the STT figure")
    args = parser.parse_args()

    audio = make_answer(args.minutes)
    seconds = audio.size / SR
    stored = encode_ogg_opus(audio)
    transcriber = OfflineWhisperTranscriber()
    transcriber.load()

    stt_audio = audio[: int(args.stt_seconds * SR)]
    stt_time, transcript = best_of(1, lambda: transcriber.transcribe(stt_audio))
    print(
        f"offline STT (tiny.en int8, 2 threads): {stt_audio.size / SR:.0f} s audio in {stt_time:.2f} s "
        f"-> RTF {stt_time / (stt_audio.size / SR):.3f} ({(stt_audio.size / SR) / stt_time:.1f}x real time)"
    )

    # A transcript for the whole answer: the STT transcript's words shifted per repeat would be exact, but for
    # throughput any timed transcript of the right size will do; reuse the 60 s one tiled over the answer.
    from igym.models import Transcript, Word

    span = stt_audio.size / SR
    words = tuple(
        Word(w.text, (w.start or 0) + k * span, (w.end or 0) + k * span, w.probability)
        for k in range(int(np.ceil(seconds / span)))
        for w in transcript.words
        if (w.end or 0) + k * span <= seconds
    )
    full = Transcript(text=" ".join(w.text for w in words), words=words, duration_s=seconds)

    wav = _wav_bytes(audio)
    for label, blob in (("Ogg/Opus", stored), ("16 kHz WAV", wav)):

        def analysis_only(blob: bytes = blob):  # type: ignore[no-untyped-def]
            decoded = decode_audio(blob, max_seconds=seconds + 5)
            return analyze_answer(decoded.samples, transcript=full, pause_min_s=1.0)

        analysis_only()  # warm the VAD session
        elapsed, metrics = best_of(3, analysis_only)
        print(
            f"analysis without STT from {label} (decode + VAD + metrics): {seconds:.0f} s audio in "
            f"{elapsed * 1000:.0f} ms -> {seconds / elapsed:.0f}x real time"
        )
    print(f"  found {metrics.pause_count} pauses, {metrics.word_count} words, {metrics.words_per_minute} wpm")
    prosody_s, prosody = best_of(3, lambda: measure_prosody(audio, SR))
    print(
        f"pitch + loudness (Praat): {seconds:.0f} s audio in {prosody_s * 1000:.0f} ms -> "
        f"{prosody_s / (seconds / 60):.3f} s per minute of audio ({seconds / prosody_s:.0f}x real time); {prosody}"
    )

    tracemalloc.start()
    analysis_only(stored)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"peak memory: tracemalloc {peak / 1e6:.1f} MB of Python allocations for one {seconds:.0f} s analysis; "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
        "(Whisper + Piper + VAD loaded)"
    )


def _wav_bytes(samples: np.ndarray) -> bytes:
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
    return buffer.getvalue()


if __name__ == "__main__":
    main()
