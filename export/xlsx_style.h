/*
 * xlsx_style.h — the cell formats of the statutory sheet: one Mincho face
 * throughout (ＭＳ 明朝, also the workbook's Normal style, so both Excel and
 * LibreOffice size columns from the font the cells use), bold where the
 * form is bold, borders as its boxes.  Formats are made on first use for
 * each combination of style, indent and open top/bottom edge (a long
 * answer continued in the row below shows as one box).
 */
#ifndef PIA_XLSX_STYLE_H
#define PIA_XLSX_STYLE_H

#include <xlsxwriter.h>

#define XL_FONT "ＭＳ 明朝"
#define XL_FONT_SIZE 10.0

typedef enum xl_style {
    XL_S_PLAIN,       /* no border: spacers */
    XL_S_TITLE,       /* the form's title on the cover: 16 pt bold, centred */
    XL_S_PAGE_TITLE,  /* 項目一覧: 12 pt bold, centred */
    XL_S_BAND,        /* a section's band: bold, shaded, across the sheet */
    XL_S_HEAD,        /* a numbered item's heading (1. …): bold, lightly shaded */
    XL_S_SUBHEAD,     /* リスク1： …, システム1, 再委託: lightly shaded */
    XL_S_LABEL,       /* ①事務の名称 */
    XL_S_TEXT,        /* an answer */
    XL_S_CHOICE,      /* [ 十分である ]: centred */
    XL_S_OPTIONS,     /* <選択肢> 1) … */
    XL_S_CAPTION,     /* a cover or table header cell: centred, shaded */
    XL_S_CENTRE,      /* a cover value: centred */
    XL_S_STAMP,       /* [平成30年5月 様式4]: right, no border */
    XL_NSTYLES
} xl_style;

#define XL_MAX_INDENT 4

/* What a format sets.  Styles that print alike (an answer, a label and
 * an option list; open edges where a style has no border) get the same
 * spec and so share one format: libxlsxwriter keeps the index of the first
 * format with given properties only, and looks every later twin up again
 * by hashing the whole format for each cell written with it. */
typedef struct xl_spec {
    double size;
    int bold, shade, indent;
    uint8_t align, valign, top, bottom, sides;
} xl_spec;

#define XL_MAX_KINDS 64

typedef struct xl_styles {
    lxw_workbook *wb;
    lxw_format *made[XL_NSTYLES][XL_MAX_INDENT + 1][2][2];
    struct { xl_spec spec; lxw_format *format; } kinds[XL_MAX_KINDS];   /* formats made, by spec */
    int nkinds;
} xl_styles;

/* Also sets the workbook's Normal style to ＭＳ 明朝 10 pt. */
void xl_styles_init(xl_styles *s, lxw_workbook *wb);

/* For workbooks with formats of their own (comparison, review): the
 * Normal style and a format's font in ＭＳ 明朝. */
void xl_normal_font(lxw_workbook *wb);
void xl_set_font(lxw_format *f, double size);

/* Page setup shared by every printed sheet: A4, one page wide, margins,
 * gridlines off; landscape for the reviewers' wide tables. */
void xl_page_setup(lxw_worksheet *ws, int landscape);

/* `open_top` / `open_bottom`: the box continues from above / below. */
lxw_format *xl_format(xl_styles *s, xl_style style, int indent, int open_top, int open_bottom);

/* The point size a style prints at. */
double xl_style_size(xl_style style);

#endif
