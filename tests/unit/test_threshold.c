/*
 * test_threshold.c — the しきい値判断 from the shipped table
 * (templates/tables/threshold.yaml): every band with and without each
 * condition, the boundaries 999/1,000, 9,999/10,000, 99,999/100,000,
 * 299,999/300,000 and handlers 499/500; a table that is wrong is refused
 * with FILE:LINE:COLUMN; the table fits the shipped template; filling
 * Ⅵ1② goes through the store (audited) and a 判断 that disagrees with Ⅰ1③
 * is found.
 */
#include "check.h"
#include "model/check.h"
#include "model/store.h"
#include "model/threshold.h"

#include "model/ytable.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static pia_threshold *T;

/* The result id for (persons, handlers, incident). */
static const char *judge(long persons, long handlers, int incident)
{
    static char id[32];
    pia_threshold_result r;
    pia_err err = { 0 };
    if (pia_threshold_judge(T, persons, handlers, incident, &r, &err))
        return "error";
    snprintf(id, sizeof id, "%s", r.result_id);
    pia_threshold_result_free(&r);
    return id;
}

/* Each band with neither condition, handlers >= 500 only, an incident only,
 * and both. */
static void band(long persons, const char *plain, const char *with)
{
    CHECK_STR(judge(persons, 499, 0), plain);
    CHECK_STR(judge(persons, 0, 0), plain);
    CHECK_STR(judge(persons, 500, 0), with);
    CHECK_STR(judge(persons, 499, 1), with);
    CHECK_STR(judge(persons, 100000, 1), with);
}

static void test_bands(void)
{
    band(0, "none", "none");
    band(999, "none", "none");
    band(1000, "kiso", "kiso");
    band(5000, "kiso", "kiso");
    band(9999, "kiso", "kiso");
    band(10000, "kiso", "juten");
    band(50000, "kiso", "juten");
    band(99999, "kiso", "juten");
    band(100000, "juten", "zenkomoku");
    band(200000, "juten", "zenkomoku");
    band(299999, "juten", "zenkomoku");
    band(300000, "zenkomoku", "zenkomoku");
    band(125000000, "zenkomoku", "zenkomoku");
}

static void test_result_text(void)
{
    pia_threshold_result r;
    pia_err err = { 0 };
    CHECK(pia_threshold_judge(T, 12345, 600, 0, &r, &err) == 0);
    CHECK_STR(r.band_label, "1万人以上10万人未満");
    CHECK(r.depends && r.condition);
    CHECK(r.nrequired == 2);
    CHECK_STR(r.required[0], "基礎項目評価");
    CHECK_STR(r.required[1], "重点項目評価");
    CHECK_HAS(r.result_label, "基礎項目評価及び重点項目評価");
    CHECK_HAS(r.reason, "対象人数 12,345人");
    CHECK_HAS(r.reason, "取扱者数 600人が500人以上");
    pia_threshold_result_free(&r);

    CHECK(pia_threshold_judge(T, 150000, 20, 1, &r, &err) == 0);
    CHECK_HAS(r.reason, "重大事故が発生");
    CHECK_STR(r.result_id, "zenkomoku");
    pia_threshold_result_free(&r);

    CHECK(pia_threshold_judge(T, 150000, 20, 0, &r, &err) == 0);
    CHECK_HAS(r.reason, "500人未満");
    CHECK_HAS(r.reason, "重大事故もありません");
    pia_threshold_result_free(&r);

    CHECK(pia_threshold_judge(T, 500, -1, -1, &r, &err) == 0);
    CHECK(r.nrequired == 0 && !r.depends);
    CHECK_HAS(r.result_label, "義務付けられません");
    pia_threshold_result_free(&r);

    CHECK_STR(pia_threshold_source(T), "特定個人情報保護評価指針 第5の2");
    CHECK(pia_threshold_handlers_min(T) == 500);
    CHECK(pia_threshold_note(T, 0) != NULL);
}

/* Where the conditions matter they must be given, unless one alone settles
 * the result. */
