"""Groq Whisper speech-to-text with word timings, for answers of any length.

What is sent: the answer as 16 kHz mono Ogg/Opus (a tenth of WAV's size), `verbose_json` with both word and
segment timestamps, language "en", temperature 0, and a prompt written in a disfluent style. Whisper was
trained on transcripts that leave out "um" and "uh"; the prompt makes it keep more of them (not reliably,
which is why pause timing never depends on the transcript).

Over the upload cap: the audio is cut in two at the quietest stretch near its middle, and each half again
until every piece fits, so no cut falls inside a word when there is any silence to cut at. Each piece is
transcribed on its own and its word times are shifted by the piece's offset, so the stitched transcript is
timed from the start of the whole answer. With Opus at 24 kb/s the 25 MB cap is about two hours of audio, so
splitting matters only for a lower cap (paid tiers differ; tests use a tiny one).

Threads: one instance is shared; each call keeps its state on the stack and the client is thread-safe.
Failures: every SDK error is mapped by `groq_errors` after the SDK's own retries; a piece that fails fails
the whole answer (the fallback wrapper then transcribes the untouched audio offline, so nothing is lost).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import groq
import numpy as np

from igym.audio import SAMPLE_RATE, encode_ogg_opus
from igym.config import Settings
from igym.errors import AudioError, ProviderUnavailable
from igym.models import Transcript, Word
from igym.providers.groq_provider import groq_errors, make_client

GROQ_DISFLUENT_PROMPT = "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking."
FORM_FIELDS_ROOM_BYTES = 64 * 1024


def upload_cap_bytes(cap_mb: float) -> int:
    """Room for the audio under Groq's cap for the whole multipart request (the `groq_max_upload_mb` setting)."""
    return int(cap_mb * 1000 * 1000) - FORM_FIELDS_ROOM_BYTES


# Groq's free-tier cap is 25 MB for the whole multipart request; keep room for the form fields.
GROQ_UPLOAD_CAP_BYTES = upload_cap_bytes(25.0)
MIN_PIECE_S = 1.0
QUIET_WINDOW_S = 0.3
_TRAILING_PUNCTUATION = ",.?!;:…"


@dataclass(frozen=True, slots=True)
class AudioPiece:
    """One upload: Ogg/Opus bytes and where the piece starts in the whole answer.

    The offset is what shifts the piece's word times back onto the whole answer's clock.
    """

    offset_s: float
    data: bytes


class GroqTranscriber:
    """`Transcriber` backed by Groq Whisper, one request per upload-sized piece of the answer.

    Shared by every session (the client is thread-safe; a call keeps its pieces on the stack). Audio over
    the upload cap is cut at quiet points and the pieces' words stitched back on one clock; a failing piece
    fails the whole call, so the fallback can transcribe the untouched audio instead. The module docstring
    says what is sent and why.
    """

    def __init__(
        self,
        client: groq.Groq,
        *,
        model: str,
        language: str = "en",
        default_prompt: str | None = GROQ_DISFLUENT_PROMPT,
        max_upload_bytes: int = GROQ_UPLOAD_CAP_BYTES,
    ) -> None:
        self._client = client
        self._model = model
        self._language = language
        self._default_prompt = default_prompt
        self._max_upload_bytes = max_upload_bytes

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        max_retries: int | None = None,
        max_upload_bytes: int | None = None,
    ) -> GroqTranscriber:
        """The transcriber the settings describe; the keyword arguments override retries and the cap (tests)."""
        cap = upload_cap_bytes(settings.groq.max_upload_mb) if max_upload_bytes is None else max_upload_bytes
        return cls(make_client(settings, max_retries=max_retries), model=settings.groq.stt_model, max_upload_bytes=cap)

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        """Transcribe 16 kHz mono samples; words are timed from the start of `audio`.

        Raises:
            AudioError: `audio` is not mono, or cannot be cut small enough to upload.
            ProviderError: Groq failed after its retries (see `groq_errors` for which subclass).
        """
        if audio.ndim != 1:
            raise AudioError("Audio must be mono before transcription.")
        duration = audio.size / SAMPLE_RATE
        if audio.size == 0:
            return Transcript(text="", words=(), duration_s=0.0)
        used_prompt = prompt if prompt is not None else self._default_prompt
        texts: list[str] = []
        words: list[Word] = []
        for piece in split_for_upload(audio, max_bytes=self._max_upload_bytes):
            payload = self._request(piece.data, used_prompt)
            piece_text = str(payload.get("text") or "").strip()
            if piece_text:
                texts.append(piece_text)
            words.extend(punctuate(parse_words(payload, offset_s=piece.offset_s), piece_text))
        return Transcript(
            text=" ".join(texts),
            words=tuple(words),
            language=self._language,
            duration_s=duration,
            used_prompt=bool(used_prompt),
        )

    def _request(self, data: bytes, prompt: str | None) -> dict[str, Any]:
        with groq_errors("speech-to-text", client=self._client):
            result = self._client.audio.transcriptions.create(
                model=self._model,
                file=("answer.ogg", data, "audio/ogg"),
                language=self._language,
                prompt=prompt if prompt else groq.omit,
                response_format="verbose_json",
                timestamp_granularities=["word", "segment"],
                temperature=0.0,
            )
        payload = result.model_dump() if hasattr(result, "model_dump") else result
        if not isinstance(payload, dict):
            raise ProviderUnavailable("Groq speech-to-text sent a reply that could not be read.")
        return payload


