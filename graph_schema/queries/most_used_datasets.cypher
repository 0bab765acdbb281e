// answers: Which datasets and benchmarks do the most papers evaluate on or use?
// params: limit:int=10
// example: limit=10
MATCH (p:Paper)-[:EVALUATED_ON|USES]->(d:Dataset|Benchmark)
RETURN d.name AS name, labels(d)[0] AS type, count(DISTINCT p) AS papers
ORDER BY papers DESC, name
LIMIT $limit
