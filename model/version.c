/*
 * version.c — immutable snapshots of an assessment (see version.h).
 *
 * A snapshot is stored relationally beside the live answers: one row per
 * version, then its files, instance counts and answers (with who changed
 * each answer last, so a reviewer can still ask).  Rows are written with
 * `sealed = 0`, then the version is sealed in the same transaction; from
 * then on the database refuses every change (review_schema.c).
 */
#include "version.h"
#include "db.h"
#include "review_schema.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int pia_version_migrate(sqlite3 *db, pia_err *err)
{
    return pia_review_schema_apply(db, err);
}

/* store_open.c creates the tables (migration 2); a database opened
 * read-only before it was migrated simply has no versions yet (0). */
static int have_tables(sqlite3 *db, pia_err *err)
{
    return pia_db_has_table(db, "version", err);
}

static int ensure(sqlite3 *db, pia_err *err)
{
    int h = have_tables(db, err);
    return h < 0 ? -1 : h ? 0 : pia_version_migrate(db, err);
}

/* ---- creating ------------------------------------------------------ */

typedef struct create_ctx {
    const pia_form *form;
    long id;
    const char *label;
    int submitted;
    int n;
    pia_err *err;
} create_ctx;

static int label_ok(const char *label, pia_err *err)
{
    if (!label || !*label)
        return pia_fail(err, PIA_EINVAL, "版の名前（--label）が空です");
    const char *p = label;
    while (isdigit((unsigned char)*p))
        p++;
    if (!*p)
        return pia_fail(err, PIA_EINVAL, "版の名前を数字だけにはできません（ID@番号 と区別するため）: %s", label);
    for (p = label; *p; p++)
        if ((unsigned char)*p < 0x20)
            return pia_fail(err, PIA_EINVAL, "版の名前に制御文字は使えません");
    return 0;
}

static int step_done(sqlite3 *db, sqlite3_stmt *s, const char *what, pia_err *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return pia_db_fail(err, db, what);
    return 0;
}

typedef struct answer_ctx {
    sqlite3 *db;
    sqlite3_stmt *ins;
    pia_err *err;
    int failed;
} answer_ctx;

