/*
 * import.h — bringing a published assessment in: `pia import FILE`.
 *
 * The file is recognised by its content (and then its extension): the
 * project's YAML answers, a PDF, text extracted from a PDF, or an XLSX
 * workbook.  YAML is read exactly (export/yaml_in.c); the others are read
 * into neutral text pieces (source.h) and matched against the form's
 * printed rows (match.c): every item filled says where it came from, every
 * label not found is listed, and text that fits no item is kept as a note,
 * never dropped.  The result is a new pia_doc; nothing is stored here.
 */
#ifndef PIA_IMPORT_H
#define PIA_IMPORT_H

#include "model/form.h"
#include "model/doc.h"
#include "source.h"

typedef enum imp_format {
    IMP_AUTO = 0,
    IMP_YAML,
    IMP_TEXT,
    IMP_PDF,
    IMP_XLSX
} imp_format;

typedef struct imp_options {
    const char *title;      /* the new assessment's title (default: from the source) */
    const char *org;        /* its organisation (default: from the source) */
    const char *template_name; /* default "zenkomoku" */
    imp_format format;      /* IMP_AUTO: by content and extension */
} imp_options;

/* One item filled from the source. */
typedef struct imp_filled {
    const pia_node *node;
    int file, inst;         /* where it is stored (file 0: once) */
    char where[80];         /* where its label (or value) was */
    int guess;              /* 0: a confident match; 1: a guess, to be checked */
    char *why;              /* for a guess: what makes it one; NULL otherwise */
    char *preview;          /* the value, abbreviated, for the report */
} imp_filled;

/* A label of the form not found in the source (a whole heading counts once,
 * `rows` telling how many printed rows it covers). */
typedef struct imp_missing {
    const pia_node *node;
    int file, inst;
    int rows;
} imp_missing;

/* Text that could not be placed in any item. */
typedef struct imp_loose {
    char where[80];
    char *text;
    const pia_node *near;   /* the item whose stretch it was found in, or NULL */
    int file, inst;
} imp_loose;

typedef struct imp_result {
    pia_form *form;
    pia_doc *doc;
    imp_format format;
    char *path;
    char *edition;          /* the 様式 edition the source follows, as found or inferred */
    int edition_guess;      /* 1 when inferred from labels, not read from the stamp */
    imp_filled *filled;
    int nfilled, nguess;
    imp_filled *headings;   /* headings (and empty items) matched by a guess */
    int nheadings;
    imp_missing *missing;
    int nmissing;
    imp_loose *loose;
    int nloose;
    int pages;              /* pages (PDF), sheets (XLSX), lines (text) */
    int dropped_lines;      /* running headers and footers removed */
    int markup;             /* converter markup removed */
    char *encoding;         /* text converted from, NULL for UTF-8 */
    int fuzzy_capped;       /* fuzzy matching stopped at its work limit */
    int blank_pages;        /* PDF pages without any text (scanned images) */
    int found;              /* labels found (headings included) */
    const imp_options *opt; /* while matching: the caller's options */
} imp_result;

/* Read and match `path`.  On failure nothing is returned and err says why,
 * naming the file ("not an assessment", "damaged", "a scanned PDF with no
 * text", a limit passed …). */
int pia_import_file(const char *path, const imp_options *opt, imp_result **out, pia_err *err);
void imp_result_free(imp_result *r);

/* The report, in Japanese: counts, labels not found, guesses, text kept as
 * notes, then every item filled with its source.  `id` is the stored
 * assessment (0 when not stored).  Caller frees. */
char *imp_report(const imp_result *r, long id);
/* A short summary (a few lines) for a terminal when the report goes to a file. */
char *imp_report_summary(const imp_result *r, long id);

/* Store the result as a new assessment with its import record (report,
 * edition, notes) in one transaction (save.c). */
struct pia_store;
int pia_import_store(struct pia_store *st, const imp_result *r, const char *report, long *id, pia_err *err);

/* Readers (text.c, pdf.c, xlsx.c): fill src from the file or its bytes. */
int imp_read_text(imp_source *src, const char *data, size_t len, pia_err *err);
int imp_read_pdf(imp_source *src, const char *data, size_t len, pia_err *err);
int imp_read_xlsx(imp_source *src, const char *path, pia_err *err);

/* Match a source against the form (match.c); fills res->doc and the
 * report lists.  res->form must be set. */
int imp_match(imp_source *src, imp_result *res, pia_err *err);
/* 別添3's 項目 that name an item of the form, written the form's way (items.c). */
void imp_canon_items(imp_result *res);

/* For the fuzz harness and tests: import text held in memory. */
int pia_import_text_buffer(const char *name, const char *data, size_t len,
                           const pia_form *form, imp_result **out, pia_err *err);

#endif
