/*
 * match_internal.h — the pieces of the matcher, shared by scan.c (folded
 * streams and label candidates), align.c (choosing one consistent set of
 * candidates) and fill.c (turning the text between labels into answers).
 * Internal to import/.
 */
#ifndef PIA_IMPORT_MATCH_INTERNAL_H
#define PIA_IMPORT_MATCH_INTERNAL_H

#include "import.h"
#include "editions.h"
#include "norm.h"
#include "rows.h"
#include "source.h"

enum {
    IMP_F_START = 1,   /* a piece starts here */
    IMP_F_NUM = 2,     /* after a numbering prefix ("1.", "①", "(2)", "リスク3:") */
    IMP_F_BOX = 4,     /* after a check box ("[○]", "[ ]", "☑") */
    IMP_F_LINE = 8,    /* a line begins inside a piece (a cell of several lines) */
    IMP_F_RUN = 16     /* a run of text begins inside a piece (PDF: maybe the next cell) */
};

/* Folded text of the pieces, each position mapped to its source bytes. */
typedef struct imp_stream {
    pia_fold n;            /* cp, at/end: byte offsets in imp_source.buf */
    int *piece;            /* piece of each position */
    uint8_t *flag;         /* IMP_F_* */
    uint8_t *box;          /* at IMP_F_BOX: state (1 empty, 2 marked) | token length << 2 */
    uint32_t *full;        /* the label stream: each position's index in the full stream */
    uint32_t *starts;      /* positions that may begin a label, sorted by (cp, position) */
    size_t nstarts;
} imp_stream;

typedef struct imp_scan {
    const imp_source *src;
    imp_stream all;        /* every piece */
    imp_stream lab;        /* the label column only */
    int lab_shared;        /* no answer column: `lab` shares `all`'s arrays (not its starts) */
    long budget;           /* fuzzy matching work left (DP cells) */
    int capped;            /* the budget ran out */
} imp_scan;

/* A place where a row's label may be. */
typedef struct imp_cand {
    int row;
    uint8_t in_lab;        /* positions are in the label stream (else the full one) */
    uint8_t box;           /* check box before the label: 0 none, 1 empty, 2 marked */
    uint8_t guess;         /* not an exact match of the current label */
    uint8_t alias;         /* matched an older edition's label: edition index + 1 */
    uint16_t dist;         /* edits from the label (fuzzy matches) */
    uint32_t s, e;         /* in its stream, [s, e) */
    uint32_t s2, e2;       /* the rest of a label broken by other text (e2 = 0: none) */
    uint32_t fs, fe;       /* the same in the full stream (for order) */
    uint32_t fe1;          /* full-stream end of the first part (fe when unbroken) */
    float w;               /* weight of this match */
    float score;           /* best total ending with this candidate (align.c) */
    int prev;              /* the candidate before it in that best total */
    uint32_t reach;        /* align.c: how far the chain it ends covers */
} imp_cand;

typedef struct imp_cands {
    imp_cand *c;
    int n, cap;
} imp_cands;

void imp_scan_build(imp_scan *sc, const imp_source *src);
void imp_scan_free(imp_scan *sc);

/* Candidates for every row (rows in order; candidates come out grouped by
 * row).  Aliases from the editions file are tried as well.  Returns -1
 * when there are more than IMP_MAX_CANDS (a source repeating the form's
 * headings far more often than an assessment does). */
#define IMP_MAX_CANDS 1000000
int imp_scan_rows(imp_scan *sc, const pia_form *form, const imp_row *rows, int nrows,
                  const imp_editions *ed, imp_cands *out);

/* How often `label` starts a label position (used to size files/instances). */
int imp_scan_count(imp_scan *sc, const char *label);
/* The largest n for which label+n starts a label position ("システム3" → 3). */
int imp_scan_max_numbered(imp_scan *sc, const char *label, int cap);

/* Choose the best increasing chain of candidates: chosen[row] = candidate
 * index or -1.  A label broken by other text (fe1 < fe) lets check boxes
 * printed in the break follow it: they begin before its rest. */
void imp_align(imp_cands *cs, int nrows, uint32_t npos, int *chosen);

/* Text assembled from the source, with the piece each stretch came from. */
typedef struct imp_text {
    char *s;
    size_t len;
    size_t *seg_off;       /* string offset where each stretch starts */
    int *seg_piece;        /* and its piece */
    int nseg;
} imp_text;

/* The source text of full-stream positions [from, to), the label bytes of
 * candidate `label` (may be NULL) left out, pieces joined as the source
 * laid them out: a line break between lines, none where a line was
 * wrapped because its column was full, a space between cells of a line. */
