// LadybugDB dialect of leaderboard.cypher: (d:A:B) is "A or B".
MATCH (d:Dataset:Benchmark)
WHERE d.name_key = $dataset OR d.name_keys CONTAINS ('|' + $dataset + '|')
MATCH (r:Result)-[:ON_DATASET]->(d)
OPTIONAL MATCH (r)-[:MEASURED_BY]->(m:Metric)
OPTIONAL MATCH (r)-[:ACHIEVED_BY]->(meth:Method)
WITH r, m, meth, CASE WHEN $lowest_first THEN r.value ELSE -r.value END AS sort_key
WHERE $metric = '' OR m.name_keys CONTAINS ('|' + $metric + '|')
MATCH (p:Paper)-[:REPORTS_RESULT]->(r)
RETURN coalesce(meth.name, r.method) AS method, coalesce(m.name, r.metric) AS metric, r.value AS value,
       r.value_text AS value_text, r.kind AS kind, p.title AS paper, r.sentence AS evidence
ORDER BY sort_key, paper
