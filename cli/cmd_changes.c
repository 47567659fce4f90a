/*
 * cmd_changes.c — `pia changes ID [--from REF] [--date DATE] [--timing 事前|事後]
 * [--dry-run]`: propose the （別添3）変更箇所 rows.
 *
 * Compares REF (default: the last version marked submitted) with the live
 * draft of ID and appends one row per change to the draft's 別添3 table,
 * where staff edit them (提出時期 and its explanation are judgements) and
 * every export prints them.  DATE is the 変更日 (default today, printed as
 * 令和N年M月D日).  --dry-run prints the rows (tab-separated, one per line,
 * newlines inside a cell shown as ⏎) and stores nothing.  Prints the
 * number of rows added.
 */
#include "cli.h"
#include "args.h"
#include "model/changes.h"
#include "model/version.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct opts {
    const char *from, *date, *timing;
    int dry_run;
    long id;
} opts;

static void put_cell(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            fputs("⏎", stdout);
        else if (*s == '\t')
            fputc(' ', stdout);
        else
            fputc(*s, stdout);
    }
}

static void print_rows(const pia_change_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        const char *cells[] = { rows[i].date, rows[i].item, rows[i].before, rows[i].after,
                                rows[i].timing, rows[i].reason };
        for (int k = 0; k < 6; k++) {
            if (k)
                fputc('\t', stdout);
            put_cell(cells[k]);
        }
        fputc('\n', stdout);
    }
}

/* The older side: --from, else the last submitted version. */
static char *from_ref(pia_store *st, long id, const opts *o, pia_err *err)
{
    if (o->from)
        return pia_xstrdup(o->from);
    pia_version v;
    if (pia_version_last_submitted(st, id, &v, err))
        return NULL;
    char *ref = pia_xasprintf("%ld@%d", id, v.n);
    pia_version_clear(&v);
    return ref;
}

/* The rows from the older side `a` to the draft: printed (--dry-run) or
 * appended to the draft's 別添3 table. */
static int append_rows(pia_run *r, const pia_doc *a, const pia_changes_table *t)
{
    const opts *o = r->args;
    pia_cmp *c = pia_compare(r->form, a, r->doc, 0);
    char *date = o->date ? pia_changes_wareki(o->date) : pia_changes_today();
    pia_change_row *rows;
    int n, rc = 0;
    pia_changes_rows(c, t, date, o->timing, &rows, &n);
    int there = pia_changes_present(r->doc, t, rows, n, NULL);
    if (there)   /* as the TUI's proposal says it: a second run appends again */
        fprintf(stderr, "pia changes: このうち %d 行は同じ項目・変更後の記載で（別添3）に既にあります%s\n",
                there, o->dry_run ? "" : "（重ねて追加したため、同じ行が2つあります）");
    if (o->dry_run)
        print_rows(rows, n);
    else if (!(rc = pia_changes_append(r->st, o->id, t, rows, n, NULL, &r->err)))
        printf("%d\n", n);
    pia_change_rows_free(rows, n);
    free(date);
    pia_cmp_free(c);
    return rc;
}

/* The draft (r->doc) was loaded first, so an unknown ID is said as such,
 * not as "no version". */
static int propose(pia_run *r)
{
    const opts *o = r->args;
    pia_doc *a = NULL;
    char *ref = from_ref(r->st, o->id, o, &r->err);
    if (!ref)
        return -1;
    int rc = pia_ref_load(r->st, ref, &a, NULL, &r->err);
    if (!rc && strcmp(a->template_name, r->doc->template_name) != 0)
        rc = pia_fail(&r->err, PIA_EINVAL, "%s と評価書 %ld は様式が異なります", ref, o->id);
    pia_changes_table t;
    if (!rc)
        rc = pia_changes_table_find(r->form, &t, &r->err);
    if (!rc)
        rc = append_rows(r, a, &t);
    pia_doc_free(a);
    free(ref);
    return rc;
}

static int parse(pia_run *r)
{
    opts *o = r->args;
    static const struct option lopts[] = {
        { "from", required_argument, NULL, 'f' },
        { "date", required_argument, NULL, 'd' },
        { "timing", required_argument, NULL, 't' },
        { "dry-run", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "", lopts)) != -1;) {
        if (c == 'f') o->from = optarg;
        else if (c == 'd') o->date = optarg;
        else if (c == 't') o->timing = optarg;
        else if (c == 'n') o->dry_run = 1;
        else return PIA_RUN_USAGE;
    }
    long fid;
    const char *spec;
    if (r->argc - optind != 1)
        return PIA_RUN_USAGE;
    if (pia_cli_id_arg(r->argv[optind], &o->id))
        return PIA_EXIT_USAGE;
    if (o->from && pia_ref_parse(o->from, &fid, &spec))
        return PIA_RUN_USAGE;
    r->readonly = o->dry_run;
    r->ref = r->argv[optind];
    return 0;
}

static int run(pia_run *r)
{
    return propose(r) ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_changes = {
    .name = "changes", .usage = "changes ID [--from ID@N|ID@版名] [--date 日付] [--timing 事前|事後] [--dry-run]",
    .summary = "（別添3）変更箇所の行を作成", .flags = CMD_STORE_RW | CMD_LOAD, .args_size = sizeof(opts),
    .parse = parse, .run = run,
};
