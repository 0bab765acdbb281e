// LadybugDB dialect of most_used_datasets.cypher: (d:A:B) is "A or B", label() gives the label.
MATCH (p:Paper)-[:EVALUATED_ON|USES]->(d:Dataset:Benchmark)
RETURN d.name AS name, label(d) AS type, count(DISTINCT p) AS papers
ORDER BY papers DESC, name
LIMIT $limit
