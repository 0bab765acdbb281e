// answers: Which methods are proposed or used in papers that evaluate on a given dataset or benchmark?
// params: dataset
// example: dataset=CIFAR-10
MATCH (d)
WHERE (d:Dataset OR d:Benchmark)
  AND (toLower(d.name) = toLower($dataset) OR toLower($dataset) IN [a IN split(coalesce(d.aliases, ''), ' | ') | toLower(a)])
MATCH (p:Paper)-[:EVALUATED_ON]->(d)
MATCH (p)-[r:PROPOSES|USES]->(m:Method)
RETURN m.name AS method, type(r) AS relation, p.title AS paper, p.id AS paper_id
ORDER BY method, paper
