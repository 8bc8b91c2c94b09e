"""The plain values of an object, for the state hash (``sim.session.state_hash``).

Each class with state lists what the hash takes from it in a public ``hash_parts()``;
the plain values among its own attributes (numbers, flags, text) are picked up here, so
a new counter or flag is hashed without a change elsewhere. Lists, arrays and
sub-objects are listed explicitly by each ``hash_parts()``.
"""

from __future__ import annotations

import numpy as np

SCALAR_TYPES = frozenset({int, float, bool, str, type(None), np.float64, np.float32,
                          np.int64, np.int32, np.bool_})


def plain_values(obj: object, skip: frozenset[str] = frozenset()) -> list:
    """The plain values among `obj`'s own attributes, in order (names in `skip` left out).

    For use by `obj`'s own ``hash_parts()``: it reads the object's attributes directly.
    """
    return [v for k, v in vars(obj).items() if type(v) in SCALAR_TYPES and k not in skip]
