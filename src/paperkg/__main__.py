"""``python -m paperkg``: the command line."""

import sys

from paperkg.cli import main

sys.exit(main())
