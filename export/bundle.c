/*
 * bundle.c — bulk export (see bundle.h).
 *
 * The main thread reads: each database is opened read-only and every
 * assessment is loaded inside one read transaction, so a department's file
 * is bundled as one consistent snapshot even while staff keep working.
 * Worker threads write: a bounded queue between them keeps memory flat
 * whatever the count.  If fewer threads start than asked, the ones that did
 * carry on; if none does, the reader writes itself.  Every file goes to the
 * folder's work area first (bundle_dir.c) and the folder changes only when
 * the whole run succeeded; the index and the manifest come last, so a
 * folder whose SHA256SUMS verifies is complete and current.
 */
#include "bundle.h"
#include "bundle_dir.h"
#include "bundle_index.h"
#include "export.h"
#include "model/sha256.h"
#include "model/store.h"
#include "model/version.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUEUE_MAX 16

typedef struct job {
    pia_doc *doc;
    const pia_form *form;
    char base[400];          /* file name without extension */
    char *source;            /* database, assessment or version, last change, template */
} job;

typedef struct row {         /* one line of the index and its files */
    pia_index_row idx;
    pia_bfile *files;
    int nfiles;
} row;

typedef struct bundle {
    const pia_bundle_opts *o;
    pia_bdir *dir;
    char build[96];          /* pia's version and a fingerprint of this binary */
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    job *queue[QUEUE_MAX];
    int head, count, closing, workers;
    row *rows;
    int nrows, cap, done, total;
    pia_bundle_stats stats;
    pia_err err;             /* first failure */
    int failed;
} bundle;

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

static int stopped(const bundle *b)
{
    return b->failed || (b->o->stop && *b->o->stop);
}

static void fail(bundle *b, const pia_err *e)
{
    pthread_mutex_lock(&b->mu);
    if (!b->failed) {
        b->err = *e;
        b->failed = 1;
    }
    pthread_cond_broadcast(&b->not_full);
    pthread_mutex_unlock(&b->mu);
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
static int write_format(bundle *b, job *j, int fmt, const char *ext, row *r, pia_err *err)
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

static void add_row(bundle *b, job *j, row *r)
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
    b->done++;
    b->stats.assessments++;
    if (b->o->progress)
        b->o->progress(b->done, b->total, b->o->ctx);
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

static void run_job(bundle *b, job *j)
{
    static const struct { int bit; const char *ext; } FORMATS[] = {
        { PIA_BUNDLE_XLSX, "xlsx" }, { PIA_BUNDLE_TEXT, "txt" }, { PIA_BUNDLE_YAML, "yaml" },
        { PIA_BUNDLE_PDF, "pdf" },
    };
    row r = { 0 };
    pia_err err = { 0 };
    for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++) {
        if (!(b->o->formats & FORMATS[i].bit))
            continue;
        if (write_format(b, j, FORMATS[i].bit, FORMATS[i].ext, &r, &err)) {
            fail(b, &err);
            free_row(&r);
            return;
        }
    }
    add_row(b, j, &r);
}

static void job_free(job *j)
{
    pia_doc_free(j->doc);
    free(j->source);
    free(j);
}

static void *worker(void *arg)
{
    bundle *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->mu);
        while (b->count == 0 && !b->closing)
            pthread_cond_wait(&b->not_empty, &b->mu);
        if (b->count == 0) {
            pthread_mutex_unlock(&b->mu);
            return NULL;
        }
        job *j = b->queue[b->head];
        b->head = (b->head + 1) % QUEUE_MAX;
        b->count--;
        pthread_cond_signal(&b->not_full);
        int skip = stopped(b);
        pthread_mutex_unlock(&b->mu);
        if (!skip)
            run_job(b, j);
        job_free(j);
    }
}

/* Hand a job to the workers; waits in short slices so that a stop (a
 * signal) or a failure is noticed even while the queue stays full. */
static void push(bundle *b, job *j)
{
    if (b->workers == 0) {
        if (!stopped(b))
            run_job(b, j);
        job_free(j);
        return;
    }
    pthread_mutex_lock(&b->mu);
    while (b->count == QUEUE_MAX && !stopped(b)) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&b->not_full, &b->mu, &until);
    }
    if (stopped(b)) {
        pthread_mutex_unlock(&b->mu);
        job_free(j);
        return;
    }
    b->queue[(b->head + b->count) % QUEUE_MAX] = j;
    b->count++;
    pthread_cond_signal(&b->not_empty);
    pthread_mutex_unlock(&b->mu);
}

/* ---- reading the databases -------------------------------------------- */

typedef struct reader {
    bundle *b;
    int db;                  /* index among --db, for names when several */
    char dbkey[24];          /* which database, for the record */
    char **refs;
    int nrefs;
    pia_form **forms;        /* every template loaded, freed at the end */
    int nforms;
    pia_err *err;
} reader;

