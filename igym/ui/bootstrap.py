"""Process-wide setup for the Streamlit app: settings and services, built once per process.

Settings come from the environment and `.env`, with `st.secrets` (``.streamlit/secrets.toml`` locally, the
secrets box on Streamlit Community Cloud) layered on top; its keys are the environment's names
(``GROQ_API_KEY``, ``IGYM_RECORDER_SILENCE_STOP_S``) and `load_settings` resolves them by the same rules.
`AppServices` is cached with `st.cache_resource`: it holds the engine, the auth backend and stateless
services, all safe to share between browser sessions; nothing in it carries a user's identity.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from igym.config import Settings, SettingsError, load_settings
from igym.providers.warmup import Warmup, provider_warmup
from igym.services import AppServices, build_services


def _secrets_as_settings() -> dict[str, Any]:
    """Top-level scalar entries of st.secrets; absent or unreadable secrets mean "none".

    Tables (``[connections.x]``) are left out: they belong to other libraries, and no setting is one.
    """
    try:
        items = dict(st.secrets.items())
    except Exception:  # no secrets.toml is the normal embedded case
        return {}
    return {key: value for key, value in items.items() if isinstance(value, str | int | float | bool)}


@st.cache_resource(show_spinner="Starting InterviewGym…")
def _services() -> AppServices:
    app = build_services(load_settings(secrets=_secrets_as_settings()))
    _warmup(app)  # the speech models start loading with the first page anyone opens
    return app


@st.cache_resource(show_spinner=False)
def _warmup(_app: AppServices) -> Warmup:
    if not _app.settings.offline.warmup:
        return Warmup([]).start()
    return provider_warmup(transcriber=_app.transcriber.get, speaker=_app.speaker.get).start()


def warmup() -> Warmup:
    """The process's model warmup, started with the services (see `igym.providers.warmup`)."""
    return _warmup(services())


def services() -> AppServices:
    """The shared services; on a configuration problem, a clear message and the page stops."""
    try:
        return _services()
    except SettingsError as exc:
        st.error(f"InterviewGym can't start: {exc}")
        st.stop()
        raise  # unreachable: st.stop() raises


def settings() -> Settings:
    return services().settings
