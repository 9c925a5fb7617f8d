/* mustache_int: what the mustache_*.c files share and nobody else sees:
 * the compiled form of a template (a flat array of ops, each container
 * followed by its body) and the set that owns it. */
#ifndef QD_MUSTACHE_INT_H
#define QD_MUSTACHE_INT_H
#include <stdint.h>

#include "mustache.h"
#include "strmap.h"

typedef enum mu_opkind {
	MU_OP_TEXT,     /* literal bytes */
	MU_OP_INDENT,   /* a line starts here: write the current indentation */
	MU_OP_VAR,      /* {{x}}: escaped */
	MU_OP_RAW,      /* {{{x}}}, {{&x}} */
	MU_OP_SECTION,  /* {{#x}} body {{/x}} */
	MU_OP_INVERTED, /* {{^x}} body {{/x}} */
	MU_OP_PARTIAL,  /* {{>x}}, {{>*x}} */
	MU_OP_PARENT,   /* {{<x}} argument blocks {{/x}}, {{<*x}} */
	MU_OP_BLOCK     /* {{$x}} body {{/x}}: a parameter, or an argument of a parent */
} mu_opkind;

enum {
	MU_F_LINE_START = 1,  /* TEXT: begins a line: indentation first */
	MU_F_MULTILINE = 2,   /* TEXT: more lines start inside: indent them */
	MU_F_STANDALONE = 4,  /* PARTIAL, PARENT, BLOCK: alone on its line; ind applies */
	MU_F_DYNAMIC = 8,     /* PARTIAL, PARENT: the name is looked up in the data */
	MU_F_LOCAL = 16,      /* names: leading dot, look only at the top context */
	MU_F_INLINE_WS = 32,  /* BLOCK: standalone with text after its opening tag */
	MU_F_REPORTED = 64,   /* PARTIAL, PARENT: mu_link reported it already */
	MU_F_MEMO = 128       /* SECTION: the body calls nothing; its output for
			       * an element may be remembered (mu_memo) */
};

/* One part of a dotted name. */
typedef struct mu_part {
	const char *s;
	uint32_t n;
} mu_part;

/* An argument block of a parent call: its name id and the index of its
 * MU_OP_BLOCK op in the same template. */
typedef struct mu_arg {
	uint32_t id;
	uint32_t op;
} mu_arg;

typedef struct mu_op {
	uint8_t kind;             /* mu_opkind */
	uint8_t flags;            /* MU_F_* */
	uint16_t nparts;          /* dotted name parts; 0 with parts NULL is "." */
	uint32_t end;             /* containers: index just past the body */
	unsigned line, col;       /* source position of the tag or text */
	const char *s;            /* TEXT: bytes; static PARTIAL/PARENT, BLOCK: name */
	uint32_t n;
	uint32_t id;              /* BLOCK: interned name */
	const char *ind;          /* standalone PARTIAL/PARENT/BLOCK: indentation */
	uint32_t nind;
	uint32_t nargs;           /* PARENT: argument blocks */
	const mu_arg *args;
	const mu_part *parts;     /* VAR, RAW, SECTION, INVERTED, dynamic names */
	const mu_template *target; /* static PARTIAL/PARENT once linked; NULL: none */
} mu_op;

struct mu_template {
	mu_set *set;
	const char *name;
	size_t name_len;
	const char *path;
	mu_op *ops;
	uint32_t nops;
	uint32_t idx;     /* position in set->list */
	bool broken;      /* had compile errors */
	bool dynamic;     /* uses {{>*x}} or {{<*x}} */
};

struct mu_set {
	arena *a;
	strmap names;     /* template name -> mu_template */
	strmap blocks;    /* block name -> id + 1 */
	uint32_t nblocks;
	mu_template **list; /* in the order compiled (malloc'd) */
	size_t n, cap;
	size_t errors;    /* compile errors so far */
	bool linked;      /* no mu_compile since the last mu_link */
	bool dynamic;
};

/* ---- compiling: mustache_lex.c turns text into tokens and decides
 * which lines are standalone; mustache_parse.c turns tokens into ops ---- */

typedef enum mu_tkind {
	MU_T_TEXT, MU_T_VAR, MU_T_RAW, MU_T_SECTION, MU_T_INVERTED, MU_T_END,
	MU_T_COMMENT, MU_T_DELIM, MU_T_PARTIAL, MU_T_PARENT, MU_T_BLOCK
} mu_tkind;