static const pia_form *form_for(reader *r, const char *name)
{
    for (int i = 0; i < r->nforms; i++)
        if (strcmp(r->forms[i]->name, name) == 0)
            return r->forms[i];
    pia_form *f;
    if (pia_form_load_named(name, &f, r->err))
        return NULL;
    r->forms = pia_xrealloc(r->forms, (size_t)(r->nforms + 1) * sizeof *r->forms);
    r->forms[r->nforms++] = f;
    return f;
}

/* The job for one reference: its file name and what it is made from. */
static job *make_job(reader *r, pia_doc *doc, const pia_form *f, int version)
{
    job *j = pia_xcalloc(1, sizeof *j);
    j->doc = doc;
    j->form = f;
    char number[64], title[121], ref[40];   /* 120 bytes: with a temporary suffix the name stays under 255 */
    pia_bundle_safe_name(cover_or(f, doc, "評価書番号", "0"), number, sizeof number);
    pia_bundle_safe_name(cover_or(f, doc, "評価書名", doc->title), title, sizeof title);
    if (version)
        snprintf(ref, sizeof ref, "%ld@%d", doc->id, version);
    else
        snprintf(ref, sizeof ref, "%ld", doc->id);
    /* The id keeps names unique (two assessments may share a title). */
    if (r->b->o->ndbs > 1)
        snprintf(j->base, sizeof j->base, "%s_%s_%d-%s", number, title, r->db + 1, ref);
    else
        snprintf(j->base, sizeof j->base, "%s_%s_%s", number, title, ref);
    j->source = pia_xasprintf("db=%s;ref=%s;updated=%s;template=%s:%s", r->dbkey, ref,
                              doc->updated ? doc->updated : "", f->name, f->sha256);
    for (char *p = j->source; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';               /* one line, three fields in the record */
    return j;
}

/* The same assessment or version named twice is bundled once. */
static int seen_before(char **seen, int i)
{
    for (int k = 0; k < i; k++)
        if (seen[k] && strcmp(seen[k], seen[i]) == 0)
            return 1;
    return 0;
}

static int read_all(pia_store *st, void *ctx)
{
    reader *r = ctx;
    bundle *b = r->b;
    char **seen = pia_xcalloc((size_t)r->nrefs + 1, sizeof *seen);
    int rc = 0;
    for (int i = 0; i < r->nrefs && !stopped(b) && !rc; i++) {
        pia_doc *doc;
        pia_version v = { 0 };
        if (pia_ref_load(st, r->refs[i], &doc, &v, r->err)) {
            rc = -1;
            break;
        }
        int n = v.n;
        pia_version_clear(&v);
        seen[i] = n ? pia_xasprintf("%ld@%d", doc->id, n) : pia_xasprintf("%ld", doc->id);
        if (seen_before(seen, i)) {
            pia_doc_free(doc);
            pthread_mutex_lock(&b->mu);
            b->total--;
            pthread_mutex_unlock(&b->mu);
            continue;
        }
        const pia_form *f = form_for(r, doc->template_name);
        if (!f) {
            pia_doc_free(doc);
            rc = -1;
            break;
        }
        push(b, make_job(r, doc, f, n));
    }
    for (int i = 0; i < r->nrefs; i++)
        free(seen[i]);
    free(seen);
    return rc;
}

static int list_refs(pia_store *st, const pia_bundle_opts *o, reader *r, pia_err *err)
{
    if (o->refs && o->ndbs == 1) {
        r->refs = pia_xcalloc((size_t)o->nrefs + 1, sizeof *r->refs);
        for (int i = 0; i < o->nrefs; i++)
            r->refs[i] = pia_xstrdup(o->refs[i]);
        r->nrefs = o->nrefs;
        return 0;
    }
    pia_summary *s;
    int n;
    if (pia_store_list(st, &s, &n, err))
        return -1;
    r->refs = pia_xcalloc((size_t)n + 1, sizeof *r->refs);
    for (int i = 0; i < n; i++)
        r->refs[i] = pia_xasprintf("%ld", s[n - 1 - i].id);     /* oldest first: stable order */
    r->nrefs = n;
    pia_summaries_free(s, n);
    return 0;
}

/* Which database, for the record: its real path, hashed (the record may
 * travel with the folder; the path need not). */
static void db_key(const char *path, char out[24])
{
    char real[PATH_MAX], hex[65];
    const char *p = realpath(path, real) ? real : path;
    pia_sha256 c;
    pia_sha256_init(&c);
    pia_sha256_update(&c, p, strlen(p));
    pia_sha256_hex(&c, hex);
    snprintf(out, 24, "%.16s", hex);
}

static int read_db(bundle *b, int db, reader *r, pia_err *err)
{
    pia_store *st;
    if (pia_store_open(b->o->dbs[db], PIA_STORE_READONLY, &st, err))
        return -1;
    r->db = db;
    r->err = err;
    db_key(b->o->dbs[db], r->dbkey);
    int rc = list_refs(st, b->o, r, err);
    if (!rc) {
        pthread_mutex_lock(&b->mu);
        b->total += r->nrefs;
        pthread_mutex_unlock(&b->mu);
        rc = pia_store_snapshot(st, read_all, r, err);
    }
    for (int i = 0; i < r->nrefs; i++)
        free(r->refs[i]);
    free(r->refs);
    r->refs = NULL;
    pia_store_close(st);
    return rc;
}

/* ---- index, manifest, record ------------------------------------------- */

static int by_files(const void *x, const void *y)
{
    return strcmp(((const row *)x)->idx.cell[PIA_INDEX_COLS - 1], ((const row *)y)->idx.cell[PIA_INDEX_COLS - 1]);
}

static int write_index(bundle *b, pia_bfile *out, pia_err *err)
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

static int finish(bundle *b, pia_err *err)
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
        rc = pia_bdir_commit(b->dir, all, n + 2, &b->stats.removed, &b->stats.foreign,
                             b->o->note, b->o->ctx, err);
    for (int i = n; i < n + 2; i++) {
        free(all[i].name);
        free(all[i].key);
    }
    free(all);
    free(sums.data);
    free(record.data);
    return rc;
}

