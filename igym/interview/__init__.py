"""The interview loop: a plain-Python state machine (no Streamlit) and the offline interviewer's rules."""
