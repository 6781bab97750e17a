"""Plain dataclasses passed between layers.

Nothing here imports a framework, an SDK or a database: providers build these, services compute on them, the
repository and the pages read them. Times are seconds from the start of the answer's audio (floats), durations
that users see in the seed's schema are whole milliseconds.

The dataclasses are frozen where they are values (a word, a pause) so they can be shared between threads
without copying; the aggregate results hold lists and are built once, then only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Word:
    """One transcribed word; `start`/`end` are None when the source has no timings (a typed answer).

    `probability` is the transcriber's confidence in the word (0..1) when it reports one.
    """

    text: str
    start: float | None = None
    end: float | None = None
    probability: float | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """What a `Transcriber` returns.

    `words` keep the transcriber's spelling and punctuation (" like," with its comma): the filler rules read
    punctuation. `duration_s` is the audio's length, None for a typed answer.
    """

    text: str
    words: tuple[Word, ...] = ()
    language: str = "en"
    duration_s: float | None = None
    used_prompt: bool = False

    @property
    def has_timings(self) -> bool:
        return bool(self.words) and all(w.start is not None and w.end is not None for w in self.words)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the audio, in seconds."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def duration_ms(self) -> int:
        return round(self.duration_s * 1000)


@dataclass(frozen=True, slots=True)
class Pause(Span):
    """A silence of at least the configured minimum between two stretches of speech inside one answer."""


@dataclass(frozen=True, slots=True)
class WordHit:
    """A phrase found in an answer's words (a filler, a hedge).

    Attributes:
        text: the words as transcribed, punctuation stripped ("Ummm", "you know", "sort of").
        kind: the canonical phrase ("um", "you know", "i think", ...), the key of per-kind counts.
        word_index: index of the phrase's first word in the transcript's word list.
        start_s: when it starts, None without word timings.
    """

    text: str
    kind: str
    word_index: int
    start_s: float | None = None


@dataclass(frozen=True, slots=True)
class FillerHit(WordHit):
    """One filler occurrence ("um", "like", "you know"); see `igym.analysis.fillers`."""


@dataclass(frozen=True, slots=True)
class HedgeHit(WordHit):
    """One hedge or weak word ("I think", "maybe", "just" as a minimiser); see `igym.analysis.hedges`."""


@dataclass(frozen=True, slots=True)
class RepeatedPhrase:
    """A word or phrase said several times in one answer (stop words left out); see `igym.analysis.repetition`."""

    phrase: str
    count: int


@dataclass(frozen=True, slots=True)
class InclusiveHit:
    """A term from the non-inclusive list (`igym/analysis/inclusive_terms.csv`) with a suggested alternative."""

    term: str
    suggestion: str
    word_index: int
    start_s: float | None = None


@dataclass(frozen=True, slots=True)
class PaceWindow:
    """Words per minute over one window of the answer (`igym.analysis.pace`)."""

    start_s: float
    end_s: float
    words: int
    words_per_minute: float


@dataclass(frozen=True, slots=True)
class Prosody:
    """Pitch and loudness variation from the audio (`igym.analysis.prosody`).

    Attributes:
        pitch_median_hz: median fundamental frequency over voiced frames.
        pitch_range_st: 5th-95th percentile pitch range, in semitones.
        pitch_sd_st: standard deviation of pitch in semitones around its median.
        monotone: True when the pitch spread is below `igym.analysis.prosody.MONOTONE_SD_ST`.
        loudness_sd_db: standard deviation of loudness (dB) over voiced frames.
        voiced_s: seconds of voiced frames the figures come from.
    """

    pitch_median_hz: float
    pitch_range_st: float
    pitch_sd_st: float
    monotone: bool
    loudness_sd_db: float
    voiced_s: float


@dataclass(frozen=True, slots=True)
class StructureCues:
    """STAR cues and ownership of one answer; see `igym.analysis.structure` for the heuristics."""

    situation: bool = False
    task: bool = False
    action: bool = False
    result: bool = False
    quantified_result: bool = False
    i_count: int = 0
    we_count: int = 0

    @property
    def star_parts(self) -> tuple[str, ...]:
        names = ("situation", "task", "action", "result")
        return tuple(name for name in names if getattr(self, name))

    @property
    def i_share(self) -> float | None:
        """Share of first-person pronouns that are singular; None when the answer uses neither."""
        total = self.i_count + self.we_count
        return self.i_count / total if total else None


@dataclass(slots=True)
class AnswerMetrics:
    """Everything measured about one answer.

    Timing fields are None for a typed answer (no audio) and for audio with no speech in it. `has_speech`
    is False when the voice activity detector heard nothing: callers show "no speech" instead of zeros.
    """

    transcript: str
    word_count: int
    filler_count: int
    fillers: list[FillerHit] = field(default_factory=list)
    filler_counts: dict[str, int] = field(default_factory=dict)
    has_speech: bool = True
    duration_s: float | None = None
    speech_start_s: float | None = None
    speech_end_s: float | None = None
    words_per_minute: float | None = None
    pauses: list[Pause] = field(default_factory=list)
    hesitations: list[Span] = field(default_factory=list)
    structure: StructureCues = field(default_factory=StructureCues)
    # Stretches of speech that stayed without words even when transcribed on their own (see
    # `igym.analysis.coverage`): shown on the transcript and counted, never silently dropped.
    unclear_speech: list[Span] = field(default_factory=list)
    # When each transcript word starts (aligned with `transcript.split()`), so pages can mark pauses between
    # words; empty for typed answers and for answers stored before it was recorded.
    word_starts: list[float | None] = field(default_factory=list)
    # Delivery measures beyond fillers (issue 19): hedges and weak words, repeated words and phrases,
    # non-inclusive terms, pace per window, and pitch/loudness variation (None without audio or voicing).
    hedges: list[HedgeHit] = field(default_factory=list)
    repeated: list[RepeatedPhrase] = field(default_factory=list)
    inclusive: list[InclusiveHit] = field(default_factory=list)
    pace_windows: list[PaceWindow] = field(default_factory=list)
    prosody: Prosody | None = None

    @property
    def pause_count(self) -> int | None:
        return None if self.duration_s is None else len(self.pauses)

    @property
    def longest_pause_ms(self) -> int | None:
        if self.duration_s is None:
            return None
        return max((p.duration_ms for p in self.pauses), default=0)

    @property
    def hesitation_count(self) -> int | None:
        return None if self.duration_s is None else len(self.hesitations)

    @property
    def unclear_speech_count(self) -> int | None:
        return None if self.duration_s is None else len(self.unclear_speech)

    @property
    def response_latency_s(self) -> float | None:
        """Silence before the first word: how long the candidate took to start answering."""
        return self.speech_start_s

    @property
    def speaking_time_s(self) -> float | None:
        if self.speech_start_s is None or self.speech_end_s is None:
            return None
        return self.speech_end_s - self.speech_start_s


@dataclass(frozen=True, slots=True)
class SessionMetrics:
    """The seed's `Metrics` totals for one session, plus the two rates users compare across sessions."""

    total_filler_words: int = 0
    total_pauses: int = 0
    longest_pause_ms: int = 0
    avg_response_time_ms: int | None = None
    total_words: int = 0
    questions_answered: int = 0
    fillers_per_minute: float | None = None
    avg_words_per_minute: float | None = None
    total_hesitations: int = 0
    hedges_per_100_words: float | None = None
    pitch_sd_st: float | None = None
    monotone_answers: int = 0
    inclusive_terms: int = 0
    repeated_phrases: int = 0
    pace_spread_wpm: float | None = None
    fastest_window_wpm: float | None = None
    loudness_sd_db: float | None = None


@dataclass(frozen=True, slots=True)
class SessionScores:
    """The five 1-10 scores of a session's feedback (None where a score was not given)."""

    clarity: float | None = None
    structure: float | None = None
    relevance: float | None = None
    confidence: float | None = None
    overall: float | None = None
