"""Early transcription through the real Groq SDK: each closed stretch is its own upload, timed back in place."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from igym.audio import decode_audio
from igym.config import Settings
from igym.live.early_transcription import EarlyTranscript
from igym.providers.groq_stt import GroqTranscriber
from igym.providers.offline_tts import PiperSpeaker
from tests.groq_server import GroqServer
from tests.providers.conftest import SR, bursts_audio

BURSTS = [(0.5, 0.9), (1.2, 1.5), (3.0, 3.6), (5.1, 5.4), (5.8, 6.3), (8.0, 8.5), (10.2, 10.9), (11.4, 11.7)]
CUTS_S = (4.4, 9.3)  # in the silences a recorder would have cut at


def test_closed_stretches_are_uploaded_while_speaking_and_the_words_keep_their_times(
    groq_server: GroqServer, groq_settings: Callable[..., Settings], piper: PiperSpeaker
) -> None:
    # Tone bursts up to the last cut (the stand-in server hears one word per burst), then a spoken last
    # sentence: a tail the voice-activity check passes, as a real answer's is.
    spoken = decode_audio(piper.synthesize("Then I deleted half of the alerts.").data, max_seconds=30).samples
    audio = np.concatenate([bursts_audio(BURSTS[:6], total_s=CUTS_S[-1]), spoken])
    early = EarlyTranscript(GroqTranscriber.from_settings(groq_settings()))
    start = 0
    for cut_s in CUTS_S:
        cut = int(cut_s * SR)
        early.add(audio[start:cut], start)
        start = cut
    assert early.wait_idle(30)
    assert len(groq_server.requests_to("transcriptions")) == 2  # before the answer ended

    transcript = early.transcribe(audio)

    uploads = groq_server.requests_to("transcriptions")
    durations = [decode_audio(r.files["file"][2], max_seconds=60).duration_s for r in uploads]
    tail_s = spoken.size / SR
    assert durations == [pytest.approx(d, abs=0.05) for d in (4.4, 4.9, tail_s)]  # only the rest at the end
    for word, (start_s, end_s) in zip(transcript.words[:6], BURSTS[:6], strict=True):
        assert word.start == pytest.approx(start_s, abs=0.03)
        assert word.end == pytest.approx(end_s, abs=0.03)
    tail_words = transcript.words[6:]
    assert tail_words and all(CUTS_S[-1] <= (w.start or 0) < CUTS_S[-1] + tail_s for w in tail_words)
    assert transcript.duration_s == pytest.approx(CUTS_S[-1] + tail_s, abs=0.01)


def test_a_groq_error_on_a_stretch_means_one_whole_upload_at_the_end(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    audio = bursts_audio(BURSTS, total_s=12.5)
    early = EarlyTranscript(GroqTranscriber.from_settings(groq_settings(), max_retries=0))
    groq_server.fail(times=1, status=400)
    early.add(audio[: int(4.4 * SR)], 0)
    assert early.wait_idle(30)

    transcript = early.transcribe(audio)

    last = groq_server.requests_to("transcriptions")[-1]
    assert decode_audio(last.files["file"][2], max_seconds=60).duration_s == pytest.approx(12.5, abs=0.05)
    assert len(transcript.words) == len(BURSTS)
