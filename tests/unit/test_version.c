/*
 * test_version.c — snapshots through the store: a version keeps its
 * answers, files and instances whatever happens to the draft afterwards
 * (and the database refuses direct changes); references ID, ID@N and
 * ID@LABEL resolve; comments and section states round-trip.
 */
#include "check.h"
#include "model/review.h"
#include "model/store.h"
#include "model/version.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pia_form *mini(void)
{
    const char *r = getenv("ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/review/mini.yaml", r && *r ? r : ".");
    pia_form *f = NULL;
    pia_err err = { 0 };
    if (pia_form_load(path, &f, &err))
        fprintf(stderr, "%s\n", err.msg);
    return f;
}

static const char *val(const pia_doc *d, int file, int inst, const char *item)
{
    const pia_value *v = pia_doc_get(d, file, inst, item);
    return v ? v->value : "(none)";
}

static void test_snapshot(pia_store *st, const pia_form *f)
{
    pia_err err = { 0 };
    long id;
    int pos, n = 0;
    CHECK(pia_store_new(st, "mini", "題", "架空市長", &id, &err) == 0);
    CHECK(pia_store_file_add(st, id, "住民基本台帳ファイル", &pos, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "basic.affairs.content", "版1の内容", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, "basic.systems.system", 2, "basic.systems.system.name", "宛名システム", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 1, NULL, 0, "risk.obtain.r1.ok", "十分である", "", -1, NULL, &err) == 0);
    CHECK(pia_version_create(st, f, id, "提出版", 1, &n, &err) == 0);
    CHECK(n == 1);
    if (err.msg[0])
        fprintf(stderr, "%s\n", err.msg);

    /* Edit the draft in every way the store allows. */
    pia_store_set(st, id, 0, NULL, 0, "basic.affairs.content", "作業中の内容", "", -1, NULL, &err);
    pia_store_set(st, id, 1, NULL, 0, "risk.obtain.r1.ok", "", "", -1, NULL, &err);
    pia_store_inst_remove(st, id, 0, "basic.systems.system", 1, &err);
    pia_store_file_rename(st, id, 1, "改名ファイル", &err);
    pia_store_file_add(st, id, "二つ目", &pos, &err);

    pia_doc *v = NULL, *live = NULL;
    CHECK(pia_version_load(st, id, 1, &v, &err) == 0);
    CHECK(pia_store_load(st, id, &live, &err) == 0);
    if (v && live) {
        CHECK_STR(val(v, 0, 0, "basic.affairs.content"), "版1の内容");
        CHECK_STR(val(live, 0, 0, "basic.affairs.content"), "作業中の内容");
        CHECK_STR(val(v, 1, 0, "risk.obtain.r1.ok"), "十分である");
        CHECK_STR(val(v, 0, 2, "basic.systems.system.name"), "宛名システム");
        CHECK(pia_doc_instances(v, 0, "basic.systems.system") == 2);
        CHECK(v->nfiles == 1 && strcmp(v->files[0].name, "住民基本台帳ファイル") == 0);
        CHECK(live->nfiles == 2);
        CHECK_STR(v->title, "題");
        CHECK_STR(val(v, 0, 2, "basic.systems.system.name"), "宛名システム");
        const pia_value *pv = pia_doc_get(v, 0, 0, "basic.affairs.content");
        CHECK(pv && pv->updated_by && strcmp(pv->updated_by, "tester") == 0);
    }
    pia_doc_free(v);
    pia_doc_free(live);

    /* The database refuses to change a sealed version. */
    sqlite3 *db = pia_store_db(st);
    CHECK(sqlite3_exec(db, "UPDATE version_answer SET value = 'x'", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM version_answer", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE version SET label = 'x'", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "INSERT INTO version_file VALUES (1, 1, 9, 'x')", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM version", NULL, NULL, NULL) != SQLITE_OK);
    /* … except the submitted flag. */
    CHECK(pia_version_set_submitted(st, id, 1, 0, &err) == 0);
    pia_version last;
    CHECK(pia_version_last_submitted(st, id, &last, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(pia_version_set_submitted(st, id, 1, 1, &err) == 0);
    CHECK(pia_version_last_submitted(st, id, &last, &err) == 0 && last.n == 1);
    pia_version_clear(&last);

    /* Labels: unique, not all digits, not empty. */
    CHECK(pia_version_create(st, f, id, "提出版", 0, &n, &err) == -1 && err.code == PIA_EINVAL);
    CHECK(pia_version_create(st, f, id, "2", 0, &n, &err) == -1);
    CHECK(pia_version_create(st, f, id, "", 0, &n, &err) == -1);
    CHECK(pia_version_create(st, f, id, "第2版", 0, &n, &err) == 0 && n == 2);

    /* References. */
    pia_doc *d = NULL;
    pia_version info;
    CHECK(pia_ref_load(st, "1@提出版", &d, &info, &err) == 0 && info.n == 1);
    if (d)
        CHECK_STR(val(d, 0, 0, "basic.affairs.content"), "版1の内容");
    pia_doc_free(d);
    pia_version_clear(&info);
    CHECK(pia_ref_load(st, "1@2", &d, &info, &err) == 0 && info.n == 2);
    if (d)
        CHECK_STR(val(d, 0, 0, "basic.affairs.content"), "作業中の内容");
    char *name = pia_ref_describe(1, &info);
    CHECK_STR(name, "1@2「第2版」");
    free(name);
    pia_doc_free(d);
    pia_version_clear(&info);
    CHECK(pia_ref_load(st, "1", &d, &info, &err) == 0 && info.n == 0);
    pia_doc_free(d);
    CHECK(pia_ref_load(st, "1@3", &d, NULL, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(pia_ref_load(st, "1@", &d, NULL, &err) == -1 && err.code == PIA_EINVAL);
    CHECK(pia_ref_load(st, "x@1", &d, NULL, &err) == -1 && err.code == PIA_EINVAL);

    pia_version *list;
    int count;
    CHECK(pia_version_list(st, id, &list, &count, &err) == 0 && count == 2);
    if (count == 2) {
        CHECK_STR(list[0].label, "提出版");
        CHECK(list[0].submitted == 1 && list[1].submitted == 0);
        CHECK(list[0].nanswers == 3);
        CHECK_STR(list[1].created_by, "tester");
    }
    pia_versions_free(list, count);
}

static void test_review(pia_store *st)
{
    pia_err err = { 0 };
    long c1, c2;
    CHECK(pia_comment_add(st, 1, 1, 0, "risk.obtain.r1.ok", "具体的に", &c1, &err) == 0);
    CHECK(pia_comment_add(st, 1, 0, 2, "basic.systems.system.name", "改行\nあり", &c2, &err) == 0);
    CHECK(pia_comment_add(st, 1, 0, 0, "", "", NULL, &err) == -1);
    CHECK(pia_comment_resolve(st, 1, c1, 1, &err) == 0);
    CHECK(pia_comment_resolve(st, 1, 999, 1, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(pia_review_set_state(st, 1, "risk", PIA_REVIEW_CHANGES, "不足", &err) == 0);
    CHECK(pia_review_set_state(st, 1, "risk", PIA_REVIEW_APPROVED, NULL, &err) == 0);
    pia_review *r = NULL;
    CHECK(pia_review_load(st, 1, &r, &err) == 0);
    if (!r)
        return;
    CHECK(r->ncomments == 2);
    if (r->ncomments == 2) {
        CHECK_STR(r->comments[0].text, "具体的に");
        CHECK(r->comments[0].resolved == 1);
        CHECK_STR(r->comments[0].resolved_by, "tester");
        CHECK_STR(r->comments[1].text, "改行\nあり");
        CHECK(r->comments[1].inst == 2 && r->comments[1].resolved == 0);
        CHECK(r->comments[1].resolved_by == NULL);
        CHECK_STR(r->comments[1].author, "tester");
    }
    CHECK(pia_review_state_of(r, "risk") == PIA_REVIEW_APPROVED);
    CHECK(pia_review_state_of(r, "basic") == PIA_REVIEW_NONE);
    CHECK(pia_review_open_count(r, 0, 2, "basic.systems.system.name") == 1);
    CHECK(pia_review_open_count(r, 1, 0, "risk.obtain.r1.ok") == 0);
    CHECK(pia_review_state_parse("要修正") == PIA_REVIEW_CHANGES);
    CHECK(pia_review_state_parse("approved") == PIA_REVIEW_APPROVED);
    CHECK(pia_review_state_parse("保留") == -1);
    pia_review_free(r);
    /* Reopen. */
    CHECK(pia_comment_resolve(st, 1, c1, 0, &err) == 0);
    CHECK(pia_review_load(st, 1, &r, &err) == 0);
    if (r)
        CHECK(r->comments[0].resolved == 0 && r->comments[0].resolved_by == NULL);
    pia_review_free(r);
}

/* Deleting an assessment takes its versions and comments with it (so a
 * reused id never inherits them). */
static void test_delete(pia_store *st)
{
    pia_err err = { 0 };
    sqlite3 *db = pia_store_db(st);
    CHECK(pia_store_delete(st, 1, &err) == 0);
    if (err.msg[0])
        fprintf(stderr, "%s\n", err.msg);
    sqlite3_stmt *s;
    const char *q = "SELECT (SELECT count(*) FROM version) + (SELECT count(*) FROM version_answer)"
                    " + (SELECT count(*) FROM review_comment) + (SELECT count(*) FROM review_state)";
    CHECK(sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 0);
    sqlite3_finalize(s);
}

static char *one_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return strdup("?");
    const unsigned char *v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
    char *r = strdup(v ? (const char *)v : "");
    sqlite3_finalize(s);
    return r;
}

/* "2025-01-31T09:00:00.123Z": the one timestamp format. */
static int ms_stamp(const char *s)
{
    return strlen(s) == 24 && s[10] == 'T' && s[19] == '.' && s[23] == 'Z';
}

/* A database of schema 4 held two timestamp formats: versions, comments
 * and review states in seconds ("…00Z").  Read-only it is read as it is;
 * opened for writing every such row is rewritten to the one format, and
 * a sealed version still refuses changes afterwards. */
static void test_old_times(const char *dir, const pia_form *f)
{
    char path[512];
    snprintf(path, sizeof path, "%s/old.db", dir);
    pia_err err = { 0 };
    pia_store *st = NULL;
    long id, cid;
    CHECK(pia_store_open(path, 0, &st, &err) == 0);
    if (!st)
        return;
    CHECK(pia_store_new(st, "mini", "旧形式", "", &id, &err) == 0);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "basic.affairs.content", "内容", "", -1, NULL, &err) == 0);
    CHECK(pia_version_create(st, f, id, "旧版", 0, NULL, &err) == 0);
    CHECK(pia_comment_add(st, id, 0, 0, "basic.affairs.content", "確認", &cid, &err) == 0);
    CHECK(pia_comment_resolve(st, id, cid, 1, &err) == 0);
    CHECK(pia_review_set_state(st, id, "basic", PIA_REVIEW_REVIEWING, NULL, &err) == 0);
    sqlite3 *db = pia_store_db(st);
    char *now = one_text(db, "SELECT updated FROM answer");
    CHECK(ms_stamp(now));
    free(now);
    CHECK(sqlite3_exec(db, "DROP TRIGGER version_frozen;"
                       "UPDATE version SET created = '2025-01-31T09:00:00Z';"
                       "UPDATE review_comment SET at = '2025-02-01T10:11:12Z', resolved_at = '2025-02-02T10:11:12Z';"
                       "UPDATE review_state SET at = '2025-02-03T10:11:12Z';"
                       "PRAGMA user_version = 4", NULL, NULL, NULL) == SQLITE_OK);
    pia_store_close(st);

    CHECK(pia_store_open(path, PIA_STORE_READONLY, &st, &err) == 0);
    if (st) {
        pia_version v;
        CHECK(pia_version_find(st, id, "旧版", &v, &err) == 0);
        CHECK_STR(v.created, "2025-01-31T09:00:00Z");
        pia_version_clear(&v);
        pia_store_close(st);
    }

    CHECK(pia_store_open(path, 0, &st, &err) == 0);
    if (!st)
        return;
    db = pia_store_db(st);
    char *s = one_text(db, "SELECT created FROM version");
    CHECK_STR(s, "2025-01-31T09:00:00.000Z");
    free(s);
    s = one_text(db, "SELECT at || ' ' || resolved_at FROM review_comment");
    CHECK_STR(s, "2025-02-01T10:11:12.000Z 2025-02-02T10:11:12.000Z");
    free(s);
    s = one_text(db, "SELECT at FROM review_state");
    CHECK_STR(s, "2025-02-03T10:11:12.000Z");
    free(s);
    CHECK(sqlite3_exec(db, "UPDATE version SET label = 'x'", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(pia_comment_add(st, id, 0, 0, "", "新しい", &cid, &err) == 0);
    s = one_text(db, "SELECT at FROM review_comment ORDER BY id DESC LIMIT 1");
    CHECK(ms_stamp(s));
    free(s);
    pia_store_close(st);
    unlink(path);
}

/* Versions and comments fail through the store's one error mapping: a
 * locked database reads the same as for an answer, naming the file. */
static void test_locked(const char *dir, const pia_form *f)
{
    char path[512];
    snprintf(path, sizeof path, "%s/locked.db", dir);
    pia_err err = { 0 };
    pia_store *st = NULL;
    long id;
    setenv("PIA_BUSY_TIMEOUT_MS", "200", 1);
    CHECK(pia_store_open(path, 0, &st, &err) == 0);
    unsetenv("PIA_BUSY_TIMEOUT_MS");
    if (!st)
        return;
    CHECK(pia_store_new(st, "mini", "題", "", &id, &err) == 0);
    CHECK(pia_comment_add(st, id, 0, 0, "", "先に", NULL, &err) == 0);
    sqlite3 *other;
    CHECK(sqlite3_open(path, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    const char *want = "データベースがロックされています（0.2 秒待ちました）";
    CHECK(pia_comment_add(st, id, 0, 0, "", "待つ", NULL, &err) == -1);
    CHECK(err.code == PIA_EBUSY);
    CHECK_HAS(err.msg, "locked.db: ");
    CHECK_HAS(err.msg, want);
    memset(&err, 0, sizeof err);
    CHECK(pia_review_set_state(st, id, "basic", PIA_REVIEW_CHANGES, NULL, &err) == -1);
    CHECK(err.code == PIA_EBUSY);
    CHECK_HAS(err.msg, want);
    memset(&err, 0, sizeof err);
    CHECK(pia_version_create(st, f, id, "版", 0, NULL, &err) == -1);
    CHECK(err.code == PIA_EBUSY);
    CHECK_HAS(err.msg, want);
    memset(&err, 0, sizeof err);
    CHECK(pia_store_set(st, id, 0, NULL, 0, "basic.affairs.content", "x", "", -1, NULL, &err) == -1);
    CHECK(err.code == PIA_EBUSY);
    CHECK_HAS(err.msg, want);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    pia_store_close(st);
    unlink(path);
}

int main(void)
{
    pia_form *f = mini();
    char dir[] = "/tmp/pia-test-version.XXXXXX";
    CHECK(f && mkdtemp(dir));
    if (!f)
        return check_result();
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    const char *root = getenv("ROOT");
    char tdir[4096];
    snprintf(tdir, sizeof tdir, "%s/tests/fixtures/review", root && *root ? root : ".");
    setenv("PIA_TEMPLATE_DIR", tdir, 1);
    pia_store *st = NULL;
    pia_err err = { 0 };
    CHECK(pia_store_open(path, 0, &st, &err) == 0);
    if (st) {
        pia_store_set_user(st, "tester");
        test_snapshot(st, f);
        test_review(st);
        test_delete(st);
        pia_store_close(st);
        test_old_times(dir, f);
        test_locked(dir, f);
    } else {
        fprintf(stderr, "%s\n", err.msg);
    }
    unlink(path);
    char side[600];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    rmdir(dir);
    pia_form_free(f);
    return check_result();
}
