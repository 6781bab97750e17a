"""Run prompt versions over the same saved transcripts and compare them (no Streamlit; the CLI and page call it).

Evaluation is available for the **feedback** prompt. A version is ``rubric`` (the offline rubric, also
accepted as its label ``rubric-v2`` or the older ``rubric-v1``: it needs no key, so every comparison can run
offline) or a prompt version such as
``v1`` or a saved ``v2``, which runs `LlmFeedbackWriter` on the configured chat model exactly as the app
does (validation, one repair, grounding, scores anchored to the rubric within its leeway).

Per version the report gives:

* **valid structured output** — the share of runs whose first reply parsed as feedback JSON, and the share
  valid after the one repair. A provider error counts as no valid output. None for the rubric.
* **fell back** — runs that ended with the rubric's feedback (invalid twice, or the provider failed). Their
  scores are the rubric's, so they are left out of the score statistics and the agreement below.
* **scores** — mean and sample standard deviation of each dimension (clarity … overall).
* **agreement with the rubric** — mean absolute difference from the rubric's score per dimension, and the
  share of transcripts whose overall score is within ±1 of the rubric's.
* **grounded-quote rate** — quotes that are the candidate's words (kept verbatim or fixed from a near miss)
  over all quotes the version wrote; for the rubric, its quotes checked the same way.
* **length** — characters of the feedback a candidate reads, and (for models) of the raw reply.
* **latency** — mean and 95th percentile (nearest rank) per transcript, in seconds.

And per transcript, each version's overall and dimension scores side by side. Runs are sequential (one
model call at a time); `on_progress` is called after each run so a page can show progress.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from igym.errors import InvalidInput
from igym.feedback.grounding import quote_occurs
from igym.feedback.llm import LlmFeedbackWriter
from igym.feedback.rubric import RUBRIC_VERSION
from igym.feedback.rubric_text import rubric_feedback
from igym.feedback.types import DIMENSIONS, FeedbackDraft, FeedbackResult
from igym.prompt_lab.store import PromptCatalog, spec
from igym.prompt_lab.transcripts import SavedTranscript
from igym.providers.base import ChatModel

RUBRIC = "rubric"
EVALUATED_PROMPTS = ("feedback",)
MAX_VERSIONS = 4
NOT_EVALUATED = (
    "Evaluation over saved transcripts is available for the feedback prompt. The {name} prompt can be "
    "versioned and edited here; compare its versions in live sessions, which record the version they used."
)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """One version on one transcript. `scores` is None when the run fell back to the rubric."""

    transcript_key: str
    scores: dict[str, float] | None
    rubric_scores: dict[str, float]
    valid_first_try: bool | None
    valid_after_repair: bool | None
    fell_back: bool
    quotes_total: int
    quotes_grounded: int
    feedback_chars: int
    reply_chars: int | None
    latency_s: float
    notes: tuple[str, ...]

    @property
    def status(self) -> str:
        if self.fell_back:
            return "fell back to rubric"
        if self.valid_first_try is False:
            return "repaired"
        return "ok"


@dataclass(frozen=True, slots=True)
class Spread:
    """Mean and 95th percentile of one figure across transcripts."""

    mean: float | None
    stdev: float | None


@dataclass(frozen=True, slots=True)
class VersionReport:
    """One prompt version's figures over the evaluated transcripts."""

    version: str
    label: str
    runs: tuple[RunOutcome, ...]
    valid_first_try_rate: float | None
    valid_after_repair_rate: float | None
    fell_back_rate: float
    scores: dict[str, Spread]
    rubric_mean_abs_diff: dict[str, float | None]
    overall_within_1_rate: float | None
    grounded_quote_rate: float | None
    quotes_total: int
    mean_feedback_chars: float
    mean_reply_chars: float | None
    latency_mean_s: float
    latency_p95_s: float

    @property
    def uses_model(self) -> bool:
        return self.version != RUBRIC


