"""InterviewGym: a voice interview gym. See DESIGN.md for the layers; nothing here imports Streamlit."""

__version__ = "0.1.0"
