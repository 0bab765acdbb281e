// answers: The leaderboard of a dataset or benchmark: stated results with method, metric, value and evidence, best first.
// params: dataset, metric
// example: dataset=nuScenes metric=
MATCH (r:Result)-[:ON_DATASET]->(d)
WHERE toLower(d.name) = toLower($dataset) OR toLower($dataset) IN [a IN split(coalesce(d.aliases, ''), ' | ') | toLower(a)]
OPTIONAL MATCH (r)-[:MEASURED_BY]->(m:Metric)
OPTIONAL MATCH (r)-[:ACHIEVED_BY]->(meth:Method)
WITH r, d, m, meth
WHERE $metric = '' OR toLower(coalesce(m.name, r.metric, '')) = toLower($metric)
MATCH (p:Paper)-[:REPORTS_RESULT]->(r)
RETURN coalesce(meth.name, r.method) AS method, coalesce(m.name, r.metric) AS metric, r.value AS value,
       r.value_text AS value_text, r.kind AS kind, p.title AS paper, r.sentence AS evidence
ORDER BY value DESC, paper
