"""Tables: the graph as Parquet tables, built in bounded memory, on one machine or a Dask cluster.

A build writes, under one folder (``OUT/tables``)::

    nodes/<Label>/part-NNNNN.parquet                     one table per node label (schema properties)
    relationships/<TYPE>/<From>-<To>/part-NNNNN.parquet  one table per relationship type and endpoints
    evidence/part-NNNNN.parquet                          one row per evidence item of every relationship

Column names and types come from ``graph_schema/schema.json``: node tables hold the label's
properties (key first), relationship tables ``from``, ``to`` and the relationship properties (what
:class:`paperkg.store.rows.TableFiles` describes, so the embedded store loads them with COPY FROM).
:mod:`~paperkg.tables.layout` names the files and reads them back, :mod:`~paperkg.tables.partition`
holds the two per-partition steps (stage: extract and write; finish: final keys and write),
:mod:`~paperkg.tables.build` runs them over all inputs with a runner from :mod:`~paperkg.tables.runner`
(in this process, a process pool, or a Dask cluster).
"""

from __future__ import annotations
