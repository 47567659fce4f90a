/*
 * test_store_basics.c — the store on a scratch database: creation and
 * migration, file mode, positions and renumbering, revisions and conflicts,
 * audit rows, all-or-nothing transactions, refusing foreign files.
 */
#include "check.h"
#include "model/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *TEMPLATE =
    "form: mini\ntitle: 小\nsections:\n"
    "  - id: a\n    label: 基本\n    items:\n"
    "      - {id: a.t, label: 名称, kind: text}\n"
    "      - id: a.sys\n        label: システム\n        repeat: システム\n        items:\n"
    "          - {id: a.sys.name, label: システムの名称, kind: text}\n"
    "  - id: b\n    label: 概要\n    per_file: true\n    items:\n"
    "      - {id: b.t, label: 記載, kind: text}\n";

static int sql_int(pia_store *st, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(pia_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return -999;
    int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}

static void test_create(void)
{
    pia_err err = { 0 };
    pia_store *st;
    CHECK(pia_store_open("a.db", 0, &st, &err) == 0);
    struct stat sb;
    CHECK(stat("a.db", &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK(sql_int(st, "PRAGMA user_version") == 6);   /* 2: versions and review; 3: audit runs; 4: template fingerprint; 5: one timestamp format; 6: title = 表紙 */
    CHECK(sql_int(st, "PRAGMA foreign_keys") == 1);
    CHECK(sql_int(st, "PRAGMA secure_delete") == 1);
    CHECK(sql_int(st, "SELECT count(*) FROM sqlite_master WHERE name IN ('assessment','file','instance','answer','audit')") == 5);
    long id = 0;
    CHECK(pia_store_new(st, "mini", "題", "機関", &id, &err) == 0 && id == 1);
    pia_store_close(st);
    /* Reopening migrates nothing and keeps the data. */
    CHECK(pia_store_open("a.db", PIA_STORE_NOCREATE, &st, &err) == 0);
    pia_summary *s;
    int n;
    CHECK(pia_store_list(st, &s, &n, &err) == 0 && n == 1 && strcmp(s[0].title, "題") == 0);
    pia_summaries_free(s, n);
    /* A newer schema is refused, untouched. */
    sqlite3_exec(pia_store_db(st), "PRAGMA user_version=7", NULL, NULL, NULL);
    pia_store_close(st);
    CHECK(pia_store_open("a.db", 0, &st, &err) == -1 && err.code == PIA_ENEWER);
    CHECK_HAS(err.msg, "a.db");
}

static void test_foreign(void)
{
    pia_err err = { 0 };
    pia_store *st;
    FILE *fp = fopen("text.db", "w");
    fputs("これはデータベースではありません\n", fp);
    fclose(fp);
    CHECK(pia_store_open("text.db", 0, &st, &err) == -1 && err.code == PIA_ECORRUPT);
    CHECK_HAS(err.msg, "text.db");
    sqlite3 *db;
    sqlite3_open("other.db", &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pia_store_open("other.db", 0, &st, &err) == -1 && err.code == PIA_ECORRUPT);
    CHECK(pia_store_open("missing.db", PIA_STORE_READONLY, &st, &err) == -1 && err.code == PIA_ENOTFOUND);
}

static int fail_after_write(pia_store *st, void *ctx)
{
    pia_err *err = ctx;
    pia_store_set(st, 1, 0, NULL, 0, "a.t", "消えるはず", "", -1, NULL, err);
    return pia_fail(err, PIA_EINVAL, "わざと失敗");
}

static void test_answers(void)
{
    pia_err err = { 0 };
    pia_store *st;
    long id, rev = 0;
    CHECK(pia_store_open("b.db", 0, &st, &err) == 0);
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    int pos;
    CHECK(pia_store_file_add(st, id, "一", &pos, &err) == 0 && pos == 1);
    CHECK(pia_store_file_add(st, id, "二", &pos, &err) == 0 && pos == 2);
    CHECK(pia_store_file_add(st, id, "三", &pos, &err) == 0 && pos == 3);
    CHECK(pia_store_set(st, id, 2, NULL, 0, "b.t", "二の記載", "", -1, &rev, &err) == 0 && rev == 1);
    CHECK(pia_store_set(st, id, 3, NULL, 0, "b.t", "三の記載", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, "a.sys", 3, "a.sys.name", "三つ目", "", -1, NULL, &err) == 0);
    /* Conflict: someone else changed it since rev 1 was read. */
    CHECK(pia_store_set(st, id, 2, NULL, 0, "b.t", "別の人", "", 1, &rev, &err) == 0 && rev == 2);
    CHECK(pia_store_set(st, id, 2, NULL, 0, "b.t", "古い版から", "", 1, &rev, &err) == -1);
    CHECK(err.code == PIA_ECONFLICT);
    /* Unchanged value: no audit row. */
    int before = sql_int(st, "SELECT count(*) FROM audit");
    CHECK(pia_store_set(st, id, 2, NULL, 0, "b.t", "別の人", "", -1, NULL, &err) == 0);
    CHECK(sql_int(st, "SELECT count(*) FROM audit") == before);
    /* Removing file 1 renumbers 2 and 3 with their answers. */
    CHECK(pia_store_file_remove(st, id, 1, &err) == 0);
    pia_doc *d;
    CHECK(pia_store_load(st, id, &d, &err) == 0);
    CHECK(d->nfiles == 2 && strcmp(d->files[0].name, "二") == 0);
    CHECK_STR(pia_doc_get(d, 1, 0, "b.t")->value, "別の人");
    CHECK_STR(pia_doc_get(d, 2, 0, "b.t")->value, "三の記載");
    CHECK(pia_doc_instances(d, 0, "a.sys") == 3);
    pia_doc_free(d);
    CHECK(pia_store_file_move(st, id, 2, 1, &err) == 0);
    /* The names alone, in their order now (what `pia file` reads). */
    char **names;
    int nn;
    CHECK(pia_store_file_names(st, id, &names, &nn, &err) == 0 && nn == 2);
    CHECK(nn == 2 && strcmp(names[0], "三") == 0 && strcmp(names[1], "二") == 0);
    pia_store_names_free(names, nn);
    long bare;
    CHECK(pia_store_new(st, "mini", "ファイルなし", "", &bare, &err) == 0);
    CHECK(pia_store_file_names(st, bare, &names, &nn, &err) == 0 && nn == 0 && names == NULL);
    CHECK(pia_store_file_names(st, bare + 1, &names, &nn, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK_HAS(err.msg, "はありません");
    CHECK(pia_store_delete(st, bare, &err) == 0);
    CHECK(pia_store_inst_remove(st, id, 0, "a.sys", 1, &err) == 0);
    CHECK(pia_store_load(st, id, &d, &err) == 0);
    CHECK(strcmp(d->files[0].name, "三") == 0);
    CHECK_STR(pia_doc_get(d, 1, 0, "b.t")->value, "三の記載");
    CHECK(pia_doc_instances(d, 0, "a.sys") == 2);
    CHECK_STR(pia_doc_get(d, 0, 2, "a.sys.name")->value, "三つ目");
    pia_doc_free(d);
    /* A transaction whose body fails leaves nothing behind. */
    CHECK(pia_store_tx(st, fail_after_write, &err, &err) == -1);
    pia_value v;
    CHECK(pia_store_get(st, id, 0, 0, "a.t", &v, &err) == 0 && v.value == NULL);
    /* Clearing keeps the revision moving and is audited. */
    CHECK(pia_store_set(st, id, 1, NULL, 0, "b.t", "", "", -1, &rev, &err) == 0);
    pia_audit *a;
    int n;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0 && n > 0);
    CHECK_STR(a[n - 1].action, "clear");
    CHECK_STR(a[n - 1].old_value, "三の記載");
    CHECK_STR(a[n - 1].who, "tester");
    pia_audit_free(a, n);
    pia_store_close(st);
}

static void test_busy(void)
{
    pia_err err = { 0 };
    pia_store *st;
    long id;
    setenv("PIA_BUSY_TIMEOUT_MS", "200", 1);
    CHECK(pia_store_open("c.db", 0, &st, &err) == 0);
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    sqlite3 *other;
    sqlite3_open("c.db", &other);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "待たされる", "", -1, NULL, &err) == -1);
    CHECK(err.code == PIA_EBUSY);
    CHECK_HAS(err.msg, "c.db");
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "待たされる", "", -1, NULL, &err) == 0);
    pia_store_close(st);
}

int main(void)
{
    check_template("mini", TEMPLATE);
    test_create();
    test_foreign();
    test_answers();
    test_busy();
    return check_result();
}
