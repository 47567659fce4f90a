/*
 * cmd_search.c — `pia search TEXT [ID…]`: every item whose printed number,
 * heading, answer or （ ）内 text holds TEXT, across the database or the
 * assessments (and versions, ID@N) named.  Matching is model/search.h's:
 * full- and half-width, case, ⑨/9 and Ⅲ/III do not matter.  One line per
 * match: "ID<TAB>TITLE<TAB>FILE<TAB>WHERE<TAB>KIND[: SNIPPET]" (the
 * snippet for answers; WHERE already ends with the heading); exit 1 when
 * nothing is found, as grep does.
 */
#include "cli.h"
#include "model/search.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const KIND[] = { "番号", "項目名", "回答", "（ ）内" };

static int by_id(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Print the matches in one assessment; returns their count, or -1 when it
 * could not be read (the error printed). */
static int search_one(pia_store *st, const char *ref, const pia_query *q)
{
    pia_form *form;
    pia_doc *doc;
    if (pia_cli_load(st, ref, &form, &doc) != PIA_EXIT_OK)
        return -1;
    pia_hit *h;
    int n;
    pia_search_doc(form, doc, q, &h, &n);
    for (int i = 0; i < n; i++) {
        const char *file = h[i].file > 0 && h[i].file <= doc->nfiles ? doc->files[h[i].file - 1].name : "-";
        if (h[i].kind >= PIA_HIT_ANSWER)
            printf("%s\t%s\t%s\t%s\t%s: %s\n", ref, doc->title, file, h[i].where, KIND[h[i].kind],
                   h[i].snippet);
        else
            printf("%s\t%s\t%s\t%s\t%s\n", ref, doc->title, file, h[i].where, KIND[h[i].kind]);
    }
    pia_hits_free(h, n);
    pia_doc_free(doc);
    pia_form_free(form);
    return n;
}

/* The ids of every assessment, oldest first. */
static int all_ids(pia_store *st, long **ids, int *n)
{
    pia_summary *s;
    pia_err err = { 0 };
    if (pia_store_list(st, &s, n, &err)) {
        pia_cli_error(&err);
        return -1;
    }
    *ids = pia_xcalloc((size_t)*n + 1, sizeof **ids);
    for (int i = 0; i < *n; i++)
        (*ids)[i] = s[i].id;
    qsort(*ids, (size_t)*n, sizeof **ids, by_id);
    pia_summaries_free(s, *n);
    return 0;
}

static int search_all(pia_store *st, const pia_query *q, int *found)
{
    long *ids;
    int n, bad = 0;
    if (all_ids(st, &ids, &n))
        return -1;
    for (int i = 0; i < n; i++) {
        char ref[32];
        snprintf(ref, sizeof ref, "%ld", ids[i]);
        int k = search_one(st, ref, q);
        bad |= k < 0;
        *found += k > 0 ? k : 0;
    }
    free(ids);
    return bad ? -1 : 0;
}

static int parse(pia_run *r)
{
    if (r->argc < 2)
        return PIA_RUN_USAGE;
    /* Only checked here: the query is built where it is freed. */
    pia_query q;
    if (pia_query_init(&q, r->argv[1])) {
        pia_cli_usage_error("search: 検索する文字がありません（空白だけです）");
        return PIA_EXIT_USAGE;
    }
    pia_query_free(&q);
    return 0;
}

static int run(pia_run *r)
{
    pia_query query, *q = &query;
    int found = 0, bad = 0;
    pia_query_init(q, r->argv[1]);
    if (r->argc == 2)
        bad = search_all(r->st, q, &found) != 0;
    for (int i = 2; i < r->argc; i++) {
        int k = search_one(r->st, r->argv[i], q);
        bad |= k < 0;
        found += k > 0 ? k : 0;
    }
    pia_query_free(q);
    if (!found && !bad)
        fprintf(stderr, "pia: 「%s」は見つかりません\n", r->argv[1]);
    return found && !bad ? PIA_EXIT_OK : PIA_EXIT_FAIL;
}

const pia_command pia_cmd_search = {
    .name = "search", .usage = "search TEXT [ID…]",
    .summary = "項目名・番号・回答を検索（全角半角・大文字小文字・①と1を区別しない）", .flags = CMD_STORE,
    .parse = parse, .run = run,
};
