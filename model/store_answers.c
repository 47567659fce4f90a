/*
 * store_answers.c — reading and writing one answer, by position or by
 * place (row ids of its file and instance), with conflict detection and
 * the audit row of each save (store.h).
 */
#include "store_internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- answers ----------------------------------------------------------- */

static int answer_read(pia_store *st, long id, sqlite3_int64 fid, sqlite3_int64 iid,
                       const char *item, current *c, pia_value *full, pia_err *err)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *s = pia_db_query(st, Q_ANSWER_GET, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    sqlite3_bind_int64(s, 3, iid);
    pia_db_bind_text(s, 4, item);
    int rc = pia_db_row(st, s, "回答の読み込み", err);
    if (rc <= 0)
        return rc;
    c->row = sqlite3_column_int64(s, 0);
    c->value = pia_db_text(s, 1);
    c->detail = pia_db_text(s, 2);
    c->rev = sqlite3_column_int64(s, 3);
    if (full) {
        full->updated = pia_db_text(s, 4);
        full->updated_by = pia_db_text(s, 5);
    }
    sqlite3_reset(s);
    return 0;
}

/* The answer at those rows into out (value, detail, rev, who and when). */
static int answer_into(pia_store *st, long id, sqlite3_int64 fid, sqlite3_int64 iid,
                       const char *item, pia_value *out, pia_err *err)
{
    current c;
    if (answer_read(st, id, fid, iid, item, &c, out, err))
        return -1;
    out->value = c.value;
    out->detail = c.detail;
    out->rev = c.rev;
    return 0;
}

int pia_store_answer_write(pia_store *st, long id, sqlite3_int64 fid, sqlite3_int64 iid,
                        const char *item, const char *value, const char *detail,
                        const current *c, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, c->row ? Q_ANSWER_UPDATE : Q_ANSWER_INSERT, err);
    if (!s)
        return -1;
    if (c->row) {
        pia_db_bind_text(s, 1, value);
        pia_db_bind_text(s, 2, detail);
        pia_db_bind_text(s, 3, st->who);
        sqlite3_bind_int64(s, 4, c->rev + 1);
        sqlite3_bind_int64(s, 5, c->row);
    } else {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, fid);
        sqlite3_bind_int64(s, 3, iid);
        pia_db_bind_text(s, 4, item);
        pia_db_bind_text(s, 5, value);
        pia_db_bind_text(s, 6, detail);
        pia_db_bind_text(s, 7, st->who);
        sqlite3_bind_int64(s, 8, 1);
    }
    return pia_db_run(st, s, "回答の保存", err);
}

static int answered_delta(pia_store *st, long id, int delta, pia_err *err)
{
    if (!delta)
        return 0;
    sqlite3_stmt *s = pia_db_query(st, Q_ANSWERED, err);
    if (!s)
        return -1;
    sqlite3_bind_int(s, 1, delta);
    sqlite3_bind_int64(s, 2, id);
    return pia_db_run(st, s, "回答数", err);
}

typedef struct set_req {
    long id;
    int file, inst;
    const char *group, *item, *value, *detail;
    long expect_rev, *new_rev;
} set_req;

/* The seq of the audit row this save extends, 0 when it starts a new one,
 * -1 on error. */
static sqlite3_int64 audit_run(pia_store *st, const set_req *r, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_AUDIT_LAST, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, r->id);
    pia_db_bind_text(s, 2, st->who);
    sqlite3_bind_int(s, 3, r->file);
    sqlite3_bind_int(s, 4, r->inst);
    pia_db_bind_text(s, 5, r->item);
    sqlite3_bind_int(s, 6, AUDIT_MERGE_MINUTES);
    int rc = pia_db_row(st, s, "監査記録", err);
    sqlite3_int64 seq = rc == 1 ? sqlite3_column_int64(s, 0) : rc;
    sqlite3_reset(s);
    return seq;
}

static int audit_extend(pia_store *st, sqlite3_int64 seq, const char *new, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_AUDIT_EXTEND, err);
    if (!s)
        return -1;
    pia_db_bind_text(s, 1, new);
    sqlite3_bind_int64(s, 2, seq);
    return pia_db_run(st, s, "監査記録", err);
}

