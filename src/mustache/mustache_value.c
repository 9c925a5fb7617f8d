/* mustache_value: the mu_data adapter that lets templates read the
 * project's value tree (value.h). Nothing here allocates except through
 * value_text appending to the output buffer. */
#include "mustache.h"
#include "value.h"

static const void *v_get(const void *ctx, const char *name, size_t len)
{
	return value_getn(ctx, name, len);
}

static mu_kind v_kind(const void *v, size_t *n)
{
	const value *x = v;
	if (x->kind == V_LIST) {
		*n = x->n;
		return x->n ? MU_LIST : MU_FALSEY;
	}
	return value_truthy(x) ? MU_ONE : MU_FALSEY;
}

static const void *v_at(const void *list, size_t i)
{
	return ((const value *)list)->items[i];
}

static void v_text(const void *v, buf *out)
{
	value_text(v, out);
}

static bool v_sealed(const void *ctx)
{
	const value *x = ctx;
	return x->kind == V_MAP && x->sealed;
}

static bool v_lasting(const void *v)
{
	return ((const value *)v)->lasting;
}

static bool v_scalar(const void *v)
{
	vkind k = ((const value *)v)->kind;
	return k != V_LIST && k != V_MAP;
}

const mu_data mu_value_data = { v_get, v_kind, v_at, v_text, v_sealed, v_lasting, v_scalar };
