// LadybugDB dialect of top_entities.cypher: label(e) gives the label.
MATCH (e)
WHERE label(e) = $type AND e.n_papers IS NOT NULL
RETURN e.name AS name, e.n_papers AS papers
ORDER BY papers DESC, name
LIMIT $limit
