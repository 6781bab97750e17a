"""Piper with the packaged voice: real, intelligible speech, sentence by sentence, with no network."""

from __future__ import annotations

import numpy as np
import pytest

from igym.audio import decode_audio
from igym.errors import InvalidInput
from igym.providers.base import Speaker
from igym.providers.offline_stt import OfflineWhisperTranscriber
from igym.providers.offline_tts import PiperSpeaker
from igym.providers.types import SpeechAudio, wav_samples
from tests.support.threads import run_together

QUESTION = "Tell me about a project you are proud of. What was your role in it?"


def _speech_share(audio: SpeechAudio) -> float:
    """Share of 20 ms frames louder than -40 dBFS: speech is mostly voiced, silence is not."""
    samples = wav_samples(audio)
    hop = audio.sample_rate // 50
    frames = samples[: samples.size // hop * hop].reshape(-1, hop)
    return float((np.sqrt((frames**2).mean(axis=1)) > 0.01).mean())


def test_piper_speaks_the_question_as_a_plausible_wav(piper: PiperSpeaker) -> None:
    audio = piper.synthesize(QUESTION)

    assert isinstance(piper, Speaker)
    assert audio.data[:4] == b"RIFF" and audio.format == "wav"
    assert audio.sample_rate == 22_050
    # 15 words at a conversational 120-200 words per minute, plus the gap between the two sentences.
    assert 3.5 <= audio.duration_s <= 8.0
    assert _speech_share(audio) > 0.5


def test_the_speech_is_intelligible_to_whisper(piper: PiperSpeaker) -> None:
    audio = piper.synthesize(QUESTION)
    samples = decode_audio(audio.data, max_seconds=30).samples

    transcript = OfflineWhisperTranscriber().transcribe(samples, prompt="")

    # Piper samples noise on every call, so the exact wording Whisper hears varies from run to run and from CPU to
    # CPU ("you're" for "you are", "roll" for "role"). Intelligible means most words come through, not all.
    assert _word_error_rate(QUESTION, transcript.text) <= 0.3, transcript.text


def _words(text: str) -> list[str]:
    spoken = text.lower().replace("you're", "you are")
    return "".join(c if c.isalnum() or c.isspace() else " " for c in spoken).split()


def _word_error_rate(reference: str, heard: str) -> float:
    """Word-level edit distance over the reference length: 0 is word-perfect, 1 is nothing right."""
    ref, hyp = _words(reference), _words(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / len(ref)


def test_stream_yields_each_sentence_as_its_own_wav(piper: PiperSpeaker) -> None:
    parts = list(piper.stream(QUESTION))

    assert [p.text for p in parts] == ["Tell me about a project you are proud of.", "What was your role in it?"]
    assert all(1.0 <= p.duration_s <= 5.0 and _speech_share(p) > 0.5 for p in parts)


def test_two_sessions_can_speak_at_once(piper: PiperSpeaker) -> None:
    results: list[SpeechAudio] = []
    errors: list[BaseException] = []

    def speak(text: str) -> None:
        try:
            results.append(piper.synthesize(text))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    run_together(speak, [("Good morning.",), ("Please go on.",)], timeout=30)

    assert errors == []
    assert sorted(r.text for r in results) == ["Good morning.", "Please go on."]
    assert all(_speech_share(r) > 0.4 for r in results)


def test_nothing_to_say_is_refused(piper: PiperSpeaker) -> None:
    with pytest.raises(InvalidInput):
        piper.synthesize(" \n ")
    assert list(piper.stream("")) == []
