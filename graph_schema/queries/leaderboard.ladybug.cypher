// LadybugDB dialect of leaderboard.cypher: (d:A:B) is "A or B".
MATCH (d:Dataset:Benchmark)
WHERE d.name_key = $dataset OR d.name_keys CONTAINS ('|' + $dataset + '|')
MATCH (r:Result)-[:ON_DATASET]->(d)
OPTIONAL MATCH (r)-[:MEASURED_BY]->(m:Metric)
OPTIONAL MATCH (r)-[:ACHIEVED_BY]->(meth:Method)
OPTIONAL MATCH (r)-[:COMPARED_WITH]->(base:Method)
WITH r, d, m, meth, base, coalesce(r.metric_name, m.name, r.metric, '') AS metric
WHERE $metric = '' OR toLower(metric) = toLower($metric)
MATCH (p:Paper)-[:REPORTS_RESULT]->(r)
WITH r, p, d, meth, base, metric, coalesce(r.direction, m.direction) AS direction,
     CASE WHEN r.kind = 'absolute' THEN 0 ELSE 1 END AS section
WITH r, p, d, meth, base, metric, direction, section,
     CASE WHEN section = 0 AND direction = 'lower' THEN r.value ELSE -r.value END AS sort_key
RETURN metric, direction, r.kind AS kind, coalesce(meth.name, r.method) AS method, r.value AS value,
       r.value_text AS value_text, coalesce(base.name, r.compared_to) AS compared_to, r.baseline AS baseline,
       p.title AS paper, r.sentence AS evidence, r.confidence AS confidence, r.qualifier AS qualifier,
       p.id AS paper_id, d.name AS dataset
ORDER BY metric, section, kind, sort_key, confidence DESC, paper
