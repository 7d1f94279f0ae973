"""``python -m queries``: the command's name stays with the queries it runs; the command itself is `cli.queries`."""

import sys

from cli.queries import main

sys.exit(main())