static void test_missing_conditions(void)
{
    CHECK(pia_threshold_needs_condition(T, 10000));
    CHECK(pia_threshold_needs_condition(T, 299999));
    CHECK(!pia_threshold_needs_condition(T, 9999));
    CHECK(!pia_threshold_needs_condition(T, 300000));
    CHECK_STR(judge(50000, -1, -1), "error");
    CHECK_STR(judge(50000, 100, -1), "error");
    CHECK_STR(judge(50000, -1, 0), "error");
    CHECK_STR(judge(50000, 500, -1), "juten");
    CHECK_STR(judge(50000, -1, 1), "juten");
    CHECK_STR(judge(5000, -1, -1), "kiso");
    CHECK_STR(judge(300000, -1, -1), "zenkomoku");
}

/* ---- broken tables ---------------------------------------------------- */

static const char GOOD[] =
    "source: 指針\n"
    "handlers_at_least: 500\n"
    "results:\n"
    "  - {id: a, label: A, required: []}\n"
    "  - {id: b, label: B, required: [基礎項目評価]}\n"
    "bands:\n"
    "  - {below: 1000, label: 少, result: a}\n"
    "  - {label: 多, result: a, with_condition: b}\n";

static void broken(const char *yaml, const char *where, const char *what)
{
    FILE *f = fopen("t.yaml", "w");
    if (!f)
        return;
    fputs(yaml, f);
    fclose(f);
    pia_threshold *t = NULL;
    pia_err err = { 0 };
    CHECK(pia_threshold_load("t.yaml", &t, &err) == -1);
    CHECK(t == NULL);
    CHECK_HAS(err.msg, where);
    CHECK_HAS(err.msg, what);
}

static void test_broken(void)
{
    FILE *f = fopen("t.yaml", "w");
    if (f) {
        fputs(GOOD, f);
        fclose(f);
    }
    pia_threshold *t = NULL;
    pia_err err = { 0 };
    CHECK(pia_threshold_load("t.yaml", &t, &err) == 0);
    pia_threshold_free(t);

    char buf[2048];
    snprintf(buf, sizeof buf, "%sextra: 1\n", GOOD);
    broken(buf, "t.yaml:9:1:", "不明なキー \"extra\"");
    snprintf(buf, sizeof buf, "%ssource: again\n", GOOD);
    broken(buf, "t.yaml:9:1:", "キー \"source\" が重複しています（最初は 1:1）");
    broken("source: &x 指針\n", "t.yaml:1:9:", "アンカー");
    broken("source: !!str 指針\n", "t.yaml:1:9:", "タグ");
    broken("source: [\n", "t.yaml:2:1:", "YAML の構文エラー");
    broken("- a\n", "t.yaml:1:1:", "最上位がマッピングではありません");
    broken("", "t.yaml:1:1:", "表が空です");
    broken("source: a\n---\nsource: b\n", "t.yaml:2:1:", "文書が複数あります");
    /* Bands must grow, only the last is open, results must exist. */
    broken("source: s\nhandlers_at_least: 500\nresults: [{id: a, label: A, required: []}]\n"
           "bands:\n  - {below: 1000, label: x, result: a}\n  - {below: 1000, label: y, result: a}\n"
           "  - {label: z, result: a}\n",
           "t.yaml:6:13:", "below が前の区分（1000）より大きくありません");
    broken("source: s\nhandlers_at_least: 500\nresults: [{id: a, label: A, required: []}]\n"
           "bands:\n  - {below: 1000, label: x, result: a}\n  - {label: y, result: b}\n",
           "t.yaml:6:24:", "結果 \"b\" は results にありません");
    broken("source: s\nhandlers_at_least: 500\nresults: [{id: a, label: A, required: []}]\n"
           "bands:\n  - {label: x, result: a}\n  - {label: y, result: a}\n",
           "t.yaml:5:5:", "below がありません");
    broken("source: s\nhandlers_at_least: 500\nresults: [{id: a, label: A, required: []}]\n"
           "bands:\n  - {below: 10, label: x, result: a}\n",
           "t.yaml:5:13:", "最後の区分に below は書けません");
    broken("source: s\nhandlers_at_least: 5x\nresults: [{id: a, label: A, required: []}]\n"
           "bands:\n  - {label: x, result: a}\n",
           "t.yaml:2:20:", "handlers_at_least には 1〜100000000 の整数");
    broken("source: s\nhandlers_at_least: 500\nresults: [{id: a, label: A}]\nbands: [{label: x, result: a}]\n",
           "t.yaml:3:11:", "required がありません");
    broken("source: s\nhandlers_at_least: 500\nresults: [{id: a, label: A, required: []}, {id: a, label: B, required: []}]\n"
           "bands: [{label: x, result: a}]\n",
           "t.yaml:3:49:", "結果 \"a\" が重複しています");
    /* A template's options: one per band, one per result. */
    snprintf(buf, sizeof buf, "%sforms:\n  f:\n    persons: {item: p, choices: [一つ]}\n"
             "    result: {item: r, choices: {a: A, b: B}}\n", GOOD);
    broken(buf, "t.yaml:11:33:", "persons の choices は区分ごとに一つ（2 個）必要です（1 個あります）");
    snprintf(buf, sizeof buf, "%sforms:\n  f:\n    persons: {item: p, choices: [一, 二]}\n"
             "    result: {item: r, choices: {a: A}}\n", GOOD);
    broken(buf, "t.yaml:12:32:", "結果 \"b\" の選択肢がありません");
    snprintf(buf, sizeof buf, "%sforms:\n  f:\n    persons: {item: p, choices: [一, 二]}\n"
             "    result: {item: r, choices: {a: A, b: B, c: C}}\n", GOOD);
    broken(buf, "t.yaml:12:45:", "結果 \"c\" は results にありません");
    broken("source: s\nhandlers_at_least: 500\nresults: [{id: a, label: A, required: []}]\n", "t.yaml:1:1:",
           "results と bands が必要です");
    broken("source:\nhandlers_at_least: 500\nresults: []\nbands: []\n", "t.yaml:1:8:", "source が空です");
}

