"""The interview question bank as TOML data, one file per interview type; read through `igym.questions`.

The files live inside the package (not in the data folder) so they ship with the code and every replica asks
from the same bank; `importlib.resources` reads them whether the package is a folder or inside a wheel.
"""
