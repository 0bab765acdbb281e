// answers: Which newly proposed methods come with a code repository?
// params:
// example:
MATCH (p:Paper)-[:PROPOSES]->(m:Method)
MATCH (p)-[:HAS_CODE]->(r:Repository)
RETURN m.name AS method, r.id AS repository, p.title AS paper
ORDER BY method
