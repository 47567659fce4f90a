/*
 * store.c — the SQLite store (see store.h): assessments, their files and
 * instances, the audit rows and the cached statements.  Its other parts:
 * db.c (errors, statements, transactions), store_open.c (opening and
 * migration), store_answers.c (one answer), store_load.c (whole
 * assessments, the audit trail).
 *
 * Schema (user_version 7; tables of versions and review: review_schema.c):
 *   assessment(id, template, title, org, created, updated, answered,
 *              template_sha)
 *   file(id, assessment_id, position, name, updated)          1-based positions
 *   instance(id, assessment_id, file_id|NULL, group_id, position)
 *   answer(id, assessment_id, file_id|NULL, instance_id|NULL, item, value,
 *          detail, updated, updated_by, rev)
 *   audit(seq, assessment_id, at, who, action, file, inst, item, old, new,
 *         last_at)
 * The index answer_load (7) holds every column an answer is read with, so
 * a load reads the index alone (no table seek per answer); it doubles the
 * space the answers' text takes, for half the SQLite work of reading them.
 *
 * Callers address files and instances by position; rows carry ids, so
 * renumbering after a removal moves every answer along with its row.  A
 * cleared answer keeps its row with empty text and a higher revision, so
 * conflict detection never mistakes "cleared and set again" for "unchanged".
 * The audit table has no foreign key on purpose: the trail outlives what it
 * records.  Its old/new hold an answer's value with the detail appended as
 * "value（detail）" when there is one; file.move keeps the new position in
 * inst.  Saves of one item by one person in a row, each within
 * AUDIT_MERGE_MINUTES of the last, make one row: old from the first, new
 * and last_at from the latest.  The editor saves every second while
 * someone types, and a row per save would store a long answer thousands of
 * times an hour; the trail still says who changed what, from what to what,
 * and when.  A file is ours when application_id is PIA_APPLICATION_ID and, once
 * user_version >= 1, the five tables above exist.  `answered` is kept in step with the answers so that listing ten
 * thousand assessments needs no scan of their answers.  `template_sha` is
 * the SHA-256 of the template the answers were last written with (at
 * creation, and on every write by a caller that said which form it uses:
 * pia_store_writing_with), so that opening the assessment with another
 * template can say so.
 */
