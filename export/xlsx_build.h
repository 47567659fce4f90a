/*
 * xlsx_build.h — what the parts of the statutory sheet's writer share:
 * xlsx.c (the workbook, its sheets and page setup), xlsx_cover.c (the
 * cover and the 項目一覧) and xlsx_body.c (the sections, 別添3's table).
 * Each part turns printed rows (model/print.h) into sheet rows
 * (xlsx_sheet.h); none decides what is answered or how an answer reads.
 */
#ifndef PIA_XLSX_BUILD_H
#define PIA_XLSX_BUILD_H

#include "model/print.h"
#include "xlsx_sheet.h"

/* The body's grid: labels | answer or [ choice ] | <選択肢> (answers span
 * the last two).  80 units fit A4 portrait at 100 % in both programs. */
#define XL_COL_LABEL 0
#define XL_COL_ANSWER 1
#define XL_COL_OPTIONS 2
#define XL_BODY_COLS 3
extern const double xl_body_widths[XL_BODY_COLS];

typedef struct xl_ctx {
    const pia_form *form;
    const pia_doc *doc;
    const pia_print *print;
    lxw_workbook *wb;
    xl_metrics m;
    xl_styles st;
    char *title;              /* 評価書名, for the running header */
    lxw_error err;            /* the first error met */
} xl_ctx;

/* A new worksheet named from `base`, set up for A4 portrait printing;
 * `running` adds the header (評価書名) and the page number. */
lxw_worksheet *xl_add_sheet(xl_ctx *c, const char *base, int running);

/* Write s to ws and release it; remembers the first error. */
void xl_finish_sheet(xl_ctx *c, xl_sheet *s, lxw_worksheet *ws);

/* The parts: rows [from, to) of the print are one section's copy. */
void xl_write_cover(xl_ctx *c, int from, int to);
void xl_write_contents(xl_ctx *c);
void xl_write_section(xl_ctx *c, const char *sheet, int from, int to);
void xl_write_table(xl_ctx *c, const char *sheet, int from, int to);

#endif
