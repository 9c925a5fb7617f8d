/* dirwalk: a folder's entries in name order, and a sorted recursive walk.
 * The content loader, the theme and the template set read folders
 * through it, so every run meets files in the same order (and reports
 * their errors in the same order) whatever the file system returns.
 * Hidden entries (names starting with '.': editor swap files, .git,
 * .DS_Store) are always skipped. Knows nothing of what the files hold. */
#ifndef QD_DIRWALK_H
#define QD_DIRWALK_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* One entry of a folder: its name and its type as readdir reports it
 * (DT_REG, DT_DIR, DT_LNK, or DT_UNKNOWN where the file system does not
 * say; then lstat tells). */
typedef struct dir_entry {
	char *name;
	unsigned char type;
} dir_entry;

/* The entries of `dir`, sorted by name (strcmp), hidden ones left out.
 * Returns a malloc'd array for dir_list_free (NULL with *n 0 for an empty
 * folder), or NULL with errno set when `dir` cannot be read. */
dir_entry *dir_list(const char *dir, size_t *n, int *err);
void dir_list_free(dir_entry *v, size_t n);

/* What dir_walk tells its callback about one entry. */
typedef struct dir_item {
	const char *path; /* root/rel */
	const char *rel;  /* relative to the root, '/' between folders */
	struct stat st;   /* stat (symlinks followed) */
	int err;          /* errno when the entry could not be read (st unset) */
	bool too_deep;    /* a folder below max_depth: not entered */
	bool outside;     /* a symlink leading out of the root: not entered or read */
	bool loop;        /* a folder already being walked (a symlink to a folder
			   * above it): not entered */
} dir_item;

/* Calls fn(ctx, item) for every file and folder under `root`, in name
 * order, a folder before what it holds, entering folders at most
 * `max_depth` levels down; never through a symlink that leads out of
 * `root`, never into a folder twice (each flagged for fn). A non-zero return from fn stops the walk and
 * is returned. Returns -1 with errno set when `root` cannot be read. */
int dir_walk(const char *root, int max_depth, int (*fn)(void *ctx, const dir_item *item), void *ctx);

#endif
