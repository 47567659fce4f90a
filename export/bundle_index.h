/*
 * bundle_index.h — the bundle's index (CSV and XLSX) and a text buffer for
 * the manifest and the record (internal to export/bundle*.c).
 */
#ifndef PIA_BUNDLE_INDEX_H
#define PIA_BUNDLE_INDEX_H

#include <stddef.h>
#include "model/err.h"

#define PIA_INDEX_COLS 7

/* 評価書番号, 評価書名, 評価実施機関名, 評価の種類, 公表日, 最終更新, ファイル */
typedef struct pia_index_row {
    char *cell[PIA_INDEX_COLS];
} pia_index_row;

typedef struct pia_buf {
    char *data;
    size_t len, cap;
} pia_buf;

void pia_buf_add(pia_buf *b, const char *s, size_t n);
void pia_buf_printf(pia_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* index.csv: UTF-8 with BOM, every cell quoted and made safe for
 * spreadsheets (pia_bundle_csv_safe). */
void pia_index_csv(const pia_index_row *rows, int n, pia_buf *b);
/* index.xlsx, written atomically to path. */
int pia_index_xlsx(const pia_index_row *rows, int n, const char *path, pia_err *err);

#endif
