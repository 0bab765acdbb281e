// LadybugDB dialect of node_counts.cypher: label(n) gives the label.
MATCH (n)
RETURN label(n) AS label, count(*) AS n
ORDER BY label
