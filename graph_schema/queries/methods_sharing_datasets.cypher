// answers: Which other methods are evaluated on the same datasets or benchmarks as a given method?
// params: method:name
// example: method=BERT
MATCH (m:Method)
WHERE m.name_key = $method OR m.name_keys CONTAINS ('|' + $method + '|')
MATCH (m)<-[:PROPOSES|USES]-(:Paper)-[:EVALUATED_ON]->(d)
MATCH (d)<-[:EVALUATED_ON]-(:Paper)-[:PROPOSES|USES]->(other:Method)
WHERE other <> m
RETURN other.name AS method, collect(DISTINCT d.name) AS shared_datasets, count(DISTINCT d) AS n_shared
ORDER BY n_shared DESC, method
