/*
 * store_load.c — whole assessments: loading one as a pia_doc in one read
 * transaction, importing a doc as a new assessment in one write
 * transaction, and reading the audit trail (store.h).
 */
#include "store_internal.h"
#include "limits.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- whole assessments ------------------------------------------------- */

/* Row ids of the assessment's files and instances with their positions:
 * answers are read without joining each row to its file and instance (two
 * B-tree searches per answer, a third of reading a big assessment). */
typedef struct pos_map {
    sqlite3_int64 *id;
    int *pos;
    int n, cap;
    int last;          /* index of the last hit: answers come in runs of one instance */
} pos_map;

static void pos_add(pos_map *m, sqlite3_int64 id, int pos)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->id = pia_xrealloc(m->id, (size_t)m->cap * sizeof *m->id);
        m->pos = pia_xrealloc(m->pos, (size_t)m->cap * sizeof *m->pos);
    }
    m->id[m->n] = id;
    m->pos[m->n++] = pos;
}

/* The position of row id (ids ascending), 0 for NULL or an id not there:
 * the join this replaces was a LEFT JOIN with ifnull(position, 0). */
static int pos_of(pos_map *m, sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return 0;
    sqlite3_int64 id = sqlite3_column_int64(s, col);
    if (m->last < m->n && m->id[m->last] == id)
        return m->pos[m->last];
    int lo = 0, hi = m->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (m->id[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == m->n || m->id[lo] != id)
        return 0;
    m->last = lo;
    return m->pos[lo];
}

static void pos_free(pos_map *m)
{
    free(m->id);
    free(m->pos);
}

typedef struct load_maps {
    pos_map files, insts;
} load_maps;

static int by_id(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return (x > y) - (x < y);
}

static void sort_positions(pos_map *m)
{
    sqlite3_int64 *pairs = pia_xmalloc((size_t)m->n * 2 * sizeof *pairs);
    for (int k = 0; k < m->n; k++)
        pairs[2 * k] = m->id[k], pairs[2 * k + 1] = m->pos[k];
    qsort(pairs, (size_t)m->n, 2 * sizeof *pairs, by_id);
    for (int k = 0; k < m->n; k++)
        m->id[k] = pairs[2 * k], m->pos[k] = (int)pairs[2 * k + 1];
    free(pairs);
}

/* Rows of "SELECT id, position …" into m, sorted by id for pos_of. */
static int load_positions(pia_store *st, long id, const char *sql, pos_map *m, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, sql, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        pos_add(m, sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1));
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return pia_store_fail(st, err, rc, "位置の読み込み");
    /* The queries ask for id order; this only guards the binary search. */
    for (int i = 1; i < m->n; i++)
        if (m->id[i - 1] > m->id[i]) {
            sort_positions(m);
            break;
        }
    return 0;
}

static int load_files(pia_store *st, pia_doc *doc, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_LOAD_FILES, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, doc->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int pos = pia_doc_add_file(doc, (const char *)sqlite3_column_text(s, 0));
        if (sqlite3_column_type(s, 1) != SQLITE_NULL)
            doc->files[pos - 1].updated = pia_db_text(s, 1);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : pia_store_fail(st, err, rc, "ファイルの読み込み");
}
static int load_instances(pia_store *st, pia_doc *doc, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, Q_LOAD_INSTANCES, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, doc->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        pia_doc_set_instances(doc, sqlite3_column_int(s, 0), (const char *)sqlite3_column_text(s, 1),
                              sqlite3_column_int(s, 2));
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : pia_store_fail(st, err, rc, "繰り返し項目の読み込み");
}

/* The answers in the order of answer_key (file, instance, item), so the
 * instance's position is looked up once per run of its answers. */
