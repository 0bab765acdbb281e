// LadybugDB dialect of papers_with_code_for_method.cypher: label(r) is the relationship type.
MATCH (m:Method)
WHERE m.name_key = $method OR m.name_keys CONTAINS ('|' + $method + '|')
MATCH (p:Paper)-[r:PROPOSES|USES]->(m)
OPTIONAL MATCH (p)-[:HAS_CODE]->(repo:Repository)
WITH p, label(r) AS relation, collect(repo.url) AS code
RETURN p.title AS paper, relation, code
ORDER BY size(code) DESC, paper
