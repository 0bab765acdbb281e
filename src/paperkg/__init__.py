"""paperkg: scientific paper abstracts in, a knowledge graph of methods, datasets, benchmarks, tasks,
metrics and code repositories out.

Stages, one module each: ``sources`` -> ``parse`` (Paper) -> ``nlp`` (spaCy Doc) -> ``extract``
(Mention) -> ``resolve`` (Entity) -> ``graph`` (networkx) -> ``export`` (files, HTML) / ``neo4j``
(load and query). ``pipeline`` runs them in order; ``cli`` is the command line.
"""

__version__ = "0.1.0"
