/*
 * test_store.c — the SQLite store end to end on scratch databases in the
 * current directory: creation and migration (user_version, application_id,
 * pragmas, 0600 files), refusing newer and foreign files, answers addressed
 * by position through files and repeated groups, renumbering, conflicts,
 * all-or-nothing transactions and imports, the audit trail, a locked
 * database, read-only opening, and the timings the TUI depends on.
 */
#include "check.h"
#include "model/store.h"
#include "model/form.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PIA_APP_ID 0x50494131   /* "PIA1", as model/store.c sets it */

static const char *TEMPLATE =
    "form: mini\ntitle: 小\nsections:\n"
    "  - id: a\n    label: 基本\n    items:\n"
    "      - {id: a.t, label: 名称, kind: text}\n"
    "      - {id: a.n, label: 件数, kind: check, detail: 件}\n"
    "      - id: a.sys\n        label: システム\n        repeat: システム\n        items:\n"
    "          - {id: a.sys.name, label: システムの名称, kind: text}\n"
    "  - id: b\n    label: 概要\n    per_file: true\n    items:\n"
    "      - {id: b.t, label: 記載, kind: text}\n"
    "      - id: b.ent\n        label: 委託\n        repeat: 委託事項\n        items:\n"
    "          - {id: b.ent.name, label: 委託先, kind: text}\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return -999;
    int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}

/* First column of the first row as a malloc'd string ("" for none). */
static char *sql_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return strdup("?");
    const unsigned char *t = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
    char *r = strdup(t ? (const char *)t : "");
    sqlite3_finalize(s);
    return r;
}

static int file_mode(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

static void value_free(pia_value *v)
{
    free(v->value);
    free(v->detail);
    free(v->updated);
    free(v->updated_by);
}

/* "2025-01-31T09:00:00.123Z" */
static int is_iso_ms(const char *t)
{
    int y, mo, d, h, mi, s, ms;
    char z = 0;
    return t && strlen(t) == 24 &&
           sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &s, &ms, &z) == 8 && z == 'Z';
}

static pia_store *open_ok(const char *path)
{
    pia_err err = { 0 };
    pia_store *st = NULL;
    if (pia_store_open(path, 0, &st, &err))
        fprintf(stderr, "open %s: %s\n", path, err.msg);
    CHECK(st != NULL);
    return st;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    fputs(text, fp);
    fclose(fp);
}

/* ---- creation, migration, identity ------------------------------------- */

static void test_create(void)
{
    pia_err err = { 0 };
    mode_t old = umask(0);          /* 0600 whatever the umask */
    pia_store *st = open_ok("new.db");
    umask(old);
    sqlite3 *db = pia_store_db(st);
    CHECK(file_mode("new.db") == 0600);
    int version = sql_int(db, "PRAGMA user_version");
    CHECK(version >= 1);
    CHECK(sql_int(db, "PRAGMA application_id") == PIA_APP_ID);
    CHECK(sql_int(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                      "('assessment','file','instance','answer','audit')") == 5);
    char *jm = sql_text(db, "PRAGMA journal_mode");
    CHECK_STR(jm, "wal");
    free(jm);
    CHECK(sql_int(db, "PRAGMA foreign_keys") == 1);
    CHECK(sql_int(db, "PRAGMA secure_delete") == 1);
    CHECK(sql_int(db, "PRAGMA synchronous") == 2);   /* FULL */
    CHECK(sql_int(db, "PRAGMA busy_timeout") == 5000);
    long id = 0;
    CHECK(pia_store_new(st, "mini", "題", "機関", &id, &err) == 0 && id > 0);
    CHECK(file_mode("new.db-wal") == 0600);
    CHECK(file_mode("new.db-shm") == 0600);
    pia_store_close(st);

    /* Reopening migrates nothing again and keeps the data. */
    CHECK(pia_store_open("new.db", PIA_STORE_NOCREATE, &st, &err) == 0);
    CHECK(sql_int(pia_store_db(st), "PRAGMA user_version") == version);
    pia_summary *s;
    int n;
    CHECK(pia_store_list(st, &s, &n, &err) == 0 && n == 1);
    if (n == 1) {
        CHECK_STR(s[0].title, "題");
        CHECK_STR(s[0].org, "機関");
        CHECK_STR(s[0].template_name, "mini");
        CHECK(is_iso_ms(s[0].created) && is_iso_ms(s[0].updated));
    }
    pia_summaries_free(s, n);
    pia_store_close(st);

    /* An empty file (touched by someone) is a new database. */
    write_file("empty.db", "");
    st = open_ok("empty.db");
    CHECK(st && sql_int(pia_store_db(st), "PRAGMA user_version") == version);
    pia_store_close(st);
}

