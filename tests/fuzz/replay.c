/* Replay files through the fuzz target without libFuzzer, so that the
 * test inputs run under the sanitizers in `make check`. Prints the usual
 * "fuzz-replay: N passed, N failed" (a crash aborts the run instead). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			fprintf(stderr, "cannot open %s\n", argv[i]);
			failed++;
			continue;
		}
		uint8_t *data = NULL;
		size_t len = 0, cap = 0, n;
		uint8_t chunk[65536];
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
			if (len + n > cap) {
				cap = (len + n) * 2;
				data = realloc(data, cap);
				if (!data)
					abort();
			}
			for (size_t k = 0; k < n; k++)
				data[len + k] = chunk[k];
			len += n;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(data ? data : (const uint8_t *)"", len);
		free(data);
		passed++;
	}
	printf("fuzz-replay: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
