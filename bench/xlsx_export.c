/*
 * xlsx_export.c — one assessment exported as the statutory sheet many times
 * in one process, the way the in-process peer is measured: no process
 * start, no template parse in the figure (both are paid once, before the
 * timer), but each round loads the assessment from SQLite again and writes
 * the workbook (temporary name, sync, rename) as `pia export` does.
 *
 *   xlsx_export DB ID ROUNDS OUT.xlsx
 *
 * Prints key=value lines: rounds, cpu_ms and wall_ms per round (the best
 * round, and the mean), CPU time of this process (one thread).
 */
#include "export/export.h"
#include "model/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double ms(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int round_trip(pia_store *st, long id, const pia_form *form, const char *out, pia_err *err)
{
    pia_doc *doc;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    int rc = pia_export_xlsx(form, doc, out, err);
    pia_doc_free(doc);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: xlsx_export DB ID ROUNDS OUT.xlsx\n");
        return 2;
    }
    long id = atol(argv[2]);
    int rounds = atoi(argv[3]);
    pia_err err = { 0 };
    pia_store *st;
    pia_doc *doc;
    pia_form *form;
    if (pia_store_open(argv[1], PIA_STORE_READONLY, &st, &err) || pia_store_load(st, id, &doc, &err) ||
        pia_form_load_named(doc->template_name, &form, &err)) {
        fprintf(stderr, "xlsx_export: %s\n", err.msg);
        return 1;
    }
    pia_doc_free(doc);
    double best_c = 1e30, best_w = 1e30, sum_c = 0, sum_w = 0;
    for (int r = 0; r < rounds; r++) {
        double c0 = ms(CLOCK_PROCESS_CPUTIME_ID), w0 = ms(CLOCK_MONOTONIC);
        if (round_trip(st, id, form, argv[4], &err)) {
            fprintf(stderr, "xlsx_export: %s\n", err.msg);
            return 1;
        }
        double c = ms(CLOCK_PROCESS_CPUTIME_ID) - c0, w = ms(CLOCK_MONOTONIC) - w0;
        sum_c += c;
        sum_w += w;
        if (c < best_c) best_c = c;
        if (w < best_w) best_w = w;
    }
    printf("rounds=%d\ncpu_ms=%.3f\nwall_ms=%.3f\nmean_cpu_ms=%.3f\nmean_wall_ms=%.3f\n",
           rounds, best_c, best_w, sum_c / rounds, sum_w / rounds);
    pia_form_free(form);
    pia_store_close(st);
    return 0;
}
