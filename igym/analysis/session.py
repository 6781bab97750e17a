"""Roll a session's answers up into the seed's `Metrics` totals.

Rates are weighted by speaking time (total words over total speaking minutes), not averaged per answer, so a
ten-second answer does not count as much as a three-minute one. Hedges are per hundred words over the
session; the pitch spread is weighted by each answer's voiced seconds. Answers without audio (typed) count towards
words, fillers and questions answered but not towards timings.
"""

from __future__ import annotations

from collections.abc import Sequence

from igym.models import AnswerMetrics, SessionMetrics


def aggregate_session(answers: Sequence[AnswerMetrics]) -> SessionMetrics:
    """Session totals from its answers, in order; an answer with no speech is not a question answered."""
    answered = [a for a in answers if a.has_speech and a.word_count > 0]
    latencies = [a.response_latency_s for a in answered if a.response_latency_s is not None]
    timed = [a for a in answered if a.speaking_time_s]
    speaking_min = sum(a.speaking_time_s or 0.0 for a in timed) / 60
    timed_words = sum(a.word_count for a in timed)
    timed_fillers = sum(a.filler_count for a in timed)
    return SessionMetrics(
        total_filler_words=sum(a.filler_count for a in answered),
        total_pauses=sum(a.pause_count or 0 for a in answered),
        longest_pause_ms=max((a.longest_pause_ms or 0 for a in answered), default=0),
        avg_response_time_ms=round(1000 * sum(latencies) / len(latencies)) if latencies else None,
        total_words=sum(a.word_count for a in answered),
        questions_answered=len(answered),
        fillers_per_minute=round(timed_fillers / speaking_min, 2) if speaking_min > 0 else None,
        avg_words_per_minute=round(timed_words / speaking_min, 1) if speaking_min > 0 else None,
        total_hesitations=sum(a.hesitation_count or 0 for a in answered),
        hedges_per_100_words=_hedges_per_100_words(answered),
        pitch_sd_st=_pitch_sd_st(answered),
        monotone_answers=sum(1 for a in answered if a.prosody is not None and a.prosody.monotone),
        inclusive_terms=sum(len(a.inclusive) for a in answered),
    )


def _hedges_per_100_words(answered: Sequence[AnswerMetrics]) -> float | None:
    words = sum(a.word_count for a in answered)
    return round(100 * sum(len(a.hedges) for a in answered) / words, 2) if words else None


def _pitch_sd_st(answered: Sequence[AnswerMetrics]) -> float | None:
    """Pitch spread over the session, each answer weighted by its voiced seconds; None without audio."""
    voiced = [a.prosody for a in answered if a.prosody is not None and a.prosody.voiced_s > 0]
    total = sum(p.voiced_s for p in voiced)
    return round(sum(p.pitch_sd_st * p.voiced_s for p in voiced) / total, 2) if total else None
