/* sheet_xls: an Excel 97-2003 .xls worksheet, read with libfreexl (see
 * sheet.h). freexl gives dates as "YYYY-MM-DD" text; they are kept as
 * text, which the importer reads as dates.
 *
 * libfreexl 1.0.6 reads outside a stack buffer (in iconv) on some damaged
 * files (found by tests/fuzz/fuzz_sheet.c; the input is tests/fuzz/corpus/
 * sheet/xls-freexl-overflow), so it never runs in qingdan's own process: a child
 * process reads the file, with its memory and CPU time limited, and sends
 * the cells back through a pipe. If the child dies, the file is refused
 * with a message; nothing it did can reach the parent. (fork: the callers,
 * `qingdan import` and the tests, are single-threaded when they read.) */
#include <errno.h>
#include <freexl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "sheet.h"

/* The child's limits: far above what a list of a few hundred rows takes
 * (SHEET_MAX_ROWS x SHEET_MAX_COLS bounds the grid in any case). */
#define XLS_CHILD_MEMORY (2048ull << 20)
#define XLS_CHILD_SECONDS 60

static int read_here(sheet *s, const char *path, const char *name, char *err, size_t errlen)
{
	const void *h = NULL;
	if (freexl_open(path, &h) != FREEXL_OK) {
		snprintf(err, errlen, "not a readable .xls file; save it again from Excel or WPS, or as .xlsx");
		if (h)
			freexl_close(h);
		return -1;
	}
	unsigned int nsheets = 0;
	freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets);
	unsigned short pick = 0;
	bool found = name == NULL;
	for (unsigned short i = 0; i < nsheets && !found; i++) {
		const char *nm = NULL;
		if (freexl_get_worksheet_name(h, i, &nm) == FREEXL_OK && nm && !strcmp(nm, name))
			pick = i, found = true;
	}
	if (!found || nsheets == 0) {
		snprintf(err, errlen, nsheets ? "no sheet named '%s'; give one of the workbook's sheets" : "the workbook has no sheet%s",
			 name ? name : "");
		freexl_close(h);
		return -1;
	}
	const char *nm = NULL;
	freexl_get_worksheet_name(h, pick, &nm);
	s->name = arena_strdup(&s->a, nm ? nm : "");
	unsigned int rows = 0;
	unsigned short cols = 0;
	if (freexl_select_active_worksheet(h, pick) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
		snprintf(err, errlen, "cannot read the sheet; save the file again, or as .xlsx");
		freexl_close(h);
		return -1;
	}
	char num[64];
	for (unsigned r = 0; r < rows; r++)
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
				continue;
			switch (v.type) {
			case FREEXL_CELL_INT:
				snprintf(num, sizeof num, "%d", v.value.int_value);
				sheet_set(s, r, c, CELL_NUMBER, num, strlen(num), v.value.int_value);
				break;
			case FREEXL_CELL_DOUBLE:
				snprintf(num, sizeof num, "%.15g", v.value.double_value);
				sheet_set(s, r, c, CELL_NUMBER, num, strlen(num), v.value.double_value);
				break;
			case FREEXL_CELL_TEXT:
			case FREEXL_CELL_SST_TEXT:
			case FREEXL_CELL_DATE:
			case FREEXL_CELL_DATETIME:
			case FREEXL_CELL_TIME:
				if (v.value.text_value)
					sheet_set(s, r, c, CELL_TEXT, v.value.text_value, strlen(v.value.text_value), 0);
				break;
			default: break;
			}
		}
	freexl_close(h);
	return 0;
}

/* ---- the child's report: a stream of records, all integers in host
 * order (parent and child are the same program) ----
 *   'E' len bytes          the reader's error message (then the end)
 *   'N' len bytes          the sheet's name
 *   'C' r c kind num len bytes   one cell that is not empty
 *   'T'                    the end, and s->too_big as one byte */

static void put_bytes(buf *b, const char *p, size_t n)
{
	uint32_t len = (uint32_t)n;
	buf_put(b, (const char *)&len, sizeof len);
	buf_put(b, p, n);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w, n -= (size_t)w;
	}
	return 0;
}

/* Set by the sanitizers' runtime when present (the tests' builds): a
 * fuzzer's death callback, inherited by the child, would save the input
 * as the fuzzer's own crash, while the fault is contained here. */
extern void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

