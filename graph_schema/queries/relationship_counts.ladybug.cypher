// LadybugDB dialect of relationship_counts.cypher: label(r) gives the type.
MATCH ()-[r]->()
RETURN label(r) AS type, count(*) AS n
ORDER BY type
