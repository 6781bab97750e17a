"""Speech, voice and language providers behind one Protocol each (see `igym.providers.base`)."""

from igym.providers.base import ChatModel, Speaker, Transcriber

__all__ = ["ChatModel", "Speaker", "Transcriber"]
