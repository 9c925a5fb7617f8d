/* Fuzz target for the content parsers: the bytes are one content file,
 * read as a .yaml file, as a .md file's front matter (split, then its YAML
 * loaded; the body is fuzz_markdown's), and as the head of an image file
 * (imgsize, for a photo's size). Whatever the input, parsing must finish
 * without crashing, leaking or taking long, and the YAML node cap
 * (yamlload.h) bounds its memory. Build with `make fuzz` (clang,
 * libFuzzer); `make check` replays the saved inputs with replay.c. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "imgsize.h"
#include "source.h"
#include "utf8.h"
#include "yamlload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	imgsize sz;
	imgsize_of(data, size, &sz);
	char *text = arena_alloc(&a, size + 1);
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	if (utf8_check(text, size) == (size_t)-1 && !memchr(text, '\0', size)) {
		yamlload_parse(&a, &d, "fuzz.yaml", text, size, 1);
		frontmatter fm;
		if (frontmatter_split(text, size, &fm) == 0)
			yamlload_parse(&a, &d, "fuzz.md", fm.yaml, fm.yaml_len, fm.yaml_line);
	}
	diag_free(&d);
	arena_free(&a);
	return 0;
}
