#!/usr/bin/env python3
"""Build, check or preview the training site: ``python build.py [build|check|serve|schema]``."""

import sys

from k12site.cli import main

if __name__ == "__main__":
    sys.exit(main())