/* ---- the run ------------------------------------------------------------ */

/* pia's version and this binary's fingerprint: a file written by another
 * build of pia is not taken for current. */
static void build_id(char *out, size_t n)
{
    char hex[65];
    if (pia_sha256_file("/proc/self/exe", hex) != 0)
        snprintf(hex, sizeof hex, "unknown");
    snprintf(out, n, "%s+%.16s", PIA_VERSION, hex);
}

static void note(const bundle *b, const char *msg)
{
    if (b->o->note)
        b->o->note(msg, b->o->ctx);
}

/* Start up to `want` workers; fewer when the system refuses threads
 * (none: the reader writes). */
static pthread_t *start_workers(bundle *b, int want)
{
    pthread_t *t = pia_xcalloc((size_t)want, sizeof *t);
    int e = 0;
    while (b->workers < want && (e = pthread_create(&t[b->workers], NULL, worker, b)) == 0)
        b->workers++;
    if (b->workers < want) {
        char *msg = b->workers
            ? pia_xasprintf("作業スレッドを %d 本しか作れませんでした（%s）。%d 本で続けます", b->workers, strerror(e), b->workers)
            : pia_xasprintf("作業スレッドを作れませんでした（%s）。読み込みと同じスレッドで書き出します", strerror(e));
        note(b, msg);
        free(msg);
    }
    return t;
}

static void stop_workers(bundle *b, pthread_t *t)
{
    pthread_mutex_lock(&b->mu);
    b->closing = 1;
    pthread_cond_broadcast(&b->not_empty);
    pthread_mutex_unlock(&b->mu);
    for (int i = 0; i < b->workers; i++)
        pthread_join(t[i], NULL);
    free(t);
}

int pia_bundle(const pia_bundle_opts *o, pia_bundle_stats *stats, pia_err *err)
{
    bundle b = { .o = o };
    if (pia_bdir_open(&b.dir, o->out_dir, o->force, err))
        return -1;
    build_id(b.build, sizeof b.build);
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.not_empty, NULL);
    pthread_cond_init(&b.not_full, NULL);
    pthread_t *t = start_workers(&b, o->jobs > 0 ? o->jobs : 1);
    reader r = { .b = &b };
    int rc = 0;
    for (int db = 0; db < o->ndbs && !rc && !stopped(&b); db++)
        rc = read_db(&b, db, &r, err);
    stop_workers(&b, t);
    if (!rc && b.failed)
        rc = (*err = b.err, -1);
    if (!rc && o->stop && *o->stop)
        rc = pia_fail(err, PIA_EIO, "%s: 中断しました（フォルダは元のままです）", o->out_dir);
    if (!rc)
        rc = finish(&b, err);
    pia_bdir_close(b.dir, rc != 0);
    b.stats.workers = b.workers;
    if (stats)
        *stats = b.stats;
    for (int i = 0; i < r.nforms; i++)
        pia_form_free(r.forms[i]);
    free(r.forms);
    for (int i = 0; i < b.nrows; i++)
        free_row(&b.rows[i]);
    free(b.rows);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.not_empty);
    pthread_cond_destroy(&b.not_full);
    return rc;
}