static int put_answer(int file, int inst, const char *item, const pia_value *v, void *ctx)
{
    answer_ctx *a = ctx;
    sqlite3_bind_int(a->ins, 3, file);
    sqlite3_bind_int(a->ins, 4, inst);
    sqlite3_bind_text(a->ins, 5, item, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->ins, 6, v->value ? v->value : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(a->ins, 7, v->detail ? v->detail : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(a->ins, 8, v->updated, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->ins, 9, v->updated_by, -1, SQLITE_STATIC);
    if (step_done(a->db, a->ins, "版の回答の保存", a->err)) {
        a->failed = 1;
        return 1;
    }
    return 0;
}

static int save_files(sqlite3 *db, const create_ctx *c, const pia_doc *doc)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT INTO version_file (assessment, n, pos, name) VALUES (?, ?, ?, ?)",
                           -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(c->err, db, "版の保存");
    int rc = 0;
    for (int i = 0; !rc && i < doc->nfiles; i++) {
        sqlite3_bind_int64(s, 1, c->id);
        sqlite3_bind_int(s, 2, c->n);
        sqlite3_bind_int(s, 3, i + 1);
        sqlite3_bind_text(s, 4, doc->files[i].name, -1, SQLITE_STATIC);
        rc = step_done(db, s, "版のファイルの保存", c->err);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Instance counts: every repeated group of the template, on every file
 * it is answered under. */
static int save_counts(sqlite3 *db, const create_ctx *c, const pia_doc *doc)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT INTO version_count (assessment, n, file, grp, count)"
                           " VALUES (?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(c->err, db, "版の保存");
    int rc = 0;
    for (int i = 0; !rc && i < c->form->nnodes; i++) {
        const pia_node *g = c->form->nodes[i];
        if (!g->repeat)
            continue;
        int from = g->per_file ? 1 : 0, to = g->per_file ? doc->nfiles : 0;
        for (int f = from; !rc && f <= to; f++) {
            int count = pia_doc_instances(doc, f, g->id);
            if (count <= 0)
                continue;
            sqlite3_bind_int64(s, 1, c->id);
            sqlite3_bind_int(s, 2, c->n);
            sqlite3_bind_int(s, 3, f);
            sqlite3_bind_text(s, 4, g->id, -1, SQLITE_STATIC);
            sqlite3_bind_int(s, 5, count);
            rc = step_done(db, s, "版の項目数の保存", c->err);
        }
    }
    sqlite3_finalize(s);
    return rc;
}

static int save_answers(sqlite3 *db, const create_ctx *c, const pia_doc *doc)
{
    answer_ctx a = { db, NULL, c->err, 0 };
    if (sqlite3_prepare_v2(db, "INSERT INTO version_answer (assessment, n, file, inst, item,"
                           " value, detail, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &a.ins, NULL) != SQLITE_OK)
        return pia_db_fail(c->err, db, "版の保存");
    sqlite3_bind_int64(a.ins, 1, c->id);
    sqlite3_bind_int(a.ins, 2, c->n);
    pia_doc_each(doc, put_answer, &a);
    sqlite3_finalize(a.ins);
    return a.failed ? -1 : 0;
}

static int next_number(sqlite3 *db, long id, int *n, pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(n), 0) + 1 FROM version WHERE assessment = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版の保存");
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pia_db_fail(err, db, "版の保存");
    *n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc;
}

static int insert_head(sqlite3 *db, create_ctx *c, const pia_doc *doc, const char *who)
{
    char now[32];
    pia_db_now(now);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT INTO version (assessment, n, label, created, created_by,"
                           " template, title, org, submitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(c->err, db, "版の保存");
    sqlite3_bind_int64(s, 1, c->id);
    sqlite3_bind_int(s, 2, c->n);
    sqlite3_bind_text(s, 3, c->label, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, who, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, doc->template_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, doc->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, doc->org, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 9, c->submitted ? 1 : 0);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT)
        return pia_fail(c->err, PIA_EINVAL, "版の名前「%s」はこの評価書で使用済みです", c->label);
    return rc == SQLITE_DONE ? 0 : pia_db_fail(c->err, db, "版の保存");
}

static int seal(sqlite3 *db, const create_ctx *c)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "UPDATE version SET sealed = 1 WHERE assessment = ? AND n = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(c->err, db, "版の保存");
    sqlite3_bind_int64(s, 1, c->id);
    sqlite3_bind_int(s, 2, c->n);
    int rc = step_done(db, s, "版の保存", c->err);
    sqlite3_finalize(s);
    return rc;
}

static int create_tx(pia_store *st, void *ctx)
{
    create_ctx *c = ctx;
    sqlite3 *db = pia_store_db(st);
    pia_doc *doc;
    if (ensure(db, c->err) || pia_store_load(st, c->id, &doc, c->err))
        return -1;
    int rc = next_number(db, c->id, &c->n, c->err);
    if (!rc)
        rc = insert_head(db, c, doc, pia_store_user(st));
    if (!rc)
        rc = save_files(db, c, doc);
    if (!rc)
        rc = save_counts(db, c, doc);
    if (!rc)
        rc = save_answers(db, c, doc);
    if (!rc)
        rc = seal(db, c);
    pia_doc_free(doc);
    return rc;
}

int pia_version_create(pia_store *st, const pia_form *form, long id, const char *label,
                       int submitted, int *n, pia_err *err)
{
    assert(st && form);
    if (label_ok(label, err))
        return -1;
    pia_err inner = { 0 };
    create_ctx c = { form, id, label, submitted, 0, &inner };
    if (pia_store_tx(st, create_tx, &c, err)) {
        /* The callback's error says more than the transaction's. */
        if (inner.code != PIA_OK && err)
            *err = inner;
        return -1;
    }
    if (n)
        *n = c.n;
    return 0;
}

/* ---- reading ------------------------------------------------------- */

void pia_version_clear(pia_version *v)
{
    if (!v)
        return;
    free(v->label);
    free(v->created);
    free(v->created_by);
    memset(v, 0, sizeof *v);
}

void pia_versions_free(pia_version *v, int count)
{
    for (int i = 0; i < count; i++)
        pia_version_clear(&v[i]);
    free(v);
}

#define VERSION_COLS "v.assessment, v.n, v.label, v.created, v.created_by, v.submitted," \
    " (SELECT COUNT(*) FROM version_answer a WHERE a.assessment = v.assessment AND a.n = v.n)"

static void read_version(sqlite3_stmt *s, pia_version *v)
{
    v->assessment = (long)sqlite3_column_int64(s, 0);
    v->n = sqlite3_column_int(s, 1);
    v->label = pia_db_text(s, 2);
    v->created = pia_db_text(s, 3);
    v->created_by = pia_db_text(s, 4);
    v->submitted = sqlite3_column_int(s, 5);
    v->nanswers = sqlite3_column_int(s, 6);
}

int pia_version_list(pia_store *st, long id, pia_version **out, int *count, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    *out = NULL;
    *count = 0;
    int h = have_tables(db, err);
    if (h <= 0)
        return h;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT " VERSION_COLS " FROM version v WHERE v.assessment = ?"
                           " AND v.sealed = 1 ORDER BY v.n", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版の一覧の読み込み");
    sqlite3_bind_int64(s, 1, id);
    int rc, cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 8;
            *out = pia_xrealloc(*out, (size_t)cap * sizeof **out);
        }
        read_version(s, &(*out)[(*count)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        pia_versions_free(*out, *count);
        *out = NULL;
        *count = 0;
        return pia_db_fail(err, db, "版の一覧の読み込み");
    }
    return 0;
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

int pia_version_find(pia_store *st, long id, const char *spec, pia_version *out, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    memset(out, 0, sizeof *out);
    int h = have_tables(db, err);
    if (h < 0)
        return -1;
    if (!h)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に版「%s」はありません", id, spec);
    int by_number = all_digits(spec);
    sqlite3_stmt *s;
    const char *sql = by_number
        ? "SELECT " VERSION_COLS " FROM version v WHERE v.assessment = ? AND v.n = ? AND v.sealed = 1"
        : "SELECT " VERSION_COLS " FROM version v WHERE v.assessment = ? AND v.label = ? AND v.sealed = 1";
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版の読み込み");
    sqlite3_bind_int64(s, 1, id);
    if (by_number)
        sqlite3_bind_int64(s, 2, strtol(spec, NULL, 10));
    else
        sqlite3_bind_text(s, 2, spec, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_version(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に版「%s」はありません（pia versions %ld で一覧）",
                        id, spec, id);
    return pia_db_fail(err, db, "版の読み込み");
}

static int version_head(sqlite3 *db, long id, int n, pia_doc **out, pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT template, title, org, created, created, NULL FROM version"
                           " WHERE assessment = ? AND n = ? AND sealed = 1", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版の読み込み");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, n);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = pia_db_doc_head(s, id);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に版 %d はありません", id, n);
    return pia_db_fail(err, db, "版の読み込み");
}

static int load_rows(sqlite3 *db, const char *sql, long id, int n, pia_doc *doc, int kind,
                     pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版の読み込み");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, n);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (kind == 0) {
            pia_doc_add_file(doc, (const char *)sqlite3_column_text(s, 0));
        } else if (kind == 1) {
            pia_doc_set_instances(doc, sqlite3_column_int(s, 0),
                                  (const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2));
        } else {
            pia_value v = {
                .value = (char *)sqlite3_column_text(s, 3),
                .detail = (char *)sqlite3_column_text(s, 4),
                .updated = (char *)sqlite3_column_text(s, 5),
                .updated_by = (char *)sqlite3_column_text(s, 6),
            };
            pia_doc_set_full(doc, sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
                             (const char *)sqlite3_column_text(s, 2), &v);
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : pia_db_fail(err, db, "版の読み込み");
}

int pia_version_load(pia_store *st, long id, int n, pia_doc **out, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    *out = NULL;
    int h = have_tables(db, err);
    if (h < 0)
        return -1;
    if (!h)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に版 %d はありません", id, n);
    pia_doc *doc = NULL;
    if (version_head(db, id, n, &doc, err))
        return -1;
    int rc = load_rows(db, "SELECT name FROM version_file WHERE assessment = ? AND n = ? ORDER BY pos",
                       id, n, doc, 0, err);
    if (!rc)
        rc = load_rows(db, "SELECT file, grp, count FROM version_count WHERE assessment = ? AND n = ?",
                       id, n, doc, 1, err);
    if (!rc)
        rc = load_rows(db, "SELECT file, inst, item, value, detail, updated, updated_by"
                       " FROM version_answer WHERE assessment = ? AND n = ?", id, n, doc, 2, err);
    if (rc) {
        pia_doc_free(doc);
        return -1;
    }
    *out = doc;
    return 0;
}

int pia_version_set_submitted(pia_store *st, long id, int n, int submitted, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    if (ensure(db, err))
        return -1;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "UPDATE version SET submitted = ? WHERE assessment = ? AND n = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版の更新");
    sqlite3_bind_int(s, 1, submitted ? 1 : 0);
    sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int(s, 3, n);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return pia_db_fail(err, db, "版の更新");
    if (sqlite3_changes(db) == 0)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に版 %d はありません", id, n);
    return 0;
}

int pia_version_last_submitted(pia_store *st, long id, pia_version *out, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    memset(out, 0, sizeof *out);
    int h = have_tables(db, err);
    if (h < 0)
        return -1;
    if (!h)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に提出済みの版はありません", id);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT " VERSION_COLS " FROM version v WHERE v.assessment = ?"
                           " AND v.submitted = 1 AND v.sealed = 1 ORDER BY v.n DESC LIMIT 1",
                           -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版の読み込み");
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_version(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に提出済みの版はありません"
                        "（pia version %ld --label … --submitted で作成）", id, id);
    return pia_db_fail(err, db, "版の読み込み");
}

/* ---- references ----------------------------------------------------- */

int pia_ref_parse(const char *ref, long *id, const char **spec)
{
    char *end;
    errno = 0;
    long v = strtol(ref, &end, 10);
    if (errno || end == ref || v <= 0 || !isdigit((unsigned char)ref[0]))
        return -1;
    if (*end == '\0') {
        *spec = NULL;
    } else if (*end == '@' && end[1]) {
        *spec = end + 1;
    } else {
        return -1;
    }
    *id = v;
    return 0;
}

int pia_ref_load(pia_store *st, const char *ref, pia_doc **doc, pia_version *info, pia_err *err)
{
    long id;
    const char *spec;
    *doc = NULL;
    if (info)
        memset(info, 0, sizeof *info);
    if (pia_ref_parse(ref, &id, &spec))
        return pia_fail(err, PIA_EINVAL, "評価書の指定が正しくありません: %s（ID、ID@版番号 または ID@版名）", ref);
    if (!spec) {
        if (info)
            info->assessment = id;
        return pia_store_load(st, id, doc, err);
    }
    pia_version v;
    if (pia_version_find(st, id, spec, &v, err))
        return -1;
    if (pia_version_load(st, id, v.n, doc, err)) {
        pia_version_clear(&v);
        return -1;
    }
    if (info)
        *info = v;
    else
        pia_version_clear(&v);
    return 0;
}

char *pia_ref_describe(long id, const pia_version *v)
{
    if (!v || v->n == 0)
        return pia_xasprintf("%ld（作業中）", id);
    return pia_xasprintf("%ld@%d「%s」", id, v->n, v->label);
}
