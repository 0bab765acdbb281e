// answers: Which methods are proposed or used in papers that evaluate on a given dataset or benchmark?
// params: dataset:name
// example: dataset=CIFAR-10
MATCH (d:Dataset|Benchmark)
WHERE d.name_key = $dataset OR d.name_keys CONTAINS ('|' + $dataset + '|')
MATCH (p:Paper)-[:EVALUATED_ON]->(d)
MATCH (p)-[r:PROPOSES|USES]->(m:Method)
RETURN m.name AS method, type(r) AS relation, p.title AS paper, p.id AS paper_id
ORDER BY method, paper
