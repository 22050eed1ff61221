"""Where the tests find the project: this checkout (code, templates, the live data) and the seed's
frozen transcription (tests/fixtures/seed: data/ and content/ as transcribed from the seed's
letter and process description, never edited by maintainers)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "fixtures" / "seed"


def copy_seed_project(target: Path) -> Path:
    """The seed's frozen data and content with this checkout's templates, copied so a test may change them."""
    for name in ("data", "content"):
        shutil.copytree(SEED / name, target / name)
    shutil.copytree(REPO / "templates", target / "templates")
    return target
