"""`python -m ketluan.cli`."""

import sys

from ketluan.cli import main

sys.exit(main())