static int audit_answer(pia_store *st, const set_req *r, const current *c, int now, pia_err *err)
{
    char *old = c->row ? pia_store_audit_text(c->value, c->detail) : NULL;
    char *new = now ? pia_store_audit_text(r->value, r->detail) : NULL;
    sqlite3_int64 seq = now ? audit_run(st, r, err) : 0;
    int rc;
    if (seq < 0)
        rc = -1;
    else if (seq > 0)
        rc = audit_extend(st, seq, new, err);
    else
        rc = pia_store_audit_row(st, r->id, now ? "set" : "clear", r->file, r->inst, r->item, old, new, err);
    free(old);
    free(new);
    return rc;
}

/* The write itself, once the rows of the file and the instance are known
 * (r->file and r->inst are their positions, for the audit row). */
static int set_rows(pia_store *st, const set_req *r, sqlite3_int64 fid, sqlite3_int64 iid, pia_err *err)
{
    current c;
    if (answer_read(st, r->id, fid, iid, r->item, &c, NULL, err))
        return -1;
    int rc = 0;
    const char *old = c.value ? c.value : "";
    int was = c.row && (*old || *c.detail), now = *r->value || *r->detail;
    if (r->expect_rev >= 0 && r->expect_rev != c.rev) {
        rc = pia_fail(err, PIA_ECONFLICT, "項目 %s は開いた後にほかの人が変更しました（版 %ld → %ld）",
                      r->item, r->expect_rev, c.rev);
    } else if (c.row && strcmp(old, r->value) == 0 && strcmp(c.detail, r->detail) == 0) {
        if (r->new_rev)
            *r->new_rev = c.rev;
    } else if (!c.row && !now) {
        if (r->new_rev)
            *r->new_rev = 0;
    } else {
        rc = pia_store_answer_write(st, r->id, fid, iid, r->item, r->value, r->detail, &c, err);
        if (!rc)
            rc = answered_delta(st, r->id, now - was, err);
        if (!rc)
            rc = pia_store_touch(st, r->id, err);
        if (!rc)
            rc = audit_answer(st, r, &c, now, err);
        if (!rc && r->new_rev)
            *r->new_rev = c.rev + 1;
    }
    free(c.value);
    free(c.detail);
    return rc;
}

static int set_in_tx(pia_store *st, const set_req *r, pia_err *err)
{
    if (pia_store_check_text(st, r->item, r->value, err) || pia_store_check_text(st, r->item, r->detail, err))
        return -1;
    sqlite3_int64 fid = 0, iid = 0;
    if (pia_store_file_row(st, r->id, r->file, &fid, err))
        return -1;
    if (r->inst > 0) {
        if (!r->group)
            return pia_fail(err, PIA_EINVAL, "項目 %s: 繰り返し項目の名前がありません", r->item);
        if (pia_store_inst_ensure(st, r->id, fid, r->group, r->inst, err) ||
            pia_store_inst_row(st, r->id, fid, r->group, r->inst, &iid, err))
            return -1;
    }
    return set_rows(st, r, fid, iid, err);
}

int pia_store_set(pia_store *st, long id, int file, const char *group, int inst,
                  const char *item, const char *value, const char *detail,
                  long expect_rev, long *new_rev, pia_err *err)
{
    assert(st && item && file >= 0 && inst >= 0);
    set_req r = { id, file, inst, group, item, value ? value : "", detail ? detail : "",
                  expect_rev, new_rev };
    if (pia_db_begin(st, err))
        return -1;
    return pia_db_end(st, set_in_tx(st, &r, err), err);
}

int pia_store_get(pia_store *st, long id, int file, int inst, const char *item,
                  pia_value *out, pia_err *err)
{
    assert(st && item && out && file >= 0 && inst >= 0);
    memset(out, 0, sizeof *out);
    sqlite3_int64 fid = 0, iid = 0;
    if (pia_store_file_row(st, id, file, &fid, err))
        return -1;
    if (inst > 0) {
        const char *group = NULL;
        pia_err e = { 0 };
        if (pia_store_template_of(st, id, err) || pia_store_group_of(st, item, &group, err))
            return -1;
        if (pia_store_inst_row(st, id, fid, group, inst, &iid, &e))
            return e.code == PIA_ENOTFOUND ? 0 : pia_err_pass(err, &e);   /* no such instance: no answer */
    }
    return answer_into(st, id, fid, iid, item, out, err);
}

