"""The interview loop: a plain-Python state machine (no Streamlit) and the deterministic coach."""
