// answers: Which research tasks do the most papers address?
// params: limit:int=10
// example: limit=10
MATCH (p:Paper)-[:ADDRESSES]->(t:Task)
RETURN t.name AS task, count(DISTINCT p) AS papers
ORDER BY papers DESC, task
LIMIT $limit
