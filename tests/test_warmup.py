"""The background warmup loads every provider once, survives a failing step, and says when it is done."""

from __future__ import annotations

import threading

from igym.providers.warmup import Warmup, load_provider, provider_warmup


class Loads:
    def __init__(self) -> None:
        self.loaded = 0

    def load(self) -> None:
        self.loaded += 1


class Wrapper:
    def __init__(self, primary: object, fallback: object) -> None:
        self.primary, self.fallback = primary, fallback


def test_a_fallback_wrapper_loads_both_of_its_providers() -> None:
    primary, fallback = Loads(), Loads()
    load_provider(Wrapper(primary, fallback))
    assert (primary.loaded, fallback.loaded) == (1, 1)


def test_every_step_runs_once_in_the_background_and_a_failure_does_not_stop_the_rest() -> None:
    gate, order = threading.Event(), []

    def slow() -> None:
        gate.wait(10)
        order.append("slow")

    def broken() -> None:
        raise RuntimeError("model missing")

    warmup = Warmup([("slow", slow), ("broken", broken), ("last", lambda: order.append("last"))]).start()
    warmup.start()  # a second start does nothing
    assert not warmup.ready  # the page says "getting ready" meanwhile
    gate.set()
    assert warmup.wait(10)
    assert warmup.ready and order == ["slow", "last"] and warmup.failed == ("broken",)


def test_the_app_warmup_builds_the_transcriber_and_the_voice() -> None:
    transcriber, speaker = Loads(), Loads()
    warmup = provider_warmup(transcriber=lambda: transcriber, speaker=lambda: speaker).start()
    assert warmup.wait(60)
    assert (transcriber.loaded, speaker.loaded) == (1, 1) and warmup.failed == ()
