/* cmd_serve: a local preview with rebuilds and reloads (see cmd_serve.h). */
#include "cmd_serve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <arpa/inet.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "dirwalk.h"
#include "load_cache.h"
#include "output.h"
#include "source.h"
#include "usage.h"
#include "view.h"
#include "yamlload.h"

/* ---- what the server shares with the build loop ---- */

typedef struct state {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	unsigned long generation; /* good builds so far */
	char *errors;             /* the last build's messages when it failed, else NULL */
	unsigned long error_gen;  /* counts failed builds */
	int outfd;                /* the build folder */
	const char *base_path;    /* "/" or "/jihui/" */
	volatile sig_atomic_t stopping;
	/* the newest good build, its pages made on request (read-locked by
	 * each request that renders one, swapped under the write lock) */
	pthread_rwlock_t live_lock;
	build_state *live;
	/* requests so far, and the last one's time (CLOCK_MONOTONIC, ms),
	 * to write the folder once the open pages have reloaded */
	_Atomic unsigned long requests;
	_Atomic long long last_request;
	/* a build told open pages to reload before its pages were ready:
	 * page requests wait for them (under lock, on `prepared`) */
	bool preparing;
	pthread_cond_t prepared;
} state;

static state st = { .lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER, .outfd = -1,
		    .live_lock = PTHREAD_RWLOCK_INITIALIZER, .prepared = PTHREAD_COND_INITIALIZER };

static void on_signal(int sig)
{
	(void)sig;
	st.stopping = 1;
}

/* ---- the reload script ---- */

static const char reload_js[] =
	"(function(){var box;function show(t){if(!box){box=document.createElement('div');"
	"box.setAttribute('role','alert');box.style.cssText='position:fixed;top:0;left:0;right:0;bottom:0;z-index:99999;overflow:auto;"
	"background:#141414;color:#fff;font:16px/1.6 monospace;padding:1.5rem;white-space:pre-wrap;overflow-wrap:anywhere';"
	"document.body.appendChild(box)}box.textContent='qingdan: 内容有错误，显示的是上一次成功的构建。\\n\\n'+t}"
	"var g=(/[?&]g=(\\d+)/.exec(document.currentScript&&document.currentScript.src||'')||[])[1]||'';"
	"var es=new EventSource('/__qingdan/events'+(g?'?g='+g:''));"
	"es.addEventListener('reload',function(){location.reload()});"
	"es.addEventListener('errors',function(e){show(e.data)});})();\n";

/* The reload script's tag, with the generation of the build the page is
 * from: a page whose event stream opens after a newer build was announced
 * is told to reload at once (see events). */
#define INJECT_FMT "<script src=\"/__qingdan/reload.js?g=%lu\"></script>\n"
#define INJECT_MAX (sizeof INJECT_FMT + 20)

/* ---- serving files ---- */

static const char *mime(const char *path)
{
	static const struct {
		const char *ext, *type;
	} t[] = {
		{ ".html", "text/html; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" }, { ".json", "application/json" },
		{ ".xml", "application/xml" }, { ".svg", "image/svg+xml" }, { ".png", "image/png" },
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".webp", "image/webp" }, { ".ico", "image/x-icon" }, { ".ics", "text/calendar; charset=utf-8" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ ".txt", "text/plain; charset=utf-8" }, { ".pdf", "application/pdf" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof t / sizeof *t; i++)
		if (!strcmp(dot, t[i].ext))
			return t[i].type;
	return "application/octet-stream";
}

/* A path inside the build folder: no empty, '.' or '..' segment, no
 * backslash or control byte (the URL is already percent-decoded). */
static bool safe_rel(const char *rel)
{
	if (!*rel)
		return true;
	for (const char *p = rel;;) {
		size_t n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == '\\')
				return false;
		if (!p[n])
			return true;
		if (n == 0)
			return false;
		p += n + 1;
		if (!*p)
			return true; /* a folder: "x/" */
	}
}

