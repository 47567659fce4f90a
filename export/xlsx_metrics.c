/*
 * xlsx_metrics.c — sizes on the printed sheet (see xlsx_metrics.h).
 * The constants were measured: LibreOffice 7.4's PDF of a workbook whose
 * Normal style is ＭＳ 明朝 10 pt printed through IPAex明朝 (column unit,
 * line pitch, where text starts in a cell); Excel's from its documented
 * column width rule (7 px a unit plus 5 px padding at 96 dpi).
 */
#include "xlsx_metrics.h"
#include "model/linebreak.h"

#define A4_W 595.3
#define A4_H 841.9
#define MARGIN_LR 36.0        /* 0.5 inch */
#define MARGIN_TB 54.0        /* 0.75 inch, headers and footers inside */
#define SAFETY 14.0           /* rounding in either program never pushes a row over */

void xl_metrics_init(xl_metrics *m, pia_xlsx_target target, int landscape)
{
    m->target = target;
    double h = landscape ? A4_W : A4_H, w = landscape ? A4_H : A4_W;
    m->page_pt = h - 2 * MARGIN_TB - SAFETY;
    m->page_w_pt = w - 2 * MARGIN_LR;
    if (target == PIA_XLSX_EXCEL) {
        m->line_pt = 12.75;   /* ＭＳ 明朝 10 pt rows are 12 pt; a little more, never cut */
        m->pad_pt = 3.0;
    } else {
        m->line_pt = 10.15;   /* IPAex明朝 10 pt lines are 10 pt apart; pia breaks them */
        m->pad_pt = 4.0;
    }
    m->max_lines = (int)((409.0 - m->pad_pt) / m->line_pt);
}

double xl_cols_pt(const xl_metrics *m, const double *widths, int c0, int c1)
{
    double pt = 0;
    for (int c = c0; c <= c1; c++) {
        if (m->target == PIA_XLSX_EXCEL)
            pt += (7.0 * widths[c] + 5.0) * 0.75;
        else
            pt += (widths[c] + 0.71) * 6.15;
    }
    return pt;
}

int xl_text_cap(const xl_metrics *m, const double *widths, int c0, int c1, int indent)
{
    /* Excel draws text 2–3 px in from each border; LibreOffice about 1 pt,
     * and 2 pt more are kept so text broken into lines by pia never wraps
     * again.  An indent level is about 9 pt in both. */
    double pt = xl_cols_pt(m, widths, c0, c1);
    double inset = m->target == PIA_XLSX_EXCEL ? 6.0 * 0.75 : 5.0;
    double indent_pt = indent * 10.0;
    int cap = (int)((pt - inset - indent_pt) / 2.5);
    return cap > PIA_LB_QUARTERS ? cap : PIA_LB_QUARTERS;
}

int xl_text_lines(const char *text, int cap, double size)
{
    /* Larger text takes proportionally more of the same width. */
    int scaled = (int)(cap * 10.0 / size);
    return pia_lb_lines(text, scaled > PIA_LB_QUARTERS ? scaled : PIA_LB_QUARTERS, pia_lb_print_width);
}

double xl_row_height(const xl_metrics *m, int lines, double size)
{
    double h = lines * m->line_pt * size / 10.0 + m->pad_pt;
    return h > 409.0 ? 409.0 : h;
}

int xl_lines_in(const xl_metrics *m, double pt)
{
    int n = (int)((pt - m->pad_pt) / m->line_pt);
    return n < 0 ? 0 : n > m->max_lines ? m->max_lines : n;
}
