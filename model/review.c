/*
 * review.c — reviewers' comments and per-section review states (review.h).
 *
 * Two tables of their own, never read by the statutory exports: comments
 * addressed like answers, and one state row per (assessment, section).
 */
#include "review.h"
#include "db.h"
#include "review_schema.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

int pia_review_migrate(sqlite3 *db, pia_err *err)
{
    return pia_review_schema_apply(db, err);
}

static int have_tables(sqlite3 *db, pia_err *err)
{
    return pia_db_has_table(db, "review_comment", err);
}

static int ensure(sqlite3 *db, pia_err *err)
{
    int h = have_tables(db, err);
    return h < 0 ? -1 : h ? 0 : pia_review_migrate(db, err);
}

/* ---- states --------------------------------------------------------- */

static const struct {
    const char *name, *label;
} states[] = {
    [PIA_REVIEW_NONE] = { "none", "未確認" },
    [PIA_REVIEW_REVIEWING] = { "reviewing", "確認中" },
    [PIA_REVIEW_CHANGES] = { "changes", "要修正" },
    [PIA_REVIEW_APPROVED] = { "approved", "確認済" },
};
#define NSTATES ((int)(sizeof states / sizeof states[0]))

const char *pia_review_state_label(pia_review_state s)
{
    return (int)s >= 0 && (int)s < NSTATES ? states[s].label : "?";
}

const char *pia_review_state_name(pia_review_state s)
{
    return (int)s >= 0 && (int)s < NSTATES ? states[s].name : "?";
}

int pia_review_state_parse(const char *s)
{
    for (int i = 0; s && i < NSTATES; i++)
        if (strcmp(s, states[i].name) == 0 || strcmp(s, states[i].label) == 0)
            return i;
    return -1;
}

pia_review_state pia_review_state_of(const pia_review *r, const char *section)
{
    for (int i = 0; r && i < r->nstates; i++)
        if (strcmp(r->states[i].section, section) == 0)
            return r->states[i].state;
    return PIA_REVIEW_NONE;
}

int pia_review_open_count(const pia_review *r, int file, int inst, const char *item)
{
    int n = 0;
    for (int i = 0; r && i < r->ncomments; i++) {
        const pia_comment *c = &r->comments[i];
        if (!c->resolved && c->file == file && c->inst == inst && strcmp(c->item, item) == 0)
            n++;
    }
    return n;
}

