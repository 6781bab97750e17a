"""The lock files: every package pinned with hashes, the direct pins kept, runtime and dev in agreement.

Streamlit Community Cloud installs requirements.txt as it is, so a package missing from it, or one without a
hash, is a deployment that drifts (or fails hash checking) the day a dependency publishes a release.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)(?P<rest>.*)$")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _entries(path: Path) -> list[tuple[str, str, str, list[str]]]:
    """(name, version, marker, hashes) per requirement of a lock file written by `make lock`."""
    entries: list[tuple[str, str, str, list[str]]] = []
    for line in path.read_text().splitlines():
        match = _REQUIREMENT.match(line)
        if match:
            marker = match["rest"].strip(" \\").lstrip(";").strip()
            entries.append((_normalise(match["name"]), match["version"], marker, []))
        elif line.strip().startswith("--hash=sha256:") and entries:
            entries[-1][3].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
        elif line.strip() and not line.lstrip().startswith(("#", "--hash")):
            pytest.fail(f"{path.name}: unexpected line {line!r} (only pinned, hashed requirements belong here)")
    return entries


def _direct_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        match = _REQUIREMENT.match(line.strip())
        if match:
            pins[_normalise(match["name"])] = match["version"]
    return pins


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_locked_package_is_pinned_with_a_hash(lock):
    entries = _entries(ROOT / lock)
    assert len(entries) > 50  # the whole tree, not only the direct dependencies
    for name, _version, _marker, hashes in entries:
        assert hashes, f"{name} has no hash in {lock}"
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), name


@pytest.mark.parametrize(
    ("source", "lock"), [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")]
)
def test_direct_pins_are_what_the_lock_holds(source, lock):
    locked = {(name, version) for name, version, _marker, _hashes in _entries(ROOT / lock)}
    for name, version in _direct_pins(ROOT / source).items():
        assert (name, version) in locked, f"{name}=={version} from {source} is not in {lock}: run `make lock`"


def test_the_dev_lock_installs_the_runtime_lock_unchanged():
    runtime = {(name, marker): version for name, version, marker, _hashes in _entries(ROOT / "requirements.txt")}
    dev = {(name, marker): version for name, version, marker, _hashes in _entries(ROOT / "requirements-dev.txt")}
    for key, version in runtime.items():
        assert dev.get(key) == version, f"{key[0]} differs between requirements.txt and requirements-dev.txt"
