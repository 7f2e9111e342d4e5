"""The frozen app's entry point: the same ``softdiag`` command as the installed script."""

import sys

from softdiag.cli import main

if __name__ == "__main__":
    sys.exit(main())
