"""``python -m exactsep``: the same command line as the ``exactsep`` script."""
import sys

from .cli import main

sys.exit(main())