static int load_answers(pia_store *st, pia_doc *doc, pos_map *files, pos_map *insts,
                        pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT file_id, instance_id, item, value, detail, updated,"
                                         " updated_by, rev FROM answer"
                                         " WHERE assessment_id=? AND (value<>'' OR detail<>'')", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, doc->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        pia_value v = {
            .value = (char *)sqlite3_column_text(s, 3), .detail = (char *)sqlite3_column_text(s, 4),
            .updated = (char *)sqlite3_column_text(s, 5), .updated_by = (char *)sqlite3_column_text(s, 6),
            .rev = sqlite3_column_int64(s, 7),
        };
        pia_doc_set_full(doc, pos_of(files, s, 0), pos_of(insts, s, 1), (const char *)sqlite3_column_text(s, 2),
                         &v);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : pia_store_fail(st, err, rc, "回答の読み込み");
}

static int load_head(pia_store *st, long id, pia_doc **out, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, st->version >= 4 ? Q_LOAD_HEAD : Q_LOAD_HEAD_V3, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = pia_db_doc_head(s, id);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id);
    return rc == SQLITE_ROW ? 0 : pia_store_fail(st, err, rc, "評価書の読み込み");
}

/* Reads happen in one read transaction so the doc is a consistent snapshot
 * even while another process writes. */