/* ---- the shipped template --------------------------------------------- */

static pia_form *template(void)
{
    pia_form *f = NULL;
    pia_err err = { 0 };
    if (pia_form_load_named("zenkomoku", &f, &err))
        fprintf(stderr, "%s\n", err.msg);
    return f;
}

/* Every option the table names exists in the template; for each band and
 * each result, a disagreement is reported exactly when the band's rule
 * cannot give that result. */
static void test_agreement(const pia_form *f)
{
    static const char *const persons[] = { "1,000人未満（任意実施）", "1,000人以上1万人未満", "1万人以上10万人未満",
                                           "10万人以上30万人未満", "30万人以上" };
    const pia_node *pn = pia_form_find(f, "basic.affairs.persons"), *rn = pia_form_find(f, "procedure.basic.threshold");
    CHECK(pn && rn && pn->nchoices == 5 && rn->nchoices == 4);
    if (!pn || !rn || rn->nchoices != 4)
        return;
    /* Ⅵ1② options in template order: 全項目, 重点, 基礎, none. */
    static const int allowed[5][4] = {
        { 0, 0, 0, 1 }, { 0, 0, 1, 0 }, { 0, 1, 1, 0 }, { 1, 1, 0, 0 }, { 1, 0, 0, 0 },
    };
    int wrong = 0;
    for (int b = 0; b < 5; b++) {
        for (int k = 0; k < 4; k++) {
            pia_doc *d = pia_doc_new("zenkomoku", "t", "o");
            pia_doc_set(d, 0, 0, "basic.affairs.persons", persons[b], "");
            pia_doc_set(d, 0, 0, "procedure.basic.threshold", rn->choices[k], "");
            const pia_node *node;
            char *what;
            int found = pia_threshold_check_doc(T, f, d, &node, &what);
            if (found != !allowed[b][k] || (found && node != rn)) {
                fprintf(stderr, "  band %d result %d: found %d (%s)\n", b, k, found, what ? what : "");
                wrong++;
            }
            if (found) {
                CHECK_HAS(what, "Ⅰ 1. ③対象人数");
                CHECK_HAS(what, persons[b]);
            }
            free(what);
            pia_doc_free(d);
        }
    }
    CHECK(wrong == 0);

    /* Unanswered items are not a disagreement (the unanswered check says so). */
    pia_doc *d = pia_doc_new("zenkomoku", "t", "o");
    const pia_node *node;
    char *what;
    CHECK(pia_threshold_check_doc(T, f, d, &node, &what) == 0);
    free(what);
    /* And pia check reports the disagreement with both items. */
    pia_doc_set(d, 0, 0, "basic.affairs.persons", persons[4], "");
    pia_doc_set(d, 0, 0, "procedure.basic.threshold", rn->choices[2], "");
    pia_finding *fs;
    int n, hits = 0;
    pia_check_doc(f, d, &fs, &n);
    for (int i = 0; i < n; i++)
        if (fs[i].kind == PIA_FIND_THRESHOLD) {
            hits++;
            CHECK_STR(fs[i].where, "Ⅵ 1. ②しきい値判断結果");
            CHECK_HAS(fs[i].what, "Ⅰ 1. ③対象人数「30万人以上」");
            CHECK_HAS(fs[i].what, "特定個人情報保護評価指針 第5の2");
        }
    CHECK(hits == 1);
    pia_findings_free(fs, n);
    pia_doc_free(d);
}

