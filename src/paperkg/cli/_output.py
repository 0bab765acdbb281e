"""Printing query rows: an aligned text table, JSON, or CSV. Nulls print as empty cells; a table cuts
long values at ``max_width`` characters with a visible ``…`` and says so under the table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

__all__ = ["FORMATS", "format_rows"]

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _table(keys: list[str], rows: list[dict[str, Any]], max_width: int) -> str:
    cells = [[_cell(r.get(k)) for k in keys] for r in rows]
    cut = False

    def fit(text: str) -> str:
        nonlocal cut
        if max_width and len(text) > max_width:
            cut = True
            return text[: max_width - 1] + "…"
        return text

    cells = [[fit(c) for c in row] for row in cells]
    widths = [max([len(k)] + [len(c[i]) for c in cells]) for i, k in enumerate(keys)]

    def line(vals: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(keys), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    if cut:
        out.append(
            f"(values longer than {max_width} characters end in …: --max-width 0 or --format json shows them whole)"
        )
    return "\n".join(out)


def format_rows(keys: list[str], rows: list[dict[str, Any]], fmt: str = "table", max_width: int = 60) -> str:
    """Rows as a table (cells cut at ``max_width``, 0 = never), a JSON array, or CSV."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in r.items()})
        return buf.getvalue().rstrip("\n")
    return _table(keys, rows, max_width)
