/*
 * test_title.c — the title and organisation are the 表紙 answers: written
 * with pia_title_new / pia_title_set / duplicate, followed by the row
 * whatever sets the answer (pia_store_set, by place, import), brought into
 * step by the migration with the replaced text kept in the trail; and
 * restoring an earlier text from the trail (model/history.h).
 */
#include "check.h"
#include "model/history.h"
#include "model/title.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Named like the real form: the migration fills empty 表紙 answers only
 * for assessments of the form that has a 表紙. */
static const char *TEMPLATE =
    "form: zenkomoku\ntitle: 小\nsections:\n"
    "  - id: cover\n    label: 表紙\n    items:\n"
    "      - {id: cover.title, label: 評価書名, kind: text}\n"
    "      - {id: cover.org, label: 評価実施機関名, kind: text}\n"
    "      - {id: cover.flag, label: 公表, kind: choice, choices: [する, しない]}\n";

static char *sql_text(pia_store *st, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(pia_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return strdup("(error)");
    char *v = strdup(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)
                     ? (const char *)sqlite3_column_text(s, 0) : "(none)");
    sqlite3_finalize(s);
    return v;
}

static void check_sql(pia_store *st, const char *sql, const char *want)
{
    char *got = sql_text(st, sql);
    CHECK_STR(got, want);
    free(got);
}

static void test_one_value(pia_form *form)
{
    pia_err err = { 0 };
    pia_store *st;
    CHECK(pia_store_open("t.db", 0, &st, &err) == 0);
    long id, dup;
    CHECK(pia_title_new(st, form, "zenkomoku", "税務", "架空市長", &id, &err) == 0);
    check_sql(st, "SELECT value FROM answer WHERE item='cover.title'", "税務");
    check_sql(st, "SELECT org FROM assessment", "架空市長");
    /* pia set cover.title: the list follows. */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "cover.title", "特定個人情報保護評価書（税務）", "", -1, NULL, &err) == 0);
    check_sql(st, "SELECT title FROM assessment", "特定個人情報保護評価書（税務）");
    /* The list's rename: the 表紙 follows. */
    CHECK(pia_title_set(st, form, id, "税務事務", NULL, &err) == 0);
    check_sql(st, "SELECT value FROM answer WHERE item='cover.title'", "税務事務");
    check_sql(st, "SELECT title || '/' || org FROM assessment", "税務事務/架空市長");
    /* A duplicate under a new title: both the row and its 表紙. */
    CHECK(pia_title_duplicate(st, form, id, "税務事務（複製）", &dup, &err) == 0);
    char q[160];
    snprintf(q, sizeof q, "SELECT a.title || '/' || x.value FROM assessment a JOIN answer x ON x.assessment_id=a.id"
                          " AND x.item='cover.title' WHERE a.id=%ld", dup);
    check_sql(st, q, "税務事務（複製）/税務事務（複製）");
    check_sql(st, "SELECT title FROM assessment WHERE id=1", "税務事務");
    pia_store_close(st);
}

/* A database from before: differing texts are settled for the answer (the
 * row's text kept in the trail), empty answers take the row's text. */