def split_for_upload(
    samples: np.ndarray,
    *,
    max_bytes: int,
    offset_s: float = 0.0,
    encode: Callable[[np.ndarray], bytes] = encode_ogg_opus,
) -> list[AudioPiece]:
    """Encode `samples` as one piece, or cut at the quietest point near the middle until each piece fits.

    Raises:
        AudioError: a piece shorter than two seconds still does not fit (the cap is absurdly small).
    """
    data = encode(samples)
    if len(data) <= max_bytes:
        return [AudioPiece(offset_s=round(offset_s, 6), data=data)]
    if samples.size < 2 * MIN_PIECE_S * SAMPLE_RATE:
        raise AudioError("This recording is too large to transcribe, even in pieces.")
    cut = quietest_cut(samples)
    head = split_for_upload(samples[:cut], max_bytes=max_bytes, offset_s=offset_s, encode=encode)
    tail_offset = offset_s + cut / SAMPLE_RATE
    return head + split_for_upload(samples[cut:], max_bytes=max_bytes, offset_s=tail_offset, encode=encode)


def quietest_cut(samples: np.ndarray, *, window_s: float = QUIET_WINDOW_S) -> int:
    """Sample index in the middle half of `samples` at the centre of its longest quietest stretch.

    Energy is summed over a sliding `window_s` window; every position within 50 % of the minimum energy
    counts as quiet, and the cut goes in the middle of the longest quiet run, so a real silence is cut in
    its middle and speech without silence is cut where it is softest. Each piece keeps at least `MIN_PIECE_S`.
    """
    window = max(1, round(window_s * SAMPLE_RATE))
    energy = np.cumsum(np.concatenate([[0.0], samples.astype(np.float64) ** 2]))
    sums = energy[window:] - energy[:-window]  # sums[i] = energy of samples[i : i + window]
    floor = MIN_PIECE_S * SAMPLE_RATE
    lo = int(max(samples.size * 0.25, floor))
    hi = int(min(samples.size * 0.75, samples.size - floor - window))
    if hi <= lo:
        return samples.size // 2
    region = sums[lo:hi]
    quiet = region <= region.min() * 1.5 + 1e-9
    best_start, best_len, run_start = 0, 0, None
    for i, flag in enumerate(np.append(quiet, False)):
        if flag and run_start is None:
            run_start = i
        elif not flag and run_start is not None:
            if i - run_start > best_len:
                best_start, best_len = run_start, i - run_start
            run_start = None
    return lo + best_start + (best_len + window) // 2


def parse_words(payload: Mapping[str, Any], *, offset_s: float) -> list[Word]:
    """`Word`s from a verbose_json payload's ``words`` list, shifted by `offset_s`; none when absent.

    Raises:
        ProviderUnavailable: an entry is not ``{word, start, end}`` with numeric times.
    """
    raw = payload.get("words") or []
    if not isinstance(raw, list):
        raise ProviderUnavailable("Groq speech-to-text sent word timings that could not be read.")
    words: list[Word] = []
    for item in raw:
        try:
            text = str(item["word"]).strip()
            start, end = float(item["start"]) + offset_s, float(item["end"]) + offset_s
        except (KeyError, TypeError, ValueError) as exc:
            raise ProviderUnavailable("Groq speech-to-text sent word timings that could not be read.") from exc
        if text:
            words.append(Word(text=text, start=round(start, 3), end=round(end, 3)))
    return words


def punctuate(words: Sequence[Word], text: str) -> list[Word]:
    """Give each word the punctuation that follows it in `text` ("like" -> "like,").

    Groq's word list is bare, but the filler rules tell "like," (a filler) from "like" (a verb) by the
    comma. Words are matched to the text in order, whole words only, ignoring case; a word not found is kept as is.
    """
    position = 0
    result: list[Word] = []
    for word in words:
        bare = word.text.rstrip(_TRAILING_PUNCTUATION)
        found = re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", text[position:], re.IGNORECASE) if bare else None
        if found is None:
            result.append(word)
            continue
        index, end = position + found.start(), position + found.end()
        while end < len(text) and text[end] in _TRAILING_PUNCTUATION:
            end += 1
        result.append(Word(text=text[index:end], start=word.start, end=word.end, probability=word.probability))
        position = end
    return result
