"""Hide Material for MkDocs' end-of-life banner however `mkdocs` is run in this venv.

Material prints the banner when its theme is imported, before any plugin of ours runs, unless
NO_MKDOCS_2_WARNING is set. The Makefile exports it, but `.venv/bin/mkdocs serve` typed by
hand would still show it, so `make` writes a `.pth` file into the venv's site-packages:
Python runs its `import` line at start-up and sets the variable (unless it is already set).
The banner is about Material's maintenance, not this handbook; the README says so.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

PTH = "handbook-quiet-material.pth"
LINE = "import os; os.environ.setdefault('NO_MKDOCS_2_WARNING', '1')\n"


def main() -> None:
    """Write the `.pth` file into this interpreter's site-packages."""
    target = Path(sysconfig.get_paths()["purelib"]) / PTH
    target.write_text(LINE, encoding="utf-8")


if __name__ == "__main__":
    main()