/* open rel beneath the build folder, never through a symlink */
static int open_beneath(int dirfd, const char *rel)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS };
	return (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned code, const char *type, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ok = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ok;
}

/* Send `len` bytes of `data` (malloc'd, with INJECT_MAX bytes of room
 * after them; taken over), the reload script of build `gen` added before
 * </body> of a page. */
static enum MHD_Result send_bytes(struct MHD_Connection *c, unsigned code, const char *rel, char *data, size_t len,
				  unsigned long gen)
{
	bool html = strlen(rel) > 5 && !strcmp(rel + strlen(rel) - 5, ".html");
	if (html) { /* the reload script, before </body> */
		char tag[INJECT_MAX];
		size_t n = (size_t)snprintf(tag, sizeof tag, INJECT_FMT, gen);
		char *end = NULL;
		for (char *p = data; (p = memmem(p, (size_t)(data + len - p), "</body>", 7)); p++)
			end = p;
		if (end) {
			memmove(end + n, end, (size_t)(data + len - end));
			memcpy(end, tag, n);
			len += n;
		}
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", mime(rel));
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ok = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_file(struct MHD_Connection *c, unsigned code, int dirfd, const char *rel)
{
	int fd = open_beneath(dirfd, rel);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > (256 << 20)) {
		if (fd >= 0)
			close(fd);
		return MHD_NO;
	}
	size_t len = (size_t)sb.st_size, got = 0;
	char *data = malloc(len + INJECT_MAX);
	ssize_t n;
	while (data && got < len && (n = read(fd, data + got, len - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (!data || got != len) {
		free(data);
		return MHD_NO;
	}
	pthread_mutex_lock(&st.lock);
	unsigned long gen = st.generation;
	pthread_mutex_unlock(&st.lock);
	return send_bytes(c, code, rel, data, len, gen);
}

/* A page of the newest good build, made now from its values: an edit
 * shows as soon as the content is checked, and the folder holds no page
 * (but the search page, made once its index is). MHD_NO when `rel` is no
 * such page (then it is served from the folder). */
static enum MHD_Result send_page(struct MHD_Connection *c, unsigned code, const char *rel)
{
	buf out = BUF_INIT;
	pthread_mutex_lock(&st.lock);
	struct timespec limit;
	clock_gettime(CLOCK_REALTIME, &limit);
	limit.tv_sec += 30; /* a build is never that long; never hang */
	while (st.preparing && !st.stopping && pthread_cond_timedwait(&st.prepared, &st.lock, &limit) == 0)
		;
	unsigned long gen = st.generation; /* of the build the page is made from */
	pthread_mutex_unlock(&st.lock);
	pthread_rwlock_rdlock(&st.live_lock);
	int made = st.live ? build_render_page(st.live, rel, &out) : 0;
	pthread_rwlock_unlock(&st.live_lock);
	enum MHD_Result ok = MHD_NO;
	if (made > 0) {
		size_t len = out.len;
		buf_grow(&out, INJECT_MAX); /* room for the reload script */
		ok = send_bytes(c, code, rel, buf_detach(&out, NULL), len, gen);
	} else if (made < 0) {
		ok = send_text(c, 500, "text/plain; charset=utf-8",
			       "qingdan serve: this page's template failed; see the terminal\n");
	}
	buf_free(&out);
	return ok;
}

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* After telling open pages to reload: wait until they have (a request
 * came and none for 100 ms since), at most half a second, so that the
 * folder's writing does not slow their reload on the same processors. */
static void let_pages_reload(unsigned long before)
{
	long long t0 = now_ms();
	while (!st.stopping && now_ms() - t0 < 500) {
		if (atomic_load(&st.requests) != before && now_ms() - atomic_load(&st.last_request) >= 100)
			return;
		usleep(5000);
	}
}

/* ---- the event stream: reload after a good build, errors after a bad one ---- */

typedef struct stream {
	unsigned long gen, err_gen;
	bool first;
	buf pending;   /* a message longer than one callback's room ... */
	size_t sent;   /* ... and how much of it has gone */
} stream;

/* The next piece of s->pending into out (max bytes); 0 when none is left. */
static ssize_t send_pending(stream *s, char *out, size_t max)
{
	size_t n = s->pending.len - s->sent;
	if (n > max)
		n = max;
	memcpy(out, s->pending.ptr + s->sent, n);
	s->sent += n;
	if (s->sent == s->pending.len)
		buf_reset(&s->pending), s->sent = 0;
	return (ssize_t)n;
}

static ssize_t events(void *cls, uint64_t pos, char *out, size_t max)
{
	stream *s = cls;
	(void)pos;
	if (s->pending.len)
		return send_pending(s, out, max);
	pthread_mutex_lock(&st.lock);
	if (!s->first && s->gen == st.generation && s->err_gen == st.error_gen && !st.stopping) {
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_sec += 10;
		pthread_cond_timedwait(&st.changed, &st.lock, &t);
	}
	ssize_t n = 0;
	if (st.stopping) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else if (s->gen != st.generation) {
		s->gen = st.generation, s->err_gen = st.error_gen;
		n = snprintf(out, max, "event: reload\ndata: %lu\n\n", s->gen);
	} else if ((s->err_gen != st.error_gen || s->first) && st.errors) {
		s->err_gen = st.error_gen;
		/* each line of the messages as a data: line; 200 errors are
		 * some 30 KB, sent over as many calls as it takes */
		buf_puts(&s->pending, "event: errors\n");
		for (const char *p = st.errors; *p;) {
			size_t k = strcspn(p, "\n");
			buf_puts(&s->pending, "data: ");
			buf_put(&s->pending, p, k);
			buf_putc(&s->pending, '\n');
			p += k + (p[k] == '\n');
		}
		buf_putc(&s->pending, '\n');
		n = send_pending(s, out, max);
	} else {
		s->err_gen = st.error_gen;
		n = snprintf(out, max, ": ping\n\n");
	}
	s->first = false;
	pthread_mutex_unlock(&st.lock);
	return n;
}

static void events_free(void *cls)
{
	stream *s = cls;
	buf_free(&s->pending);
	free(s);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_len, void **con_cls)
{
	(void)cls, (void)version, (void)upload, (void)upload_len, (void)con_cls;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return send_text(c, 405, "text/plain; charset=utf-8", "GET only\n");
	if (!strcmp(url, "/__qingdan/reload.js"))
		return send_text(c, 200, "text/javascript; charset=utf-8", reload_js);
	atomic_fetch_add(&st.requests, 1);
	atomic_store(&st.last_request, now_ms());
	if (!strcmp(url, "/__qingdan/events")) {
		stream *s = calloc(1, sizeof *s);
		buf_init(&s->pending);
		/* the generation of the build the page is from (reload.js?g=N):
		 * a newer one, announced before this stream opened, is sent at
		 * once */
		const char *g = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "g");
		char *end = NULL;
		unsigned long page_gen = g ? strtoul(g, &end, 10) : 0;
		pthread_mutex_lock(&st.lock);
		s->gen = g && end && !*end && page_gen <= st.generation ? page_gen : st.generation;
		s->err_gen = st.error_gen, s->first = true;
		pthread_mutex_unlock(&st.lock);
		struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, events, s, events_free);
		MHD_add_response_header(r, "Content-Type", "text/event-stream");
		MHD_add_response_header(r, "Cache-Control", "no-store");
		enum MHD_Result ok = MHD_queue_response(c, 200, r);
		MHD_destroy_response(r);
		return ok;
	}
	size_t bl = strlen(st.base_path);
	if (strncmp(url, st.base_path, bl) != 0) {
		if (!strcmp(url, "/")) { /* the site lives under its base path */
			struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
			MHD_add_response_header(r, "Location", st.base_path);
			enum MHD_Result ok = MHD_queue_response(c, 302, r);
			MHD_destroy_response(r);
			return ok;
		}
		return send_text(c, 404, "text/plain; charset=utf-8", "not under the site's base path\n");
	}
	const char *rel = url + bl;
	if (!safe_rel(rel))
		return send_text(c, 400, "text/plain; charset=utf-8", "bad path\n");
	buf path = BUF_INIT;
	buf_puts(&path, rel);
	if (!path.len || path.ptr[path.len - 1] == '/')
		buf_puts(&path, "index.html");
	enum MHD_Result ok = send_page(c, 200, path.ptr);
	if (ok != MHD_NO) {
		buf_free(&path);
		return ok;
	}
	pthread_mutex_lock(&st.lock);
	int dirfd = dup(st.outfd);
	pthread_mutex_unlock(&st.lock);
	ok = dirfd >= 0 ? send_file(c, 200, dirfd, path.ptr) : MHD_NO;
	if (ok == MHD_NO) {
		/* a folder without its slash (a page's, or one of the build
		 * folder's): there */
		buf_reset(&path);
		buf_printf(&path, "%s/index.html", rel);
		pthread_rwlock_rdlock(&st.live_lock);
		bool page = *rel && st.live && build_has_page(st.live, path.ptr);
		pthread_rwlock_unlock(&st.live_lock);
		struct stat sb;
		if (page || (*rel && dirfd >= 0 && fstatat(dirfd, rel, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(sb.st_mode))) {
			buf loc = BUF_INIT;
			buf_printf(&loc, "%s/", url);
			struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
			MHD_add_response_header(r, "Location", loc.ptr);
			ok = MHD_queue_response(c, 301, r);
			MHD_destroy_response(r);
			buf_free(&loc);
		} else {
			ok = send_page(c, 404, "404.html");
			if (ok == MHD_NO && dirfd >= 0)
				ok = send_file(c, 404, dirfd, "404.html");
			if (ok == MHD_NO)
				ok = send_text(c, 404, "text/plain; charset=utf-8", "not found\n");
		}
	}
	if (dirfd >= 0)
		close(dirfd);
	buf_free(&path);
	return ok;
}

/* ---- building ---- */

/* site.yaml's base path ("/jihui/"), "/" when it has none */
static const char *site_base_path(const char *content)
{
	arena a;
	arena_init(&a);
	diag d;
	diag_init(&d);
	buf p = BUF_INIT;
	buf_printf(&p, "%s/site.yaml", content);
	source src;
	const char *bp = "/";
	if (source_read(&a, &d, p.ptr, &src) == 0) {
		value *root = yamlload_parse(&a, &d, src.path, src.text, src.len, 1);
		const value *u = root && root->kind == V_MAP ? value_get(root, "base_url") : NULL;
		if (!u && root && root->kind == V_MAP)
			u = value_get(root, "网址");
		if (u && u->kind == V_STR) {
			const char *s = strstr(u->s, "://");
			s = s ? strchr(s + 3, '/') : NULL;
			if (s && *s) {
				size_t n = strlen(s);
				char *t = malloc(n + 2);
				memcpy(t, s, n + 1);
				if (t[n - 1] != '/')
					t[n] = '/', t[n + 1] = '\0';
				bp = t;
			}
		}
	}
	diag_free(&d);
	buf_free(&p);
	arena_free(&a);
	return bp;
}

/* stderr into a file while a build runs, so that its messages can be
 * shown in the browser too */
typedef struct capture {
	FILE *f;
	int saved;
} capture;

static void capture_begin(capture *cp)
{
	fflush(stderr);
	cp->f = tmpfile();
	cp->saved = dup(2);
	if (cp->f)
		dup2(fileno(cp->f), 2);
}

/* the captured text (malloc'd), echoed to the terminal */
static char *capture_end(capture *cp)
{
	fflush(stderr);
	dup2(cp->saved, 2);
	close(cp->saved);
	buf b = BUF_INIT;
	if (cp->f) {
		rewind(cp->f);
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, cp->f)) > 0)
			buf_put(&b, chunk, n);
		fclose(cp->f);
	}
	fputs(b.ptr, stderr);
	char *text = strdup(b.ptr);
	buf_free(&b);
	return text;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Tell the open pages: reload (a good build), or show `errors` (taken
 * over; a failed one). */
static void announce(char *errors)
{
	pthread_mutex_lock(&st.lock);
	free(st.errors);
	st.errors = errors;
	if (errors)
		st.error_gen++;
	else
		st.generation++;
	pthread_cond_broadcast(&st.changed);
	pthread_mutex_unlock(&st.lock);
}

/* Make `b` the build whose pages are served; the one before is freed
 * once no request renders from it, and with it the parsed files only it
 * used. */
static void go_live(build_state *b, load_cache *lc)
{
	pthread_rwlock_wrlock(&st.live_lock);
	build_state *old = st.live;
	st.live = b;
	pthread_rwlock_unlock(&st.live_lock);
	build_free(old);
	load_cache_sweep(lc);
}

/* build_write on a thread of lowest priority (nice 19; the threads it
 * starts inherit it), so that the reloading pages' requests, and the
 * browser on the same machine, come first. */
static void *writer(void *arg)
{
	build_state *b = arg;
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
	intptr_t status = build_write(b);
	view_thread_end(); /* its keys were in its pages only */
	return (void *)status;
}

static int write_behind(build_state *b)
{
	pthread_t t;
	if (pthread_create(&t, NULL, writer, b) != 0)
		return build_write(b);
	void *status;
	pthread_join(t, &status);
	return (int)(intptr_t)status;
}

/* One build after a change (or at the start). Unchanged files come from
 * the cache. A change to records (`early`) tells open pages to reload at
 * once, and their requests wait until the pages can be made from memory;
 * then the folder is written (assets, feeds, data, the search index: no
 * page but search's) and swapped in. With a change to the templates or
 * static files, pages reload only once the folder is written, since they
 * name assets that are not there before. Returns the run's status. */
static int build_once(const build_opts *opt, load_cache *lc, bool early, int *outfd)
{
	capture cp;
	capture_begin(&cp);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* a change to records: open pages are told at once, and their
	 * requests wait for the new pages (a browser takes some tens of ms
	 * to ask again: the build is under way meanwhile) */
	unsigned long before = atomic_load(&st.requests);
	if (early) {
		pthread_mutex_lock(&st.lock);
		st.preparing = true;
		pthread_mutex_unlock(&st.lock);
		announce(NULL);
	}
	build_state *b;
	int status = build_prepare(opt, BUILD_WRITE, lc, &b);
	size_t parsed, kept;
	load_cache_counts(lc, &parsed, &kept);
	if (b) {
		build_index_pages(b);
		go_live(b, lc);
	}
	pthread_mutex_lock(&st.lock);
	st.preparing = false;
	pthread_cond_broadcast(&st.prepared);
	pthread_mutex_unlock(&st.lock);
	if (!b) {
		fprintf(stderr, "qingdan serve: build failed (%zu files read again, %zu unchanged), serving the last good one\n",
			parsed, kept);
		announce(capture_end(&cp));
		return status;
	}
	double ready = ms_since(&t0);
	if (early)
		let_pages_reload(before);
	status = write_behind(b);
	if (status == 0) {
		int fresh = open(opt->output, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		pthread_mutex_lock(&st.lock);
		if (fresh >= 0) {
			if (*outfd >= 0)
				close(*outfd);
			*outfd = fresh;
		}
		pthread_mutex_unlock(&st.lock);
		fprintf(stderr, "qingdan serve: pages ready in %.0f ms (%zu files read again, %zu unchanged), folder written in %.0f ms\n",
			ready, parsed, kept, ms_since(&t0));
	} else {
		fprintf(stderr, "qingdan serve: writing the folder failed; pages are served from memory\n");
	}
	char *text = capture_end(&cp);
	if (status != 0)
		announce(text);
	else {
		free(text);
		if (!early)
			announce(NULL);
	}
	return status;
}

/* The folders watched, by watch descriptor: a change is named by its
 * folder and its file name. */
typedef struct watches {
	char **dir; /* [wd], NULL where none */
	size_t cap;
} watches;

/* watch dir and every folder below it */
static void watch_tree(watches *w, int ifd, const char *dir)
{
	int wd = inotify_add_watch(ifd, dir, IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO);
	if (wd >= 0) {
		if ((size_t)wd >= w->cap) {
			size_t cap = (size_t)wd * 2 + 16;
			w->dir = realloc(w->dir, cap * sizeof *w->dir);
			memset(w->dir + w->cap, 0, (cap - w->cap) * sizeof *w->dir);
			w->cap = cap;
		}
		if (!w->dir[wd])
			w->dir[wd] = strdup(dir);
	}
	size_t n = 0;
	int err = 0;
	dir_entry *v = dir_list(dir, &n, &err);
	for (size_t i = 0; i < n; i++) {
		buf p = BUF_INIT;
		buf_printf(&p, "%s/%s", dir, v[i].name);
		struct stat sb;
		if (lstat(p.ptr, &sb) == 0 && S_ISDIR(sb.st_mode))
			watch_tree(w, ifd, p.ptr);
		buf_free(&p);
	}
	dir_list_free(v, n);
}

/* Whether a change to `name` in the folder watched as `wd` is one to
 * content records only (not the templates, not static/ nor the static
 * folder itself): then pages may be served before the folder is
 * written. */
static bool record_change(const watches *w, int wd, const char *name, const char *content)
{
	const char *dir = wd >= 0 && (size_t)wd < w->cap ? w->dir[wd] : NULL;
	size_t n = strlen(content);
	if (!dir || strncmp(dir, content, n) != 0)
		return false;
	if (dir[n] == '\0') /* the content folder: anything but static/ */
		return strcmp(name, "static") != 0;
	if (dir[n] != '/')
		return false;
	const char *sub = dir + n + 1; /* below the content folder: not in static/ */
	return !(strncmp(sub, "static", 6) == 0 && (sub[6] == '/' || sub[6] == '\0'));
}

/* Read the events waiting on ifd: false when one of them is not a
 * change to content records only (record_change), or the kernel's queue
 * overflowed. */
static bool read_events(int ifd, const watches *w, const char *content)
{
	_Alignas(struct inotify_event) char ev[8192];
	bool records = true;
	ssize_t n;
	while ((n = read(ifd, ev, sizeof ev)) > 0)
		for (char *p = ev; p < ev + n;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			if (!record_change(w, e->wd, e->len ? e->name : "", content))
				records = false;
			p += sizeof *e + e->len;
		}
	return records;
}

static void watches_free(watches *w)
{
	for (size_t i = 0; i < w->cap; i++)
		free(w->dir[i]);
	free(w->dir);
}

int cmd_serve(int argc, char **argv)
{
	build_opts opt = { .content = "content", .quiet = 1, .late_search = 1, .pages_on_request = 1 };
	opt.late_search = 1;
	const char *bind = "127.0.0.1";
	long port = 8000;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (!strcmp(a, "--content"))
			slot = &opt.content;
		else if (!strcmp(a, "--templates"))
			slot = &opt.templates;
		else if (!strcmp(a, "--bind"))
			slot = &bind;
		else if (!strcmp(a, "--port")) {
			char *end;
			port = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
			if (i + 1 >= argc || *end || port < 1 || port > 65535)
				return usage_error("serve", "--port needs a number from 1 to 65535");
			i++;
			continue;
		} else
			return usage_error("serve", "unknown option '%s'", a);
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error("serve", "option '%s' needs a value", a);
		*slot = argv[++i];
	}
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	if (inet_pton(AF_INET, bind, &addr.sin_addr) != 1)
		return usage_error("serve", "--bind needs an IPv4 address such as 127.0.0.1, not '%s'", bind);
	/* the build folder: private, removed at the end; in memory (/dev/shm)
	 * where there is such a folder, since a build writes every file */
	const char *tmpdir = getenv("TMPDIR");
	struct stat shm;
	if (!tmpdir || !*tmpdir)
		tmpdir = stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode) && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char out[4096];
	snprintf(out, sizeof out, "%s/qingdan-serve-XXXXXX", tmpdir);
	if (!mkdtemp(out)) {
		fprintf(stderr, "qingdan serve: error: cannot make a build folder: %s\n", strerror(errno));
		return 3;
	}
	buf site_dir = BUF_INIT;
	buf_printf(&site_dir, "%s/site", out);
	opt.output = site_dir.ptr;
	st.base_path = site_base_path(opt.content);
	buf base_url = BUF_INIT;
	buf_printf(&base_url, "http://%s:%ld%s", bind, port, st.base_path);
	opt.base_url = base_url.ptr;
	load_cache *lc = load_cache_new();
	int status = build_once(&opt, lc, false, &st.outfd);
	if (status == 3) {
		go_live(NULL, lc);
		load_cache_free(lc);
		output_rmtree(out);
		return 3;
	}
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 0,
						NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
						MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "qingdan serve: error: cannot listen on %s:%ld (is the port taken? --port N)\n", bind, port);
		go_live(NULL, lc);
		load_cache_free(lc);
		output_rmtree(out);
		return 3;
	}
	printf("qingdan serve: http://%s:%ld%s (build folder %s); watching %s%s%s; Ctrl-C stops\n", bind, port,
	       st.base_path, site_dir.ptr, opt.content, opt.templates ? " and " : "", opt.templates ? opt.templates : "");
	fflush(stdout);
	int ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	watches w = { 0 };
	watch_tree(&w, ifd, opt.content);
	const char *tdir = opt.templates;
	buf tbuf = BUF_INIT;
	if (!tdir) { /* as build does: templates/ beside the content folder */
		const char *slash = strrchr(opt.content, '/');
		buf_printf(&tbuf, "%.*s%stemplates", slash ? (int)(slash - opt.content) : 0, opt.content, slash ? "/" : "");
		struct stat sb;
		if (stat(tbuf.ptr, &sb) == 0 && S_ISDIR(sb.st_mode))
			tdir = tbuf.ptr;
	}
	if (tdir)
		watch_tree(&w, ifd, tdir);
	while (!st.stopping) {
		struct pollfd p = { .fd = ifd, .events = POLLIN };
		if (poll(&p, 1, 200) <= 0)
			continue;
		/* a save is several events (an editor may write a new file and
		 * rename it over the old): take them all, and those that follow
		 * within 5 ms, then build once */
		bool records = true;
		do
			records &= read_events(ifd, &w, opt.content);
		while (poll(&p, 1, 5) > 0 && !st.stopping);
		if (st.stopping)
			break;
		watch_tree(&w, ifd, opt.content); /* new folders too (a watch already there is kept) */
		if (tdir)
			watch_tree(&w, ifd, tdir);
		build_once(&opt, lc, records, &st.outfd);
	}
	pthread_mutex_lock(&st.lock);
	pthread_cond_broadcast(&st.changed);
	pthread_cond_broadcast(&st.prepared);
	pthread_mutex_unlock(&st.lock);
	MHD_stop_daemon(d);
	go_live(NULL, lc);
	load_cache_free(lc);
	watches_free(&w);
	close(ifd);
	close(st.outfd);
	output_rmtree(out);
	free(st.errors);
	buf_free(&tbuf);
	buf_free(&site_dir);
	buf_free(&base_url);
	printf("qingdan serve: stopped\n");
	return 0;
}
