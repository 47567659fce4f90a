/*
 * bundle.c — bulk export, the writing half (see bundle.h): one
 * assessment's files into the folder's work area (bundle_dir.c), kept when
 * their recorded source is unchanged; its row of the index; at the end the
 * index and the manifest, last, so a folder whose SHA256SUMS verifies is
 * complete and current.  The callers read the databases and may call
 * pia_bundle_add from several threads: the rows and counts are guarded by
 * one mutex, the folder's record by bundle_dir.c's.
 */
#include "bundle.h"
#include "bundle_dir.h"
#include "bundle_index.h"
#include "export.h"
#include "model/sha256.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct row {         /* one line of the index and its files */
    pia_index_row idx;
    pia_bfile *files;
    int nfiles;
} row;

struct pia_bundle {
    pia_bdir *dir;
    int formats, ndbs;
    char build[96];          /* pia's version and a fingerprint of this binary */
    pthread_mutex_t mu;      /* guards rows and stats */
    row *rows;
    int nrows, cap;
    pia_bundle_stats stats;
};

/* The file name and the recorded source of one item. */
typedef struct job {
    const pia_form *form;
    const pia_doc *doc;
    char base[400];          /* file name without extension */
    char *source;            /* database, assessment or version, last change, template */
} job;

/* 表紙 answers by their labels (the template is data; no ids in C). */
static const char *cover(const pia_form *form, const pia_doc *doc, const char *label)
{
    if (form->nsections == 0)
        return "";
    const pia_node *sec = form->sections[0];
    for (int i = 0; i < sec->nkids; i++) {
        if (strcmp(sec->kids[i]->label, label) != 0)
            continue;
        const pia_value *v = pia_doc_get(doc, 0, 0, sec->kids[i]->id);
        return v ? v->value : "";
    }
    return "";
}

static const char *cover_or(const pia_form *f, const pia_doc *d, const char *label, const char *fallback)
{
    const char *v = cover(f, d, label);
    return *v ? v : fallback;
}

/* ---- writing one assessment ------------------------------------------- */

static int write_stream(const char *path, const pia_form *f, const pia_doc *d,
                        int (*fn)(const pia_form *, const pia_doc *, FILE *, pia_err *), pia_err *err)
{
    pia_out o;
    if (pia_out_open(&o, path, 0600, err))
        return -1;
    if (fn(f, d, o.fp, err)) {
        pia_out_abort(&o);
        return pia_fail_wrap(err, "%s: ", path);
    }
    return pia_out_commit(&o, err);
}

/* The file of one format: kept when its source is unchanged, else written. */
static int write_format(pia_bundle *b, const job *j, int fmt, const char *ext, row *r, pia_err *err)
{
    char *name = pia_xasprintf("%s.%s", j->base, ext);
    char *key = pia_xasprintf("%s;format=%s;pia=%s", j->source, ext, b->build);
    pia_bfile f = { 0 };
    int rc = 0, found = pia_bdir_lookup(b->dir, name, key, &f);
    if (!found) {
        char *path = pia_bdir_work_path(b->dir, name);
        rc = fmt == PIA_BUNDLE_XLSX ? pia_export_xlsx(j->form, j->doc, path, err)
           : fmt == PIA_BUNDLE_PDF ? pia_export_pdf(j->form, j->doc, path, NULL, err)
           : write_stream(path, j->form, j->doc, fmt == PIA_BUNDLE_TEXT ? pia_export_text : pia_export_yaml, err);
        if (!rc)
            rc = pia_bdir_wrote(b->dir, name, key, &f, err);
        free(path);
    }
    if (!rc) {
        r->files = pia_xrealloc(r->files, (size_t)(r->nfiles + 1) * sizeof *r->files);
        r->files[r->nfiles++] = f;
        pthread_mutex_lock(&b->mu);
        if (f.fresh) b->stats.written++; else b->stats.kept++;
        pthread_mutex_unlock(&b->mu);
    }
    free(name);
    free(key);
    return rc;
}

