/*
 * xlsx_sheet.h — a printed sheet as rows of cells, laid out onto A4 pages.
 *
 * Writers (cover, body, tables) append rows; xl_sheet_write places them:
 * every row's height from its text (xlsx_metrics.h), a page break before
 * a row that does not fit, headings kept with what follows them, and a
 * long answer cut at a line or sentence boundary so that it fills the
 * page and goes on, with its label and （続き）, at the top of the next one.
 * Text is never cut off: what does not fit goes to another row.
 */
#ifndef PIA_XLSX_SHEET_H
#define PIA_XLSX_SHEET_H

#include "xlsx_metrics.h"
#include "xlsx_style.h"

#define XL_MAX_COLS 8

typedef struct xl_cell {
    int c0, c1;            /* the columns it spans (merged when c1 > c0) */
    char *text;            /* owned */
    xl_style style;
    int indent;
    int split;             /* long text that may go on in the rows below */
    int lines;             /* lines `text` wraps to (set when the sheet is written) */
} xl_cell;

typedef struct xl_row {
    xl_cell cells[XL_MAX_COLS];
    int n;
    double min_h;          /* at least this tall */
    double fixed_h;        /* exactly this tall (spacers); 0: from the text */
    int keep_next;         /* never the last row of a page */
    int page_before;       /* starts a page */
    int to_bottom;         /* placed at the foot of its page (the cover's stamp) */
    char *cont;            /* the label of a continuation at the top of a page */
} xl_row;

typedef struct xl_sheet {
    const xl_metrics *m;
    double widths[XL_MAX_COLS];
    int ncols;
    xl_row *rows;
    int n, cap;
    int header_row;        /* a table's header, printed again on every page; -1: none */
    int pages;             /* after writing: pages the sheet prints on */
} xl_sheet;

void xl_sheet_init(xl_sheet *s, const xl_metrics *m, const double *widths, int ncols);
void xl_sheet_free(xl_sheet *s);

/* Append an empty row. */
xl_row *xl_sheet_row(xl_sheet *s);
/* Append a cell to r (text copied). */
xl_cell *xl_row_cell(xl_row *r, int c0, int c1, const char *text, xl_style style, int indent);

/* Lay the rows out and write them; columns, page breaks and row heights
 * are set on ws.  Returns the first libxlsxwriter error. */
lxw_error xl_sheet_write(xl_sheet *s, lxw_worksheet *ws, xl_styles *st);

#endif