#define MU_NONE UINT32_MAX

/* How an opening parent or block tag stands on its line (see
 * docs/templates.md, "Whitespace"). */
enum {
	MU_E_INLINE,  /* shares its line with other content */
	MU_E_LINE,    /* only whitespace before the opening tag and after the
		       * closing one: the element owns its line */
	MU_E_EOL      /* block: that, and the opening tag ends its line */
};

typedef struct mu_token {
	uint8_t kind;       /* mu_tkind */
	uint8_t dynamic;    /* name started with '*' */
	uint8_t sa;         /* standalone: alone on its line, which is dropped */
	uint8_t elem;       /* opening PARENT/BLOCK: MU_E_* */
	uint8_t arg;        /* BLOCK directly inside a PARENT: an argument */
	uint8_t bad;        /* broken tag (reported): ignored */
	uint32_t start, end; /* the token's bytes */
	uint32_t ks, ke;    /* TEXT: the bytes kept after standalone trimming */
	uint32_t ls;        /* tags: start of the line the tag starts on */
	uint32_t name, nlen; /* tags: the name (after '*'), trimmed */
	uint32_t match;     /* opening tag <-> its END; MU_NONE if unmatched */
	uint32_t next_line; /* BLOCK with intrinsic indentation: start of the
			     * line after its opening tag; else MU_NONE */
} mu_token;

/* One template being compiled. */
typedef struct mu_src {
	const char *s;      /* the text (the set's copy) */
	uint32_t len;
	const char *path;
	diag *d;
	uint32_t *lines;    /* line start offsets (malloc'd) */
	size_t nlines;
	mu_token *tok;      /* malloc'd */
	size_t ntok, cap;
	size_t errors;
	unsigned pos_line, pos_col; /* last position asked (mu_src_pos) */
	uint32_t pos_off, pos_ls;
} mu_src;

/* Tokenize c->s into c->tok, then match sections and decide standalone
 * lines and elements (trimming the kept ranges of text tokens). Errors go
 * to c->d and c->errors. */
void mu_lex(mu_src *c);
/* Line and column (in characters) of byte offset `off`. */
void mu_src_pos(mu_src *c, uint32_t off, unsigned *line, unsigned *col);
/* Report at byte offset `off`. */
void mu_src_error(mu_src *c, uint32_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void mu_src_warn(mu_src *c, uint32_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- mustache_memo.c: the rows a memo keeps (mu_memo, mustache.h) ---- */

/* How a root name a row read was, for the row's output to be used again. */
enum { MU_DEP_ABSENT, MU_DEP_SCALAR, MU_DEP_LASTING };

typedef struct mu_dep {
	const mu_op *op;  /* the tag that read it */
	const void *v;    /* LASTING: the value itself */
	const char *text; /* SCALAR: its text (len bytes) */
	uint32_t len;
	uint8_t how;      /* MU_DEP_* */
	uint8_t kind;     /* SCALAR: its mu_kind */
} mu_dep;

typedef struct mu_memo_entry {
	const struct mu_memo_entry *next; /* the bucket's older entries */
	const mu_op *op;  /* the section */
	const void *e;    /* the element */
	const char *out;  /* what the body wrote */
	size_t len;
	unsigned ndeps;
	mu_dep deps[];
} mu_memo_entry;

/* The newest entry of the chain that (op, e) would be in (other keys'
 * entries too: compare op and e). */
const mu_memo_entry *mu_memo_first(const mu_memo *m, const mu_op *op, const void *e);
/* True when this output (of op's body for e, with these root values)
 * was made before (or another collided with it in the memo's bitmap):
 * worth keeping. The first time, it is noted and false is returned. */
bool mu_memo_again(mu_memo *m, const mu_op *op, const void *e, const mu_dep *deps, unsigned ndeps);
/* Keep what the body wrote for (op, e) and the root names it read; the
 * texts are copied. Nothing is kept once the memo is full. */
void mu_memo_put(mu_memo *m, const mu_op *op, const void *e, const char *out, size_t len,
		 const mu_dep *deps, unsigned ndeps);
/* Add a render's hits to the memo's count. */
void mu_memo_count(mu_memo *m, size_t hits);

/* mustache_parse.c: compile one template's text into t->ops (in the set's
 * arena). Returns the number of errors reported. */
size_t mu_parse(mu_template *t, diag *d, const char *src, size_t len);


#endif
