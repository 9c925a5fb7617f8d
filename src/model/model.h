/* model: the typed records of a site, as the content model defines them
 * (docs/content.md): places, categories, lists and their items, events,
 * cases, organisations and pages. load.h's site_load reads a content
 * folder into a `site`; everything in it is owned by the site's arena and is read-only
 * once loading is done. References between records are pointers. */
#ifndef QD_MODEL_H
#define QD_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "imgsize.h"
#include "strmap.h"
#include "value.h"

typedef struct district district;
typedef struct street street;
typedef struct community community;
typedef struct category category;
typedef struct org org;
typedef struct list list;
typedef struct item item;
typedef struct event event;
typedef struct case_study case_study;
typedef struct free_page free_page;

/* A list of texts (a field that takes one value or a list of them). */
typedef struct strs {
	const char **v;
	size_t n;
} strs;

typedef struct contact {
	const char *name, *phone, *email, *address;
} contact;

/* Markdown text and the file line it starts on (for error positions). */
typedef struct markdown_src {
	const char *text; /* NULL when absent */
	size_t len;
	vpos pos;
} markdown_src;

typedef struct source_ref {
	const char *name, *url;
	qdate date;
} source_ref;

/* A place a record covers: a whole district or one street. */
typedef struct area {
	district *district;
	street *street; /* NULL: the whole district */
} area;

/* Who took up a need or an offer (项目双向认领): an organisation claims
 * a need or an offer; a street or a community claims an offer. */
typedef enum claimant_kind { CLAIMANT_ORG, CLAIMANT_STREET, CLAIMANT_COMMUNITY } claimant_kind;

typedef struct claimant {
	claimant_kind kind;
	org *org;             /* CLAIMANT_ORG */
	street *street;       /* CLAIMANT_STREET */
	community *community; /* CLAIMANT_COMMUNITY */
} claimant;

typedef enum place_kind { PLACE_STREET, PLACE_TOWN, PLACE_COMMUNITY, PLACE_VILLAGE } place_kind;

struct community {
	const char *id, *name;
	size_t idx;       /* position among all communities of the site */
	place_kind kind;
	street *street;
	vpos pos;
};

struct street {
	const char *id, *name;
	size_t idx;       /* position in site->streets */
	place_kind kind;
	district *district;
	community **communities;
	size_t ncommunities;
	vpos pos;
};

struct district {
	const char *id, *name;
	size_t idx;       /* position in site->districts */
	street **streets;
	size_t nstreets;
	vpos pos;
};

struct category {
	const char *id, *name, *description;
	category *group; /* parent in the two-level tree, or NULL */
	size_t index;    /* position in categories.yaml */
	vpos pos;
};

typedef enum list_kind { LIST_NEEDS, LIST_SUPPLY, LIST_PAIN_POINTS } list_kind;

typedef enum item_status {
	STATUS_OPEN,
	STATUS_NEGOTIATING,
	STATUS_CLAIMED,
	STATUS_IN_PROGRESS,
	STATUS_COMPLETED,
	STATUS_CLOSED,
	STATUS_COUNT
} item_status;
/* What a page shows: an open item past its deadline is 已截止 (expired). */
#define STATUS_EXPIRED STATUS_COUNT
#define STATUS_SHOWN_COUNT (STATUS_COUNT + 1)

typedef enum org_kind {
	ORG_SOCIAL_ORG,
	ORG_SOCIAL_ENTERPRISE,
	ORG_ENTERPRISE,
	ORG_ASSOCIATION,
	ORG_VOLUNTEER,
	ORG_THINK_TANK,
	ORG_OTHER,
	ORG_KIND_COUNT
} org_kind;

/* An optional number: `set` says whether the field was given. */
typedef struct amount {
	double v;
	bool set;
} amount;

struct item {
	list *list;
	size_t idx;             /* position in site->items */
	long long no;           /* 序号, unique in its list */
	const char *title;
	category *category;     /* NULL only where the kind allows it */
	district *district;     /* derived from street, or the list's */
	street *street;         /* own or inherited from the list */
	community *community;
	amount budget, self_funding;
	const char *fund;       /* own or inherited */
	const char *beneficiaries;
	const char *period;     /* text form; or from start/end */
	qdate period_start, period_end;
	qdate deadline;         /* own or inherited; DATE_NONE */
	item_status status;
	bool expired;           /* open and past its deadline: 已截止 */
	claimant *claims;       /* claimed_by (认领单位, 认领方), as given */
	size_t nclaims;
	markdown_src requirements, description;
	strs outcomes, indicators, tags;
	const char *notes;
	const contact *contact; /* own or inherited; NULL */
	/* supply items */
	org *org;
	area *areas;
	size_t nareas;
	const char *price_text; /* price as text, when not a number */
	amount price;
	/* for the check that a project is not listed twice (checks.c): a
	 * hash of its kind, title and place, taken while the item is loaded
	 * and its text is in the cache */
	uint64_t repeat_hash;
	vpos pos;
};