#include "store_internal.h"
#include "limits.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pia_store_queries[Q_COUNT] = {
    [Q_FILE_ID] = "SELECT id FROM file WHERE assessment_id=? AND position=?",
    [Q_INST_ID] = "SELECT id FROM instance WHERE assessment_id=? AND ifnull(file_id,0)=? "
                  "AND group_id=? AND position=?",
    [Q_INST_MAX] = "SELECT ifnull(max(position),0) FROM instance WHERE assessment_id=? "
                   "AND ifnull(file_id,0)=? AND group_id=?",
    [Q_INST_INSERT] = "INSERT INTO instance(assessment_id,file_id,group_id,position) "
                      "VALUES(?,nullif(?,0),?,?)",
    [Q_ANSWER_GET] = "SELECT id,value,detail,rev,updated,updated_by FROM answer WHERE assessment_id=? "
                     "AND ifnull(file_id,0)=? AND ifnull(instance_id,0)=? AND item=?",
    [Q_ANSWER_INSERT] = "INSERT INTO answer(assessment_id,file_id,instance_id,item,value,detail,"
                        "updated,updated_by,rev) VALUES(?,nullif(?,0),nullif(?,0),?,?,?," NOW ",?,?)",
    [Q_ANSWER_UPDATE] = "UPDATE answer SET value=?,detail=?,updated=" NOW ",updated_by=?,rev=? WHERE id=?",
    [Q_AUDIT] = "INSERT INTO audit(assessment_id,at,who,action,file,inst,item,old,new) "
                "VALUES(?," NOW ",?,?,?,?,?,?,?)",
    /* The assessment's latest row, if it is a save of this item by this
     * person recent enough to be extended. */
    [Q_AUDIT_LAST] = "SELECT seq FROM audit WHERE seq=(SELECT max(seq) FROM audit WHERE assessment_id=?1) "
                     "AND who=?2 AND action='set' AND ifnull(file,0)=?3 AND ifnull(inst,0)=?4 AND item=?5 "
                     "AND julianday('now') - julianday(ifnull(last_at,at)) < ?6 / 1440.0",
    [Q_AUDIT_EXTEND] = "UPDATE audit SET new=?, last_at=" NOW " WHERE seq=?",
    [Q_TOUCH] = "UPDATE assessment SET updated=" NOW ", template_sha=coalesce(?2, template_sha) WHERE id=?1",
    [Q_ANSWERED] = "UPDATE assessment SET answered=answered+? WHERE id=?",
    /* Every write is a transaction; pia_store_set runs on each debounced
     * keystroke, so even these are prepared once. */
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    /* Loading a whole assessment (store_load.c): a bundle loads thousands in a row. */
    [Q_LOAD_HEAD] = "SELECT template,title,org,created,updated,template_sha FROM assessment WHERE id=?",
    [Q_LOAD_HEAD_V3] = "SELECT template,title,org,created,updated,NULL FROM assessment WHERE id=?",
    [Q_LOAD_FILES] = "SELECT name, updated FROM file WHERE assessment_id=? ORDER BY position",
    [Q_LOAD_INSTANCES] = "SELECT ifnull(f.position,0), i.group_id, max(i.position) "
                         "FROM instance i LEFT JOIN file f ON f.id=i.file_id "
                         "WHERE i.assessment_id=? GROUP BY 1, 2",
    [Q_LOAD_ANSWERS] = "SELECT ifnull(f.position,0), ifnull(i.position,0), a.item, a.value, a.detail, a.updated,"
                       " a.updated_by, a.rev FROM answer a LEFT JOIN file f ON f.id=a.file_id"
                       " LEFT JOIN instance i ON i.id=a.instance_id"
                       " WHERE a.assessment_id=? AND (a.value<>'' OR a.detail<>'')",
    /* One file at a time (store_load.c: pia_store_load_file), on every
     * open of the form view and every `f`. */
    [Q_FILE_ROWS] = "SELECT id, name, updated FROM file WHERE assessment_id=? ORDER BY position",
    [Q_FILE_INSTANCES] = "SELECT id, ifnull(file_id,0), group_id, position FROM instance"
                         " WHERE assessment_id=?1 AND ifnull(file_id,0) IN (0, ?2)",
    [Q_FILE_ANSWERS] = "SELECT file_id, instance_id, item, value, detail, rev FROM answer"
                       " WHERE assessment_id=?1 AND ifnull(file_id,0) IN (0, ?2)",
};


/* ---- audit ------------------------------------------------------------- */

/* The audit row's text of an answer: the value, and the parenthetical
 * detail after it when there is one ("1（12）"), so that a change of the
 * detail alone ("（ 12 ）件" → "（ 13 ）件") is recorded as well.  NULL stays
 * NULL (no answer before, or none after).  Caller frees. */
char *pia_store_audit_text(const char *value, const char *detail)
{
    if (!value)
        return NULL;
    if (!detail || !*detail)
        return pia_xstrdup(value);
    return pia_xasprintf("%s（%s）", value, detail);
}

int pia_store_audit_row(pia_store *st, long id, const char *action, int file, int inst,
                 const char *item, const char *old, const char *new, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_AUDIT, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    pia_db_bind_text(s, 2, st->who);
    pia_db_bind_text(s, 3, action);
    sqlite3_bind_int(s, 4, file);
    sqlite3_bind_int(s, 5, inst);
    pia_db_bind_text(s, 6, item);
    pia_db_bind_text(s, 7, old);
    pia_db_bind_text(s, 8, new);
    return pia_db_run(st, s, "監査記録", err);
}

/* For modules with tables of their own (yearly reviews): one audit row on
 * an assessment that must exist, in the caller's transaction or its own. */