static void test_missing(void)
{
    pia_err err = { 0 };
    pia_store *st = NULL;
    CHECK(pia_store_open("none.db", PIA_STORE_READONLY, &st, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(st == NULL);
    CHECK(pia_store_open("none.db", PIA_STORE_NOCREATE, &st, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK_HAS(err.msg, "none.db");
    CHECK(access("none.db", F_OK) != 0);
}

static void test_newer(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("newer.db");
    int version = sql_int(pia_store_db(st), "PRAGMA user_version");
    sqlite3_exec(pia_store_db(st), "PRAGMA user_version=99", NULL, NULL, NULL);
    pia_store_close(st);
    struct stat before, after;
    stat("newer.db", &before);
    st = NULL;
    CHECK(pia_store_open("newer.db", 0, &st, &err) == -1 && err.code == PIA_ENEWER && st == NULL);
    CHECK_HAS(err.msg, "newer.db");
    CHECK_HAS(err.msg, "99");
    char want[16];
    snprintf(want, sizeof want, "%d", version);
    CHECK_HAS(err.msg, want);
    CHECK(pia_store_open("newer.db", PIA_STORE_READONLY, &st, &err) == -1 && err.code == PIA_ENEWER);
    stat("newer.db", &after);
    CHECK(before.st_size == after.st_size && before.st_mtime == after.st_mtime);
    sqlite3 *db;
    sqlite3_open("newer.db", &db);
    CHECK(sql_int(db, "PRAGMA user_version") == 99);
    sqlite3_close(db);
}

static void test_foreign(void)
{
    pia_err err = { 0 };
    pia_store *st = NULL;
    write_file("text.db", "これはデータベースではありません。評価書の下書きです。\n");
    CHECK(pia_store_open("text.db", 0, &st, &err) == -1 && err.code == PIA_ECORRUPT);
    CHECK_HAS(err.msg, "text.db");
    write_file("short.db", "memo\n");
    CHECK(pia_store_open("short.db", 0, &st, &err) == -1 && err.code == PIA_ECORRUPT);
    CHECK_HAS(err.msg, "short.db");
    /* The text is untouched. */
    char *t = NULL;
    FILE *fp = fopen("short.db", "r");
    size_t cap = 0;
    CHECK(getline(&t, &cap, fp) > 0 && strcmp(t, "memo\n") == 0);
    fclose(fp);
    free(t);

    /* SQLite, but another application's. */
    sqlite3 *db;
    sqlite3_open("other.db", &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pia_store_open("other.db", 0, &st, &err) == -1 && err.code == PIA_ECORRUPT);
    CHECK_HAS(err.msg, "other.db");
    CHECK(pia_store_open("other.db", PIA_STORE_READONLY, &st, &err) == -1 && err.code == PIA_ECORRUPT);

    /* pia's application_id and a version, but the tables are gone. */
    sqlite3_open("hollow.db", &db);
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=1", PIA_APP_ID);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pia_store_open("hollow.db", 0, &st, &err) == -1 && err.code == PIA_ECORRUPT);
    CHECK_HAS(err.msg, "hollow.db");

    /* A SQLite header over garbage. */
    fp = fopen("garbage.db", "wb");
    fwrite("SQLite format 3", 1, 16, fp);
    for (int i = 0; i < 4096; i++)
        fputc(i * 7 & 0xff, fp);
    fclose(fp);
    CHECK(pia_store_open("garbage.db", 0, &st, &err) == -1 && err.code == PIA_ECORRUPT);
    CHECK_HAS(err.msg, "garbage.db");
}

/* ---- answers ----------------------------------------------------------- */

static void test_round_trip(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("rt.db");
    long id, rev = -1;
    int pos = 0;
    CHECK(pia_store_new(st, "mini", "住民基本台帳に関する事務", "○○市", &id, &err) == 0);
    CHECK(pia_store_file_add(st, id, "住民基本台帳ファイル", &pos, &err) == 0 && pos == 1);
    CHECK(pia_store_file_add(st, id, "宛名ファイル", &pos, &err) == 0 && pos == 2);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "住民基本台帳", "", 0, &rev, &err) == 0 && rev == 1);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.n", "1", "12", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, "a.sys", 2, "a.sys.name", "宛名システム", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 2, NULL, 0, "b.t", "二つ目の記載\n改行も", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 2, "b.ent", 3, "b.ent.name", "委託先三", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 1, "b.ent", 1, "b.ent.name", "委託先一", "", -1, NULL, &err) == 0);
    /* No such file. */
    CHECK(pia_store_set(st, id, 3, NULL, 0, "b.t", "x", "", -1, NULL, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK_HAS(err.msg, "rt.db: ");
    CHECK(pia_store_set(st, id + 100, 0, NULL, 0, "a.t", "x", "", -1, NULL, &err) == -1);

    pia_value v;
    CHECK(pia_store_get(st, id, 0, 0, "a.n", &v, &err) == 0);
    CHECK_STR(v.value, "1");
    CHECK_STR(v.detail, "12");
    CHECK(v.rev == 1);
    CHECK(is_iso_ms(v.updated));
    CHECK_STR(v.updated_by, "tester");
    value_free(&v);
    CHECK(pia_store_get(st, id, 2, 3, "b.ent.name", &v, &err) == 0);
    CHECK_STR(v.value, "委託先三");
    value_free(&v);
    CHECK(pia_store_get(st, id, 2, 1, "b.ent.name", &v, &err) == 0 && v.value == NULL && v.rev == 0);
    value_free(&v);
    CHECK(pia_store_get(st, id, 0, 0, "a.nothing", &v, &err) == 0 && v.value == NULL && v.rev == 0);
    value_free(&v);

    pia_doc *d;
    CHECK(pia_store_load(st, id, &d, &err) == 0);
    CHECK(d->id == id && d->nfiles == 2);
    CHECK_STR(d->title, "住民基本台帳に関する事務");
    CHECK_STR(d->org, "○○市");
    CHECK_STR(d->template_name, "mini");
    CHECK_STR(d->files[0].name, "住民基本台帳ファイル");
    CHECK_STR(d->files[1].name, "宛名ファイル");
    CHECK(pia_doc_count(d) == 6);
    CHECK(pia_doc_instances(d, 0, "a.sys") == 2);
    CHECK(pia_doc_instances(d, 2, "b.ent") == 3);
    CHECK(pia_doc_instances(d, 1, "b.ent") == 1);
    CHECK_STR(pia_doc_get(d, 0, 0, "a.t")->value, "住民基本台帳");
    CHECK_STR(pia_doc_get(d, 0, 0, "a.n")->detail, "12");
    CHECK_STR(pia_doc_get(d, 0, 2, "a.sys.name")->value, "宛名システム");
    CHECK_STR(pia_doc_get(d, 2, 0, "b.t")->value, "二つ目の記載\n改行も");
    CHECK_STR(pia_doc_get(d, 2, 3, "b.ent.name")->value, "委託先三");
    CHECK_STR(pia_doc_get(d, 1, 1, "b.ent.name")->value, "委託先一");
    CHECK(pia_doc_get(d, 0, 0, "a.t")->rev == 1);
    CHECK(pia_doc_get(d, 1, 0, "b.t") == NULL);

    /* The same doc imported is the same assessment again. */
    long copy;
    CHECK(pia_store_import(st, d, &copy, &err) == 0 && copy != id);
    pia_doc *e;
    CHECK(pia_store_load(st, copy, &e, &err) == 0);
    CHECK(e->nfiles == 2 && pia_doc_count(e) == 6);
    CHECK(pia_doc_instances(e, 2, "b.ent") == 3);
    CHECK_STR(pia_doc_get(e, 2, 3, "b.ent.name")->value, "委託先三");
    CHECK_STR(pia_doc_get(e, 0, 0, "a.n")->detail, "12");
    pia_doc_free(e);
    pia_doc_free(d);

    /* Duplicate, with a new title. */
    long dup;
    int n;
    CHECK(pia_store_duplicate(st, id, "写し", &dup, &err) == 0);
    CHECK(pia_store_load(st, dup, &e, &err) == 0);
    CHECK_STR(e->title, "写し");
    CHECK(pia_doc_count(e) == 6);
    pia_doc_free(e);
    pia_audit *a;
    CHECK(pia_store_audit(st, dup, &a, &n, &err) == 0 && n == 2);
    if (n == 2) {
        CHECK_STR(a[0].action, "import");
        CHECK_STR(a[1].action, "duplicate");
        CHECK_STR(a[1].new_value, "写し");
    }
    pia_audit_free(a, n);
    CHECK(pia_store_duplicate(st, id + 100, NULL, &dup, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK_HAS(err.msg, "rt.db");

    pia_summary *s;
    CHECK(pia_store_list(st, &s, &n, &err) == 0 && n == 3);
    for (int i = 0; i < n; i++)
        CHECK(s[i].nfiles == 2 && s[i].nanswers == 6);
    pia_summaries_free(s, n);

    /* Deleting cascades to everything the assessment owns. */
    sqlite3 *db = pia_store_db(st);
    CHECK(pia_store_delete(st, dup, &err) == 0);
    CHECK(pia_store_load(st, dup, &e, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(sql_int(db, "SELECT count(*) FROM file WHERE assessment_id NOT IN (SELECT id FROM assessment)") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM instance WHERE assessment_id NOT IN (SELECT id FROM assessment)") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM answer WHERE assessment_id NOT IN (SELECT id FROM assessment)") == 0);
    CHECK(pia_store_delete(st, dup, &err) == -1 && err.code == PIA_ENOTFOUND);
    pia_store_close(st);

    /* Reopened, the answers are all there. */
    st = open_ok("rt.db");
    CHECK(pia_store_load(st, id, &d, &err) == 0 && pia_doc_count(d) == 6);
    pia_doc_free(d);
    pia_store_close(st);
}

static char *updated_of(pia_store *st, long id)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT updated FROM assessment WHERE id=%ld", id);
    return sql_text(pia_store_db(st), sql);
}

static void test_updated(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("upd.db");
    long id;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    char *t0 = updated_of(st, id);
    usleep(5000);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "一", "", -1, NULL, &err) == 0);
    char *t1 = updated_of(st, id);
    CHECK(is_iso_ms(t1) && strcmp(t1, t0) > 0);
    usleep(5000);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "一", "", -1, NULL, &err) == 0);
    char *t2 = updated_of(st, id);
    CHECK_STR(t2, t1);               /* unchanged: no bump */
    usleep(5000);
    int pos;
    CHECK(pia_store_file_add(st, id, "ファイル", &pos, &err) == 0);
    char *t3 = updated_of(st, id);
    CHECK(strcmp(t3, t2) > 0);
    usleep(5000);
    CHECK(pia_store_set_meta(st, id, "新しい題", NULL, &err) == 0);
    char *t4 = updated_of(st, id);
    CHECK(strcmp(t4, t3) > 0);
    free(t0), free(t1), free(t2), free(t3), free(t4);

    /* The most recently updated first. */
    long other;
    CHECK(pia_store_new(st, "mini", "後から", "", &other, &err) == 0);
    usleep(5000);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "二", "", -1, NULL, &err) == 0);
    pia_summary *s;
    int n;
    CHECK(pia_store_list(st, &s, &n, &err) == 0 && n == 2 && s[0].id == id && s[1].id == other);
    if (n == 2)
        CHECK_STR(s[0].title, "新しい題");
    pia_summaries_free(s, n);
    pia_store_close(st);
}

