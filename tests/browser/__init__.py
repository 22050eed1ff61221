"""The quality gates in a real browser: a package, so that its browser closes when its tests end."""