int pia_store_audit_add(pia_store *st, long id, const char *action, const char *item,
                        const char *old, const char *new, pia_err *err)
{
    if (pia_db_begin(st, err))
        return -1;
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT 1 FROM assessment WHERE id=?", err);
    int rc = -1;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        int step = sqlite3_step(s);
        sqlite3_finalize(s);
        rc = step == SQLITE_ROW ? pia_store_audit_row(st, id, action, 0, 0, item, old, new, err)
           : step == SQLITE_DONE ? pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id)
           : pia_store_fail(st, err, step, "評価書の確認");
    }
    return pia_db_end(st, rc, err);
}

int pia_store_touch(pia_store *st, long id, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_TOUCH, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    pia_db_bind_text(s, 2, st->writing_with[0] ? st->writing_with : NULL);
    if (pia_db_run(st, s, "更新日時", err))
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id);
    return 0;
}

/* Only UTF-8 text is stored: whatever path a text took (the command line,
 * an import, the TUI), bytes of another encoding or a NUL never reach the
 * database.  Callers check earlier to name the place; this is the floor. */
int pia_store_check_text(pia_store *st, const char *what, const char *s, pia_err *err)
{
    if (!s || pia_utf8_valid(s))
        return 0;
    size_t off = pia_utf8_bad_offset(s, strlen(s)), line, col;
    pia_utf8_position(s, off, &line, &col);
    return pia_fail(err, PIA_EINVAL, "%s: %s の %zu 行 %zu 文字目に UTF-8 ではないバイト（0x%02X）があるため保存しません",
                    st->path, what, line, col, (unsigned char)s[off]);
}

/* ---- assessments ------------------------------------------------------- */

int pia_store_list(pia_store *st, pia_summary **out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = pia_db_prepare(st,
        "SELECT id,template,title,org,created,updated,"
        " (SELECT count(*) FROM file f WHERE f.assessment_id=a.id), answered "
        "FROM assessment a ORDER BY updated DESC, id DESC", err);
    if (!s)
        return -1;
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap)
            *out = pia_xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
        pia_summary *x = &(*out)[(*n)++];
        x->id = sqlite3_column_int64(s, 0);
        x->template_name = pia_db_text(s, 1);
        x->title = pia_db_text(s, 2);
        x->org = pia_db_text(s, 3);
        x->created = pia_db_text(s, 4);
        x->updated = pia_db_text(s, 5);
        x->nfiles = sqlite3_column_int(s, 6);
        x->nanswers = sqlite3_column_int(s, 7);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        pia_summaries_free(*out, *n);
        *out = NULL;
        *n = 0;
        return pia_store_fail(st, err, rc, "一覧");
    }
    return 0;
}

void pia_summaries_free(pia_summary *s, int n)
{
    for (int i = 0; i < n; i++) {
        free(s[i].template_name);
        free(s[i].title);
        free(s[i].org);
        free(s[i].created);
        free(s[i].updated);
    }
    free(s);
}

int pia_store_insert_assessment(pia_store *st, const char *tmpl, const char *title,
                             const char *org, const char *sha, long *id, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, "INSERT INTO assessment(template,title,org,created,updated,template_sha) "
                                  "WITH n(t) AS MATERIALIZED (SELECT " NOW ") SELECT ?1,?2,?3,t,t,?4 FROM n", err);
    if (!s)
        return -1;
    pia_db_bind_text(s, 1, tmpl);
    pia_db_bind_text(s, 2, title);
    pia_db_bind_text(s, 3, org ? org : "");
    pia_db_bind_text(s, 4, sha && *sha ? sha : NULL);
    int rc = pia_db_run(st, s, "評価書の作成", err);
    sqlite3_finalize(s);
    if (rc)
        return -1;
    *id = (long)sqlite3_last_insert_rowid(st->db);
    return 0;
}

int pia_store_new(pia_store *st, const char *tmpl, const char *title, const char *org,
                  long *id, pia_err *err)
{
    /* The template it is created with, found by name (one that cannot be
     * read leaves it unknown; `pia new` has refused such a name before). */
    if (pia_store_check_text(st, "評価書名", title, err) || pia_store_check_text(st, "評価実施機関名", org, err))
        return -1;
    const char *sha = pia_store_use_template(st, tmpl, NULL) == 0 ? st->form->sha256 : NULL;
    if (pia_db_begin(st, err))
        return -1;
    int rc = pia_store_insert_assessment(st, tmpl, title, org, sha, id, err);
    if (!rc)
        rc = pia_store_audit_row(st, *id, "new", 0, 0, NULL, NULL, title, err);
    return pia_db_end(st, rc, err);
}

