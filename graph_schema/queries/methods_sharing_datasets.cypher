// answers: Which other methods are evaluated on the same datasets or benchmarks as a given method?
// params: method
// example: method=BERT
MATCH (m:Method)<-[:PROPOSES|USES]-(:Paper)-[:EVALUATED_ON]->(d)
WHERE toLower(m.name) = toLower($method)
MATCH (d)<-[:EVALUATED_ON]-(:Paper)-[:PROPOSES|USES]->(other:Method)
WHERE other <> m
RETURN other.name AS method, collect(DISTINCT d.name) AS shared_datasets, count(DISTINCT d) AS n_shared
ORDER BY n_shared DESC, method
