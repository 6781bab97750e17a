"""`python -m igym analyze`: the JSON contract, the readable summary, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bench.speech_audio import SR, wav_bytes
from igym.commands.analyze import JSON_KEYS
from tests.analysis.test_audio_io import flac_silence_bytes

REPO = Path(__file__).resolve().parents[2]
KEYS = list(JSON_KEYS)  # the contract the command declares; its output must be exactly these, in order
TIMING_KEYS = [
    "duration_s",
    "speech_start_s",
    "speech_end_s",
    "words_per_minute",
    "hesitation_count",
    "unclear_speech",
    "pause_count",
    "longest_pause_ms",
    "pauses",
    "pace_windows",
    "pitch_sd_st",
    "pitch_range_st",
    "monotone",
    "loudness_sd_db",
]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "igym", "analyze", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def audio_json(answer_files, tmp_path_factory):
    result = run_cli(str(answer_files["browser"]), "--json", cwd=tmp_path_factory.mktemp("cli"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_audio_json_has_exactly_the_contract_keys(audio_json):
    assert list(audio_json) == KEYS


def test_audio_json_values_match_the_answer(audio_json, answer_truth):
    assert audio_json["pause_count"] == len(answer_truth.pauses) == len(audio_json["pauses"])
    assert set(audio_json["pauses"][0]) == {"start_s", "end_s"}
    assert audio_json["pauses"][0]["start_s"] == pytest.approx(answer_truth.pauses[0][0], abs=0.15)
    assert audio_json["words_per_minute"] == pytest.approx(answer_truth.wpm, rel=0.05)
    assert audio_json["speech_start_s"] == pytest.approx(answer_truth.speech_start_s, abs=0.15)
    assert "platform team" in audio_json["transcript"]
    assert audio_json["pace_windows"] and all(w["words_per_minute"] > 0 for w in audio_json["pace_windows"])
    assert audio_json["pitch_sd_st"] is not None and isinstance(audio_json["monotone"], bool)


def test_transcript_json_has_the_delivery_measures(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text("I think we could maybe ask the guys. I really think that design is right.", encoding="utf-8")
    data = json.loads(run_cli(str(path), "--json", cwd=tmp_path).stdout)
    assert [h["kind"] for h in data["hedges"]] == ["i think", "maybe"] and data["hedge_count"] == 2
    assert data["inclusive"] == [{"term": "guys", "suggestion": "everyone, folks, team", "start_s": None}]


def test_transcript_json_has_null_timings(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text("Um, so I led the team, you know, and like I said we shipped.", encoding="utf-8")
    result = run_cli(str(path), "--json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert list(data) == KEYS
    assert all(data[key] is None for key in TIMING_KEYS)
    assert data["filler_count"] == 2
    assert data["fillers"] == [{"text": "Um", "start_s": None}, {"text": "you know", "start_s": None}]


def test_summary_without_json_is_readable(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text("Uh, I think, like, it went well.", encoding="utf-8")
    result = run_cli(str(path), cwd=tmp_path)
    assert result.returncode == 0
    assert "Filler words: 2" in result.stdout and not result.stdout.lstrip().startswith("{")


def test_silence_only_is_an_explicit_no_speech_result(tmp_path):
    path = tmp_path / "silence.wav"
    path.write_bytes(wav_bytes(np.zeros(SR * 3, np.float32), SR))
    summary = run_cli(str(path), cwd=tmp_path)
    assert summary.returncode == 0 and "No speech detected" in summary.stdout
    data = json.loads(run_cli(str(path), "--json", cwd=tmp_path).stdout)
    assert data["word_count"] == 0 and data["speech_start_s"] is None and data["duration_s"] == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("name", "blob", "message"),
    [
        ("empty.wav", b"", "empty"),
        ("random.wav", os.urandom(30_000), "not audio"),
        ("resume.webm", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n" * 200, "not audio"),
        ("two_hours.flac", None, "too long"),
        ("missing.wav", "absent", "No such file"),
    ],
)
def test_bad_input_exits_non_zero_with_one_clear_line(tmp_path, name, blob, message):
    path = tmp_path / name
    if blob is None:
        path.write_bytes(flac_silence_bytes(7200))
    elif isinstance(blob, bytes):
        path.write_bytes(blob)
    result = run_cli(str(path), "--json", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0]
