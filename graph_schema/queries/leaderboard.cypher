// answers: The leaderboard of a dataset or benchmark: stated results with method, metric, value, evidence and confidence; absolute levels first, best first by the metric's direction, then gains, reductions and baselines.
// params: dataset, metric
// example: dataset=nuScenes metric=
MATCH (r:Result)-[:ON_DATASET]->(d)
WHERE toLower(d.name) = toLower($dataset) OR toLower($dataset) IN [a IN split(coalesce(d.aliases, ''), ' | ') | toLower(a)]
OPTIONAL MATCH (r)-[:MEASURED_BY]->(m:Metric)
OPTIONAL MATCH (r)-[:ACHIEVED_BY]->(meth:Method)
OPTIONAL MATCH (r)-[:COMPARED_WITH]->(base:Method)
WITH r, d, m, meth, base, coalesce(m.name, r.metric_name, r.metric, '') AS metric
WHERE $metric = '' OR toLower(metric) = toLower($metric)
MATCH (p:Paper)-[:REPORTS_RESULT]->(r)
WITH r, p, meth, base, metric, coalesce(m.direction, r.direction) AS direction,
     CASE WHEN r.kind = 'absolute' THEN 0 ELSE 1 END AS section
RETURN metric, direction, r.kind AS kind, coalesce(meth.name, r.method) AS method, r.value AS value,
       r.value_text AS value_text, coalesce(base.name, r.compared_to) AS compared_to, r.baseline AS baseline,
       p.title AS paper, r.sentence AS evidence, r.confidence AS confidence
ORDER BY metric, section, kind, CASE WHEN direction = 'lower' THEN r.value ELSE -r.value END, paper
