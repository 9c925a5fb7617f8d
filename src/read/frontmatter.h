/* frontmatter: split a .md file into its YAML front matter (between two
 * `---` lines at the very top) and its Markdown body. Only splits: the YAML
 * is parsed by yamlload, the body by markdown. LF and CRLF both work. */
#ifndef QD_FRONTMATTER_H
#define QD_FRONTMATTER_H
#include <stddef.h>

typedef struct frontmatter {
	const char *yaml;   /* points into the text; not NUL-terminated */
	size_t yaml_len;
	unsigned yaml_line; /* file line the YAML starts on (2) */
	const char *body;   /* rest of the file after the closing line */
	size_t body_len;
	unsigned body_line; /* file line the body starts on */
} frontmatter;

/* Returns 0 and fills fm on success; 1 when the file does not start with a
 * `---` line, 2 when the front matter is never closed. */
int frontmatter_split(const char *text, size_t len, frontmatter *fm);

#endif
