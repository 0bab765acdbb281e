// answers: Which entities of one type (Method, Dataset, Benchmark, Task, Metric, Repository) are named by the most papers?
// params: type=Method, limit:int=10
// example: type=Dataset limit=20
MATCH (e)
WHERE labels(e)[0] = $type AND e.n_papers IS NOT NULL
RETURN e.name AS name, e.n_papers AS papers
ORDER BY papers DESC, name
LIMIT $limit
