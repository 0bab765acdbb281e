// LadybugDB dialect of methods_evaluated_on.cypher: (d:A:B) is "A or B", label(r) is the type.
MATCH (d:Dataset:Benchmark)
WHERE d.name_key = $dataset OR d.name_keys CONTAINS ('|' + $dataset + '|')
MATCH (p:Paper)-[:EVALUATED_ON]->(d)
MATCH (p)-[r:PROPOSES|USES]->(m:Method)
RETURN m.name AS method, label(r) AS relation, p.title AS paper, p.id AS paper_id
ORDER BY method, paper
