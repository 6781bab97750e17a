"""`python -m igym analyze PATH [--json]`: the metrics of one answer from an audio file or a .txt transcript.

The JSON output is a contract other tools rely on: exactly the keys in `JSON_KEYS`, timing keys null for a
transcript. Audio is always transcribed with the offline model so the command works with no network and no
keys. Problems with the input raise `AudioError`/`InvalidInput`, which `igym.cli` prints as one line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from igym.config import Settings, load_settings
from igym.errors import InvalidInput
from igym.models import AnswerMetrics

JSON_KEYS = (
    "duration_s",
    "speech_start_s",
    "speech_end_s",
    "transcript",
    "word_count",
    "words_per_minute",
    "filler_count",
    "fillers",
    "hesitation_count",
    "unclear_speech",
    "pause_count",
    "longest_pause_ms",
    "pauses",
    "hedge_count",
    "hedges",
    "repeated",
    "inclusive",
    "pace_windows",
    "pitch_sd_st",
    "pitch_range_st",
    "monotone",
    "loudness_sd_db",
)
TEXT_SUFFIXES = (".txt", ".text", ".md")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="measure fillers, pauses and pace of an answer (audio file or .txt transcript)",
        description="Measure one answer: an audio file (WAV, WebM, Ogg, MP3, M4A, FLAC) or a .txt transcript.",
    )
    parser.add_argument("path", type=Path, help="audio file or .txt transcript")
    parser.add_argument("--json", action="store_true", help="print one JSON object (stable keys) instead of text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    metrics = analyze_path(args.path, settings=settings)
    if args.json:
        print(json.dumps(to_json(metrics), ensure_ascii=False))
    else:
        print(summary(metrics, name=args.path.name))
    return 0


def analyze_path(path: Path, *, settings: Settings) -> AnswerMetrics:
    """Analyse a file: a transcript by its suffix, anything else as audio.

    Raises:
        InvalidInput: the file is missing, unreadable, too large, or a transcript that is not UTF-8 text.
        AudioError: the audio is empty, not audio, corrupt or too long.
    """
    if not path.is_file():
        raise InvalidInput(f"No such file: {path}")
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _analyze_transcript(path, settings=settings)
    from igym.analysis.answer import analyze_answer
    from igym.audio.decode import decode_audio
    from igym.providers.offline_stt import OfflineWhisperTranscriber

    audio = decode_audio(path, max_seconds=settings.max_answer_seconds, max_bytes=settings.max_audio_upload_bytes)
    transcriber = OfflineWhisperTranscriber(
        model=settings.offline.stt_model,
        compute_type=settings.offline.stt_compute,
        models_dir=settings.data_dir / "models",
    )
    return analyze_answer(audio.samples, transcriber=transcriber, pause_min_s=settings.pause_min_s)


def _analyze_transcript(path: Path, *, settings: Settings) -> AnswerMetrics:
    from igym.analysis.answer import analyze_text

    if path.stat().st_size > settings.max_audio_upload_bytes:
        raise InvalidInput(f"The transcript {path.name} is too large to be one answer.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"The transcript {path.name} is not UTF-8 text.") from exc
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
    return analyze_text(text)


def to_json(metrics: AnswerMetrics) -> dict[str, Any]:
    """The contract: exactly `JSON_KEYS`; timing values are None when the answer has no audio."""
    timed = metrics.duration_s is not None
    data: dict[str, Any] = {
        "duration_s": metrics.duration_s,
        "speech_start_s": metrics.speech_start_s,
        "speech_end_s": metrics.speech_end_s,
        "transcript": metrics.transcript,
        "word_count": metrics.word_count,
        "words_per_minute": metrics.words_per_minute,
        "filler_count": metrics.filler_count,
        "fillers": [{"text": f.text, "start_s": f.start_s} for f in metrics.fillers],
        "hesitation_count": metrics.hesitation_count,
        "unclear_speech": [{"start_s": s.start_s, "end_s": s.end_s} for s in metrics.unclear_speech] if timed else None,
        "pause_count": metrics.pause_count,
        "longest_pause_ms": metrics.longest_pause_ms,
        "pauses": [{"start_s": p.start_s, "end_s": p.end_s} for p in metrics.pauses] if timed else None,
        **_delivery_json(metrics, timed=timed),
    }
    assert tuple(data) == JSON_KEYS
    return data


def _delivery_json(metrics: AnswerMetrics, *, timed: bool) -> dict[str, Any]:
    """The issue-19 delivery keys; pace windows and the pitch/loudness keys are None without audio."""
    prosody = metrics.prosody
    return {
        "hedge_count": len(metrics.hedges),
        "hedges": [{"text": h.text, "kind": h.kind, "start_s": h.start_s} for h in metrics.hedges],
        "repeated": [{"phrase": r.phrase, "count": r.count} for r in metrics.repeated],
        "inclusive": [{"term": t.term, "suggestion": t.suggestion, "start_s": t.start_s} for t in metrics.inclusive],
        "pace_windows": [
            {"start_s": w.start_s, "end_s": w.end_s, "words_per_minute": w.words_per_minute}
            for w in metrics.pace_windows
        ]
        if timed
        else None,
        "pitch_sd_st": prosody.pitch_sd_st if prosody else None,
        "pitch_range_st": prosody.pitch_range_st if prosody else None,
        "monotone": prosody.monotone if prosody else None,
        "loudness_sd_db": prosody.loudness_sd_db if prosody else None,
    }


def summary(metrics: AnswerMetrics, *, name: str) -> str:
    """A readable report for a person at a terminal."""
    lines = [f"{name}" + (f" — {metrics.duration_s:.1f} s of audio" if metrics.duration_s is not None else "")]
    if not metrics.has_speech:
        lines.append("No speech detected.")
        return "\n".join(lines)
    lines.append(f"Transcript: {metrics.transcript}")
    pace = f", {metrics.words_per_minute:.0f} words per minute" if metrics.words_per_minute else ""
    lines.append(f"Words: {metrics.word_count}{pace}")
    if metrics.speech_start_s is not None and metrics.speaking_time_s is not None:
        lines.append(
            f"Started speaking after {metrics.speech_start_s:.1f} s; spoke for {metrics.speaking_time_s:.1f} s"
        )
    kinds = ", ".join(f"{kind} ×{count}" for kind, count in metrics.filler_counts.items())
    lines.append(f"Filler words: {metrics.filler_count}" + (f" ({kinds})" if kinds else ""))
    if metrics.hesitation_count is not None:
        lines.append(f"Hesitations (voiced, no word): {metrics.hesitation_count}")
    if metrics.unclear_speech:
        spans = ", ".join(f"{s.start_s:.1f}–{s.end_s:.1f} s" for s in metrics.unclear_speech)
        lines.append(f"Unclear speech (heard, no words even on a second try): {len(metrics.unclear_speech)} ({spans})")
    if metrics.pause_count is not None:
        spans = ", ".join(f"{p.start_s:.1f}–{p.end_s:.1f} s" for p in metrics.pauses)
        longest = f", longest {(metrics.longest_pause_ms or 0) / 1000:.1f} s" if metrics.pauses else ""
        lines.append(f"Pauses: {metrics.pause_count}{longest}" + (f" ({spans})" if spans else ""))
    cues = metrics.structure
    parts = ", ".join(cues.star_parts) or "none"
    lines.append(
        f"STAR parts heard: {parts}; quantified result: {'yes' if cues.quantified_result else 'no'}; "
        f"I/we: {cues.i_count}/{cues.we_count}"
    )
    return "\n".join(lines)