struct list {
	const char *id, *path;
	size_t idx;             /* position in site->lists */
	list_kind kind;
	const char *title;
	district *district;     /* the publisher's district (derived from street) */
	street *street;         /* NULL for a district-level list */
	const char *publisher;  /* given, else the street's/district's name */
	qdate published, deadline;
	event *event;
	const char *fund;
	double total_budget;    /* given, else the sum of the item budgets */
	bool total_given;
	double budget_sum;      /* sum of item budgets (items without one: 0) */
	size_t budget_items;    /* how many items have a budget */
	vpos total_pos;         /* where total_budget was given */
	vpos deadline_pos;      /* where deadline was given */
	bool place_bad;         /* its district/street did not resolve */
	bool budget_bad;        /* an item's budget was invalid */
	const contact *contact;
	markdown_src body;
	item **items;
	size_t nitems;
	vpos pos;
};

typedef struct count_entry {
	const char *key;   /* as written */
	const char *label; /* Chinese label for known keys, else the key */
	const char *text;  /* the value as written (150 or 150余) */
} count_entry;

/* What a result's figure counts over the lists released at its event
 * (`measure`, 统计项), so that checks.c can compare it with the records. */
typedef enum result_measure {
	MEASURE_NONE,
	MEASURE_NEEDS,       /* need items */
	MEASURE_OFFERS,      /* supply items */
	MEASURE_ITEMS,       /* items of every kind */
	MEASURE_BUDGET,      /* the needs lists' budget totals, 万元 */
	MEASURE_LISTS,       /* the lists themselves */
	MEASURE_CATEGORIES,  /* distinct categories of the items */
	MEASURE_COMMUNITIES, /* distinct communities of the items */
	MEASURE_CLAIMED,     /* needs and offers taken up */
	MEASURE_COUNT
} result_measure;

typedef struct result_entry {
	const char *label, *value, *unit;
	result_measure measure; /* MEASURE_NONE: free-form */
	double number;          /* value as a number, when measure is set */
	vpos pos;               /* of the value (the figure) */
	vpos measure_pos;
} result_entry;

typedef struct photo {
	const char *src; /* path inside static/ */
	const char *caption;
	unsigned width, height; /* pixels; 0 when the file's size can't be read */
	vpos pos;
} photo;

struct event {
	const char *id, *path, *title;
	size_t idx;          /* position in site->events */
	qdate date, end_date;
	const char *time;
	district *district;
	street *street;
	const char *venue;
	strs guided_by, organizer, undertaker;
	count_entry *participants;
	size_t nparticipants;
	result_entry *results;
	size_t nresults;
	list **lists;        /* the lists released there (given here or by the list) */
	size_t nlists;
	category **categories;
	size_t ncategories;
	photo *photos;
	size_t nphotos;
	const char *byline, *credit;
	source_ref source;
	markdown_src body;
	vpos pos;
};

struct case_study {
	const char *id, *path, *title;
	qdate date;
	district *district;
	street *street;
	community *community;
	category **categories;
	size_t ncategories;
	org **orgs;
	size_t norgs;
	const char *model;
	strs highlights;
	source_ref source;
	markdown_src body;
	vpos pos;
};

struct org {
	const char *id, *path, *name;
	size_t idx;          /* position in site->orgs */
	org_kind kind;
	district *district;
	street *street;
	category **services;
	size_t nservices;
	area *areas;
	size_t nareas;
	long long *pool;     /* years in a quality-supplier pool */
	size_t npool;
	const contact *contact;
	const char *website;
	long long founded;   /* 0: not given */
	const char *summary;
	markdown_src body;
	vpos pos;
};

struct free_page { /* a free page of content/pages/ (about, how to claim) */
	const char *id, *path, *title;
	long long menu;      /* order in the menu; 0: not in the menu */
	vpos menu_pos;       /* where `menu` was given */
	markdown_src body;
	vpos pos;
};

typedef struct menu_entry {
	const char *title, *url;
	vpos pos; /* of the url, for the link check (render.c) */
} menu_entry;

