/* fold_table: the traditional characters search folds to simplified ones,
 * with their simplified forms, ascending by the traditional character
 * (all within U+3400-U+9FFF). Generated when qingdan is compiled, by
 * tools/gen_t2s.c from OpenCC's t2s conversion (build/t2s_table.c). */
#ifndef QD_FOLD_TABLE_H
#define QD_FOLD_TABLE_H
#include <stddef.h>

extern const unsigned fold_t2s[][2];
extern const size_t fold_t2s_count;

#endif
