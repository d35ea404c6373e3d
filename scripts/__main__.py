import sys

from modelcat_registry.cli import main

sys.exit(main())
