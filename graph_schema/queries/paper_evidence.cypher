// answers: What did paperkg extract from one paper, and from which sentence?
// params: paper_id
// example: paper_id=t:c29dfdab1b85dd83
MATCH (p:Paper {id: $paper_id})-[r]->(x)
RETURN type(r) AS relation, labels(x)[0] AS type, coalesce(x.name, x.id) AS name, r.rule AS rule,
       r.confidence AS confidence, r.sentence AS evidence
ORDER BY relation, name
