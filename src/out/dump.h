/* dump: the loaded site as JSON (`qingdan dump`): every record with its
 * resolved references (as ids), inherited and derived values. Used by the
 * loader's golden tests and to see what qingdan understood. */
#ifndef QD_DUMP_H
#define QD_DUMP_H
#include "buf.h"
#include "model.h"

/* Append the JSON (indented, deterministic) to `out`. */
void dump_site(const site *s, buf *out);

#endif
