"""Entry point of the frozen program (PyInstaller): the same main() as the console script."""

import sys

from arbocheck.cli import main

if __name__ == "__main__":
    sys.exit(main())
