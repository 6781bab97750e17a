"""`python -m igym speak "text" -o out.wav`: synthesize with the configured Speaker (Piper offline)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from igym.config import load_settings
from igym.errors import InvalidInput
from igym.providers import registry


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("speak", help="turn text into speech with the configured voice")
    parser.add_argument("text")
    parser.add_argument("-o", "--output", type=Path, required=True, help="WAV file to write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.text.strip():
        raise InvalidInput("Give some text to speak.")
    speaker = registry.build_speaker(load_settings())
    audio = speaker.synthesize(args.text)
    args.output.write_bytes(audio.data)
    print(f"wrote {args.output} ({audio.duration_s:.1f} s at {audio.sample_rate} Hz)")
    return 0
