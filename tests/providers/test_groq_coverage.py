"""Coverage through the real Groq SDK: a stretch the hosted decode left out is uploaded again, without the prompt.

The loopback server stands in for Whisper (one word per burst of sound in the upload) and, like the real decode
that was seen losing a sentence, hears nothing after the first long silence of an upload that carries a prompt.
The answer is the suite's spoken-corpus answer (bench/spoken_corpus.py), so the VAD hears real speech.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bench.spoken_corpus import SpokenAnswer
from igym.analysis import analyze_answer
from igym.config import Settings
from igym.live.early_transcription import EarlyTranscript
from igym.providers.groq_stt import GroqTranscriber
from tests.conftest import CLEAN_ANSWER
from tests.groq_server import GroqServer, RecordedRequest, words_from_bursts

SR = 16_000


def skips_after_a_long_silence(request: RecordedRequest) -> dict[str, Any]:
    reply = words_from_bursts(request)
    if not request.form.get("prompt"):
        return reply
    kept, last_end = [], None
    for word in reply["words"]:
        if last_end is not None and word["start"] - last_end >= 1.0:
            break
        kept.append(word)
        last_end = word["end"]
    return {**reply, "words": kept, "text": " ".join(w["word"] for w in kept)}


def test_a_sentence_the_hosted_decode_skipped_is_uploaded_again_without_the_prompt(
    groq_server: GroqServer, groq_settings: Callable[..., Settings], corpus_slice: dict[str, SpokenAnswer]
) -> None:
    answer = corpus_slice[CLEAN_ANSWER]
    groq_server.transcribe = skips_after_a_long_silence
    metrics = analyze_answer(answer.samples(), transcriber=GroqTranscriber.from_settings(groq_settings()))

    uploads = groq_server.requests_to("transcriptions")
    assert len(uploads) >= 2 and "prompt" in uploads[0].form and not uploads[-1].form.get("prompt")
    assert metrics.pause_count == len(answer.pauses)
    assert metrics.speech_end_s == pytest.approx(answer.speech_end_s, abs=0.3)
    last_sentence = [s for s in metrics.word_starts if s is not None and s > answer.pauses[-1][1]]
    assert len(last_sentence) >= 5
    assert metrics.unclear_speech == []


def test_a_stretch_early_transcription_stitched_without_is_recovered(
    groq_server: GroqServer, groq_settings: Callable[..., Settings], corpus_slice: dict[str, SpokenAnswer]
) -> None:
    answer = corpus_slice[CLEAN_ANSWER]
    audio = answer.samples()
    cuts = [round((start + end) / 2 * SR) for start, end in answer.pauses]  # where a recorder cuts
    served = []

    def loses_the_second_stretch(request: RecordedRequest) -> dict[str, Any]:
        served.append(request)
        reply = words_from_bursts(request)
        if len(served) == 2:  # the middle stretch comes back empty, as the lost sentence did
            return {**reply, "words": [], "text": ""}
        return reply

    groq_server.transcribe = loses_the_second_stretch
    early = EarlyTranscript(GroqTranscriber.from_settings(groq_settings()))
    start = 0
    for cut in cuts:
        early.add(audio[start:cut], start)
        start = cut
    assert early.wait_idle(60)

    metrics = analyze_answer(audio, transcriber=early)

    assert len(served) == 4  # two stretches while speaking, the rest, then the lost stretch again
    middle = [s for s in metrics.word_starts if s is not None and cuts[0] / SR < s < cuts[1] / SR]
    assert len(middle) >= 5
    assert metrics.pause_count == len(answer.pauses)
    assert metrics.unclear_speech == []
