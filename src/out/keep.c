/* keep: reuse of costly files from the previous output (see keep.h). */
#include "keep.h"

#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "strmap.h"
#include "xalloc.h"

#define KEYS ".qingdan-keys"
#define KEYS_MAX (64u << 20) /* a list larger than this is not read */

typedef struct entry {
	char *rel;
	uint64_t key;
	uint64_t size; /* of the file made or kept: a file edited by hand since is not kept */
} entry;

typedef struct old_entry {
	uint64_t key, size;
} old_entry;

struct keep {
	strmap old;          /* rel -> its line's key and size in `olds` */
	old_entry *olds;
	char *text;          /* the old list's bytes, which `old`'s keys point into */
	pthread_mutex_t lock;
	entry *v;            /* recorded this build */
	size_t n, cap;
};

uint64_t keep_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* "<key: 16 hex digits> <size> <rel>\n" lines */
static void parse(keep *k, char *t, size_t len)
{
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += t[i] == '\n';
	k->olds = xmalloc((lines + 1) * sizeof *k->olds);
	size_t n = 0;
	for (char *p = t, *end = t + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		*nl = '\0';
		char *sp, *sp2;
		uint64_t key = strtoull(p, &sp, 16);
		if (sp == p + 16 && *sp == ' ') {
			uint64_t size = strtoull(sp + 1, &sp2, 10);
			if (sp2 > sp + 1 && *sp2 == ' ' && sp2[1]) {
				k->olds[n] = (old_entry){ key, size };
				strmap_put(&k->old, sp2 + 1, strlen(sp2 + 1), &k->olds[n]);
				n++;
			}
		}
		p = nl + 1;
	}
}

keep *keep_open(output *o)
{
	keep *k = xcalloc(1, sizeof *k);
	strmap_init(&k->old);
	pthread_mutex_init(&k->lock, NULL);
	if (o->oldfd < 0)
		return k;
	int fd = openat(o->oldfd, KEYS, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return k;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size < KEYS_MAX) {
		size_t len = (size_t)st.st_size, got = 0;
		k->text = xmalloc(len + 1);
		ssize_t r;
		while (got < len && (r = read(fd, k->text + got, len - got)) > 0)
			got += (size_t)r;
		k->text[got] = '\0';
		parse(k, k->text, got);
	}
	close(fd);
	return k;
}

bool keep_try(keep *k, output_writer *w, const char *rel, uint64_t key)
{
	pthread_mutex_lock(&k->lock);
	const old_entry *old = strmap_get(&k->old, rel, strlen(rel));
	pthread_mutex_unlock(&k->lock);
	size_t size = 0;
	return old && old->key == key && output_link_old(w, rel, old->size, &size) == 0 &&
	       (keep_made(k, rel, key, size), true);
}

void keep_made(keep *k, const char *rel, uint64_t key, size_t size)
{
	pthread_mutex_lock(&k->lock);
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	k->v[k->n++] = (entry){ xstrdup(rel), key, size };
	pthread_mutex_unlock(&k->lock);
}

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

void keep_free(keep *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].rel);
	free(k->v);
	free(k->olds);
	free(k->text);
	strmap_free(&k->old);
	pthread_mutex_destroy(&k->lock);
	free(k);
}

int keep_close(keep *k, output *o)
{
	qsort(k->v, k->n, sizeof *k->v, by_rel);
	buf b = BUF_INIT;
	for (size_t i = 0; i < k->n; i++)
		buf_printf(&b, "%016" PRIx64 " %" PRIu64 " %s\n", k->v[i].key, k->v[i].size, k->v[i].rel);
	int rc = output_write(o, KEYS, b.ptr, b.len);
	buf_free(&b);
	keep_free(k);
	return rc;
}