static void child(int fd, const char *path, const char *name)
{
	struct rlimit mem = { XLS_CHILD_MEMORY, XLS_CHILD_MEMORY }, cpu = { XLS_CHILD_SECONDS, XLS_CHILD_SECONDS };
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(NULL); /* and AddressSanitizer's shadow needs terabytes of address space */
	else
		setrlimit(RLIMIT_AS, &mem);
	setrlimit(RLIMIT_CPU, &cpu);
	sheet s;
	memset(&s, 0, sizeof s);
	arena_init(&s.a);
	char err[512] = "";
	buf b = BUF_INIT;
	if (read_here(&s, path, name, err, sizeof err) != 0) {
		buf_putc(&b, 'E');
		put_bytes(&b, err, strlen(err));
	} else {
		buf_putc(&b, 'N');
		put_bytes(&b, s.name ? s.name : "", s.name ? strlen(s.name) : 0);
		for (unsigned r = 0; r < s.rows; r++)
			for (unsigned c = 0; c < s.cols; c++) {
				const cell *x = sheet_at(&s, r, c);
				if (x->kind == CELL_EMPTY)
					continue;
				uint32_t rc[3] = { r, c, (uint32_t)x->kind };
				buf_putc(&b, 'C');
				buf_put(&b, (const char *)rc, sizeof rc);
				buf_put(&b, (const char *)&x->num, sizeof x->num);
				put_bytes(&b, x->text, strlen(x->text));
			}
		buf_putc(&b, 'T');
		buf_putc(&b, s.too_big ? 1 : 0);
	}
	int rc = write_all(fd, b.ptr, b.len);
	_exit(rc == 0 ? 0 : 1);
}

/* Read the child's report into s; -1 when it is cut short or malformed. */
static int take(sheet *s, const char *p, size_t n, char *err, size_t errlen)
{
	const char *end = p + n;
#define NEED(k) do { if ((size_t)(end - p) < (size_t)(k)) return -1; } while (0)
	while (p < end) {
		char tag = *p++;
		uint32_t rc[3], len;
		double num;
		switch (tag) {
		case 'E':
		case 'N':
			NEED(sizeof len);
			memcpy(&len, p, sizeof len), p += sizeof len;
			NEED(len);
			if (tag == 'E') {
				snprintf(err, errlen, "%.*s", (int)len, p);
				return 1;
			}
			s->name = arena_strndup(&s->a, p, len);
			p += len;
			break;
		case 'C':
			NEED(sizeof rc + sizeof num + sizeof len);
			memcpy(rc, p, sizeof rc), p += sizeof rc;
			memcpy(&num, p, sizeof num), p += sizeof num;
			memcpy(&len, p, sizeof len), p += sizeof len;
			NEED(len);
			if (rc[2] > CELL_DATE || rc[0] >= SHEET_MAX_ROWS || rc[1] >= SHEET_MAX_COLS)
				return -1;
			sheet_set(s, rc[0], rc[1], (cell_kind)rc[2], p, len, num);
			p += len;
			break;
		case 'T':
			NEED(1);
			s->too_big = s->too_big || *p;
			return p + 1 == end ? 0 : -1;
		default:
			return -1;
		}
	}
#undef NEED
	return -1;
}

int sheet_read_xls(sheet *s, const char *path, const char *name, char *err, size_t errlen)
{
	int fds[2];
	if (pipe(fds) != 0) {
		snprintf(err, errlen, "cannot start the .xls reader (%s)", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]), close(fds[1]);
		snprintf(err, errlen, "cannot start the .xls reader (%s)", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], path, name);
	}
	close(fds[1]);
	buf b = BUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fds[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_put(&b, chunk, (size_t)n);
	}
	close(fds[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int rc = -1;
	if (WIFSIGNALED(status))
		snprintf(err, errlen, "the .xls reader failed on this file (signal %d): it is damaged or not an Excel file; "
			 "open it in Excel or WPS and save it as .xlsx", WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		snprintf(err, errlen, "the .xls reader stopped on this file; open it in Excel or WPS and save it as .xlsx");
	else if ((rc = take(s, b.ptr ? b.ptr : "", b.len, err, errlen)) != 0) {
		if (rc < 0)
			snprintf(err, errlen, "the .xls reader gave an incomplete answer; open the file in Excel or WPS and save it as .xlsx");
		rc = -1;
	}
	buf_free(&b);
	return rc;
}
