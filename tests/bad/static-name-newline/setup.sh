printf x > "content/static/two
lines.txt"
