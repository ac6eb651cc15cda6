import sys

from arbocheck.cli import main

sys.exit(main())
