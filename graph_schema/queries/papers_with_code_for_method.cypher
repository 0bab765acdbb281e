// answers: Which papers propose or use a method, and where is their code?
// params: method
// example: method=BERT
MATCH (m:Method)
WHERE toLower(m.name) = toLower($method) OR toLower($method) IN [a IN split(coalesce(m.aliases, ''), ' | ') | toLower(a)]
MATCH (p:Paper)-[r:PROPOSES|USES]->(m)
OPTIONAL MATCH (p)-[:HAS_CODE]->(repo:Repository)
RETURN p.title AS paper, type(r) AS relation, collect(repo.url) AS code
ORDER BY size(code) DESC, paper