void imp_range_text(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *label, imp_text *out);
/* The source bytes of full-stream positions [from, to) outside the labels
 * (which may be NULL), part by part in order: fn(piece, lo, hi). */
typedef void (*imp_part_fn)(const imp_scan *sc, int piece, uint32_t lo, uint32_t hi, void *ctx);
void imp_range_parts(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels, int nlabels,
                     imp_part_fn fn, void *ctx);
/* imp_range_text, leaving out the bytes of several labels (a label broken
 * by boxes has its rest in the stretch of the last box). */
void imp_range_text_ex(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels, int nlabels,
                       imp_text *out);
void imp_text_free(imp_text *t);

/* A label's bytes per piece: its first to last character in each, so
 * spaces inside the label go with it.  Returns how many (at most max). */
typedef struct imp_span {
    int piece;
    uint32_t lo, hi;
} imp_span;
int imp_label_spans(const imp_scan *sc, const imp_cand *c, imp_span *out, int max);

/* Text laid out side by side rather than one line after another (runs.c):
 * runs of text with their places, for a choice's value beside its
 * <選択肢> list and for the cells of a table (table.c). */
typedef struct imp_run {
    int piece;
    uint32_t lo, hi;       /* its bytes in the source buffer, trimmed */
    double x, x2, y;       /* PDF points; XLSX: the column; text: characters */
    int page, line;
    int col;               /* XLSX: the sheet's column; in a table: the table's */
} imp_run;

typedef struct imp_runs {
    imp_run *r;
    int n, cap;
} imp_runs;

/* The runs of full-stream positions [from, to), the labels' bytes left out
 * (labels may be NULL). */
void imp_runs_collect(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels,
                      int nlabels, imp_runs *out);
void imp_runs_free(imp_runs *r);
/* Append the text of runs (one column, in reading order) to t: runs of a
 * line as the source separated them, lines joined without a break where
 * the line was full for a column from `left` to `right`. */
void imp_runs_text(const imp_scan *sc, const imp_run *const *runs, int n, double left, double right,
                   imp_text *t);
/* The runs of bytes [lo, hi) of one piece, appended. */
void imp_runs_bytes(const imp_source *src, int piece, uint32_t lo, uint32_t hi, imp_runs *out);

/* Values printed under a row of column headings (table.c): the headings
 * of one group (IMP_ROW_COLUMN) found side by side on one line of a PDF
 * or a workbook, and the cells under them up to the next label found. */
typedef struct imp_table {
    int first, ncols;      /* rows[first .. first + ncols): the headings */
    int ninst;             /* table rows: instances of the group (1 when it does not repeat) */
    imp_text *cell;        /* ninst × ncols, row by row; empty for an empty cell */
} imp_table;

/* `cand[r]`: row r's chosen candidate, -1 for none.  Returns how many
 * tables (*out malloc'd, NULL for none). */
int imp_tables_find(const imp_scan *sc, const imp_row *rows, int nrows, const imp_cands *cs, const int *cand,
                    imp_table **out);
void imp_tables_free(imp_table *t, int n);

/* A choice's stretch: in a PDF whose <選択肢> list stands in a column
 * beside the value, the value's lines first, then the list's, so that a
 * value or its （ ）text wrapped over lines reads whole.  Otherwise as
 * imp_range_text. */
void imp_choice_text(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels, int nlabels,
                     imp_text *out);
/* The piece the byte at string offset `off` came from (-1 if none). */
int imp_text_piece(const imp_text *t, size_t off);

/* Reading a row's stretch of text as its answer (values.c). */
typedef struct imp_value {
    char *value;           /* NULL: nothing to store */
    char *detail;
    int guess;
    char *why;             /* why it is a guess */
    char *rest;            /* text left over that is not part of the answer */
    size_t rest_off;       /* where the leftover starts in the stretch */
} imp_value;

void imp_value_choice(const pia_node *n, const imp_text *t, imp_value *v);
void imp_value_check(const pia_node *n, int box, const imp_text *t, imp_value *v);
/* Headings: strips what the form prints beside a heading (（n）file name,
 * （該当なし）, the assessment's title, the heading's note); the rest is
 * left over.  *file_name gets the name after "（n）" if there is one. */
void imp_value_heading(const pia_node *n, const char *title, const imp_text *t, imp_value *v,
                       char **file_name);
void imp_value_free(imp_value *v);

/* Fill the result from the chosen candidates (fill.c). */
int imp_fill(imp_scan *sc, const imp_row *rows, int nrows, const imp_cands *cs,
             const int *chosen, const imp_editions *ed, imp_result *res, pia_err *err);

#endif
