"""The only package that imports Streamlit: bootstrap, per-session state, shared widgets."""
