// answers: Which entities does a name or alias refer to, written as people type it (CIFAR-10, cifar10, cifar 10)?
// params: name:name
// example: name=cifar10
MATCH (e)
WHERE e.name_key = $name OR e.name_keys CONTAINS ('|' + $name + '|')
RETURN labels(e)[0] AS type, e.name AS name, e.id AS id, e.aliases AS aliases, e.n_papers AS papers
ORDER BY papers DESC, name