int pia_store_set_meta(pia_store *st, long id, const char *title, const char *org, pia_err *err)
{
    if (pia_store_check_text(st, "評価書名", title, err) || pia_store_check_text(st, "評価実施機関名", org, err) ||
        pia_db_begin(st, err))
        return -1;
    sqlite3_stmt *s = pia_db_prepare(st, "UPDATE assessment SET title=coalesce(?,title),"
                                  " org=coalesce(?,org) WHERE id=?", err);
    int rc = -1;
    if (s) {
        pia_db_bind_text(s, 1, title);
        pia_db_bind_text(s, 2, org);
        sqlite3_bind_int64(s, 3, id);
        rc = pia_db_run(st, s, "評価書名の変更", err);
        sqlite3_finalize(s);
    }
    if (!rc)
        rc = pia_store_touch(st, id, err);
    if (!rc)
        rc = pia_store_audit_row(st, id, "meta", 0, 0, NULL, NULL, title ? title : org, err);
    return pia_db_end(st, rc, err);
}

static int exec_id(pia_store *st, const char *sql, long id, int pos, const char *what, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, sql, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_bind_parameter_count(s) > 1)
        sqlite3_bind_int(s, 2, pos);
    int rc = pia_db_run(st, s, what, err);
    sqlite3_finalize(s);
    return rc;
}

/* "回答 86 件を削除", the audit row's account of what went. */
static char *removed_text(int files, int answers)
{
    if (files < 0)
        return pia_xasprintf("回答 %d 件を削除", answers);
    return pia_xasprintf("ファイル %d 件・回答 %d 件を削除", files, answers);
}

int pia_store_delete(pia_store *st, long id, pia_err *err)
{
    if (pia_db_begin(st, err))
        return -1;
    pia_removal r = { 0 };
    int rc = pia_store_removal(st, id, 0, NULL, 0, &r, err);
    if (!rc)
        rc = exec_id(st, "DELETE FROM assessment WHERE id=?", id, 0, "評価書の削除", err);
    /* The trail keeps who changed which item when, but not the text of an
     * assessment that is gone (secure_delete then clears the old pages);
     * the row of the deletion names the title and how much went. */
    if (!rc)
        rc = exec_id(st, "UPDATE audit SET old=NULL, new=NULL WHERE assessment_id=?", id, 0,
                     "評価書の削除", err);
    char *what = removed_text(r.files, r.answers);
    if (!rc)
        rc = pia_store_audit_row(st, id, "delete", 0, 0, NULL, r.name, what, err);
    free(what);
    pia_removal_clear(&r);
    return pia_db_end(st, rc, err);
}

static int duplicate_in_tx(pia_store *st, long id, const char *title, long *new_id, pia_err *err)
{
    pia_doc *doc;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    if (title) {
        free(doc->title);
        doc->title = pia_xstrdup(title);
    }
    int rc = pia_store_import(st, doc, new_id, err);
    if (!rc) {
        char from[32];
        snprintf(from, sizeof from, "%ld", id);
        rc = pia_store_audit_row(st, *new_id, "duplicate", 0, 0, NULL, from, doc->title, err);
    }
    pia_doc_free(doc);
    return rc;
}

/* Read and copy in one transaction: the copy is of one moment. */
int pia_store_duplicate(pia_store *st, long id, const char *title, long *new_id, pia_err *err)
{
    if (pia_db_begin(st, err))
        return -1;
    return pia_db_end(st, duplicate_in_tx(st, id, title, new_id, err), err);
}

/* ---- files and instances ---------------------------------------------- */