static void test_migration(void)
{
    pia_err err = { 0 };
    pia_store *st;
    CHECK(pia_store_open("m.db", 0, &st, &err) == 0);
    long a, b;
    CHECK(pia_store_new(st, "zenkomoku", "一覧の題", "機関", &a, &err) == 0);
    CHECK(pia_store_new(st, "zenkomoku", "題だけ", "", &b, &err) == 0);
    CHECK(sqlite3_exec(pia_store_db(st), "DROP TRIGGER cover_title_insert; DROP TRIGGER cover_title_update;"
                       "PRAGMA user_version=5", NULL, NULL, NULL) == SQLITE_OK);
    CHECK(pia_store_set(st, a, 0, NULL, 0, "cover.title", "表紙の題", "", -1, NULL, &err) == 0);
    check_sql(st, "SELECT title FROM assessment WHERE id=1", "一覧の題");
    pia_store_close(st);

    CHECK(pia_store_open("m.db", 0, &st, &err) == 0);
    check_sql(st, "PRAGMA user_version", "7");
    check_sql(st, "SELECT title FROM assessment WHERE id=1", "表紙の題");
    check_sql(st, "SELECT old || '→' || new FROM audit WHERE action='meta'", "一覧の題→表紙の題");
    check_sql(st, "SELECT value FROM answer WHERE assessment_id=2 AND item='cover.title'", "題だけ");
    check_sql(st, "SELECT answered FROM assessment WHERE id=2", "1");
    check_sql(st, "SELECT value FROM answer WHERE assessment_id=1 AND item='cover.org'", "機関");
    check_sql(st, "SELECT count(*) FROM answer WHERE assessment_id=2 AND item='cover.org'", "0");
    /* From now on the triggers keep them in step. */
    CHECK(pia_store_set(st, b, 0, NULL, 0, "cover.org", "新しい機関", "", -1, NULL, &err) == 0);
    check_sql(st, "SELECT org FROM assessment WHERE id=2", "新しい機関");
    pia_store_close(st);
}

static void test_restore(pia_form *form)
{
    pia_err err = { 0 };
    pia_store *st;
    CHECK(pia_store_open("r.db", 0, &st, &err) == 0);
    long id;
    CHECK(pia_store_new(st, "zenkomoku", "題", "", &id, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "cover.flag", "する", "公表は年1回", -1, NULL, &err) == 0);   /* row 2 */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "cover.flag", "しない", "", -1, NULL, &err) == 0);            /* extends 2 */
    CHECK(pia_store_audit_add(st, id, "note", NULL, NULL, NULL, &err) == 0);                             /* row 3 */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "cover.flag", "する", "公表は年1回", -1, NULL, &err) == 0);   /* row 4 */
    /* Row 4 is "する（公表は年1回）": split back into value and detail. */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "cover.flag", "", "", -1, NULL, &err) == 0);                  /* row 5 */
    CHECK(pia_history_restore(st, form, id, 4, NULL, NULL, &err) == 0);
    check_sql(st, "SELECT value || '/' || detail FROM answer WHERE item='cover.flag'", "する/公表は年1回");
    check_sql(st, "SELECT action || ':' || new FROM audit WHERE seq=(SELECT max(seq)-1 FROM audit)", "revert:4 行目の記載に戻す");
    /* Row 4's text is there now: restoring it again writes nothing. */
    int changed = -1;
    check_sql(st, "SELECT count(*) FROM audit", "7");
    CHECK(pia_history_restore(st, form, id, 4, NULL, &changed, &err) == 0 && changed == 0);
    check_sql(st, "SELECT count(*) FROM audit", "7");
    CHECK(pia_history_restore(st, form, id, 2, NULL, &changed, &err) == 0 && changed == 1);
    check_sql(st, "SELECT value FROM answer WHERE item='cover.flag'", "しない");
    CHECK(pia_history_restore(st, form, id, 3, NULL, NULL, &err) == -1 && err.code == PIA_EINVAL);
    CHECK(pia_history_restore(st, form, id, 99, NULL, NULL, &err) == -1 && err.code == PIA_ENOTFOUND);
    char *v, *d;
    const pia_node *n = pia_form_find(form, "cover.flag");
    pia_history_split(n, "しない（（注）別紙）", &v, &d);
    CHECK_STR(v, "しない");
    CHECK_STR(d, "（注）別紙");
    free(v);
    free(d);
    pia_history_split(pia_form_find(form, "cover.title"), "題（仮）", &v, &d);
    CHECK_STR(v, "題（仮）");
    CHECK_STR(d, "");
    free(v);
    free(d);
    pia_store_close(st);
}

int main(void)
{
    check_template("zenkomoku", TEMPLATE);
    pia_err err = { 0 };
    pia_form *form = NULL;
    CHECK(pia_form_load_named("zenkomoku", &form, &err) == 0);
    if (!form) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    test_one_value(form);
    test_migration();
    test_restore(form);
    pia_form_free(form);
    return check_result();
}
