"""`python -m macros.fictional`."""

import sys

from macros.fictional import main

sys.exit(main())