int pia_review_set_state(pia_store *st, long id, const char *section, pia_review_state state,
                         const char *note, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    if ((int)state < 0 || (int)state >= NSTATES)
        return pia_fail(err, PIA_EINVAL, "確認状態が正しくありません");
    if (ensure(db, err))
        return -1;
    char now[32];
    pia_db_now(now);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO review_state (assessment, section, state,"
                           " who, at, note) VALUES (?, ?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "確認状態の保存");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, section, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, (int)state);
    sqlite3_bind_text(s, 4, pia_store_user(st), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, note ? note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : pia_db_fail(err, db, "確認状態の保存");
}

/* ---- comments ------------------------------------------------------- */

int pia_comment_add(pia_store *st, long id, int file, int inst, const char *item,
                    const char *text, long *cid, pia_err *err)
{
    assert(st);
    if (!text || !*text)
        return pia_fail(err, PIA_EINVAL, "コメントが空です");
    sqlite3 *db = pia_store_db(st);
    if (ensure(db, err))
        return -1;
    char now[32];
    pia_db_now(now);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT INTO review_comment (assessment, file, inst, item, author,"
                           " at, text) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "コメントの保存");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, file);
    sqlite3_bind_int(s, 3, inst);
    sqlite3_bind_text(s, 4, item ? item : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, pia_store_user(st), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return pia_db_fail(err, db, "コメントの保存");
    if (cid)
        *cid = (long)sqlite3_last_insert_rowid(db);
    return 0;
}

int pia_comment_resolve(pia_store *st, long id, long cid, int resolved, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    if (ensure(db, err))
        return -1;
    char now[32];
    pia_db_now(now);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "UPDATE review_comment SET resolved = ?,"
                           " resolved_by = CASE WHEN ? THEN ? END, resolved_at = CASE WHEN ? THEN ? END"
                           " WHERE assessment = ? AND id = ?", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "コメントの更新");
    sqlite3_bind_int(s, 1, resolved ? 1 : 0);
    sqlite3_bind_int(s, 2, resolved ? 1 : 0);
    sqlite3_bind_text(s, 3, pia_store_user(st), -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 4, resolved ? 1 : 0);
    sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, id);
    sqlite3_bind_int64(s, 7, cid);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return pia_db_fail(err, db, "コメントの更新");
    if (sqlite3_changes(db) == 0)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld にコメント %ld はありません", id, cid);
    return 0;
}

/* ---- loading -------------------------------------------------------- */

static int load_comments(sqlite3 *db, long id, pia_review *r, pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT id, file, inst, item, author, at, text, resolved,"
                           " resolved_by, resolved_at FROM review_comment WHERE assessment = ?"
                           " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "コメントの読み込み");
    sqlite3_bind_int64(s, 1, id);
    int rc, cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (r->ncomments == cap) {
            cap = cap ? cap * 2 : 16;
            r->comments = pia_xrealloc(r->comments, (size_t)cap * sizeof *r->comments);
        }
        r->comments[r->ncomments++] = (pia_comment){
            .id = (long)sqlite3_column_int64(s, 0),
            .file = sqlite3_column_int(s, 1),
            .inst = sqlite3_column_int(s, 2),
            .item = pia_db_text(s, 3),
            .author = pia_db_text(s, 4),
            .at = pia_db_text(s, 5),
            .text = pia_db_text(s, 6),
            .resolved = sqlite3_column_int(s, 7),
            .resolved_by = pia_db_text_or_null(s, 8),
            .resolved_at = pia_db_text_or_null(s, 9),
        };
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : pia_db_fail(err, db, "コメントの読み込み");
}

static int load_states(sqlite3 *db, long id, pia_review *r, pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT section, state, who, at, note FROM review_state"
                           " WHERE assessment = ?", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "確認状態の読み込み");
    sqlite3_bind_int64(s, 1, id);
    int rc, cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (r->nstates == cap) {
            cap = cap ? cap * 2 : 8;
            r->states = pia_xrealloc(r->states, (size_t)cap * sizeof *r->states);
        }
        int st = sqlite3_column_int(s, 1);
        r->states[r->nstates++] = (pia_section_review){
            .section = pia_db_text(s, 0),
            .state = st >= 0 && st < NSTATES ? (pia_review_state)st : PIA_REVIEW_NONE,
            .who = pia_db_text(s, 2),
            .at = pia_db_text(s, 3),
            .note = pia_db_text(s, 4),
        };
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : pia_db_fail(err, db, "確認状態の読み込み");
}

int pia_review_load(pia_store *st, long id, pia_review **out, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    pia_review *r = pia_xcalloc(1, sizeof *r);
    *out = NULL;
    /* No tables (an older database opened read-only): no comments.  A
     * schema that cannot be read is a failure, not an older database. */
    int h = have_tables(db, err);
    if (h < 0 || (h && (load_comments(db, id, r, err) || load_states(db, id, r, err)))) {
        pia_review_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void pia_review_free(pia_review *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->ncomments; i++) {
        pia_comment *c = &r->comments[i];
        free(c->item);
        free(c->author);
        free(c->at);
        free(c->text);
        free(c->resolved_by);
        free(c->resolved_at);
    }
    for (int i = 0; i < r->nstates; i++) {
        free(r->states[i].section);
        free(r->states[i].who);
        free(r->states[i].at);
        free(r->states[i].note);
    }
    free(r->comments);
    free(r->states);
    free(r);
}
