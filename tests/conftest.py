"""Shared fixtures: the bundled example inputs, the parsed seed papers and a built graph."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = EXAMPLES / "hf_daily"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_papers():
    from paperkg.parse import PaperReader

    return list(PaperReader([str(SEEDS)]))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    from paperkg.pipeline import build

    out = tmp_path_factory.mktemp("exports")
    return build(
        [str(SEEDS)], out=out, formats=["json", "graphml", "gexf", "csv", "html", "store", "neo4j-admin"]
    )


@pytest.fixture(scope="session")
def nlp():
    from paperkg.nlp import get_pipeline

    return get_pipeline()


def required(var: str) -> bool:
    """True when CI demands the real service (then a missing one fails instead of skipping)."""
    return os.environ.get(var, "") not in {"", "0"}
