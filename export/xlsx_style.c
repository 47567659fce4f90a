/*
 * xlsx_style.c — cell formats of the statutory sheet (see xlsx_style.h).
 */
#include "xlsx_style.h"

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

static void set_edges(lxw_format *f, xl_style style, int open_top, int open_bottom)
{
    if (style == XL_S_PLAIN || style == XL_S_TITLE || style == XL_S_PAGE_TITLE ||
        style == XL_S_STAMP)
        return;
    format_set_left(f, LXW_BORDER_THIN);
    format_set_right(f, LXW_BORDER_THIN);
    format_set_top(f, open_top ? LXW_BORDER_NONE : LXW_BORDER_THIN);
    format_set_bottom(f, open_bottom ? LXW_BORDER_NONE : LXW_BORDER_THIN);
}

static lxw_format *make(xl_styles *s, xl_style style, int indent, int open_top, int open_bottom)
{
    lxw_format *f = workbook_add_format(s->wb);
    xl_set_font(f, xl_style_size(style));
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    set_edges(f, style, open_top, open_bottom);
    if (indent > 0)
        format_set_indent(f, (uint8_t)indent);
    switch (style) {
    case XL_S_TITLE:
    case XL_S_PAGE_TITLE:
        format_set_bold(f);
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        break;
    case XL_S_BAND:
        format_set_bold(f);
        format_set_bg_color(f, SHADE_BAND);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        break;
    case XL_S_HEAD:
        format_set_bold(f);
        format_set_bg_color(f, SHADE_HEAD);
        break;
    case XL_S_SUBHEAD:
    case XL_S_CAPTION:
        format_set_bg_color(f, SHADE_HEAD);
        if (style == XL_S_CAPTION)
            format_set_align(f, LXW_ALIGN_CENTER);
        break;
    case XL_S_CHOICE:
    case XL_S_CENTRE:
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
    case XL_S_STAMP:
        format_set_align(f, LXW_ALIGN_RIGHT);
        format_set_align(f, LXW_ALIGN_VERTICAL_BOTTOM);
        break;
    default:
        break;
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
    if (!*slot)
        *slot = make(s, style, indent, open_top, open_bottom);
    return *slot;
}
