// answers: How many nodes of each label does the graph hold?
// params:
// example:
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS n
ORDER BY label
