/*
 * xlsx_style.c — cell formats of the statutory sheet (see xlsx_style.h).
 */
#include "xlsx_style.h"

#include <string.h>

#define FAMILY_ROMAN 1        /* a serif face: Mincho */
#define CHARSET_SHIFTJIS 128  /* what Excel writes for Japanese fonts */
#define SHADE_BAND 0xD9D9D9
#define SHADE_HEAD 0xEDEDED

void xl_set_font(lxw_format *f, double size)
{
    format_set_font_name(f, XL_FONT);
    format_set_font_size(f, size);
    format_set_font_family(f, FAMILY_ROMAN);
    format_set_font_charset(f, CHARSET_SHIFTJIS);
}

void xl_styles_init(xl_styles *s, lxw_workbook *wb)
{
    *s = (xl_styles){ .wb = wb };
    xl_normal_font(wb);
}

/* libxlsxwriter 1.1.4 has no option for the default font: its Normal
 * style is the first format of the workbook (Calibri 11), which no cell
 * here uses.  Excel and LibreOffice measure every column width in that
 * font's digits, so it is made the font the cells use. */
void xl_normal_font(lxw_workbook *wb)
{
    lxw_format *normal = STAILQ_FIRST(wb->formats);
    if (normal)
        xl_set_font(normal, XL_FONT_SIZE);
}

void xl_page_setup(lxw_worksheet *ws, int landscape)
{
    worksheet_set_paper(ws, 9);                 /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);           /* one page wide, as many long as needed */
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    worksheet_center_horizontally(ws);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
}

double xl_style_size(xl_style style)
{
    return style == XL_S_TITLE ? 16.0 : style == XL_S_PAGE_TITLE ? 12.0 : XL_FONT_SIZE;
}

static int has_edges(xl_style style)
{
    return style != XL_S_PLAIN && style != XL_S_TITLE && style != XL_S_PAGE_TITLE && style != XL_S_STAMP;
}

static xl_spec spec_of(xl_style style, int indent, int open_top, int open_bottom)
{
    xl_spec p;
    memset(&p, 0, sizeof p);       /* padding too: specs are compared with memcmp */
    p.size = xl_style_size(style);
    p.indent = indent;
    p.valign = LXW_ALIGN_VERTICAL_TOP;
    if (has_edges(style)) {
        p.sides = LXW_BORDER_THIN;
        p.top = open_top ? LXW_BORDER_NONE : LXW_BORDER_THIN;
        p.bottom = open_bottom ? LXW_BORDER_NONE : LXW_BORDER_THIN;
    }
    switch (style) {
    case XL_S_TITLE:
    case XL_S_PAGE_TITLE:
        p.bold = 1;
        p.align = LXW_ALIGN_CENTER;
        p.valign = LXW_ALIGN_VERTICAL_CENTER;
        break;
    case XL_S_BAND:
        p.bold = 1;
        p.shade = SHADE_BAND;
        p.valign = LXW_ALIGN_VERTICAL_CENTER;
        break;
    case XL_S_HEAD:
        p.bold = 1;
        p.shade = SHADE_HEAD;
        break;
    case XL_S_SUBHEAD:
    case XL_S_CAPTION:
        p.shade = SHADE_HEAD;
        if (style == XL_S_CAPTION)
            p.align = LXW_ALIGN_CENTER;
        break;
    case XL_S_CHOICE:
    case XL_S_CENTRE:
        p.align = LXW_ALIGN_CENTER;
        break;
    case XL_S_STAMP:
        p.align = LXW_ALIGN_RIGHT;
        p.valign = LXW_ALIGN_VERTICAL_BOTTOM;
        break;
    default:
        break;
    }
    return p;
}

static lxw_format *make(xl_styles *s, const xl_spec *p)
{
    lxw_format *f = workbook_add_format(s->wb);
    xl_set_font(f, p->size);
    format_set_text_wrap(f);
    if (p->align)
        format_set_align(f, p->align);
    format_set_align(f, p->valign);
    if (p->sides) {
        format_set_left(f, p->sides);
        format_set_right(f, p->sides);
        format_set_top(f, p->top);
        format_set_bottom(f, p->bottom);
    }
    if (p->indent > 0)
        format_set_indent(f, (uint8_t)p->indent);
    if (p->bold)
        format_set_bold(f);
    if (p->shade)
        format_set_bg_color(f, (lxw_color_t)p->shade);
    return f;
}

/* The format for spec p: one already made with the same spec, or a new one. */
static lxw_format *format_for(xl_styles *s, const xl_spec *p)
{
    for (int i = 0; i < s->nkinds; i++)
        if (memcmp(&s->kinds[i].spec, p, sizeof *p) == 0)
            return s->kinds[i].format;
    lxw_format *f = make(s, p);
    if (s->nkinds < XL_MAX_KINDS) {
        s->kinds[s->nkinds].spec = *p;
        s->kinds[s->nkinds++].format = f;
    }
    return f;
}

lxw_format *xl_format(xl_styles *s, xl_style style, int indent, int open_top, int open_bottom)
{
    if (indent > XL_MAX_INDENT)
        indent = XL_MAX_INDENT;
    if (indent < 0)
        indent = 0;
    open_top = !!open_top;
    open_bottom = !!open_bottom;
    lxw_format **slot = &s->made[style][indent][open_top][open_bottom];
    if (!*slot) {
        xl_spec p = spec_of(style, indent, open_top, open_bottom);
        *slot = format_for(s, &p);
    }
    return *slot;
}
