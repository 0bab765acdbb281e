// LadybugDB dialect of find_entity.cypher: label(e) gives the label.
MATCH (e)
WHERE e.name_key = $name OR e.name_keys CONTAINS ('|' + $name + '|')
RETURN label(e) AS type, e.name AS name, e.id AS id, e.aliases AS aliases, e.n_papers AS papers
ORDER BY papers DESC, name