int pia_store_file_row(pia_store *st, long id, int pos, sqlite3_int64 *out, pia_err *err)
{
    *out = 0;
    if (pos == 0)
        return 0;
    sqlite3_stmt *s = pia_db_query(st, Q_FILE_ID, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, pos);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return pia_store_fail(st, err, rc, "ファイルの検索");
    return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld に特定個人情報ファイル %d はありません", st->path, id, pos);
}

/* One statement, so one snapshot: a row with a NULL name is an
 * assessment without files, no row no assessment. */
int pia_store_file_names(pia_store *st, long id, char ***out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT f.name FROM assessment a LEFT JOIN file f ON f.assessment_id=a.id"
                                         " WHERE a.id=? ORDER BY f.position", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc, rows = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rows++;
        if (sqlite3_column_type(s, 0) == SQLITE_NULL)
            continue;
        *out = pia_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
        (*out)[(*n)++] = pia_db_text(s, 0);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE && rows > 0)
        return 0;
    pia_store_names_free(*out, *n);
    *out = NULL;
    *n = 0;
    if (rc == SQLITE_DONE)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id);
    return pia_store_fail(st, err, rc, "ファイルの読み込み");
}

void pia_store_names_free(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static int count_files(pia_store *st, long id, int *n, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT count(*) FROM file WHERE assessment_id=?", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : pia_store_fail(st, err, rc, "ファイル数");
}

int pia_store_insert_file(pia_store *st, long id, int pos, const char *name, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, "INSERT INTO file(assessment_id,position,name,updated) "
                                  "VALUES(?,?,?," NOW ")", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, pos);
    pia_db_bind_text(s, 3, name);
    int rc = pia_db_run(st, s, "ファイルの追加", err);
    sqlite3_finalize(s);
    return rc;
}

int pia_store_file_add(pia_store *st, long id, const char *name, int *pos, pia_err *err)
{
    if (pia_store_check_text(st, "ファイル名", name, err) || pia_db_begin(st, err))
        return -1;
    int n = 0;
    int rc = pia_store_touch(st, id, err);
    if (!rc)
        rc = count_files(st, id, &n, err);
    if (!rc && n >= PIA_MAX_FILES)
        rc = pia_fail(err, PIA_EINVAL, "%s: 評価書 %ld の特定個人情報ファイルは %d 件までです（追加しません）",
                      st->path, id, PIA_MAX_FILES);
    if (!rc)
        rc = pia_store_insert_file(st, id, n + 1, name, err);
    if (!rc)
        rc = pia_store_audit_row(st, id, "file.add", n + 1, 0, NULL, NULL, name, err);
    if (!rc && pos)
        *pos = n + 1;
    return pia_db_end(st, rc, err);
}

int pia_store_file_rename(pia_store *st, long id, int pos, const char *name, pia_err *err)
{
    if (pia_store_check_text(st, "ファイル名", name, err) || pia_db_begin(st, err))
        return -1;
    sqlite3_int64 fid;
    int rc = pia_store_file_row(st, id, pos, &fid, err);
    sqlite3_stmt *s = rc ? NULL : pia_db_prepare(st, "UPDATE file SET name=?, updated=" NOW " WHERE id=?", err);
    if (s) {
        pia_db_bind_text(s, 1, name);
        sqlite3_bind_int64(s, 2, fid);
        rc = pia_db_run(st, s, "ファイル名の変更", err);
        sqlite3_finalize(s);
    } else {
        rc = -1;
    }
    if (!rc)
        rc = pia_store_touch(st, id, err);
    if (!rc)
        rc = pia_store_audit_row(st, id, "file.rename", pos, 0, NULL, NULL, name, err);
    return pia_db_end(st, rc, err);
}

/* Shift positions lo..hi of an assessment's files by delta. */
static int shift_files(pia_store *st, long id, int lo, int hi, int delta, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, "UPDATE file SET position=position+? WHERE assessment_id=? "
                                  "AND position BETWEEN ? AND ?", err);
    if (!s)
        return -1;
    sqlite3_bind_int(s, 1, delta);
    sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int(s, 3, lo);
    sqlite3_bind_int(s, 4, hi);
    int rc = pia_db_run(st, s, "並べ替え", err);
    sqlite3_finalize(s);
    return rc;
}

