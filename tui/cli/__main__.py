"""``python -m claimdesk.tui.cli``: the same as the ``claimdesk`` command."""

import sys

from . import main

sys.exit(main())
