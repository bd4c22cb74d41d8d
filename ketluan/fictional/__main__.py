"""`python -m ketluan.fictional`."""

import sys

from ketluan.fictional import main

sys.exit(main())