int pia_store_file_move(pia_store *st, long id, int pos, int new_pos, pia_err *err)
{
    if (pia_db_begin(st, err))
        return -1;
    sqlite3_int64 fid, other;
    int rc = pia_store_file_row(st, id, pos, &fid, err);
    if (!rc)
        rc = pia_store_file_row(st, id, new_pos, &other, err);
    if (!rc && new_pos != pos)
        rc = new_pos < pos ? shift_files(st, id, new_pos, pos - 1, +1, err)
                           : shift_files(st, id, pos + 1, new_pos, -1, err);
    if (!rc)
        rc = exec_id(st, "UPDATE file SET position=?2 WHERE id=?1", (long)fid, new_pos, "並べ替え", err);
    if (!rc)
        rc = pia_store_touch(st, id, err);
    if (!rc)
        rc = pia_store_audit_row(st, id, "file.move", pos, new_pos, NULL, NULL, NULL, err);
    return pia_db_end(st, rc, err);
}

int pia_store_recount(pia_store *st, long id, pia_err *err)
{
    return exec_id(st, "UPDATE assessment SET answered=(SELECT count(*) FROM answer WHERE "
                       "assessment_id=?1 AND (value<>'' OR detail<>'')) WHERE id=?1",
                   id, 0, "回答数", err);
}

int pia_store_file_remove(pia_store *st, long id, int pos, pia_err *err)
{
    if (pia_db_begin(st, err))
        return -1;
    sqlite3_int64 fid;
    pia_removal r = { 0 };
    int rc = pia_store_removal(st, id, pos, NULL, 0, &r, err);
    if (!rc)
        rc = pia_store_file_row(st, id, pos, &fid, err);
    if (!rc)
        rc = exec_id(st, "DELETE FROM file WHERE id=?", (long)fid, 0, "ファイルの削除", err);
    if (!rc)
        rc = exec_id(st, "UPDATE file SET position=position-1 WHERE assessment_id=? AND position>?",
                     id, pos, "ファイルの削除", err);
    if (!rc)
        rc = pia_store_recount(st, id, err);
    if (!rc)
        rc = pia_store_touch(st, id, err);
    char *what = removed_text(-1, r.answers);
    if (!rc)
        rc = pia_store_audit_row(st, id, "file.remove", pos, 0, NULL, r.name, what, err);
    free(what);
    pia_removal_clear(&r);
    return pia_db_end(st, rc, err);
}

static int inst_max(pia_store *st, long id, sqlite3_int64 fid, const char *group, int *n, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_INST_MAX, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    pia_db_bind_text(s, 3, group);
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : pia_store_fail(st, err, rc, "繰り返し項目の検索");
}

static int inst_insert(pia_store *st, long id, sqlite3_int64 fid, const char *group, int pos, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_INST_INSERT, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    pia_db_bind_text(s, 3, group);
    sqlite3_bind_int(s, 4, pos);
    return pia_db_run(st, s, "繰り返し項目の追加", err);
}

/* Create instances up to `upto` (an answer to システム3 implies システム1..3). */
int pia_store_inst_ensure(pia_store *st, long id, sqlite3_int64 fid, const char *group, int upto, pia_err *err)
{
    int n;
    if (inst_max(st, id, fid, group, &n, err))
        return -1;
    for (int p = n + 1; p <= upto; p++)
        if (inst_insert(st, id, fid, group, p, err))
            return -1;
    return 0;
}

int pia_store_inst_row(pia_store *st, long id, sqlite3_int64 fid, const char *group, int pos,
                   sqlite3_int64 *out, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_INST_ID, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    pia_db_bind_text(s, 3, group);
    sqlite3_bind_int(s, 4, pos);
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return pia_store_fail(st, err, rc, "繰り返し項目の検索");
    return pia_fail(err, PIA_ENOTFOUND, "%s: %s の %d 番目はありません", st->path, group, pos);
}