/* ---- answers by place ---------------------------------------------------- */

/* The position of row `row` of `table` in assessment id, 0 when it is gone. */
static int row_pos(pia_store *st, const char *sql, long row, long id, int *pos, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, sql, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, row);
    sqlite3_bind_int64(s, 2, id);
    int rc = pia_db_row(st, s, "保存先の確認", err);
    *pos = rc == 1 ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int gone(pia_store *st, const pia_place *pl, int file_gone, pia_err *err)
{
    if (file_gone)
        return pia_fail(err, PIA_EGONE, "%s: 編集していた特定個人情報ファイルは、ほかの人が削除しました"
                        "（別のファイルには保存しません）", st->path);
    return pia_fail(err, PIA_EGONE, "%s: 編集していた繰り返し項目（%s）は、ほかの人が削除しました"
                    "（別の行には保存しません）", st->path, pl->group ? pl->group : "");
}

/* The rows and positions of a place.  With `create`, an instance not made
 * yet is made (up to its position) and recorded in pl->inst. */
static int place_rows(pia_store *st, long id, pia_place *pl, int create, sqlite3_int64 *fid,
                      sqlite3_int64 *iid, int *fpos, int *ipos, pia_err *err)
{
    *fid = pl->file, *iid = 0, *fpos = 0, *ipos = 0;
    if (pl->file) {
        if (row_pos(st, "SELECT position FROM file WHERE id=? AND assessment_id=?", pl->file, id, fpos, err))
            return -1;
        if (!*fpos)
            return gone(st, pl, 1, err);
    }
    if (!pl->group)
        return 0;
    if (pl->inst) {
        if (row_pos(st, "SELECT position FROM instance WHERE id=? AND assessment_id=?", pl->inst, id, ipos, err))
            return -1;
        if (!*ipos)
            return gone(st, pl, 0, err);
        *iid = pl->inst;
        return 0;
    }
    *ipos = pl->inst_pos;
    if (create && pia_store_inst_ensure(st, id, *fid, pl->group, pl->inst_pos, err))
        return -1;
    pia_err e = { 0 };
    if (pia_store_inst_row(st, id, *fid, pl->group, pl->inst_pos, iid, &e))
        return create || e.code != PIA_ENOTFOUND ? pia_err_pass(err, &e) : 0;
    if (create)
        pl->inst = *iid;
    return 0;
}

int pia_store_place(pia_store *st, long id, int file, const char *group, int inst,
                    pia_place *out, pia_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_int64 fid = 0, iid = 0;
    if (pia_store_file_row(st, id, file, &fid, err))
        return -1;
    out->file = (long)fid;
    out->group = group;
    out->inst_pos = inst;
    pia_err e = { 0 };
    if (group && inst > 0 && pia_store_inst_row(st, id, fid, group, inst, &iid, &e) &&
        e.code != PIA_ENOTFOUND)
        return pia_err_pass(err, &e);   /* not made yet: its first save makes it */
    out->inst = (long)iid;
    return 0;
}

int pia_store_place_where(pia_store *st, long id, const pia_place *pl, int *file, int *inst,
                          pia_err *err)
{
    pia_place copy = *pl;
    sqlite3_int64 fid, iid;
    return place_rows(st, id, &copy, 0, &fid, &iid, file, inst, err);
}

int pia_store_get_at(pia_store *st, long id, const pia_place *pl, const char *item,
                     pia_value *out, pia_err *err)
{
    assert(st && pl && item && out);
    memset(out, 0, sizeof *out);
    pia_place copy = *pl;
    sqlite3_int64 fid, iid;
    int fpos, ipos;
    if (place_rows(st, id, &copy, 0, &fid, &iid, &fpos, &ipos, err))
        return -1;
    if (copy.group && !iid)
        return 0;                      /* the instance is not there yet: no answer */
    return answer_into(st, id, fid, iid, item, out, err);
}

typedef struct set_at_req {
    set_req r;
    pia_place *pl;
} set_at_req;