static void test_renumber(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("ren.db");
    long id;
    int pos;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    const char *names[] = { "一", "二", "三", "四" };
    for (int f = 0; f < 4; f++) {
        CHECK(pia_store_file_add(st, id, names[f], &pos, &err) == 0 && pos == f + 1);
        char text[32];
        snprintf(text, sizeof text, "%sの記載", names[f]);
        CHECK(pia_store_set(st, id, f + 1, NULL, 0, "b.t", text, "", -1, NULL, &err) == 0);
        for (int i = 1; i <= 3; i++) {
            snprintf(text, sizeof text, "%s-委託%d", names[f], i);
            CHECK(pia_store_set(st, id, f + 1, "b.ent", i, "b.ent.name", text, "", -1, NULL, &err) == 0);
        }
    }
    /* What removing would lose: the question before it names this. */
    pia_removal r;
    CHECK(pia_store_removal(st, id, 2, NULL, 0, &r, &err) == 0);
    CHECK_STR(r.name, "二");
    CHECK(r.answers == 4 && r.files == -1);       /* b.t and three 委託先 */
    pia_removal_clear(&r);
    CHECK(pia_store_removal(st, id, 0, NULL, 0, &r, &err) == 0);
    CHECK_STR(r.name, "題");
    CHECK(r.files == 4 && r.answers == 16);
    pia_removal_clear(&r);
    CHECK(pia_store_removal(st, id, 1, "b.ent", 2, &r, &err) == 0 && r.answers == 1 && r.name == NULL);
    pia_removal_clear(&r);
    CHECK(pia_store_removal(st, id, 9, NULL, 0, &r, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(pia_store_removal(st, id, 1, "b.ent", 9, &r, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(pia_store_removal(st, 999, 0, NULL, 0, &r, &err) == -1 && err.code == PIA_ENOTFOUND);

    /* Remove file 2: 三 and 四 move up with their answers and instances. */
    CHECK(pia_store_file_remove(st, id, 2, &err) == 0);
    CHECK(pia_store_file_remove(st, id, 9, &err) == -1 && err.code == PIA_ENOTFOUND);
    pia_doc *d;
    CHECK(pia_store_load(st, id, &d, &err) == 0 && d->nfiles == 3);
    CHECK_STR(d->files[1].name, "三");
    CHECK_STR(d->files[2].name, "四");
    CHECK_STR(pia_doc_get(d, 2, 0, "b.t")->value, "三の記載");
    CHECK_STR(pia_doc_get(d, 3, 2, "b.ent.name")->value, "四-委託2");
    CHECK(pia_doc_instances(d, 3, "b.ent") == 3);
    pia_doc_free(d);

    /* Remove 委託2 of file 1: 委託3 becomes 委託2. */
    CHECK(pia_store_inst_remove(st, id, 1, "b.ent", 2, &err) == 0);
    CHECK(pia_store_inst_remove(st, id, 1, "b.ent", 7, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(pia_store_load(st, id, &d, &err) == 0);
    CHECK(pia_doc_instances(d, 1, "b.ent") == 2);
    CHECK(pia_doc_instances(d, 2, "b.ent") == 3);
    CHECK_STR(pia_doc_get(d, 1, 1, "b.ent.name")->value, "一-委託1");
    CHECK_STR(pia_doc_get(d, 1, 2, "b.ent.name")->value, "一-委託3");
    CHECK(pia_doc_get(d, 1, 3, "b.ent.name") == NULL);
    pia_doc_free(d);

    /* Instances added explicitly, then answered. */
    CHECK(pia_store_inst_add(st, id, 0, "a.sys", &pos, &err) == 0 && pos == 1);
    CHECK(pia_store_inst_add(st, id, 0, "a.sys", &pos, &err) == 0 && pos == 2);
    CHECK(pia_store_set(st, id, 0, "a.sys", 2, "a.sys.name", "二番目", "", -1, NULL, &err) == 0);
    CHECK(pia_store_inst_remove(st, id, 0, "a.sys", 1, &err) == 0);
    pia_value v;
    CHECK(pia_store_get(st, id, 0, 1, "a.sys.name", &v, &err) == 0);
    CHECK_STR(v.value, "二番目");
    value_free(&v);

    /* Move file 3 (四) to the front; rename it. */
    CHECK(pia_store_file_move(st, id, 3, 1, &err) == 0);
    CHECK(pia_store_file_rename(st, id, 1, "四（改）", &err) == 0);
    CHECK(pia_store_load(st, id, &d, &err) == 0 && d->nfiles == 3);
    CHECK_STR(d->files[0].name, "四（改）");
    CHECK_STR(d->files[1].name, "一");
    CHECK_STR(d->files[2].name, "三");
    CHECK_STR(pia_doc_get(d, 1, 0, "b.t")->value, "四の記載");
    CHECK_STR(pia_doc_get(d, 3, 0, "b.t")->value, "三の記載");
    pia_doc_free(d);
    /* Positions stay dense and unique. */
    CHECK(sql_int(pia_store_db(st), "SELECT count(DISTINCT position) = count(*) AND max(position) = 3 "
                                    "FROM file") == 1);

    pia_audit *a;
    int n, removes = 0, inst_removes = 0, moves = 0;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0);
    for (int i = 0; i < n; i++) {
        /* The rows of removals name the file and the answers that went. */
        removes += strcmp(a[i].action, "file.remove") == 0 && a[i].file == 2 &&
                   strcmp(a[i].old_value, "二") == 0 && strcmp(a[i].new_value, "回答 4 件を削除") == 0;
        inst_removes += strcmp(a[i].action, "inst.remove") == 0 && strstr(a[i].new_value, "回答 ") != NULL;
        moves += strcmp(a[i].action, "file.move") == 0;
    }
    CHECK(removes == 1 && inst_removes == 2 && moves == 1);
    pia_audit_free(a, n);
    pia_store_close(st);
}

static void test_conflict(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("conf.db");
    long id, rev = -1;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    /* Absent is revision 0. */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "私の記載", "", 0, &rev, &err) == 0 && rev == 1);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "私の記載2", "", 1, &rev, &err) == 0 && rev == 2);
    /* Someone writing from revision 1 is stopped, nothing written. */
    pia_audit *a;
    int n0, n1;
    pia_store_audit(st, id, &a, &n0, &err);
    pia_audit_free(a, n0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "古い版から", "", 1, &rev, &err) == -1);
    CHECK(err.code == PIA_ECONFLICT);
    CHECK_HAS(err.msg, "a.t");
    pia_value v;
    CHECK(pia_store_get(st, id, 0, 0, "a.t", &v, &err) == 0);
    CHECK_STR(v.value, "私の記載2");
    CHECK(v.rev == 2);
    value_free(&v);
    pia_store_audit(st, id, &a, &n1, &err);
    pia_audit_free(a, n1);
    CHECK(n1 == n0);
    /* Expecting 0 where something now exists conflicts too. */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "x", "", 0, NULL, &err) == -1 && err.code == PIA_ECONFLICT);
    /* A cleared answer keeps counting: the revision get reports is the one to expect. */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "", "", 2, &rev, &err) == 0 && rev == 3);
    CHECK(pia_store_get(st, id, 0, 0, "a.t", &v, &err) == 0 && v.rev == 3);
    value_free(&v);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "戻した", "", 3, &rev, &err) == 0 && rev == 4);
    /* -1: no check. */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "上書き", "", -1, &rev, &err) == 0 && rev == 5);
    pia_store_close(st);
}

