// answers: Which papers propose or use a method, and where is their code?
// params: method:name
// example: method=BERT
MATCH (m:Method)
WHERE m.name_key = $method OR m.name_keys CONTAINS ('|' + $method + '|')
MATCH (p:Paper)-[r:PROPOSES|USES]->(m)
OPTIONAL MATCH (p)-[:HAS_CODE]->(repo:Repository)
RETURN p.title AS paper, type(r) AS relation, collect(repo.url) AS code
ORDER BY size(code) DESC, paper
