"""Plain values of an object's attributes: what the state hash takes from each class.

Each class with state lists its part of the hash (its `hash_parts`); the plain attributes
(numbers, flags, text, None) are picked up in attribute order, so a new counter or flag is
covered without a change to the hash code.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

PLAIN_TYPES = frozenset({int, float, bool, str, type(None), np.float64, np.float32,
                         np.int64, np.int32, np.bool_})


def plain_values(obj: object, skip: Collection[str] = frozenset()) -> list:
    """The plain values (numbers, flags, text, None) among an object's attributes, in order.

    Lists, arrays and sub-objects are left to the object's `hash_parts`.
    """
    return [v for k, v in vars(obj).items() if type(v) in PLAIN_TYPES and k not in skip]