/* ---- transactions ------------------------------------------------------ */

typedef struct tx_ctx {
    long id;
    int fail;
    int nested_ok;
    pia_err *err;
} tx_ctx;

static int several_sets(pia_store *st, void *p)
{
    tx_ctx *c = p;
    int pos;
    c->nested_ok = !sqlite3_get_autocommit(pia_store_db(st));
    if (pia_store_file_add(st, c->id, "途中のファイル", &pos, c->err) ||
        pia_store_set(st, c->id, 0, NULL, 0, "a.t", "一", "", -1, NULL, c->err) ||
        pia_store_set(st, c->id, pos, "b.ent", 2, "b.ent.name", "二", "", -1, NULL, c->err) ||
        pia_store_set(st, c->id, 0, NULL, 0, "a.n", "1", "3", -1, NULL, c->err))
        return -1;
    if (c->fail)
        return pia_fail(c->err, PIA_EINVAL, "わざと失敗");
    return 0;
}

static void test_tx(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("tx.db");
    sqlite3 *db = pia_store_db(st);
    long id;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    int audits = sql_int(db, "SELECT count(*) FROM audit");
    tx_ctx c = { id, 1, 0, &err };
    CHECK(pia_store_tx(st, several_sets, &c, &err) == -1);
    CHECK_HAS(err.msg, "わざと失敗");
    CHECK(c.nested_ok);
    CHECK(sqlite3_get_autocommit(db));
    CHECK(sql_int(db, "SELECT count(*) FROM file") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM instance") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM answer") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM audit") == audits);
    /* The store is usable afterwards, and a good body commits everything. */
    c.fail = 0;
    CHECK(pia_store_tx(st, several_sets, &c, &err) == 0);
    CHECK(sqlite3_get_autocommit(db));
    CHECK(sql_int(db, "SELECT count(*) FROM answer") == 3);
    CHECK(sql_int(db, "SELECT count(*) FROM audit") == audits + 4);
    pia_store_close(st);
}

