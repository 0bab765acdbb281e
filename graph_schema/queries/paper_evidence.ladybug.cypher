// LadybugDB dialect of paper_evidence.cypher: label() gives the type and the label.
MATCH (p:Paper {id: $paper_id})-[r]->(x)
RETURN label(r) AS relation, label(x) AS type, coalesce(x.name, x.id) AS name, r.rule AS rule,
       r.confidence AS confidence, r.sentence AS evidence
ORDER BY relation, name
