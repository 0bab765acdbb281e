"""``python -m paperkg.cli``."""

import sys

from paperkg.cli import main

sys.exit(main())
