"""Answer analysis: fillers, pauses, hesitations, pace, structure, session totals. No Streamlit here."""

from igym.analysis.answer import analyze_answer, analyze_text
from igym.analysis.fillers import find_fillers, hesitation_sound
from igym.analysis.session import aggregate_session
from igym.analysis.structure import structure_cues
from igym.analysis.vad import find_pauses, find_speech

__all__ = [
    "aggregate_session",
    "analyze_answer",
    "analyze_text",
    "find_fillers",
    "find_pauses",
    "find_speech",
    "hesitation_sound",
    "structure_cues",
]
