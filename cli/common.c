/*
 * common.c — helpers shared by the commands: opening the store, reporting
 * errors, parsing ids, loading an assessment with its template.
 */
#include "cli.h"
#include "args.h"
#include "model/version.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int pia_cli_db_path(pia_cli *cli, char *buf, size_t n)
{
    pia_err err = { 0 };
    if (cli->db_path) {
        if ((size_t)snprintf(buf, n, "%s", cli->db_path) < n)
            return 0;
        pia_fail(&err, PIA_EINVAL, "%s: パスが長すぎます", cli->db_path);
    } else if (pia_store_default_path(buf, n, &err) == 0) {
        return 0;
    }
    pia_cli_error(&err);
    return -1;
}

/* A mistyped --db must not become a new, empty database that `list`
 * reports as empty with exit 0. */
int pia_cli_db_exists(pia_cli *cli, const char *path, int may_create)
{
    if (may_create || cli->create || access(path, F_OK) == 0)
        return 0;
    fprintf(stderr, "pia: %s: データベースがありません（作成するのは pia new・pia import、"
                    "または --create を付けたときだけです）\n", path);
    return -1;
}

int pia_cli_open_store(pia_cli *cli, int flags, pia_store **st)
{
    pia_err err = { 0 };
    char path[4096];
    if (pia_cli_db_path(cli, path, sizeof path) ||
        pia_cli_db_exists(cli, path, flags & PIA_STORE_CREATE))
        return -1;
    if (!(flags & PIA_STORE_CREATE) && !cli->create)
        flags |= PIA_STORE_NOCREATE;
    if (pia_store_open(path, flags, st, &err)) {
        pia_cli_error(&err);
        return -1;
    }
    return 0;
}

void pia_cli_error(const pia_err *err)
{
    fprintf(stderr, "pia: %s\n", err->msg[0] ? err->msg : "不明なエラー");
}

void pia_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pia: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Digits only: strtol alone would take " 12", "+12" or "12abc"'s prefix. */
int pia_cli_parse_id(const char *s, long *id)
{
    if (!s || !*s)
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno || v <= 0)
        return -1;
    *id = v;
    return 0;
}

/* Says on stderr when the assessment was written with another template
 * than `form` (model/form.h: pia_form_mismatch). */
static void template_note(const pia_doc *doc, const pia_form *form)
{
    char *note = pia_form_mismatch(form, doc->template_sha);
    if (note)
        fprintf(stderr, "pia: 注意: 評価書 %ld: %s\n", doc->id, note);
    free(note);
}

/* Says on stderr when answers are stored for items `form` does not have
 * (a template edited or replaced since): they are kept, but nothing shows
 * them, and the note above is gone after the first save with the new
 * template, so this one is said as long as they exist. */
static void stray_note(pia_store *st, const pia_doc *doc, const pia_form *form)
{
    int n;
    char *first;
    if (pia_store_stray_items(st, doc->id, form, &n, &first, NULL))
        return;
    if (n)
        fprintf(stderr, "pia: 注意: 評価書 %ld: テンプレート %s（%s）にない項目の回答が %d 件あります（%s%s）。"
                "回答は消さずに保存してありますが、表示・確認・書き出しには出ません。"
                "その項目のあるテンプレートで開けば見えます\n", doc->id, form->name,
                form->path ? form->path : "", n, first, n > 3 ? " ほか" : "");
    free(first);
}

int pia_cli_load(pia_store *st, const char *idstr, pia_form **form, pia_doc **doc)
{
    pia_err err = { 0 };
    long id;
    const char *spec;
    *form = NULL;
    *doc = NULL;
    /* "12", or a version: "12@3", "12@提出版" (model/version.h). */
    if (pia_ref_parse(idstr, &id, &spec)) {
        pia_cli_usage_error("評価書の ID が正しくありません: %s", idstr);
        return PIA_EXIT_USAGE;
    }
    if (pia_ref_load(st, idstr, doc, NULL, &err) || pia_form_load_named((*doc)->template_name, form, &err)) {
        pia_cli_error(&err);
        pia_doc_free(*doc);
        *doc = NULL;
        return PIA_EXIT_FAIL;
    }
    template_note(*doc, *form);
    stray_note(st, *doc, *form);
    return PIA_EXIT_OK;
}