@dataclass(frozen=True, slots=True)
class TranscriptRow:
    """One transcript's results, one entry per version in the report's order."""

    key: str
    label: str
    answers: int
    results: tuple[RunOutcome, ...]


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """Prompt versions compared side by side over the same transcripts."""

    prompt: str
    versions: tuple[VersionReport, ...]
    rows: tuple[TranscriptRow, ...]
    source: str
    model: str | None

    def to_json(self) -> dict[str, object]:
        """A plain dict for `--json` (every number as computed; None where a figure does not apply)."""
        return {
            "prompt": self.prompt,
            "source": self.source,
            "model": self.model,
            "transcripts": len(self.rows),
            "versions": [_version_json(v) for v in self.versions],
            "per_transcript": [
                {
                    "key": row.key,
                    "label": row.label,
                    "answers": row.answers,
                    "results": [
                        {"version": v.version, "status": run.status, "scores": run.scores, "rubric": run.rubric_scores}
                        for v, run in zip(self.versions, row.results, strict=True)
                    ],
                }
                for row in self.rows
            ],
        }


def default_pair(versions: Sequence[str], *, active: str | None, has_model: bool) -> tuple[str, str]:
    """The two versions the lab preselects: ones that can run with the keys present.

    With a chat model: the rubric against the active prompt version (or the newest). Without one only the
    rubric can run, so both sides start on it; the prompt versions stay selectable and say they need a key.
    """
    if not has_model or not versions:
        return RUBRIC, RUBRIC
    return RUBRIC, active if active is not None and active in versions else versions[-1]


def normalise_versions(prompt: str, versions: Sequence[str]) -> list[str]:
    """Clean version names ("rubric-v2" → "rubric"), checking the prompt can be evaluated and the count."""
    spec(prompt)
    if prompt not in EVALUATED_PROMPTS:
        raise InvalidInput(NOT_EVALUATED.format(name=prompt))
    cleaned = [v.strip() for v in versions if v.strip()]
    if not 1 <= len(cleaned) <= MAX_VERSIONS:
        raise InvalidInput(f"Compare between 1 and {MAX_VERSIONS} versions, for example rubric,v1.")
    return [RUBRIC if v.lower() in {RUBRIC, RUBRIC_VERSION, "rubric-v1"} else v for v in cleaned]


def evaluate(
    *,
    prompt: str,
    versions: Sequence[str],
    transcripts: Sequence[SavedTranscript],
    catalog: PromptCatalog,
    chat: ChatModel | None,
    model_label: str | None = None,
    source: str = "",
    on_progress: Progress | None = None,
) -> EvaluationReport:
    """Run every version over every transcript and build the report.

    Raises:
        InvalidInput: the prompt cannot be evaluated, a version does not exist, a version needs a model and
            none is configured, or there are no transcripts.
    """
    names = normalise_versions(prompt, versions)
    if not transcripts:
        raise InvalidInput("There are no completed sessions with answers to evaluate on yet; use the fixtures.")
    writers: list[LlmFeedbackWriter | None] = []  # by position: the same version may be compared with itself
    for name in names:
        if name == RUBRIC:
            writers.append(None)
            continue
        loaded = catalog.get(prompt, name)  # raises for an unknown version before any work starts
        if chat is None:
            raise InvalidInput(
                f"Version {name} of the {prompt} prompt runs on an AI model, and none is configured (set "
                "GROQ_API_KEY). Compare rubric against rubric to try the lab offline."
            )
        writers.append(LlmFeedbackWriter(chat, prompt=loaded, model_label=model_label or "model"))
    total, done = len(names) * len(transcripts), 0
    results: list[list[RunOutcome]] = [[] for _ in names]
    for transcript in transcripts:
        rubric = rubric_feedback(transcript.exchanges)
        for position, name in enumerate(names):
            results[position].append(_run(transcript, rubric, writers[position]))
            done += 1
            if on_progress is not None:
                on_progress(done, total, f"{_label(prompt, name)} on {transcript.label}")
    reports = tuple(_version_report(prompt, name, results[p]) for p, name in enumerate(names))
    rows = tuple(
        TranscriptRow(t.key, t.label, len(t.exchanges), tuple(runs[i] for runs in results))
        for i, t in enumerate(transcripts)
    )
    uses_model = any(writer is not None for writer in writers)
    return EvaluationReport(prompt, reports, rows, source, model_label if uses_model else None)