static void add_row(pia_bundle *b, const job *j, row *r)
{
    const pia_form *f = j->form;
    const pia_doc *d = j->doc;
    pia_buf shown = { 0 };
    for (int i = 0; i < r->nfiles; i++)
        pia_buf_printf(&shown, "%s%s", i ? "; " : "", r->files[i].name);
    const char *cells[PIA_INDEX_COLS] = {
        cover(f, d, "評価書番号"), cover_or(f, d, "評価書名", d->title), cover_or(f, d, "評価実施機関名", d->org),
        f->title, cover(f, d, "公表日"), d->updated ? d->updated : "", shown.data ? shown.data : "",
    };
    for (int i = 0; i < PIA_INDEX_COLS; i++)
        r->idx.cell[i] = pia_xstrdup(cells[i]);
    free(shown.data);
    pthread_mutex_lock(&b->mu);
    if (b->nrows == b->cap)
        b->rows = pia_xrealloc(b->rows, (size_t)(b->cap = b->cap ? b->cap * 2 : 256) * sizeof *b->rows);
    b->rows[b->nrows++] = *r;
    b->stats.assessments++;
    pthread_mutex_unlock(&b->mu);
}

static void free_row(row *r)
{
    for (int i = 0; i < PIA_INDEX_COLS; i++)
        free(r->idx.cell[i]);
    for (int i = 0; i < r->nfiles; i++) {
        free(r->files[i].name);
        free(r->files[i].key);
    }
    free(r->files);
}

static int write_files(pia_bundle *b, const job *j, pia_err *err)
{
    static const struct { int bit; const char *ext; } FORMATS[] = {
        { PIA_BUNDLE_XLSX, "xlsx" }, { PIA_BUNDLE_TEXT, "txt" }, { PIA_BUNDLE_YAML, "yaml" },
        { PIA_BUNDLE_PDF, "pdf" },
    };
    row r = { 0 };
    for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++) {
        if (!(b->formats & FORMATS[i].bit))
            continue;
        if (write_format(b, j, FORMATS[i].bit, FORMATS[i].ext, &r, err)) {
            free_row(&r);
            return -1;
        }
    }
    add_row(b, j, &r);
    return 0;
}

/* ---- one item ------------------------------------------------------------ */