static void test_import_rollback(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("imp.db");
    sqlite3 *db = pia_store_db(st);
    pia_doc *d = pia_doc_new("mini", "取り込み", "市");
    pia_doc_add_file(d, "ファイル1");
    pia_doc_add_file(d, "ファイル2");
    pia_doc_set(d, 0, 0, "a.t", "名称", "");
    pia_doc_set(d, 2, 1, "b.ent.name", "委託先", "");
    /* An instance of an item in no repeated group: fails part-way. */
    pia_doc_set(d, 1, 2, "b.t", "ありえない", "");
    long id = 0;
    CHECK(pia_store_import(st, d, &id, &err) == -1);
    CHECK(err.code == PIA_EINVAL);
    CHECK(sql_int(db, "SELECT count(*) FROM assessment") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM file") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM answer") == 0);
    CHECK(sql_int(db, "SELECT count(*) FROM audit") == 0);
    CHECK(sqlite3_get_autocommit(db));
    /* An unknown template: nothing either. */
    pia_doc *bad = pia_doc_new("no-such-template", "x", "");
    CHECK(pia_store_import(st, bad, &id, &err) == -1);
    pia_doc_free(bad);
    CHECK(sql_int(db, "SELECT count(*) FROM assessment") == 0);
    pia_doc_set(d, 1, 2, "b.t", "", "");
    CHECK(pia_store_import(st, d, &id, &err) == 0);
    pia_doc_free(d);
    CHECK(pia_store_load(st, id, &d, &err) == 0);
    CHECK(pia_doc_count(d) == 2 && d->nfiles == 2);
    pia_doc_free(d);
    pia_audit *a;
    int n;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0 && n == 1);
    if (n == 1)
        CHECK_STR(a[0].action, "import");
    pia_audit_free(a, n);
    pia_store_close(st);
}

/* ---- audit ------------------------------------------------------------- */

static void test_audit(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("aud.db");
    long id;
    CHECK_STR(pia_store_user(st), "tester");
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "最初", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "最初", "", -1, NULL, &err) == 0);   /* unchanged */
    pia_store_set_user(st, "別の職員");
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "二度目", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, "a.sys", 2, "a.sys.name", "システム二", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "", "", -1, NULL, &err) == 0);      /* already clear */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.never", "", "", -1, NULL, &err) == 0);  /* nothing to clear */
    pia_audit *a;
    int n;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0);
    CHECK(n == 5);
    if (n == 5) {
        CHECK_STR(a[0].action, "new");
        CHECK_STR(a[0].who, "tester");
        CHECK_STR(a[1].action, "set");
        CHECK_STR(a[1].item, "a.t");
        CHECK_STR(a[1].old_value, "");
        CHECK_STR(a[1].new_value, "最初");
        CHECK_STR(a[1].who, "tester");
        CHECK(is_iso_ms(a[1].at));
        CHECK_STR(a[2].action, "set");
        CHECK_STR(a[2].old_value, "最初");
        CHECK_STR(a[2].new_value, "二度目");
        CHECK_STR(a[2].who, "別の職員");
        CHECK_STR(a[3].item, "a.sys.name");
        CHECK(a[3].file == 0 && a[3].inst == 2);
        CHECK_STR(a[4].action, "clear");
        CHECK_STR(a[4].old_value, "二度目");
        CHECK_STR(a[4].new_value, "");
        for (int i = 1; i < n; i++)
            CHECK(a[i].seq > a[i - 1].seq && strcmp(a[i].at, a[i - 1].at) >= 0);
    }
    pia_audit_free(a, n);
    /* A change of the parenthetical detail alone is recorded too (by
     * someone else, so that it is not merged into the first save). */
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.n", "1", "12", -1, NULL, &err) == 0);
    pia_store_set_user(st, "tester");
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.n", "1", "13", -1, NULL, &err) == 0);
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0 && n == 7);
    if (n == 7) {
        CHECK_STR(a[5].new_value, "1（12）");
        CHECK_STR(a[6].action, "set");
        CHECK_STR(a[6].old_value, "1（12）");
        CHECK_STR(a[6].new_value, "1（13）");
    }
    pia_audit_free(a, n);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.n", "", "", -1, NULL, &err) == 0);
    /* A cleared answer is gone from the doc. */
    pia_doc *d;
    CHECK(pia_store_load(st, id, &d, &err) == 0 && pia_doc_get(d, 0, 0, "a.t") == NULL);
    pia_doc_free(d);
    pia_summary *s;
    CHECK(pia_store_list(st, &s, &n, &err) == 0 && n == 1 && s[0].nanswers == 1);
    pia_summaries_free(s, n);
    pia_store_close(st);
}

static int audit_count(pia_store *st, long id)
{
    pia_err err = { 0 };
    pia_audit *a;
    int n = 0;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0);
    pia_audit_free(a, n);
    return n;
}

/* Saves of one item by one person in a row share a row; another item,
 * another person, a clear or ten quiet minutes start a new one. */
