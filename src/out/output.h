/* output: the only module that writes the built site. Everything goes into
 * a fresh staging folder beside the output folder; output_commit swaps it
 * in atomically once the whole build has succeeded, so a failed build
 * leaves the previous output untouched. Every path is checked to stay
 * inside the staging folder; folders are created here, never followed
 * through existing symlinks. A file whose bytes equal the previous
 * output's is not written again: the old file is hard-linked into the new
 * tree, keeping its inode and time stamp, so rsync or a CDN upload sends
 * only what changed. output_write may be called from several threads. */
#ifndef QD_OUTPUT_H
#define QD_OUTPUT_H
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct output {
	char *final;    /* the output folder (e.g. public) */
	char *staging;  /* its staging sibling, e.g. .public.staging-1234 */
	int dirfd;      /* the staging folder, open: paths resolve from it */
	int oldfd;      /* the previous output folder, or -1 */
	diag *d;        /* reports go through `lock` */
	pthread_mutex_t lock;
	atomic_size_t files, bytes; /* files in the new tree, their bytes */
	atomic_size_t kept;         /* of them, unchanged and linked */
	atomic_size_t reused;       /* of those, linked without being made (output_link_old) */
} output;

/* True when `rel` is a safe relative output path: not empty, no leading
 * '/', no empty, '.' or '..' component, no backslash or control byte. */
bool output_path_ok(const char *rel);
/* Create the staging folder for `dir`. Because a successful build
 * replaces the whole output folder, an existing one is refused when it
 * holds (or is) `protect` (the content folder), or when it has files but
 * no `.qingdan` marker, i.e. it was not made by qingdan: a mistyped
 * --output must not delete someone's files. Every build writes the marker.
 * Returns 0, or -1 after reporting. */
int output_begin(output *o, const char *dir, const char *protect, diag *d);
/* Write `len` bytes to `rel` inside staging, creating folders. Returns 0,
 * or -1 after reporting (an unsafe path is reported as an internal error). */
int output_write(output *o, const char *rel, const void *data, size_t len);

/* One thread's way of writing many files: it keeps the folder it wrote
 * into last open, so the next file there (a list's items follow each
 * other) is created by name, with no mkdir and no walk from the top. */
typedef struct output_writer {
	output *o;
	size_t files, bytes, kept, reused; /* added to o's counts at the end */
	int dirfd;      /* `dir` open, or -1 */
	size_t dirlen;
	char dir[4096]; /* relative to staging */
} output_writer;

void output_writer_init(output_writer *w, output *o);
/* output_write, through w. */
int output_put(output_writer *w, const char *rel, const void *data, size_t len);
/* Close what w holds open and add its counts to the output's. */
void output_writer_end(output_writer *w);
/* Link `rel` of the previous output into the new one, through w (for a
 * file known to be unchanged without making it: keep.h), when it is a
 * regular file of `size` bytes; *got is set to its size. Returns 0, or -1
 * when there is no such file (nothing is reported). */
int output_link_old(output_writer *w, const char *rel, size_t size, size_t *got);
/* Report an error about output file `rel` (from any thread). */
void output_fail(output *o, const char *rel, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Copy the file at `src` to `rel`, streamed (never read whole), or link
 * the previous output's when its bytes are the same. */
int output_copy(output *o, const char *rel, const char *src);
/* Swap staging in place of the output folder and remove the old tree.
 * Dot-files at the top of the old output (.git, .gitkeep, .well-known)
 * are carried over. Returns 0, or -1 after reporting. */
int output_commit(output *o);
/* Remove the staging folder (after a failed build). */
void output_abort(output *o);
/* Free the writer's memory (after commit or abort). */
void output_free(output *o);
/* Remove a tree without following symlinks. */
int output_rmtree(const char *path);

#endif
