/*
 * text.c — the form as printed, in plain UTF-8 text.
 *
 * One line per heading and per item, in template order, labels at the start
 * of their line: a one-line answer follows its label after a tab, a longer
 * one follows on the next lines indented by two spaces.  Per-file sections
 * carry a "（1）NAME" line naming the 特定個人情報ファイル.  Every label is
 * printed even when unanswered, so a reviewer sees what is still open.
 */
#include "export.h"
#include "model/format.h"
#include "model/walk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct text_ctx {
    FILE *out;
    const pia_doc *doc;
} text_ctx;

static void put_visible(FILE *out, const char *s)
{
    char *v = pia_text_visible(s);
    fputs(v, out);
    free(v);
}

/* A multi-line answer: each line indented so it cannot pass for a label. */
static void put_block(FILE *out, const char *s)
{
    char *v = pia_text_visible(s);
    char *line = v;
    for (;;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        fprintf(out, "  %s\n", line);
        if (!nl)
            break;
        line = nl + 1;
    }
    free(v);
}

static void put_answer(FILE *out, const char *heading, const char *answer)
{
    fputs(heading, out);
    if (!answer || !*answer) {
        fputc('\n', out);
    } else if (strchr(answer, '\n')) {
        fputc('\n', out);
        put_block(out, answer);
    } else {
        fputc('\t', out);
        put_visible(out, answer);
        fputc('\n', out);
    }
}

/* Text of an auto-filled name: this file's, or every file's when the item
 * is answered once per assessment. */
static char *autofill_text(const pia_doc *doc, const pia_row *row)
{
    if (row->file > 0)
        return pia_xstrdup(row->file <= doc->nfiles ? doc->files[row->file - 1].name : "");
    size_t cap = 1;
    for (int i = 0; i < doc->nfiles; i++)
        cap += strlen(doc->files[i].name) + 32;
    char *s = pia_xcalloc(1, cap);
    size_t len = 0;
    for (int i = 0; i < doc->nfiles; i++)
        len += (size_t)snprintf(s + len, cap - len, "%s（%d）%s", i ? "\n" : "", i + 1,
                                doc->files[i].name);
    return s;
}

static void put_group(text_ctx *c, const pia_row *row)
{
    char *h = pia_node_heading(row->node);
    if (row->node->repeat)
        fprintf(c->out, "%s%d", h, row->inst);
    else
        fputs(h, c->out);
    if (row->na && (!row->node->parent || !row->node->parent->repeat))
        fputs("\t（該当なし）", c->out);
    fputc('\n', c->out);
    free(h);
    /* Name the file at the head of each per-file section. */
    if (row->depth == 0 && row->node->per_file && row->file > 0 && row->file <= c->doc->nfiles)
        fprintf(c->out, "（%d）%s\n", row->file, c->doc->files[row->file - 1].name);
}

static int text_row(const pia_row *row, void *ctx)
{
    text_ctx *c = ctx;
    const pia_node *n = row->node;
    if (n->kind == PIA_GROUP) {
        if (row->depth == 0)
            fputc('\n', c->out);
        put_group(c, row);
        return 0;
    }
    char *h = pia_node_heading(n);
    char *a = NULL;
    switch (n->kind) {
    case PIA_CHECK:
        free(h);
        h = pia_format_check(n, row->value);
        break;
    case PIA_CHOICE:
        a = pia_format_choice(n, row->value);
        break;
    case PIA_TEXT:
        a = n->autofill ? autofill_text(c->doc, row)
                        : pia_xstrdup(row->value ? row->value->value : "");
        break;
    case PIA_GROUP:
        break;
    }
    put_answer(c->out, h, a);
    free(h);
    free(a);
    return 0;
}

int pia_export_text(const pia_form *form, const pia_doc *doc, FILE *out, pia_err *err)
{
    text_ctx c = { .out = out, .doc = doc };
    fprintf(out, "%s\n", form->title);
    if (doc->title[0])
        fprintf(out, "%s\n", doc->title);
    pia_walk(form, doc, text_row, &c);
    if (fflush(out) != 0 || ferror(out))
        return pia_fail(err, errno == ENOSPC || errno == EFBIG ? PIA_EFULL : PIA_EIO,
                        "テキストを書き出せません（%s）", strerror(errno));
    return 0;
}