int pia_store_load(pia_store *st, long id, pia_doc **out, pia_err *err)
{
    assert(st && out);
    *out = NULL;
    int own = st->depth == 0;
    if (own && pia_db_read_begin(st, err))
        return -1;
    int rc = load_head(st, id, out, err);
    if (!rc)
        rc = load_files(st, *out, err);
    if (!rc)
        rc = load_instances(st, *out, err);
    load_maps m = { 0 };
    if (!rc)
        rc = load_positions(st, id, "SELECT id, position FROM file WHERE assessment_id=? ORDER BY id", &m.files, err);
    if (!rc)
        rc = load_positions(st, id, "SELECT id, position FROM instance WHERE assessment_id=? ORDER BY id",
                            &m.insts, err);
    if (!rc)
        rc = load_answers(st, *out, &m.files, &m.insts, err);
    pos_free(&m.files);
    pos_free(&m.insts);
    if (own)
        rc = pia_db_read_end(st, rc, err);
    if (rc) {
        pia_doc_free(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- one file at a time (the form view) --------------------------------- */

typedef struct file_load {
    pia_store *st;
    pia_doc *doc;
    pia_ids *ids;            /* NULL when not asked for */
    sqlite3_int64 fid;       /* the loaded file's row, -1 when there is none */
    sqlite3_int64 last_fid;  /* the last file's row */
    pos_map insts;
    pia_err *err;
} file_load;

/* Every file's name (and row id); the one at doc->loaded_file is loaded. */
static int file_rows(file_load *l)
{
    sqlite3_stmt *s = pia_db_query(l->st, Q_FILE_ROWS, l->err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, l->doc->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int pos = pia_doc_add_file(l->doc, (const char *)sqlite3_column_text(s, 1));
        if (sqlite3_column_type(s, 2) != SQLITE_NULL)
            l->doc->files[pos - 1].updated = pia_db_text(s, 2);
        l->last_fid = sqlite3_column_int64(s, 0);
        if (pos == l->doc->loaded_file)
            l->fid = l->last_fid;
        if (l->ids)
            pia_ids_add_file(l->ids, (long)sqlite3_column_int64(s, 0));
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : pia_store_fail(l->st, l->err, rc, "ファイルの読み込み");
}

/* The instances of file 0 and the loaded file: their counts, their
 * positions by row id (for the answers) and their ids. */
static int file_instances(file_load *l)
{
    sqlite3_stmt *s = pia_db_query(l->st, Q_FILE_INSTANCES, l->err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, l->doc->id);
    sqlite3_bind_int64(s, 2, l->fid);
    int rc, sorted = 1;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 row = sqlite3_column_int64(s, 0);
        int file = sqlite3_column_int64(s, 1) ? l->doc->loaded_file : 0, pos = sqlite3_column_int(s, 3);
        const char *group = (const char *)sqlite3_column_text(s, 2);
        if (pia_doc_instances(l->doc, file, group) < pos)
            pia_doc_set_instances(l->doc, file, group, pos);
        if (l->ids)
            pia_ids_add_inst(l->ids, file, group, pos, (long)row);
        sorted &= l->insts.n == 0 || l->insts.id[l->insts.n - 1] < row;
        pos_add(&l->insts, row, pos);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return pia_store_fail(l->st, l->err, rc, "繰り返し項目の読み込み");
    if (!sorted)
        sort_positions(&l->insts);
    return 0;
}

/* Through answer_load (schema 7; answer_key in an older database opened
 * read-only), keyed (assessment, file, instance, item): the rows of the
 * other files are never read, and the index holds the columns read. */
static int file_answers(file_load *l)
{
    sqlite3_stmt *s = pia_db_query(l->st, Q_FILE_ANSWERS, l->err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, l->doc->id);
    sqlite3_bind_int64(s, 2, l->fid);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        pia_value v = {
            .value = (char *)sqlite3_column_text(s, 3), .detail = (char *)sqlite3_column_text(s, 4),
            .rev = sqlite3_column_int64(s, 5),
        };
        if (!*v.value && !*v.detail)
            continue;           /* an emptied answer: not an answer (tested here, not by SQLite per row) */
        int file = sqlite3_column_type(s, 0) == SQLITE_NULL ? 0 : l->doc->loaded_file;
        pia_doc_set_full(l->doc, file, pos_of(&l->insts, s, 1), (const char *)sqlite3_column_text(s, 2), &v);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : pia_store_fail(l->st, l->err, rc, "回答の読み込み");
}

static int load_file_in(file_load *l, long id, int file)
{
    if (load_head(l->st, id, &l->doc, l->err))
        return -1;
    l->doc->loaded_file = file > 0 ? file : 1;
    if (file_rows(l))
        return -1;
    if (l->doc->loaded_file > l->doc->nfiles)
        l->doc->loaded_file = l->doc->nfiles ? l->doc->nfiles : 1;
    if (l->fid < 0 && l->doc->nfiles)    /* asked for a file past the last: the last */
        l->fid = l->last_fid;
    return file_instances(l) || file_answers(l) ? -1 : 0;
}

int pia_store_load_file(pia_store *st, long id, int file, pia_doc **out, pia_ids **ids, pia_err *err)
{
    assert(st && out);
    *out = NULL;
    if (ids)
        *ids = NULL;
    file_load l = { .st = st, .ids = ids ? pia_ids_new() : NULL, .fid = -1, .err = err };
    int own = st->depth == 0;
    if (own && pia_db_read_begin(st, err))
        return -1;
    int rc = load_file_in(&l, id, file);
    if (own)
        rc = pia_db_read_end(st, rc, err);
    pos_free(&l.insts);
    if (rc) {
        pia_doc_free(l.doc);
        pia_ids_free(l.ids);
        return -1;
    }
    *out = l.doc;
    if (ids)
        *ids = l.ids;
    return 0;
}

typedef struct import_ctx {
    pia_store *st;
    long id;
    sqlite3_int64 *fids;
    pia_err *err;
} import_ctx;

static int import_instances(int file, const char *group, int n, void *ctx)
{
    import_ctx *c = ctx;
    return pia_store_inst_ensure(c->st, c->id, file ? c->fids[file - 1] : 0, group, n, c->err);
}

/* Repeated answers need their instance row, found through the item's
 * repeated group in the template. */
static int import_answer(int file, int inst, const char *item, const pia_value *v, void *ctx)
{
    import_ctx *c = ctx;
    sqlite3_int64 fid = file ? c->fids[file - 1] : 0, iid = 0;
    if (inst > 0) {
        const char *group = NULL;
        if (pia_store_group_of(c->st, item, &group, c->err) ||
            pia_store_inst_ensure(c->st, c->id, fid, group, inst, c->err) ||
            pia_store_inst_row(c->st, c->id, fid, group, inst, &iid, c->err))
            return -1;
    }
    if (pia_store_check_text(c->st, item, v->value, c->err) || pia_store_check_text(c->st, item, v->detail, c->err))
        return -1;
    current none = { 0 };
    return pia_store_answer_write(c->st, c->id, fid, iid, item, v->value, v->detail, &none, c->err);
}

static int import_in_tx(pia_store *st, const pia_doc *doc, long *id, pia_err *err)
{
    if (pia_store_use_template(st, doc->template_name, err) || pia_store_check_text(st, "評価書名", doc->title, err) ||
        pia_store_check_text(st, "評価実施機関名", doc->org, err))
        return -1;
    if (doc->nfiles > PIA_MAX_FILES)
        return pia_fail(err, PIA_EINVAL, "%s: 特定個人情報ファイルが %d 件あります（%d 件まで）",
                        st->path, doc->nfiles, PIA_MAX_FILES);
    for (int f = 0; f < doc->nfiles; f++)
        if (pia_store_check_text(st, "ファイル名", doc->files[f].name, err))
            return -1;
    /* A copy keeps the record of the original; an import is written now. */
    const char *sha = doc->template_sha ? doc->template_sha : st->form->sha256;
    if (pia_store_insert_assessment(st, doc->template_name, doc->title, doc->org, sha, id, err))
        return -1;
    import_ctx c = { st, *id, pia_xcalloc((size_t)doc->nfiles + 1, sizeof *c.fids), err };
    int rc = 0;
    for (int f = 0; f < doc->nfiles && !rc; f++) {
        rc = pia_store_insert_file(st, *id, f + 1, doc->files[f].name, err);
        c.fids[f] = sqlite3_last_insert_rowid(st->db);
    }
    if (!rc)
        rc = pia_doc_each_instances(doc, import_instances, &c);
    if (!rc)
        rc = pia_doc_each(doc, import_answer, &c);
    if (!rc)
        rc = pia_store_recount(st, *id, err);
    if (!rc)
        rc = pia_store_audit_row(st, *id, "import", 0, 0, NULL, NULL, doc->title, err);
    free(c.fids);
    return rc;
}

int pia_store_import(pia_store *st, const pia_doc *doc, long *id, pia_err *err)
{
    assert(st && doc && id);
    if (pia_db_begin(st, err))
        return -1;
    return pia_db_end(st, import_in_tx(st, doc, id, err), err);
}

/* ---- audit trail ------------------------------------------------------- */

int pia_store_audit(pia_store *st, long id, pia_audit **out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = pia_db_prepare(st, st->version >= 3
        ? "SELECT seq,at,who,action,ifnull(item,''),ifnull(old,''),ifnull(new,''),"
          "ifnull(file,0),ifnull(inst,0),last_at FROM audit WHERE assessment_id=? ORDER BY seq"
        : "SELECT seq,at,who,action,ifnull(item,''),ifnull(old,''),ifnull(new,''),"
          "ifnull(file,0),ifnull(inst,0),NULL FROM audit WHERE assessment_id=? ORDER BY seq", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap)
            *out = pia_xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
        pia_audit *a = &(*out)[(*n)++];
        a->seq = sqlite3_column_int64(s, 0);
        a->at = pia_db_text(s, 1);
        a->who = pia_db_text(s, 2);
        a->action = pia_db_text(s, 3);
        a->item = pia_db_text(s, 4);
        a->old_value = pia_db_text(s, 5);
        a->new_value = pia_db_text(s, 6);
        a->file = sqlite3_column_int(s, 7);
        a->inst = sqlite3_column_int(s, 8);
        a->last_at = sqlite3_column_type(s, 9) == SQLITE_NULL ? NULL : pia_db_text(s, 9);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        pia_audit_free(*out, *n);
        *out = NULL;
        *n = 0;
        return pia_store_fail(st, err, rc, "監査記録の読み込み");
    }
    return 0;
}

void pia_audit_free(pia_audit *a, int n)
{
    for (int i = 0; i < n; i++) {
        free(a[i].at);
        free(a[i].who);
        free(a[i].action);
        free(a[i].item);
        free(a[i].old_value);
        free(a[i].new_value);
        free(a[i].last_at);
    }
    free(a);
}
