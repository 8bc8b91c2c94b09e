"""Suite-wide: keep pytest-xdist's ``--dist loadgroup`` grouping working on pytest 9.2.

xdist tells its scheduler a test's ``xdist_group`` by appending ``@NAME`` to the test's
node id, which it writes into a field that pytest 9.2's structured node ids no longer read
(pytest-xdist issue #1386): every group is then silently spread over the workers, and a
module's one host, browser or shared model run is made once per worker instead of once.
This adds the suffix where xdist's own hook could not (a no-op wherever it did).
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not getattr(config.option, "loadgroup", False):
        return  # not an xdist worker under --dist loadgroup
    for item in items:
        names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                        for m in item.iter_markers("xdist_group")})
        suffix = "@" + "_".join(names)
        if names and not item.nodeid.endswith(suffix):  # xdist's own suffix was lost
            from _pytest.nodeid import NodeId  # pytest >= 9.2 only

            item._id = NodeId.parse(item.nodeid + suffix)