def _run(transcript: SavedTranscript, rubric: FeedbackResult, writer: LlmFeedbackWriter | None) -> RunOutcome:
    answers = [e.answer for e in transcript.exchanges]
    rubric_scores = rubric.draft.scores.as_dict()
    started = time.perf_counter()
    if writer is None:
        result = rubric_feedback(transcript.exchanges)
        latency = time.perf_counter() - started
        claims = [*result.draft.strengths, *result.draft.improvements]
        grounded = sum(1 for c in claims if any(quote_occurs(c.quote, a) for a in answers))
        return RunOutcome(
            transcript.key, result.draft.scores.as_dict(), rubric_scores, None, None, False, len(claims), grounded,
            _readable_chars(result.draft), None, latency, result.notes,
        )
    result = writer.write(
        transcript.exchanges, interview_type=transcript.interview_type, difficulty=transcript.difficulty,
        rubric=rubric,
    )
    stats = result.stats
    return RunOutcome(
        transcript_key=transcript.key,
        scores=None if stats.fell_back else result.draft.scores.as_dict(),
        rubric_scores=rubric_scores,
        valid_first_try=stats.valid_first_try is True,
        valid_after_repair=not stats.fell_back,
        fell_back=stats.fell_back,
        quotes_total=stats.quotes_total,
        quotes_grounded=stats.quotes_grounded,
        feedback_chars=_readable_chars(result.draft),
        reply_chars=stats.output_chars,
        latency_s=stats.latency_s or time.perf_counter() - started,
        notes=result.notes,
    )


def _readable_chars(draft: FeedbackDraft) -> int:
    """Characters of the feedback a candidate reads: summary, points, suggestions and answer notes."""
    parts = [draft.summary, *draft.suggestions]
    parts += [c.point for c in (*draft.strengths, *draft.improvements)]
    parts += [n.worked + n.change for n in draft.answer_notes]
    return sum(len(p) for p in parts)


def _version_report(prompt: str, name: str, runs: Sequence[RunOutcome]) -> VersionReport:
    scored = [r for r in runs if r.scores is not None]
    uses_model = name != RUBRIC
    quotes = sum(r.quotes_total for r in runs)
    replies = [r.reply_chars for r in runs if r.reply_chars is not None]
    latencies = sorted(r.latency_s for r in runs)
    return VersionReport(
        version=name,
        label=_label(prompt, name),
        runs=tuple(runs),
        valid_first_try_rate=_share(r.valid_first_try is True for r in runs) if uses_model else None,
        valid_after_repair_rate=_share(r.valid_after_repair is True for r in runs) if uses_model else None,
        fell_back_rate=_share(r.fell_back for r in runs),
        scores={d: _spread([r.scores[d] for r in scored if r.scores]) for d in DIMENSIONS},
        rubric_mean_abs_diff={
            d: _mean([abs(r.scores[d] - r.rubric_scores[d]) for r in scored if r.scores]) for d in DIMENSIONS
        },
        overall_within_1_rate=(
            _share(abs(r.scores["overall"] - r.rubric_scores["overall"]) <= 1.0 for r in scored if r.scores)
            if scored
            else None
        ),
        grounded_quote_rate=sum(r.quotes_grounded for r in runs) / quotes if quotes else None,
        quotes_total=quotes,
        mean_feedback_chars=_mean([float(r.feedback_chars) for r in runs]) or 0.0,
        mean_reply_chars=_mean([float(c) for c in replies]) if uses_model else None,
        latency_mean_s=_mean(latencies) or 0.0,
        latency_p95_s=latencies[max(0, math.ceil(0.95 * len(latencies)) - 1)] if latencies else 0.0,
    )


def _label(prompt: str, name: str) -> str:
    return RUBRIC_VERSION if name == RUBRIC else f"{prompt}-{name}"


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 0.0


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _spread(values: Sequence[float]) -> Spread:
    if not values:
        return Spread(None, None)
    return Spread(statistics.fmean(values), statistics.stdev(values) if len(values) > 1 else 0.0)


def _version_json(v: VersionReport) -> dict[str, object]:
    return {
        "version": v.version,
        "label": v.label,
        "runs": len(v.runs),
        "valid_first_try_rate": v.valid_first_try_rate,
        "valid_after_repair_rate": v.valid_after_repair_rate,
        "fell_back_rate": v.fell_back_rate,
        "scores": {d: {"mean": s.mean, "stdev": s.stdev} for d, s in v.scores.items()},
        "rubric_agreement": {
            "mean_abs_diff": v.rubric_mean_abs_diff,
            "overall_within_1_rate": v.overall_within_1_rate,
        },
        "grounded_quote_rate": v.grounded_quote_rate,
        "quotes_total": v.quotes_total,
        "mean_feedback_chars": v.mean_feedback_chars,
        "mean_reply_chars": v.mean_reply_chars,
        "latency_s": {"mean": v.latency_mean_s, "p95": v.latency_p95_s},
    }
