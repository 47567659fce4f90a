/*
 * xlsx_xml.h — the XML parts of a workbook read with expat (xlsx_xml.c):
 * workbook.xml (sheet names), its relationships (where each sheet is),
 * sharedStrings.xml, styles.xml (which cell styles show dates), the sheets
 * themselves (one callback per cell) and docProps/core.xml (title and
 * author).  Parts are fed in chunks as they are expanded, so a part is
 * never held whole in memory.  A DOCTYPE or entity declaration stops the
 * parser: OOXML has none, and they are how entity-expansion attacks work.
 */
#ifndef PIA_IMPORT_XLSX_XML_H
#define PIA_IMPORT_XLSX_XML_H

#include <stddef.h>

typedef enum xlsx_type { XLSX_NUMBER, XLSX_SHARED, XLSX_TEXT, XLSX_BOOL } xlsx_type;

typedef struct xlsx_cell {
    xlsx_type type;
    int style;           /* s="…", -1 when none */
    const char *text;    /* the value: number, shared-string index, or text */
    size_t len;
} xlsx_cell;

typedef struct xlsx_sheets {
    char **name, **rid, **part;
    int *hidden;
    int n;
    char **rel_id, **rel_target;   /* from workbook.xml.rels */
    int nrels;
} xlsx_sheets;

typedef int (*xlsx_string_fn)(void *ctx, const char *text, size_t len);
typedef int (*xlsx_style_fn)(void *ctx, int index, int is_date);
typedef int (*xlsx_cell_fn)(void *ctx, int sheet, int row, int col, const xlsx_cell *c);

typedef struct xlsx_xml {
    void *parser;        /* XML_Parser */
    int mode;
    int depth_skip;      /* inside <rPh> (phonetic guide) */
    int in_text;         /* collecting character data */
    char *buf;           /* collected text */
    size_t len, cap;
    char error[160];
    int stopped;
    /* per mode */
    xlsx_sheets *sheets;
    xlsx_string_fn on_string;
    xlsx_style_fn on_style;
    xlsx_cell_fn on_cell;
    void *ctx;
    int sheet, row, col, next_col, style, in_xfs, xf_index, in_value;
    xlsx_type type;
    int *custom_date;    /* styles: numFmtIds of custom date formats */
    int ncustom;
    char **title, **creator;
    int meta_field;
} xlsx_xml;

void xlsx_xml_workbook(xlsx_xml *x, xlsx_sheets *out);
void xlsx_xml_rels(xlsx_xml *x, xlsx_sheets *out);
void xlsx_xml_strings(xlsx_xml *x, xlsx_string_fn fn, void *ctx);
void xlsx_xml_styles(xlsx_xml *x, xlsx_style_fn fn, void *ctx);
void xlsx_xml_sheet(xlsx_xml *x, int sheet, xlsx_cell_fn fn, void *ctx);
void xlsx_xml_core(xlsx_xml *x, char **title, char **creator);
/* Feed a chunk (final: the last one); -1 with x->error on a problem. */
int xlsx_xml_feed(xlsx_xml *x, const char *data, size_t len, int final);
void xlsx_xml_free(xlsx_xml *x);

/* Each sheet's part name from its relationship id; -1 if one is missing. */
int xlsx_sheets_resolve(xlsx_sheets *s);
void xlsx_sheets_free(xlsx_sheets *s);

#endif
