/*
 * source.h — what an importer reads, in one neutral shape: the pieces of
 * text of a published assessment (a cell, or a run of a line) in reading
 * order, each with where it was (page and line, or sheet and cell) and how
 * far right it starts.  The text, PDF and XLSX readers fill it; the matcher
 * (match.c) works on it alone, so all three share one way of finding the
 * form's labels.
 */
#ifndef PIA_IMPORT_SOURCE_H
#define PIA_IMPORT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "model/err.h"

typedef enum imp_kind {
    IMP_KIND_TEXT = 1,   /* plain text as pdftotext gives it */
    IMP_KIND_PDF,
    IMP_KIND_XLSX
} imp_kind;

enum {
    IMP_ROLE_LABEL = 0,  /* the label column, or a line without columns */
    IMP_ROLE_ANSWER = 1  /* the answer column */
};

typedef struct imp_piece {
    uint32_t off, len;   /* its bytes in imp_source.buf */
    int page;            /* page (PDF, text with form feeds) or sheet (XLSX), 1-based; 0 when none */
    int line;            /* line on the page, or row of the sheet, 1-based */
    int col;             /* XLSX column, 1-based; 0 otherwise */
    int cell;            /* text: cells (tabs) before it on its line */
    double x, x2;        /* horizontal extent: PDF points, text characters, XLSX column */
    double y;            /* PDF: the top of its line, in points from the page's top; 0 otherwise */
    double cw;           /* PDF: average character width, for telling a wrapped line */
    unsigned char role;  /* IMP_ROLE_* */
    unsigned char eol;   /* the last piece of its line */
    unsigned char soft;  /* the line ends because the column was full (a wrap, not a break) */
    unsigned char tabbed;/* text: the line had tab-separated cells */
    unsigned char skip;  /* form text that is neither label nor answer (項目一覧, （続き）) */
} imp_piece;

/* PDF: the runs of text a piece was joined from, split at spaces and
 * gaps (the cells of a table row may touch, so a piece can span cells). */
typedef struct imp_cut {
    uint32_t off;        /* its first byte in imp_source.buf */
    float x, x2;         /* where it starts and ends, in points */
} imp_cut;

typedef struct imp_source {
    imp_kind kind;
    char *path;
    char *buf;           /* every piece's text, each followed by a NUL */
    size_t len, cap;
    imp_piece *p;
    int n, cap_p;
    char **sheets;       /* XLSX sheet names, by page number - 1 */
    int nsheets;
    int pages;           /* pages or sheets seen */
    int dropped_lines;   /* repeated page headers and footers removed */
    int markup;          /* HTML-like tags removed from converted text */
    int blank_pages;     /* PDF pages without a text layer */
    char *encoding;      /* text: the encoding converted from, NULL for UTF-8 */
    char *meta_title;    /* the file's own title / author (PDF Info, XLSX core properties) */
    char *meta_author;
    imp_cut *cuts;       /* PDF: the runs of every piece, by offset */
    int ncuts, cap_cuts;
} imp_source;

/* Limits shared by every reader (see README "Import: limits"). */
#define IMP_MAX_TEXT    (8u << 20)   /* bytes of text after extraction */
#define IMP_MAX_PIECES  2000000

void imp_source_init(imp_source *s, imp_kind kind, const char *path);
void imp_source_free(imp_source *s);

/* Add a piece (text copied; empty or all-blank text is ignored).  Returns
 * -1 with err filled when a limit is passed. */
int imp_source_add(imp_source *s, const imp_piece *meta, const char *text, size_t len, pia_err *err);

static inline const char *imp_piece_text(const imp_source *s, const imp_piece *p)
{
    return s->buf + p->off;
}

/* Record a run beginning at byte `at` of the piece just added. */
void imp_source_add_cut(imp_source *s, uint32_t at, double x, double x2);
/* The first cut at or after byte offset `off` (s->ncuts if none). */
int imp_source_cut_at(const imp_source *s, uint32_t off);

/* Index of the piece holding byte offset `off` of buf (or the next one). */
int imp_source_piece_at(const imp_source *s, uint32_t off);

/* Where a piece is, for people: "12行目", "3ページ 12行目", "Ⅲ(1)!B12". */
void imp_source_where(const imp_source *s, const imp_piece *p, char *buf, size_t n);

/* Roles by position: pieces that start at or right of the answer column
 * (found from where choice values and check boxes "[…]" start) get
 * IMP_ROLE_ANSWER, per page.  Tab-separated lines: the first cell is the
 * label, later cells answers. */
void imp_source_assign_roles(imp_source *s);

/* Drop page headers and footers: the first and last lines of a page that
 * repeat the previous page's (page numbers "3 / 27", "- 3 -" on any page).
 * Call before roles. */
void imp_source_drop_running_lines(imp_source *s);

/* Remove HTML-like markup that some converters leave in (<p>, </p>, <br>,
 * <ol …>, <li>), keeping the words; a paragraph end becomes a line break.
 * Form text such as <選択肢> is not markup and stays. */
size_t imp_strip_markup(char *s, size_t len, int *removed);

#endif
