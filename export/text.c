/*
 * text.c — the form as printed (model/print.h), in plain UTF-8 text.
 *
 * One line per printed row, in the form's order, labels at the start of
 * their line: a one-line answer follows its label after a tab, a longer
 * one follows on the next lines indented by two spaces.  Per-file sections
 * carry a "（1）NAME" line naming the 特定個人情報ファイル; the cover ends with
 * the edition stamp ([平成30年5月 様式4]).  Every label is
 * printed even when unanswered, so a reviewer sees what is still open.
 * The print model has already made control characters visible and turned
 * tabs into spaces, so the only tab on a line is the one after its label.
 */
#include "export.h"
#include "model/format.h"
#include "model/print.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A multi-line answer: each line indented so it cannot pass for a label. */
static void put_block(FILE *out, const char *s)
{
    for (const char *line = s;;) {
        const char *nl = strchr(line, '\n');
        int n = nl ? (int)(nl - line) : (int)strlen(line);
        fprintf(out, "  %.*s\n", n, line);
        if (!nl)
            return;
        line = nl + 1;
    }
}

static void put_answer(FILE *out, const char *heading, const char *answer)
{
    fputs(heading, out);
    if (!*answer) {
        fputc('\n', out);
    } else if (strchr(answer, '\n')) {
        fputc('\n', out);
        put_block(out, answer);
    } else {
        fprintf(out, "%s%s\n", *heading ? "\t" : "", answer);
    }
}

static void put_row(FILE *out, const pia_prow *r)
{
    if (r->kind == PIA_P_SECTION) {
        fputc('\n', out);
        put_answer(out, r->heading, r->answer);
        if (r->file_name)
            fprintf(out, "（%d）%s\n", r->file, r->file_name);
        return;
    }
    if (r->kind == PIA_P_CHOICE && !r->na_head) {
        char *a = pia_xasprintf("%s %s", r->answer, r->options);
        put_answer(out, r->heading, a);
        free(a);
        return;
    }
    put_answer(out, r->heading, r->answer);
}

int pia_export_text(const pia_form *form, const pia_doc *doc, FILE *out, pia_err *err)
{
    pia_print p;
    pia_print_build(form, doc, &p);
    fprintf(out, "%s\n", form->title);
    if (doc->title[0]) {
        char *t = pia_text_visible(doc->title);
        fprintf(out, "%s\n", t);
        free(t);
    }
    /* The cover ends with the 様式's edition stamp, as the sheet prints it. */
    int cover = 0;
    for (int i = 0; i < p.n; i++) {
        const pia_prow *r = &p.rows[i];
        if (r->kind == PIA_P_SECTION) {
            if (cover)
                fprintf(out, "%s\n", form->edition);
            cover = r->node->layout && !strcmp(r->node->layout, "cover");
        }
        put_row(out, r);
    }
    if (cover)
        fprintf(out, "%s\n", form->edition);
    pia_print_free(&p);
    if (fflush(out) != 0 || ferror(out))
        return pia_fail(err, errno == ENOSPC || errno == EFBIG ? PIA_EFULL : PIA_EIO,
                        "テキストを書き出せません（%s）", pia_errno_ja(errno));
    return 0;
}
