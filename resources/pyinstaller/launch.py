"""The bundle's entry point: the same ``qbr-studio`` command as the installed package."""

import sys

from qbr_studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
