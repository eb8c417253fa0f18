"""Open the Moderation Console (the same as the ``moderator-console`` entry point)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
