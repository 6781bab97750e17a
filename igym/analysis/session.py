"""Roll a session's answers up into the seed's `Metrics` totals.

Rates are weighted by speaking time (total words over total speaking minutes), not averaged per answer, so a
ten-second answer does not count as much as a three-minute one. Hedges are per hundred words over the
session; the pitch and loudness spreads are weighted by each answer's voiced seconds; repeated phrases are the
words and phrases flagged in each answer, summed; the pace spread is the mean, over answers with two windows
or more, of fastest minus slowest window, and the fastest window the session's fastest. Answers without audio
(typed) count towards words, fillers and questions answered but not towards timings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from igym.models import AnswerMetrics, Prosody, SessionMetrics


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
        repeated_phrases=sum(len(a.repeated) for a in answered),
        pace_spread_wpm=_pace_spread_wpm(answered),
        fastest_window_wpm=max((w.words_per_minute for a in answered for w in a.pace_windows), default=None),
        loudness_sd_db=_voiced_mean(answered, lambda p: p.loudness_sd_db),
    )


def _hedges_per_100_words(answered: Sequence[AnswerMetrics]) -> float | None:
    words = sum(a.word_count for a in answered)
    return round(100 * sum(len(a.hedges) for a in answered) / words, 2) if words else None


def _pitch_sd_st(answered: Sequence[AnswerMetrics]) -> float | None:
    """Pitch spread over the session, each answer weighted by its voiced seconds; None without audio."""
    return _voiced_mean(answered, lambda p: p.pitch_sd_st)


def _voiced_mean(answered: Sequence[AnswerMetrics], figure: Callable[[Prosody], float]) -> float | None:
    """A prosody figure over the session, each answer weighted by its voiced seconds; None without audio."""
    voiced = [a.prosody for a in answered if a.prosody is not None and a.prosody.voiced_s > 0]
    total = sum(p.voiced_s for p in voiced)
    return round(sum(figure(p) * p.voiced_s for p in voiced) / total, 2) if total else None


def _pace_spread_wpm(answered: Sequence[AnswerMetrics]) -> float | None:
    """Mean of fastest minus slowest window over the answers with two windows or more; None without any."""
    spreads = [
        max(w.words_per_minute for w in a.pace_windows) - min(w.words_per_minute for w in a.pace_windows)
        for a in answered
        if len(a.pace_windows) >= 2
    ]
    return round(sum(spreads) / len(spreads), 1) if spreads else None
