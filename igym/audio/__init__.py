"""Audio in and out: decode anything to 16 kHz mono, encode to Ogg/Opus."""

from igym.audio.decode import SAMPLE_RATE, DecodedAudio, decode_audio, probe_duration_s, to_float32, to_int16
from igym.audio.encode import OPUS_BITRATE, encode_ogg_opus

__all__ = [
    "OPUS_BITRATE",
    "SAMPLE_RATE",
    "DecodedAudio",
    "decode_audio",
    "encode_ogg_opus",
    "probe_duration_s",
    "to_float32",
    "to_int16",
]
