"""Run ids and the canonical JSON they hash: equal in every process and on every machine."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import numpy as np


def canonical_json(value: Any) -> str:
    """Stable JSON text of a value: sorted keys, no spaces, exact floats, ISO dates."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def run_id_of(overrides: Mapping[str, Any], seed: int) -> str:
    """Run id: the first 16 hex digits of SHA-256 over the factor values and the seed.

    Equal in every process and on every machine, so ``--resume`` can skip finished runs.
    """
    text = canonical_json({"factors": dict(overrides), "seed": int(seed)})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
