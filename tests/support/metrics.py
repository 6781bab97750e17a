"""Answer metrics for tests that need a timed answer: counts and filler hits follow from the words given."""

from __future__ import annotations

from collections.abc import Sequence

from igym.models import AnswerMetrics, FillerHit, Pause


def timed_um_answer(
    transcript: str,
    word_starts: Sequence[float],
    *,
    duration_s: float,
    pauses: Sequence[Pause] = (),
    **extra: object,
) -> AnswerMetrics:
    """Metrics of a timed answer whose fillers are its "um"s, each starting where `word_starts` says.

    `word_count` is the number of word starts; `extra` sets any other field (speech window, pace).
    """
    fillers = [
        FillerHit(text="um", kind="um", word_index=index, start_s=word_starts[index])
        for index, word in enumerate(transcript.split())
        if word == "um"
    ]
    return AnswerMetrics(
        transcript=transcript,
        word_count=len(word_starts),
        filler_count=len(fillers),
        fillers=fillers,
        duration_s=duration_s,
        pauses=list(pauses),
        word_starts=list(word_starts),
        **extra,  # type: ignore[arg-type]
    )