static void test_audit_runs(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("runs.db");
    long id;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    int base = audit_count(st, id);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "一", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "一二", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "一二三", "", -1, NULL, &err) == 0);
    pia_audit *a;
    int n;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0 && n == base + 1);
    if (n == base + 1) {
        CHECK_STR(a[base].old_value, "");
        CHECK_STR(a[base].new_value, "一二三");
        CHECK(is_iso_ms(a[base].last_at) && strcmp(a[base].last_at, a[base].at) >= 0);
    }
    pia_audit_free(a, n);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.u", "別の項目", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "一二三四", "", -1, NULL, &err) == 0);
    CHECK(audit_count(st, id) == base + 3);
    pia_store_set_user(st, "別の職員");
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "五", "", -1, NULL, &err) == 0);
    CHECK(audit_count(st, id) == base + 4);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "六", "", -1, NULL, &err) == 0);
    CHECK(audit_count(st, id) == base + 6);
    /* Eleven minutes of quiet: the next save is a new row. */
    CHECK(sqlite3_exec(pia_store_db(st), "UPDATE audit SET at=strftime('%Y-%m-%dT%H:%M:%fZ','now','-11 minutes'),"
                       " last_at=NULL WHERE seq=(SELECT max(seq) FROM audit)", NULL, NULL, NULL) == SQLITE_OK);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "六七", "", -1, NULL, &err) == 0);
    CHECK(audit_count(st, id) == base + 7);
    pia_store_close(st);
}

/* A database of schema 2 (before audit runs): opened read-only it is read
 * as it is; opened for writing it is migrated, its trail kept. */
static void test_migrate_v2(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("v2.db");
    long id;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "古い記録", "", -1, NULL, &err) == 0);
    sqlite3 *db = pia_store_db(st);
    CHECK(sqlite3_exec(db, "ALTER TABLE audit DROP COLUMN last_at; "
                       "ALTER TABLE assessment DROP COLUMN template_sha; PRAGMA user_version=2",
                       NULL, NULL, NULL) == SQLITE_OK);
    pia_store_close(st);

    CHECK(pia_store_open("v2.db", PIA_STORE_READONLY, &st, &err) == 0);
    pia_audit *a;
    int n;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0 && n == 2);
    if (n == 2)
        CHECK(strcmp(a[1].new_value, "古い記録") == 0 && a[1].last_at == NULL);
    pia_audit_free(a, n);
    CHECK(sql_int(pia_store_db(st), "PRAGMA user_version") == 2);
    pia_store_close(st);

    st = open_ok("v2.db");
    CHECK(sql_int(pia_store_db(st), "PRAGMA user_version") == 7);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "新しい記録", "", -1, NULL, &err) == 0);
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0 && n == 2);   /* the save in a row extends */
    if (n == 2)
        CHECK(strcmp(a[1].old_value, "") == 0 && strcmp(a[1].new_value, "新しい記録") == 0);
    pia_audit_free(a, n);
    pia_store_close(st);
}

/* A database of schema 3 (before template fingerprints): read-only it is
 * read as it is (fingerprint unknown); opened for writing it gains the
 * column, old rows stay unknown, new ones record the template, and a
 * write by a caller that names its form records that form. */
static void test_migrate_v3(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("v3.db");
    long id, id2;
    CHECK(pia_store_new(st, "mini", "古い評価書", "", &id, &err) == 0);
    CHECK(sqlite3_exec(pia_store_db(st), "ALTER TABLE assessment DROP COLUMN template_sha; PRAGMA user_version=3",
                       NULL, NULL, NULL) == SQLITE_OK);
    pia_store_close(st);

    CHECK(pia_store_open("v3.db", PIA_STORE_READONLY, &st, &err) == 0);
    pia_doc *d = NULL;
    CHECK(pia_store_load(st, id, &d, &err) == 0 && d && d->template_sha == NULL);
    pia_doc_free(d);
    CHECK(sql_int(pia_store_db(st), "PRAGMA user_version") == 3);
    pia_store_close(st);

    st = open_ok("v3.db");
    CHECK(sql_int(pia_store_db(st), "PRAGMA user_version") == 7);
    CHECK(pia_store_load(st, id, &d, &err) == 0 && d && d->template_sha == NULL);
    pia_doc_free(d);
    pia_form *form = NULL;
    CHECK(pia_form_load_named("mini", &form, &err) == 0 && strlen(form->sha256) == 64);
    CHECK(pia_store_new(st, "mini", "新しい評価書", "", &id2, &err) == 0);
    CHECK(pia_store_load(st, id2, &d, &err) == 0 && d->template_sha);
    if (d && d->template_sha)
        CHECK_STR(d->template_sha, form->sha256);
    CHECK(pia_form_mismatch(form, d ? d->template_sha : NULL) == NULL);
    pia_doc_free(d);

    /* Written with another template (same name, other bytes): opening says
     * so, naming both fingerprints; the write records the new one. */
    pia_form *other = NULL;
    char *changed = NULL;
    FILE *fp = fopen("templates/mini.yaml", "r");
    if (fp) {
        char buf[4096];
        size_t n = fread(buf, 1, sizeof buf - 1, fp);
        buf[n] = '\0';
        fclose(fp);
        changed = pia_xasprintf("%s      - {id: a.x, label: 追加の項目, kind: text}\n", buf);
    }
    CHECK(changed && pia_form_load_buffer("other.yaml", changed, strlen(changed), &other, &err) == 0);
    free(changed);
    if (other) {
        char *note = pia_form_mismatch(other, form->sha256);
        CHECK_HAS(note, "別の内容のテンプレート");
        char want[16];
        snprintf(want, sizeof want, "%.12s", form->sha256);
        CHECK_HAS(note, want);
        snprintf(want, sizeof want, "%.12s", other->sha256);
        CHECK_HAS(note, want);
        free(note);
        pia_store_writing_with(st, other);
        CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "新しい様式で記入", "", -1, NULL, &err) == 0);
        CHECK(pia_store_load(st, id, &d, &err) == 0 && d->template_sha);
        if (d && d->template_sha)
            CHECK_STR(d->template_sha, other->sha256);
        pia_doc_free(d);
        /* A write by a caller that names no form keeps the record. */
        pia_store_writing_with(st, NULL);
        CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "もう一度", "", -1, NULL, &err) == 0);
        CHECK(pia_store_load(st, id, &d, &err) == 0 && d->template_sha);
        if (d && d->template_sha)
            CHECK_STR(d->template_sha, other->sha256);
        pia_doc_free(d);
    }
    pia_form_free(other);
    pia_form_free(form);
    pia_store_close(st);
}

