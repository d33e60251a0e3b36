"""python -m fitengine: the canirun command line (see fitengine.cli)."""

import sys

from .cli import main

sys.exit(main())
