"""`python -m igym rehearse`: a whole session from a text file or a folder of recordings, offline."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from igym.commands.rehearse import load_answers
from igym.errors import InvalidInput
from tests.interview.test_engine import NO_RESULT, SHORT, STRONG, WE_ONLY

ROOT = Path(__file__).resolve().parents[2]


def _rehearse(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IGYM_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "igym", "rehearse", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300,
    )


@pytest.mark.parametrize("difficulty", ["warm_up", "intense"])
def test_rehearsal_from_a_text_file_completes_with_fitting_follow_ups(tmp_path: Path, difficulty: str) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("\n".join([STRONG, SHORT, WE_ONLY, NO_RESULT, STRONG, STRONG, STRONG, STRONG]) + "\n")
    done = _rehearse(tmp_path, "--type", "behavioral", "--difficulty", difficulty, "--answers", str(answers), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) >= {"session_id", "status", "exchanges", "metrics", "feedback"}
    assert report["status"] == "completed"
    feedback = report["feedback"]
    assert feedback["generated_by"] == "rubric" and feedback["prompt_version"] == "rubric-v2"
    assert set(feedback["scores"]) == {"clarity", "structure", "relevance", "confidence", "overall"}
    assert report["metrics"]["overall_score"] == feedback["scores"]["overall"]
    said = " ".join(e["answer"] for e in report["exchanges"])
    assert feedback["strengths"] and all(c["quote"] in said for c in feedback["strengths"] + feedback["improvements"])
    assert len(feedback["answer_notes"]) == len(report["exchanges"])
    assert 5 <= len(report["exchanges"]) <= 8
    questions = [e["question"] for e in report["exchanges"] if e["kind"] == "question"]
    assert len(questions) == len(set(questions))
    pairs = itertools.pairwise(report["exchanges"])
    follow_ups = [(e["question"], prev["answer"]) for prev, e in pairs if e["kind"] == "follow_up"]
    for line, previous_answer in follow_ups:
        if previous_answer == SHORT:
            assert "example" in line
        if previous_answer == WE_ONLY:
            assert "personally" in line or "your own part" in line
    assert report["metrics"]["questions_answered"] == len(report["exchanges"])
    assert report["exchanges"][1]["metrics"]["word_count"] == len(SHORT.split())


def test_rehearsal_from_recordings_transcribes_each_answer(tmp_path: Path, piper) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from bench.speech_audio import PIPER_RATE, silence, wav_bytes

    folder = tmp_path / "answers"
    folder.mkdir()
    lines = ["I led the billing migration and we finished two weeks early.",
             "I would start by measuring where the time goes before changing anything."]
    for index, line in enumerate(lines):
        audio = np.concatenate([silence(0.6), piper(line), silence(0.4)])
        (folder / f"{index:02d}.wav").write_bytes(wav_bytes(audio, PIPER_RATE))
    done = _rehearse(tmp_path, "--type", "technical_verbal", "--difficulty", "warm_up", "--answers", str(folder),
                     "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == "completed"
    assert "billing" in report["exchanges"][0]["answer"].lower()
    assert report["exchanges"][0]["metrics"]["speech_start_s"] == pytest.approx(0.6, abs=0.25)


def test_bad_answer_sources_get_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    with pytest.raises(InvalidInput, match="no answers"):
        load_answers(empty)
    with pytest.raises(InvalidInput, match="does not exist"):
        load_answers(tmp_path / "missing.txt")
    (tmp_path / "folder").mkdir()
    with pytest.raises(InvalidInput, match="no audio files"):
        load_answers(tmp_path / "folder")
    done = _rehearse(tmp_path, "--type", "behavioral", "--difficulty", "standard", "--answers", str(empty))
    assert done.returncode == 2 and "no answers" in done.stderr and "Traceback" not in done.stderr


def test_speak_writes_a_playable_wav_with_the_offline_voice(tmp_path: Path) -> None:
    import wave

    out = tmp_path / "q.wav"
    done = subprocess.run(
        [sys.executable, "-m", "igym", "speak", "Tell me about a time you changed your mind.", "-o", str(out)],
        cwd=ROOT, env={**os.environ, "IGYM_DATA_DIR": str(tmp_path / "data")}, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with wave.open(str(out)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 1.0 < seconds < 6.0


def test_rehearsal_whose_answers_are_one_character_emoji_or_unspaced_cjk_completes(tmp_path: Path) -> None:
    answers = tmp_path / "odd.txt"
    answers.write_text("\n".join([STRONG, "a", "👍", "我" * 320, "5", "https://example.com/" + "x" * 400]) + "\n",
                       encoding="utf-8")
    done = _rehearse(tmp_path, "--type", "behavioral", "--difficulty", "standard", "--answers", str(answers), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == "completed" and report["feedback"]["scores"]
    assert "a" in [e["answer"] for e in report["exchanges"]]


DELIVERY_TOTALS = {
    "hedges_per_100_words", "repeated_phrases", "inclusive_terms", "fastest_window_wpm", "pace_spread_wpm",
    "pitch_sd_st", "loudness_sd_db", "monotone_answers",
}
HEDGED = "I think maybe I sort of led the migration. The migration plan was mine and the migration shipped, guys."


def test_rehearsal_reports_the_language_totals_of_typed_answers(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("\n".join([HEDGED, STRONG, STRONG, STRONG, STRONG]) + "\n")
    args = ("--type", "behavioral", "--difficulty", "warm_up", "--answers", str(answers))
    done = _rehearse(tmp_path, *args, "--json")
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout)["metrics"]
    assert set(totals) >= DELIVERY_TOTALS
    assert totals["hedges_per_100_words"] > 0 and totals["repeated_phrases"] >= 1 and totals["inclusive_terms"] >= 1
    # typed answers have no audio and no word times: no voice or pace-window figures, not zeros
    assert totals["pitch_sd_st"] is None and totals["loudness_sd_db"] is None and totals["monotone_answers"] == 0
    assert totals["fastest_window_wpm"] is None and totals["pace_spread_wpm"] is None
    text = _rehearse(tmp_path, *args).stdout
    assert f"repeated words or phrases {totals['repeated_phrases']}" in text
    assert "pace across windows: fastest —" in text and "loudness spread —" in text


def test_rehearsal_from_a_recording_reports_pace_windows_pitch_and_loudness(tmp_path: Path, piper) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from bench.speech_audio import PIPER_RATE, silence, wav_bytes

    folder = tmp_path / "answers"
    folder.mkdir()
    sentences = ["I led the billing migration and we finished two weeks early.",
                 "First I measured where the time went, then I rewrote the two slowest queries.",
                 "After that the page loaded in one second instead of eight, and support tickets fell by half.",
                 "Next quarter I wrote the runbook so that anyone on call could repeat the fix without me."]
    parts = [silence(0.5)]
    for sentence in sentences:
        parts += [piper(sentence), silence(0.4)]
    (folder / "00.wav").write_bytes(wav_bytes(np.concatenate(parts), PIPER_RATE))
    done = _rehearse(tmp_path, "--type", "technical_verbal", "--difficulty", "warm_up", "--answers", str(folder),
                     "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    totals = report["metrics"]
    windows = [w for e in report["exchanges"] for w in e["metrics"]["pace_windows"]]
    assert len(report["exchanges"][0]["metrics"]["pace_windows"]) >= 2  # about 20 s of speech: two windows
    assert totals["fastest_window_wpm"] == max(w["words_per_minute"] for w in windows)
    assert totals["pace_spread_wpm"] is not None and totals["pace_spread_wpm"] >= 0
    assert totals["pitch_sd_st"] > 0 and totals["loudness_sd_db"] > 0
    assert totals["monotone_answers"] in range(len(report["exchanges"]) + 1)
