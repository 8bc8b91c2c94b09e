"""Make the source tree importable when the package is not installed.

``.venv/bin/pytest`` does not put the repository root on ``sys.path``; an installed
(or editable) ``regiekamer`` makes this a no-op.
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

try:
    import sim  # noqa: F401
except ModuleNotFoundError:
    sys.path.insert(0, str(REPO_ROOT))