static int set_at_in_tx(pia_store *st, set_at_req *q, pia_err *err)
{
    if (pia_store_check_text(st, q->r.item, q->r.value, err) || pia_store_check_text(st, q->r.item, q->r.detail, err))
        return -1;
    sqlite3_int64 fid, iid;
    if (place_rows(st, q->r.id, q->pl, 1, &fid, &iid, &q->r.file, &q->r.inst, err))
        return -1;
    return set_rows(st, &q->r, fid, iid, err);
}

int pia_store_set_at(pia_store *st, long id, pia_place *pl, const char *item,
                     const char *value, const char *detail, long expect_rev, long *new_rev,
                     pia_err *err)
{
    assert(st && pl && item);
    set_at_req q = { { id, 0, 0, pl->group, item, value ? value : "", detail ? detail : "",
                       expect_rev, new_rev }, pl };
    if (pia_db_begin(st, err))
        return -1;
    long before = pl->inst;
    int rc = pia_db_end(st, set_at_in_tx(st, &q, err), err);
    if (rc)
        pl->inst = before;             /* rolled back: the instance was not made after all */
    return rc;
}

struct pia_ids {
    long *files;       /* row id by position - 1 */
    int nfiles;
    struct inst_id { int file; char *group; int pos; long row; } *insts;
    int ninsts;
};

int pia_store_ids(pia_store *st, long id, pia_ids **out, pia_err *err)
{
    pia_ids *ids = pia_xcalloc(1, sizeof *ids);
    *out = NULL;
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT id FROM file WHERE assessment_id=? ORDER BY position", err);
    int rc = s ? SQLITE_DONE : SQLITE_ERROR;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            ids->files = pia_xrealloc(ids->files, (size_t)(ids->nfiles + 1) * sizeof *ids->files);
            ids->files[ids->nfiles++] = (long)sqlite3_column_int64(s, 0);
        }
        sqlite3_finalize(s);
    }
    s = rc == SQLITE_DONE ? pia_db_prepare(st, "SELECT ifnull(f.position,0), i.group_id, i.position, i.id "
                                        "FROM instance i LEFT JOIN file f ON f.id=i.file_id "
                                        "WHERE i.assessment_id=?", err) : NULL;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            ids->insts = pia_xrealloc(ids->insts, (size_t)(ids->ninsts + 1) * sizeof *ids->insts);
            ids->insts[ids->ninsts++] = (struct inst_id){ sqlite3_column_int(s, 0), pia_db_text(s, 1),
                                                          sqlite3_column_int(s, 2), (long)sqlite3_column_int64(s, 3) };
        }
        sqlite3_finalize(s);
    }
    if (rc != SQLITE_DONE) {
        if (s || rc != SQLITE_ERROR)
            pia_store_fail(st, err, rc, "保存先の読み込み");
        pia_ids_free(ids);
        return -1;
    }
    *out = ids;
    return 0;
}

void pia_ids_free(pia_ids *ids)
{
    if (!ids)
        return;
    for (int i = 0; i < ids->ninsts; i++)
        free(ids->insts[i].group);
    free(ids->insts);
    free(ids->files);
    free(ids);
}

void pia_ids_place(const pia_ids *ids, int file, const char *group, int inst, pia_place *out)
{
    memset(out, 0, sizeof *out);
    out->file = file > 0 && file <= ids->nfiles ? ids->files[file - 1] : 0;
    out->group = group;
    out->inst_pos = group ? inst : 0;
    for (int i = 0; group && i < ids->ninsts; i++)
        if (ids->insts[i].file == file && ids->insts[i].pos == inst && strcmp(ids->insts[i].group, group) == 0)
            out->inst = ids->insts[i].row;
}

pia_ids *pia_ids_new(void)
{
    return pia_xcalloc(1, sizeof(pia_ids));
}

void pia_ids_add_file(pia_ids *ids, long row)
{
    ids->files = pia_xrealloc(ids->files, (size_t)(ids->nfiles + 1) * sizeof *ids->files);
    ids->files[ids->nfiles++] = row;
}

void pia_ids_add_inst(pia_ids *ids, int file, const char *group, int pos, long row)
{
    ids->insts = pia_xrealloc(ids->insts, (size_t)(ids->ninsts + 1) * sizeof *ids->insts);
    ids->insts[ids->ninsts++] = (struct inst_id){ file, pia_xstrdup(group), pos, row };
}