/* Its file name and what it is made from. */
static void make_job(const pia_bundle *b, const pia_bundle_item *it, job *j)
{
    const pia_form *f = it->form;
    const pia_doc *doc = it->doc;
    j->form = f;
    j->doc = doc;
    char number[64], title[121], ref[40];   /* 120 bytes: with a temporary suffix the name stays under 255 */
    pia_bundle_safe_name(cover_or(f, doc, "評価書番号", "0"), number, sizeof number);
    pia_bundle_safe_name(cover_or(f, doc, "評価書名", doc->title), title, sizeof title);
    if (it->version)
        snprintf(ref, sizeof ref, "%ld@%d", doc->id, it->version);
    else
        snprintf(ref, sizeof ref, "%ld", doc->id);
    /* The id keeps names unique (two assessments may share a title). */
    if (b->ndbs > 1)
        snprintf(j->base, sizeof j->base, "%s_%s_%d-%s", number, title, it->db + 1, ref);
    else
        snprintf(j->base, sizeof j->base, "%s_%s_%s", number, title, ref);
    j->source = pia_xasprintf("db=%s;ref=%s;updated=%s;template=%s:%s", it->dbkey, ref,
                              doc->updated ? doc->updated : "", f->name, f->sha256);
    for (char *p = j->source; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';               /* one line, three fields in the record */
}

int pia_bundle_add(pia_bundle *b, const pia_bundle_item *it, pia_err *err)
{
    job j = { 0 };
    make_job(b, it, &j);
    int rc = write_files(b, &j, err);
    free(j.source);
    return rc;
}

void pia_bundle_db_key(const char *path, char out[24])
{
    char real[PATH_MAX], hex[65];
    const char *p = realpath(path, real) ? real : path;
    pia_sha256 c;
    pia_sha256_init(&c);
    pia_sha256_update(&c, p, strlen(p));
    pia_sha256_hex(&c, hex);
    snprintf(out, 24, "%.16s", hex);
}

/* ---- index, manifest, record ------------------------------------------- */

static int by_files(const void *x, const void *y)
{
    return strcmp(((const row *)x)->idx.cell[PIA_INDEX_COLS - 1], ((const row *)y)->idx.cell[PIA_INDEX_COLS - 1]);
}

static int write_index(pia_bundle *b, pia_bfile *out, pia_err *err)
{
    pia_index_row *rows = pia_xcalloc((size_t)b->nrows + 1, sizeof *rows);
    for (int i = 0; i < b->nrows; i++)
        rows[i] = b->rows[i].idx;
    pia_buf csv = { 0 };
    pia_index_csv(rows, b->nrows, &csv);
    int rc = pia_bdir_write_text(b->dir, "index.csv", csv.data, csv.len, err);
    free(csv.data);
    if (!rc)
        rc = pia_bdir_wrote(b->dir, "index.csv", NULL, &out[0], err);
    char *path = pia_bdir_work_path(b->dir, "index.xlsx");
    if (!rc)
        rc = pia_index_xlsx(rows, b->nrows, path, err);
    free(path);
    if (!rc)
        rc = pia_bdir_wrote(b->dir, "index.xlsx", NULL, &out[1], err);
    free(rows);
    return rc;
}

int pia_bundle_finish(pia_bundle *b, pia_bundle_stats *stats, void (*note)(const char *msg, void *ctx),
                      void *ctx, pia_err *err)
{
    qsort(b->rows, (size_t)b->nrows, sizeof *b->rows, by_files);
    int n = 0;
    for (int i = 0; i < b->nrows; i++)
        n += b->rows[i].nfiles;
    pia_bfile *all = pia_xcalloc((size_t)n + 2, sizeof *all);
    n = 0;
    for (int i = 0; i < b->nrows; i++)
        for (int k = 0; k < b->rows[i].nfiles; k++)
            all[n++] = b->rows[i].files[k];
    int rc = write_index(b, all + n, err);
    pia_buf sums = { 0 }, record = { 0 };
    pia_buf_printf(&record, "# pia bundle: SHA-256, source, file name (see pia README)\n");
    for (int i = 0; i < n + 2 && !rc; i++) {
        pia_buf_printf(&sums, "%s  %s\n", all[i].sha, all[i].name);
        if (all[i].key)
            pia_buf_printf(&record, "%s\t%s\t%s\n", all[i].sha, all[i].key, all[i].name);
    }
    if (!rc)
        rc = pia_bdir_write_text(b->dir, "SHA256SUMS", sums.data, sums.len, err);
    if (!rc)
        rc = pia_bdir_write_text(b->dir, PIA_BDIR_RECORD, record.data, record.len, err);
    if (!rc)
        rc = pia_bdir_commit(b->dir, all, n + 2, &b->stats.removed, &b->stats.foreign, note, ctx, err);
    for (int i = n; i < n + 2; i++) {
        free(all[i].name);
        free(all[i].key);
    }
    free(all);
    free(sums.data);
    free(record.data);
    if (stats)
        *stats = b->stats;
    return rc;
}

/* ---- the folder ---------------------------------------------------------- */

/* pia's version and this binary's fingerprint: a file written by another
 * build of pia is not taken for current. */
static void build_id(char *out, size_t n)
{
    char hex[65];
    if (pia_sha256_file("/proc/self/exe", hex) != 0)
        snprintf(hex, sizeof hex, "unknown");
    snprintf(out, n, "%s+%.16s", PIA_VERSION, hex);
}

int pia_bundle_open(pia_bundle **out, const char *dir, int formats, int ndbs, int force, pia_err *err)
{
    pia_bundle *b = pia_xcalloc(1, sizeof *b);
    if (pia_bdir_open(&b->dir, dir, force, err)) {
        free(b);
        return -1;
    }
    b->formats = formats;
    b->ndbs = ndbs;
    build_id(b->build, sizeof b->build);
    pthread_mutex_init(&b->mu, NULL);
    *out = b;
    return 0;
}

void pia_bundle_close(pia_bundle *b, int failed)
{
    if (!b)
        return;
    pia_bdir_close(b->dir, failed);
    for (int i = 0; i < b->nrows; i++)
        free_row(&b->rows[i]);
    free(b->rows);
    pthread_mutex_destroy(&b->mu);
    free(b);
}
