/*
 * cmd_diff.c — `pia diff A [B] [--format text|xlsx] [-o FILE] [--all]
 * [--color auto|always|never]`: what changed from A to B.
 *
 * A and B are ID (the live draft), ID@N or ID@LABEL (versions); B defaults
 * to A's live draft, so `pia diff 12@提出版` shows what the draft changed
 * since submission.  Unchanged items are hidden unless --all.  Colour only
 * on a terminal without NO_COLOR (or when forced); otherwise the changes
 * are marked [-deleted-] and {+inserted+}.  Exit 0 whether or not the
 * sides differ (differences are the answer, not a failure).
 */
#include "cli.h"
#include "args.h"
#include "export/diff.h"
#include "export/export.h"
#include "model/version.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct side {
    pia_doc *doc;
    pia_version v;
    char *name;
} side;

static void side_free(side *s)
{
    pia_doc_free(s->doc);
    pia_version_clear(&s->v);
    free(s->name);
}

static int load_side(pia_store *st, const char *ref, side *s, pia_err *err)
{
    memset(s, 0, sizeof *s);
    if (pia_ref_load(st, ref, &s->doc, &s->v, err))
        return -1;
    s->name = pia_ref_describe(s->doc->id, &s->v);
    return 0;
}

/* A reference naming the live draft of the same assessment as `ref`. */
static char *live_of(const char *ref)
{
    const char *at = strchr(ref, '@');
    return at ? pia_xstrndup(ref, (size_t)(at - ref)) : pia_xstrdup(ref);
}

static int want_color(const char *mode, const char *path)
{
    if (strcmp(mode, "always") == 0)
        return 1;
    if (strcmp(mode, "never") == 0 || path)
        return 0;
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
}

static int write_diff(const pia_cmp *c, const char *format, const pia_diff_opts *o,
                      const char *path, pia_err *err)
{
    if (strcmp(format, "xlsx") == 0)
        return pia_export_diff_xlsx(c, o, path, err);
    if (!path)
        return pia_export_diff_text(c, o, stdout, err);
    pia_out out;
    if (pia_out_open(&out, path, 0600, err))
        return -1;
    if (pia_export_diff_text(c, o, out.fp, err)) {
        pia_out_abort(&out);
        return -1;
    }
    return pia_out_commit(&out, err);
}

static int compare(pia_store *st, const char *ra, const char *rb, const char *format,
                   const char *path, int flags, int color, pia_err *err)
{
    side a, b;
    if (load_side(st, ra, &a, err))
        return -1;
    if (load_side(st, rb, &b, err)) {
        side_free(&a);
        return -1;
    }
    int rc = -1;
    pia_form *form = NULL;
    if (strcmp(a.doc->template_name, b.doc->template_name) != 0) {
        pia_fail(err, PIA_EINVAL, "様式が異なるため比較できません: %s（%s）と %s（%s）",
                 a.name, a.doc->template_name, b.name, b.doc->template_name);
    } else if (!pia_form_load_named(a.doc->template_name, &form, err)) {
        pia_cmp *c = pia_compare(form, a.doc, b.doc, flags);
        pia_diff_opts o = { .color = color, .label_a = a.name, .label_b = b.name,
                            .style = pia_cli_term_style };
        rc = write_diff(c, format, &o, path, err);
        pia_cmp_free(c);
        pia_form_free(form);
    }
    side_free(&a);
    side_free(&b);
    return rc;
}

typedef struct diff_args {
    const char *format, *path, *color, *ra, *rb;   /* rb NULL: A's live draft */
    int flags;
} diff_args;

static int parse(pia_run *r)
{
    diff_args *a = r->args;
    *a = (diff_args){ .format = "text", .color = "auto" };
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "all", no_argument, NULL, 'a' },
        { "color", required_argument, NULL, 'c' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "o:", opts)) != -1;) {
        if (c == 'f') a->format = optarg;
        else if (c == 'o') a->path = optarg;
        else if (c == 'a') a->flags |= PIA_CMP_WITH_SAME;
        else if (c == 'c') a->color = optarg;
        else return PIA_RUN_USAGE;
    }
    int nargs = r->argc - optind;
    int fmt_ok = strcmp(a->format, "text") == 0 || (strcmp(a->format, "xlsx") == 0 && a->path);
    const char *color = a->color;
    int color_ok = !strcmp(color, "auto") || !strcmp(color, "always") || !strcmp(color, "never");
    long id;
    const char *spec;
    if (nargs < 1 || nargs > 2 || !fmt_ok || !color_ok)
        return PIA_RUN_USAGE;
    for (int i = optind; i < r->argc; i++)
        if (pia_ref_parse(r->argv[i], &id, &spec))
            return PIA_RUN_USAGE;
    a->ra = r->argv[optind];
    a->rb = nargs == 2 ? r->argv[optind + 1] : NULL;
    return 0;
}

static int run(pia_run *r)
{
    const diff_args *a = r->args;
    char *rb = a->rb ? pia_xstrdup(a->rb) : live_of(a->ra);
    int colour = want_color(a->color, a->path);
    if (colour && strcmp(a->format, "text") == 0 && !a->path)
        pia_cli_guard_stdout_always();   /* colours go where escapes are obeyed: stored text must not */
    int rc = compare(r->st, a->ra, rb, a->format, a->path, a->flags, colour, &r->err);
    free(rb);
    return rc ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_diff = {
    .name = "diff",
    .usage = "diff A [B] [--format text|xlsx] [-o FILE] [--all] [--color auto|always|never]（A, B: ID, ID@版番号, ID@版名）",
    .summary = "版の比較", .flags = CMD_STORE, .args_size = sizeof(diff_args), .parse = parse, .run = run,
};
