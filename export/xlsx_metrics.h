/*
 * xlsx_metrics.h — how much room text takes on the printed sheet.
 *
 * Excel and LibreOffice do not grow a row for text written by a program,
 * and page breaks must be placed before either prints, so pia computes
 * every row's height itself.  The two programs measure differently: Excel
 * sizes a column from the Normal style's digit width (ＭＳ 明朝 10 pt: 7 px
 * a unit) and draws ＭＳ 明朝's lines about 12 pt apart; LibreOffice, with
 * IPAex明朝 standing in, makes a unit 6.15 pt wide and lines 10 pt apart.
 * A workbook is laid out for the program that will print it: Excel for the
 * XLSX a user opens, LibreOffice for the one pia converts to PDF.  Both
 * err towards a row slightly too tall, never one that cuts text.
 */
#ifndef PIA_XLSX_METRICS_H
#define PIA_XLSX_METRICS_H

typedef enum pia_xlsx_target {
    PIA_XLSX_EXCEL = 0,       /* the XLSX as delivered */
    PIA_XLSX_LIBREOFFICE      /* the XLSX pia prints to PDF */
} pia_xlsx_target;

typedef struct xl_metrics {
    pia_xlsx_target target;
    double line_pt;           /* one line of 10 pt text */
    double pad_pt;            /* above and below the text of a row */
    double page_pt;           /* printable height of an A4 page, less a margin of safety */
    double page_w_pt;         /* printable width */
    int max_lines;            /* lines in one row (Excel caps a row at 409 pt) */
} xl_metrics;

void xl_metrics_init(xl_metrics *m, pia_xlsx_target target, int landscape);

/* Room for text, in quarter-ems of 10 pt text (linebreak.h's unit), in the
 * cells spanning columns c0..c1 of `widths`, less `indent` levels. */
int xl_text_cap(const xl_metrics *m, const double *widths, int c0, int c1, int indent);

/* Lines `text` takes in a cell `cap` quarter-ems wide, at `size` pt. */
int xl_text_lines(const char *text, int cap, double size);

/* Height in points of a row of `lines` lines of `size` pt text. */
double xl_row_height(const xl_metrics *m, int lines, double size);

/* Lines of 10 pt text that fit in `pt` points of a row. */
int xl_lines_in(const xl_metrics *m, double pt);

/* Printed width of columns c0..c1 in points. */
double xl_cols_pt(const xl_metrics *m, const double *widths, int c0, int c1);

#endif
