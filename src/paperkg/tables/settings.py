"""Defaults of a table build (a light module: the command line reads them for its help)."""

from __future__ import annotations

__all__ = ["GRAPH_LIMIT", "PARTITION"]

# Papers per task: enough to keep the per-task overhead small, few enough that a task's memory stays
# in the low hundreds of MiB. The result does not depend on it.
PARTITION = 4000

# Nodes plus relationships up to which a build loads the whole graph into networkx for the JSON,
# GraphML, GEXF and HTML exports (about 3 GiB of memory per million, measured; the 87k-abstract corpus
# makes about 0.45 million).
GRAPH_LIMIT = 1_000_000
