// answers: How many relationships of each type does the graph hold?
// params:
// example:
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS n
ORDER BY type
