"""Typed feedback values: what the rubric and the LLM produce, and what the service stores and pages show.

The pydantic models double as the LLM's output schema: `LlmFeedbackDraft.model_validate` is the validation
step of the LLM path, so a reply that parses here is structurally complete (every claim has a quote, every
score is 1–10). Whether each quote really occurs in the transcript is checked afterwards by `grounding`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from igym.models import AnswerMetrics

DIMENSIONS = ("clarity", "structure", "relevance", "confidence", "overall")


class Scores(BaseModel):
    """The five 1-10 scores of a feedback draft."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    clarity: float = Field(ge=1, le=10)
    structure: float = Field(ge=1, le=10)
    relevance: float = Field(ge=1, le=10)
    confidence: float = Field(ge=1, le=10)
    overall: float = Field(ge=1, le=10)

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in DIMENSIONS}


class Claim(BaseModel):
    """A strength or an improvement, tied to the candidate's own words by `quote`.

    The rubric also records which finding it is (`kind`, e.g. "fillers") and every answer it applies to
    (`answers`, the quoted one first); an LLM's claims leave both empty.
    """

    model_config = ConfigDict(extra="ignore")

    point: str = Field(min_length=3, max_length=400)
    quote: str = Field(min_length=2, max_length=300)
    answer: int | None = Field(default=None, ge=1, description="1-based number of the answer quoted")
    kind: str | None = Field(default=None, max_length=40)
    answers: list[int] = Field(default_factory=list, max_length=50)


class AnswerNote(BaseModel):
    """A note on one answer, by its number."""

    model_config = ConfigDict(extra="ignore")

    answer: int = Field(ge=1)
    worked: str = Field(min_length=2, max_length=400)
    change: str = Field(min_length=2, max_length=400)


class FeedbackDraft(BaseModel):
    """The feedback of one session as stored and shown, from the rubric or an LLM.

    Strengths and improvements may be empty: an answer of one character or one emoji has nothing to quote,
    and the rubric then skips the claim rather than failing the session. The LLM is held to more
    (`LlmFeedbackDraft`).
    """

    model_config = ConfigDict(extra="ignore")

    summary: str = Field(min_length=10, max_length=1500)
    scores: Scores
    strengths: list[Claim] = Field(default_factory=list, max_length=6)
    improvements: list[Claim] = Field(default_factory=list, max_length=6)
    suggestions: list[str] = Field(min_length=1, max_length=6)
    answer_notes: list[AnswerNote] = Field(default_factory=list, max_length=50)


class LlmFeedbackDraft(FeedbackDraft):
    """The LLM's JSON must match this shape: at least one strength and one improvement, at most 12 notes."""

    strengths: list[Claim] = Field(min_length=1, max_length=6)
    improvements: list[Claim] = Field(min_length=1, max_length=6)
    answer_notes: list[AnswerNote] = Field(default_factory=list, max_length=12)


@dataclass(frozen=True, slots=True)
class Exchange:
    """One answer with the line it answered: the unit the rubric scores and the prompt shows.

    `number` is 1-based, as candidates and the LLM count answers. `kind` is the interviewer line's kind
    (question or follow_up): follow-up answers are expected to be shorter and are weighted less.
    """

    number: int
    question: str
    kind: str
    answer: str
    metrics: AnswerMetrics
    question_id: str | None = None
    audio_key: str | None = None
    answer_id: uuid.UUID | None = None  # the answer's message id (try again starts from it)


@dataclass(frozen=True, slots=True)
class RunStats:
    """How a feedback run went, for the notes users see and for comparing prompt versions.

    `valid_first_try`/`repaired` are None for the rubric (it has no output to validate). Quote counts are
    taken before grounding (`quotes_total`) and after (`quotes_grounded` = kept verbatim + fixed).
    """

    valid_first_try: bool | None = None
    repaired: bool = False
    fell_back: bool = False
    quotes_total: int = 0
    quotes_grounded: int = 0
    quotes_fixed: int = 0
    latency_s: float = 0.0
    output_chars: int = 0


@dataclass(frozen=True, slots=True)
class FeedbackResult:
    """A finished feedback draft plus where it came from, ready to store."""

    draft: FeedbackDraft
    generated_by: str
    prompt_version: str
    notes: tuple[str, ...] = ()  # what happened on the way (repair used, fell back, claims dropped)
    stats: RunStats = RunStats()
