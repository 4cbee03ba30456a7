"""The bundle's entry point: the same ``qbr-studio`` command as the installed package."""

import sys

from qbr_studio.cli import program

if __name__ == "__main__":
    sys.exit(program())
