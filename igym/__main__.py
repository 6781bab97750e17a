"""`python -m igym ...`: see `igym.cli`."""

import sys

from igym.cli import main

sys.exit(main())
