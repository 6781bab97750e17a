"""STAR cues on contrasting answers, session totals, and the transcriber's repetition-loop guard."""

from __future__ import annotations

import numpy as np
import pytest

from igym.analysis import aggregate_session, analyze_text, structure_cues
from igym.models import AnswerMetrics, Pause
from igym.providers import Transcriber
from igym.providers.offline_stt import has_repetition_loop
from tests.support.threads import run_together

FULL_STAR = (
    "At my last job our checkout service kept timing out during sales. My task was to make it survive the "
    "next Black Friday. I profiled the database calls and I rewrote the cart queries, then I added a cache. "
    "As a result, timeouts dropped by 80 percent and revenue grew."
)
VAGUE = "We usually work well together. We talk a lot and we try to be good at what we do. It is fine."


def test_complete_star_answer_shows_all_four_parts_and_a_quantified_result():
    cues = structure_cues(FULL_STAR)
    assert cues.star_parts == ("situation", "task", "action", "result")
    assert cues.quantified_result


def test_vague_team_answer_shows_no_star_parts_and_is_all_we():
    cues = structure_cues(VAGUE)
    assert cues.star_parts == ()
    assert cues.i_share == 0.0 and cues.we_count == 4


def test_result_without_a_number_is_not_quantified():
    cues = structure_cues("I redesigned the onboarding flow. In the end, customers were much happier.")
    assert cues.result and cues.action and not cues.quantified_result


def test_states_are_not_actions():
    assert not structure_cues("I was there and I had a feeling it would work.").action


def test_i_versus_we_counts_each_form():
    cues = structure_cues("I think we did well; my part was the API, our part was the rollout, and I'm proud of us.")
    assert (cues.i_count, cues.we_count) == (3, 3)
    assert cues.i_share == pytest.approx(0.5)


def _answer(words: int, fillers: int, speaking_s: float, latency_s: float, pauses: list[float]) -> AnswerMetrics:
    return AnswerMetrics(
        transcript="x",
        word_count=words,
        filler_count=fillers,
        duration_s=latency_s + speaking_s + 1,
        speech_start_s=latency_s,
        speech_end_s=latency_s + speaking_s,
        pauses=[Pause(1.0, 1.0 + p) for p in pauses],
    )


def test_session_totals_follow_the_seed_metrics_and_weight_rates_by_speaking_time():
    answers = [
        _answer(150, 6, 60.0, 2.0, [1.2, 2.5]),
        _answer(50, 4, 30.0, 4.0, [1.0]),
        AnswerMetrics(transcript="", word_count=0, filler_count=0, has_speech=False, duration_s=5.0),
        analyze_text("Um, I would rather type this one."),
    ]
    session = aggregate_session(answers)
    assert session.questions_answered == 3
    assert session.total_words == 150 + 50 + 6
    assert session.total_filler_words == 6 + 4 + 1
    assert session.total_pauses == 3
    assert session.longest_pause_ms == 2500
    assert session.avg_response_time_ms == 3000
    assert session.avg_words_per_minute == pytest.approx(200 / 1.5, abs=0.1)
    assert session.fillers_per_minute == pytest.approx(10 / 1.5, abs=0.01)


def test_empty_session_has_no_rates():
    session = aggregate_session([])
    assert session.questions_answered == 0 and session.avg_words_per_minute is None


@pytest.mark.parametrize(
    ("words", "looped"),
    [
        ("I mean, I mean, I mean, I mean, I mean, so".split(), True),
        (("we did it " * 5).split(), True),
        ("the the the the the the".split(), True),
        ("I, I, I think so.".split(), False),
        ("we shipped it and then we shipped it again".split(), False),
    ],
)
def test_repetition_loop_detection(words, looped):
    assert has_repetition_loop(words) is looped


def test_offline_transcriber_is_a_transcriber_and_can_be_shared_by_threads(transcriber, answer_files):
    from igym.audio import decode_audio

    assert isinstance(transcriber, Transcriber)
    audio = decode_audio(answer_files["wav16k"], max_seconds=600).samples[: 16_000 * 6]
    results: list[str] = []
    run_together(lambda: results.append(transcriber.transcribe(audio).text), [()] * 2)
    assert len(results) == 2 and results[0] == results[1] and "platform team" in results[0]


def test_transcribing_nothing_returns_an_empty_transcript(transcriber):
    assert transcriber.transcribe(np.zeros(0, np.float32)).words == ()


def test_looping_prompted_transcript_is_redone_without_the_prompt():
    from types import SimpleNamespace

    from igym.providers.offline_stt import OfflineWhisperTranscriber

    def segment(text: str) -> SimpleNamespace:
        words = [
            SimpleNamespace(word=" " + w, start=i * 0.3, end=i * 0.3 + 0.25, probability=0.9)
            for i, w in enumerate(text.split())
        ]
        return SimpleNamespace(text=text, words=words, compression_ratio=1.2)

    prompts: list[str | None] = []

    class Scripted(OfflineWhisperTranscriber):
        def _run(self, samples, prompt):
            prompts.append(prompt)
            if prompt:
                return [segment("I mean, I mean, I mean, I mean, I mean, I mean,")]
            return [segment("I mean, we shipped it.")]

    model = Scripted()
    transcript = model.transcribe(np.zeros(16_000, np.float32))
    assert len(prompts) == 2 and prompts[0] and prompts[1] is None
    assert transcript.text == "I mean, we shipped it." and not transcript.used_prompt
    assert [w.text for w in transcript.words] == ["I", "mean,", "we", "shipped", "it."]