/* A FIFO or a device given as the database is refused at once, untouched:
 * opening a FIFO used to block for ever. */
static void test_special_files(void)
{
    pia_err err = { 0 };
    pia_store *st = NULL;
    CHECK(mkfifo("fifo.db", 0600) == 0);
    CHECK(pia_store_open("fifo.db", 0, &st, &err) == -1 && st == NULL && err.code == PIA_EINVAL);
    CHECK_HAS(err.msg, "fifo.db: 通常のファイルではありません");
    CHECK(pia_store_open("fifo.db", PIA_STORE_READONLY, &st, &err) == -1 && st == NULL);
    struct stat sb;
    CHECK(lstat("fifo.db", &sb) == 0 && S_ISFIFO(sb.st_mode));
    CHECK(access("fifo.db-wal", F_OK) != 0);
    /* A symlink to a regular database is a database. */
    pia_store_close(open_ok("real.db"));
    CHECK(symlink("real.db", "link.db") == 0);
    CHECK(pia_store_open("link.db", PIA_STORE_NOCREATE, &st, &err) == 0);
    pia_store_close(st);
    /* A symlink to the FIFO is the FIFO. */
    CHECK(symlink("fifo.db", "tofifo.db") == 0);
    CHECK(pia_store_open("tofifo.db", 0, &st, &err) == -1 && err.code == PIA_EINVAL);
}

static int file_has(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    size_t cap = 1 << 20, len = 0, got;
    char *buf = malloc(cap);
    while ((got = fread(buf + len, 1, cap - len, fp)) > 0)
        if ((len += got) == cap)
            buf = realloc(buf, cap *= 2);
    fclose(fp);
    size_t k = strlen(needle);
    int found = 0;
    for (size_t i = 0; !found && i + k <= len; i++)
        found = memcmp(buf + i, needle, k) == 0;
    free(buf);
    return found;
}

/* Deleting an assessment leaves none of its text in the file: not in the
 * answers, not in the trail (whose rows stay, without texts), not in free
 * pages (secure_delete). */
static void test_delete_erases(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("erase.db");
    long id, keep;
    CHECK(pia_store_new(st, "mini", "消す評価書", "", &id, &err) == 0);
    CHECK(pia_store_new(st, "mini", "残す評価書", "", &keep, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "秘密の記載QZX", "", -1, NULL, &err) == 0);
    pia_store_set_user(st, "別の職員");
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "置き換えた記載JWV", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, keep, 0, NULL, 0, "a.t", "残る記載", "", -1, NULL, &err) == 0);
    pia_store_close(st);
    CHECK(file_has("erase.db", "秘密の記載QZX") == 1 || file_has("erase.db-wal", "秘密の記載QZX") == 1);

    st = open_ok("erase.db");
    int before = audit_count(st, id);
    CHECK(pia_store_delete(st, id, &err) == 0);
    pia_audit *a;
    int n;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0 && n == before + 1);
    for (int i = 0; i + 1 < n; i++)
        CHECK(!*a[i].old_value && !*a[i].new_value);
    if (n > 0) {       /* the deletion names what went: the title and how much */
        CHECK_STR(a[n - 1].action, "delete");
        CHECK_STR(a[n - 1].old_value, "消す評価書");
        CHECK_STR(a[n - 1].new_value, "ファイル 0 件・回答 1 件を削除");
    }
    pia_audit_free(a, n);
    pia_store_close(st);
    CHECK(file_has("erase.db", "秘密の記載QZX") == 0);
    CHECK(file_has("erase.db", "置き換えた記載JWV") == 0);
    CHECK(file_has("erase.db", "残る記載") == 1);
}

/* ---- locking, read-only, paths ----------------------------------------- */

static void test_busy(void)
{
    pia_err err = { 0 };
    setenv("PIA_BUSY_TIMEOUT_MS", "300", 1);
    pia_store *st = open_ok("busy.db");
    unsetenv("PIA_BUSY_TIMEOUT_MS");
    CHECK(sql_int(pia_store_db(st), "PRAGMA busy_timeout") == 300);
    long id;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    sqlite3 *other;
    CHECK(sqlite3_open("busy.db", &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    double t0 = now();
    CHECK(pia_store_set(st, id, 0, "a.sys", 3, "a.sys.name", "待たされる", "", -1, NULL, &err) == -1);
    double waited = now() - t0;
    CHECK(err.code == PIA_EBUSY);
    CHECK_HAS(err.msg, "busy.db");
    CHECK_HAS(err.msg, "ロックされています");
    CHECK_HAS(err.msg, "0.3 秒");
    CHECK(waited >= 0.25 && waited < 3);
    CHECK(sqlite3_get_autocommit(pia_store_db(st)));
    /* Reads still work while the other holds the write lock. */
    pia_doc *d;
    CHECK(pia_store_load(st, id, &d, &err) == 0);
    pia_doc_free(d);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    /* Nothing half-written: no instances, no answer, no audit row. */
    CHECK(sql_int(other, "SELECT count(*) FROM instance") == 0);
    CHECK(sql_int(other, "SELECT count(*) FROM answer") == 0);
    CHECK(sql_int(other, "SELECT count(*) FROM audit WHERE action<>'new'") == 0);
    sqlite3_close(other);
    CHECK(pia_store_set(st, id, 0, "a.sys", 3, "a.sys.name", "待たされる", "", -1, NULL, &err) == 0);
    pia_store_close(st);
}

static void test_readonly(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("ro.db");
    long id;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "読むだけ", "", -1, NULL, &err) == 0);
    pia_store_close(st);
    CHECK(pia_store_open("ro.db", PIA_STORE_READONLY, &st, &err) == 0);
    pia_value v;
    CHECK(pia_store_get(st, id, 0, 0, "a.t", &v, &err) == 0);
    CHECK_STR(v.value, "読むだけ");
    value_free(&v);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "書けない", "", -1, NULL, &err) == -1);
    CHECK(err.code == PIA_ERDONLY);
    CHECK_HAS(err.msg, "ro.db");
    pia_store_close(st);

    if (geteuid() == 0)      /* root writes anywhere: nothing to test */
        return;
    mkdir("locked", 0700);
    chmod("locked", 0500);
    CHECK(pia_store_open("locked/new.db", 0, &st, &err) == -1 && err.code == PIA_ERDONLY);
    CHECK_HAS(err.msg, "locked/new.db");
    chmod("locked", 0700);
    st = open_ok("locked/x.db");
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    pia_store_close(st);
    chmod("locked", 0500);
    st = NULL;
    int rc = pia_store_open("locked/x.db", 0, &st, &err);
    if (rc == 0) {           /* opened: writing must then fail as read-only */
        rc = pia_store_set(st, id, 0, NULL, 0, "a.t", "x", "", -1, NULL, &err);
        pia_store_close(st);
    }
    CHECK(rc == -1 && err.code == PIA_ERDONLY);
    CHECK_HAS(err.msg, "locked/x.db");
    chmod("locked", 0700);
}