int pia_store_inst_add(pia_store *st, long id, int file, const char *group, int *pos, pia_err *err)
{
    if (pia_db_begin(st, err))
        return -1;
    sqlite3_int64 fid;
    int n = 0;
    int rc = pia_store_touch(st, id, err);
    if (!rc)
        rc = pia_store_file_row(st, id, file, &fid, err);
    if (!rc)
        rc = inst_max(st, id, fid, group, &n, err);
    if (!rc)
        rc = inst_insert(st, id, fid, group, n + 1, err);
    if (!rc)
        rc = pia_store_audit_row(st, id, "inst.add", file, n + 1, group, NULL, NULL, err);
    if (!rc && pos)
        *pos = n + 1;
    return pia_db_end(st, rc, err);
}

int pia_store_inst_remove(pia_store *st, long id, int file, const char *group, int pos, pia_err *err)
{
    if (pia_db_begin(st, err))
        return -1;
    sqlite3_int64 fid, iid;
    pia_removal r = { 0 };
    int rc = pia_store_removal(st, id, file, group, pos, &r, err);
    if (!rc)
        rc = pia_store_touch(st, id, err);
    if (!rc)
        rc = pia_store_file_row(st, id, file, &fid, err);
    if (!rc)
        rc = pia_store_inst_row(st, id, fid, group, pos, &iid, err);
    if (!rc)
        rc = exec_id(st, "DELETE FROM instance WHERE id=?", (long)iid, 0, "繰り返し項目の削除", err);
    sqlite3_stmt *s = rc ? NULL : pia_db_prepare(st, "UPDATE instance SET position=position-1 WHERE "
        "assessment_id=? AND ifnull(file_id,0)=? AND group_id=? AND position>?", err);
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, fid);
        pia_db_bind_text(s, 3, group);
        sqlite3_bind_int(s, 4, pos);
        rc = pia_db_run(st, s, "繰り返し項目の削除", err);
        sqlite3_finalize(s);
    } else if (!rc) {
        rc = -1;
    }
    if (!rc)
        rc = pia_store_recount(st, id, err);
    char *what = removed_text(-1, r.answers);
    if (!rc)
        rc = pia_store_audit_row(st, id, "inst.remove", file, pos, group, NULL, what, err);
    free(what);
    pia_removal_clear(&r);
    return pia_db_end(st, rc, err);
}

/* ---- the template, for items in repeated groups ------------------------ */

int pia_store_use_template(pia_store *st, const char *name, pia_err *err)
{
    if (st->form && strcmp(st->form->name, name) == 0)
        return 0;
    pia_form *f;
    if (pia_form_load_named(name, &f, err))
        return -1;
    pia_form_free(st->form);
    st->form = f;
    return 0;
}

int pia_store_stray_items(pia_store *st, long id, const pia_form *form, int *n, char **first,
                          pia_err *err)
{
    *n = 0;
    *first = NULL;
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT DISTINCT item FROM answer WHERE assessment_id=? "
                                         "AND (value<>'' OR detail<>'') ORDER BY item", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    char *list = pia_xstrdup("");
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *item = (const char *)sqlite3_column_text(s, 0);
        if (!item || pia_form_find(form, item))
            continue;
        if (++*n <= 3) {
            char *more = pia_xconcat(list, *list ? "、" : "", item, NULL);
            free(list);
            list = more;
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(list);
        return pia_db_error(err, st->db, st->path, rc, "回答の項目の読み出し");
    }
    *first = list;
    return 0;
}

int pia_store_template_of(pia_store *st, long id, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT template FROM assessment WHERE id=?", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    char *name = sqlite3_step(s) == SQLITE_ROW ? pia_db_text(s, 0) : NULL;
    sqlite3_finalize(s);
    if (!name)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id);
    int rc = pia_store_use_template(st, name, err);
    free(name);
    return rc;
}

int pia_store_group_of(pia_store *st, const char *item, const char **group, pia_err *err)
{
    const pia_node *n = pia_form_find(st->form, item);
    if (!n || !n->repeat_group)
        return pia_fail(err, PIA_EINVAL, "項目 %s は繰り返し項目の中にありません", item);
    *group = n->repeat_group->id;
    return 0;
}
