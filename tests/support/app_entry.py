"""Entrypoint for AppTests: runs the real app.py.

It lives here, away from the project's `pages/` folder, because AppTest resets Streamlit's "is there a pages
folder next to the entrypoint" flag before every run, and with that folder present it would run a page
script on its own, without the frame (sign-in gate, navigation) that app.py provides in the real server.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[2] / "app.py"), run_name="__main__")