static void test_default_path(void)
{
    pia_err err = { 0 };
    char cwd[1024], xdg[1100], want[1200], buf[1200];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    snprintf(xdg, sizeof xdg, "%s/xdg/deep", cwd);
    setenv("XDG_DATA_HOME", xdg, 1);
    CHECK(pia_store_default_path(buf, sizeof buf, &err) == 0);
    snprintf(want, sizeof want, "%s/pia/pia.db", xdg);
    CHECK_STR(buf, want);
    snprintf(want, sizeof want, "%s/pia", xdg);
    CHECK(file_mode(want) == 0700);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", cwd, 1);
    CHECK(pia_store_default_path(buf, sizeof buf, &err) == 0);
    snprintf(want, sizeof want, "%s/.local/share/pia/pia.db", cwd);
    CHECK_STR(buf, want);
    char tiny[8];
    CHECK(pia_store_default_path(tiny, sizeof tiny, &err) == -1);
}

/* ---- timings ----------------------------------------------------------- */

static int many_assessments(pia_store *st, void *ctx)
{
    pia_err *err = ctx;
    char title[64];
    for (int i = 0; i < 10000; i++) {
        long id;
        snprintf(title, sizeof title, "評価書 %d", i);
        if (pia_store_new(st, "mini", title, "市", &id, err) ||
            pia_store_set(st, id, 0, NULL, 0, "a.t", "名称", "", -1, NULL, err) ||
            (i % 3 == 0 && pia_store_file_add(st, id, "ファイル", NULL, err)))
            return -1;
    }
    return 0;
}

static void test_timings(void)
{
    pia_err err = { 0 };
    pia_store *st = open_ok("speed.db");
    long id, rev = 0;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    char text[64];
    int n = 1000;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        snprintf(text, sizeof text, "打鍵 %d", i);
        if (pia_store_set(st, id, 0, NULL, 0, "a.t", text, "", rev, &rev, &err))
            break;
    }
    double t1 = now();
    CHECK(rev == n);
    fprintf(stderr, "timing: %d pia_store_set calls (one item, each its own transaction, "
            "synchronous=FULL): %.1f ms, %.3f ms each\n", n, (t1 - t0) * 1e3, (t1 - t0) * 1e3 / n);

    /* Import: a doc of 3 files and ~200 answers, many times. */
    pia_doc *d = pia_doc_new("mini", "取り込み", "市");
    for (int f = 1; f <= 3; f++) {
        pia_doc_add_file(d, "ファイル");
        pia_doc_set(d, f, 0, "b.t", "記載", "");
        for (int i = 1; i <= 60; i++)
            pia_doc_set(d, f, i, "b.ent.name", "委託先の名称", "");
    }
    for (int i = 1; i <= 20; i++)
        pia_doc_set(d, 0, i, "a.sys.name", "システムの名称", "");
    int imports = 300;
    t0 = now();
    for (int i = 0; i < imports; i++) {
        long x;
        if (pia_store_import(st, d, &x, &err))
            break;
    }
    t1 = now();
    fprintf(stderr, "timing: %d imports of %d answers: %.1f ms, %.2f ms each\n",
            imports, pia_doc_count(d), (t1 - t0) * 1e3, (t1 - t0) * 1e3 / imports);
    pia_doc_free(d);
    pia_store_close(st);

    /* Listing 10,000 assessments (the TUI's first frame). */
    st = open_ok("list.db");
    CHECK(pia_store_tx(st, many_assessments, &err, &err) == 0);
    pia_store_close(st);
    st = open_ok("list.db");
    pia_summary *s;
    t0 = now();
    CHECK(pia_store_list(st, &s, &n, &err) == 0 && n == 10000);
    t1 = now();
    CHECK(n > 0 && s[0].nanswers == 1 && s[0].nfiles == ((s[0].id - 1) % 3 == 0 ? 1 : 0));
    fprintf(stderr, "timing: pia_store_list of %d assessments: %.1f ms\n", n, (t1 - t0) * 1e3);
    CHECK(t1 - t0 < 2.0);
    pia_summaries_free(s, n);
    pia_store_close(st);
}

int main(void)
{
    check_template("mini", TEMPLATE);
    setenv("PIA_USER", "tester", 1);
    unsetenv("PIA_BUSY_TIMEOUT_MS");
    test_create();
    test_missing();
    test_newer();
    test_foreign();
    test_round_trip();
    test_updated();
    test_renumber();
    test_conflict();
    test_tx();
    test_import_rollback();
    test_audit();
    test_audit_runs();
    test_migrate_v2();
    test_migrate_v3();
    test_special_files();
    test_delete_erases();
    test_busy();
    test_readonly();
    test_default_path();
    test_timings();
    return check_result();
}