/* Filling writes the option of the result, audited, and warns on Ⅰ1③. */
static void test_fill(void)
{
    pia_store *st = NULL;
    pia_err err = { 0 };
    CHECK(pia_store_open("t.db", 0, &st, &err) == 0);
    if (!st)
        return;
    long id;
    CHECK(pia_store_new(st, "zenkomoku", "税", "架空市長", &id, &err) == 0);
    pia_threshold_result r;
    char *warn = NULL;
    CHECK(pia_threshold_judge(T, 150000, 10, 1, &r, &err) == 0);
    CHECK(pia_threshold_fill(st, T, id, 150000, &r, &warn, &err) == 0);
    CHECK_HAS(warn, "Ⅰ 1. ③対象人数 は未回答です");
    CHECK_HAS(warn, "10万人以上30万人未満");
    free(warn);
    pia_value v;
    CHECK(pia_store_get(st, id, 0, 0, "procedure.basic.threshold", &v, &err) == 0);
    CHECK_STR(v.value, "基礎項目評価及び全項目評価の実施が義務付けられる");
    free(v.value), free(v.detail), free(v.updated), free(v.updated_by);

    CHECK(pia_store_set(st, id, 0, NULL, 0, "basic.affairs.persons", "30万人以上", "", -1, NULL, &err) == 0);
    CHECK(pia_threshold_fill(st, T, id, 150000, &r, &warn, &err) == 0);
    CHECK_HAS(warn, "「30万人以上」は、対象人数 150,000人の区分「10万人以上30万人未満」と一致しません");
    free(warn);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "basic.affairs.persons", "10万人以上30万人未満", "", -1, NULL, &err) == 0);
    CHECK(pia_threshold_fill(st, T, id, 150000, &r, &warn, &err) == 0);
    CHECK(warn == NULL);
    pia_threshold_result_free(&r);

    pia_audit *a;
    int n, sets = 0;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0);
    for (int i = 0; i < n; i++)
        sets += !strcmp(a[i].action, "set") && !strcmp(a[i].item, "procedure.basic.threshold");
    CHECK(sets >= 1);
    pia_audit_free(a, n);

    /* A template the table does not know, and an assessment that is not there. */
    CHECK(pia_threshold_fill(st, T, 999, 1, &r, &warn, &err) == -1);
    CHECK(err.code == PIA_ENOTFOUND);
    pia_store_close(st);
}

/* A table whose option is not in the template: filling refuses at the
 * table's line, and the check says the table does not fit. */
