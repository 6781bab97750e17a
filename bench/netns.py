"""A private network namespace for WebRTC tests and benches.

WebRTC needs a non-loopback address on both ends (aioice skips 127.0.0.1 and Chromium ignores loopback
interfaces), and tests may only send traffic to loopback or to hosts they create themselves. So the test makes
its own namespace with a veth pair (10.213.0.1 <-> 10.213.0.2) and runs both the app server and Chromium
inside it: all traffic stays within the namespace, which disappears with the test. Needs root (CI runs as
root) and the `ip` tool from iproute2.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVER_IP = "10.213.0.1"
PEER_IP = "10.213.0.2"


@dataclass(frozen=True)
class Netns:
    name: str

    def prefix(self) -> list[str]:
        return ["ip", "netns", "exec", self.name]

    def wrapper(self, program: str, folder: Path) -> Path:
        """An executable that runs `program` inside the namespace (for Playwright's executable_path)."""
        script = folder / f"{Path(program).name}-in-{self.name}"
        script.write_text(f'#!/bin/sh\nexec ip netns exec {self.name} {program} "$@"\n')
        script.chmod(0o755)
        return script


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


def _wait_until_up(ns: Netns, timeout_s: float = 10.0) -> None:
    """Both veth ends report LOWER_UP (carrier), so nothing changes once a browser starts."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        links = subprocess.run([*ns.prefix(), "ip", "-o", "link"], capture_output=True, text=True).stdout
        if sum(1 for line in links.splitlines() if "LOWER_UP" in line and ("v0" in line or "v1" in line)) == 2:
            time.sleep(0.5)
            return
        time.sleep(0.1)
    raise RuntimeError("the test network did not come up")


@contextmanager
def private_network() -> Iterator[Netns]:
    if os.geteuid() != 0 or shutil.which("ip") is None:
        raise RuntimeError("the WebRTC test needs root and iproute2's `ip` to build a private network namespace")
    name = f"igym-{uuid.uuid4().hex[:8]}"
    _ip("netns", "add", name)
    try:
        ns = Netns(name)
        run = [*ns.prefix(), "ip"]
        # No IPv6: link-local addresses would appear a moment later (duplicate address detection), and
        # Chromium aborts in-flight requests with ERR_NETWORK_CHANGED when an interface changes under it.
        for key in ("all", "default"):
            subprocess.run(
                [*ns.prefix(), "sysctl", "-q", "-w", f"net.ipv6.conf.{key}.disable_ipv6=1"],
                check=True,
                capture_output=True,
                text=True,
            )
        for args in (
            ["link", "set", "lo", "up"],
            ["link", "add", "v0", "type", "veth", "peer", "name", "v1"],
            ["addr", "add", f"{SERVER_IP}/24", "dev", "v0"],
            ["addr", "add", f"{PEER_IP}/24", "dev", "v1"],
            ["link", "set", "v0", "up"],
            ["link", "set", "v1", "up"],
        ):
            subprocess.run([*run, *args], check=True, capture_output=True, text=True)
        _wait_until_up(ns)
        yield ns
    finally:
        subprocess.run(["ip", "netns", "del", name], capture_output=True)
