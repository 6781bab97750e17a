"""Speech, voice and language providers behind one Protocol each (see `igym.providers.base`)."""

from igym.providers.base import Transcriber

__all__ = ["Transcriber"]