static void test_table_template_mismatch(const pia_form *f)
{
    char path[4096], *text = NULL;
    const char *root = getenv("PIA_TEMPLATE_DIR");
    snprintf(path, sizeof path, "%s/tables/threshold.yaml", root ? root : "templates");
    FILE *in = fopen(path, "r");
    CHECK(in != NULL);
    if (!in)
        return;
    text = calloc(1, 1 << 16);
    size_t n = fread(text, 1, (1 << 16) - 1, in);
    fclose(in);
    text[n] = '\0';
    char *at = strstr(text, "30万人以上]");
    CHECK(at != NULL);
    if (at)
        memcpy(at, "30万人超え]", strlen("30万人超え]"));   /* same byte length */
    FILE *out = fopen("t2.yaml", "w");
    if (out) {
        fputs(text, out);
        fclose(out);
    }
    free(text);
    pia_threshold *t = NULL;
    pia_err err = { 0 };
    CHECK(pia_threshold_load("t2.yaml", &t, &err) == 0);
    if (!t)
        return;
    pia_doc *d = pia_doc_new("zenkomoku", "t", "o");
    const pia_node *node;
    char *what;
    CHECK(pia_threshold_check_doc(t, f, d, &node, &what) == 1);
    CHECK_HAS(what, "しきい値判断の表がテンプレートと合いません: t2.yaml:");
    CHECK_HAS(what, "選択肢「30万人超え」はありません");
    free(what);
    pia_doc_free(d);

    pia_store *st = NULL;
    CHECK(pia_store_open("t.db", 0, &st, &err) == 0);
    long id;
    CHECK(pia_store_new(st, "zenkomoku", "別", "架空市長", &id, &err) == 0);
    pia_threshold_result r;
    char *warn = NULL;
    CHECK(pia_threshold_judge(t, 5, -1, -1, &r, &err) == 0);
    CHECK(pia_threshold_fill(st, t, id, 5, &r, &warn, &err) == -1);
    CHECK_HAS(err.msg, "t2.yaml:");
    CHECK_HAS(err.msg, "項目 basic.affairs.persons に選択肢「30万人超え」はありません");
    pia_value v;
    CHECK(pia_store_get(st, id, 0, 0, "procedure.basic.threshold", &v, &err) == 0);
    CHECK(v.value == NULL);     /* nothing written */
    free(v.value), free(v.detail), free(v.updated), free(v.updated_by);
    pia_threshold_result_free(&r);
    pia_store_close(st);
    pia_threshold_free(t);
}

/* pia check with the default table: a broken one is a finding naming it,
 * a missing one is none (checked only where no installed copy is found). */
static void test_check_default_table(const pia_form *f)
{
    const char *saved = getenv("PIA_TEMPLATE_DIR");
    char *keep = saved ? strdup(saved) : NULL;
    mkdir("tpl", 0700);
    mkdir("tpl/tables", 0700);
    FILE *out = fopen("tpl/tables/threshold.yaml", "w");
    if (out) {
        fputs("source: [\n", out);
        fclose(out);
    }
    setenv("PIA_TEMPLATE_DIR", "tpl", 1);
    pia_doc *d = pia_doc_new("zenkomoku", "t", "o");
    pia_finding *fs;
    int n, hits = 0;
    pia_check_doc(f, d, &fs, &n);
    for (int i = 0; i < n; i++)
        if (fs[i].kind == PIA_FIND_THRESHOLD) {
            hits++;
            CHECK_HAS(fs[i].what, "しきい値判断の表を読めません: tpl/tables/threshold.yaml:2:1: YAML の構文エラー");
        }
    CHECK(hits == 1);
    pia_findings_free(fs, n);
    remove("tpl/tables/threshold.yaml");
    char *elsewhere = NULL;
    pia_err err = { 0 };
    if (pia_ytable_find("threshold", &elsewhere, &err) < 0) {
        const pia_node *node;
        char *what;
        CHECK(pia_threshold_check_doc(NULL, f, d, &node, &what) == 0);
        free(what);
    }
    free(elsewhere);
    pia_doc_free(d);
    if (keep)
        setenv("PIA_TEMPLATE_DIR", keep, 1);
    free(keep);
}

int main(void)
{
    pia_err err = { 0 };
    if (pia_threshold_load(NULL, &T, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    test_bands();
    test_result_text();
    test_missing_conditions();
    test_broken();
    pia_form *f = template();
    CHECK(f != NULL);
    if (f) {
        test_agreement(f);
        test_table_template_mismatch(f);
        test_check_default_table(f);
    }
    test_fill();
    pia_form_free(f);
    pia_threshold_free(T);
    return check_result();
}