typedef struct static_file {
	const char *path; /* relative to content/static */
	const char *src;  /* full path to read from */
	/* an image's size in pixels, read once from its header (imgsize.h)
	 * when its name ends in .png .jpg .jpeg .gif .webp or .svg, for
	 * photos and Markdown images alike; 0 when unknown */
	unsigned width, height;
	bool sized;              /* the header was read ... */
	imgsize_status size_is;  /* ... with this result */
} static_file;

/* Read f's image header, once (f->sized): its width, height and size_is. */
void static_file_size(static_file *f);

typedef struct site {
	arena *a;
	const char *content_dir;
	/* site.yaml */
	const char *title, *subtitle, *description, *language, *base_url;
	const char *base_path; /* path part of base_url, always ending in '/' */
	long long per_page;
	const char *publisher, *icp;
	const char *site_code;     /* 网站标识码: 10 digits */
	const char *police_record; /* 公安备案号 as written */
	const char *police_code;   /* its number: the first run of digits */
	const contact *contact;
	const char *data_license;  /* 数据许可: the open data's licence line */
	/* 允许静态脚本: publish HTML, JavaScript and scripted SVG from
	 * static/ (statics.h); for sites whose every contributor is trusted */
	bool allow_static_scripts;
	menu_entry *menu;
	size_t nmenu;
	qdate today;
	/* records, in file order */
	district **districts;
	size_t ndistricts;
	street **streets;         /* all streets, in places.yaml order */
	size_t nstreets;
	size_t ncommunities;      /* communities of all streets */
	category **categories;
	size_t ncategories;
	list **lists;
	size_t nlists;
	item **items;             /* all items, list by list */
	size_t nitems;
	event **events;
	size_t nevents;
	case_study **cases;
	size_t ncases;
	org **orgs;
	size_t norgs;
	free_page **free_pages;
	size_t nfree_pages;
	static_file *statics;
	size_t nstatics;
	/* lookups by id and by exact name; owned by the site */
	strmap district_ids, district_names, street_ids, street_names;
	strmap category_ids, category_names, org_ids, org_names;
	strmap list_ids, list_titles, event_ids, event_titles;
	strmap static_paths; /* static_file.path -> its static_file */
	size_t nfiles;            /* content files read */
} site;


/* An enumerated value as content writes it: English id and Chinese label.
 * The tables below are what the loader accepts and what pages show. */
typedef struct enum_name {
	int val;
	const char *en, *zh;
	/* other words people write for it, separated by '|' (NULL: none):
	 * not accepted, only suggested ("进行中: did you mean 实施中?") */
	const char *also;
} enum_name;

/* Need statuses; the first STATUS_COUNT are what content may give, the
 * last is STATUS_EXPIRED (已截止), which only pages show. */
extern const enum_name status_names[STATUS_SHOWN_COUNT];
extern const enum_name list_kind_names[3];
extern const enum_name org_kind_names[ORG_KIND_COUNT];
/* Result measures (result_measure), from MEASURE_NONE + 1 on. */
extern const enum_name measure_names[MEASURE_COUNT - 1];

/* The status an item is shown with: STATUS_EXPIRED when it is open and
 * past its deadline, else its own. */
static inline int item_shown_status(const item *it)
{
	return it->expired ? STATUS_EXPIRED : (int)it->status;
}

/* How many of a list's items are shown open (待认领 or 可对接, not past
 * their deadline). */
static inline size_t list_open_items(const list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->nitems; i++)
		n += item_shown_status(l->items[i]) == STATUS_OPEN;
	return n;
}

/* Who claimed, as content writes it by id (an organisation's or a
 * street's id, "street/community" for a community; in `a` when made), and
 * by name. */
const char *claimant_id(arena *a, const claimant *c);
const char *claimant_name(const claimant *c);

/* Labels for display: Chinese, as the content model names them.
 * status_label/status_id also take STATUS_EXPIRED. */
const char *status_label(item_status st, list_kind kind);
const char *status_id(item_status st);
const char *list_kind_label(list_kind k);
const char *list_kind_id(list_kind k);
const char *org_kind_label(org_kind k);
const char *org_kind_id(org_kind k);

/* Two items are the same project when they are of the same list kind and
 * have the same title, street and place (community, else street, else
 * organisation id): item_repeat_street and item_repeat_where give those
 * parts ("" when absent), item_repeat_hash a hash of all of them, taken
 * by the loader while the item's text is in the cache (the repeat check
 * in checks.c compares texts only when two hashes are equal). */
const char *item_repeat_street(const item *it);
const char *item_repeat_where(const item *it);
uint64_t item_repeat_hash(const item *it);

#endif
