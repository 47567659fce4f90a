/*
 * bundle_run.c — the orchestration of `pia bundle` (bundle_run.h).
 *
 * The main thread reads: each database is opened read-only and every
 * assessment is loaded inside one read transaction, so a department's file
 * is bundled as one consistent snapshot even while staff keep working.
 * Worker threads write (pia_bundle_add): a bounded queue between them keeps
 * memory flat whatever the count.  If fewer threads start than asked, the
 * ones that did carry on; if none does, the reader writes itself.  The
 * folder changes only in pia_bundle_finish, after every file was written.
 */
#include "bundle_run.h"
#include "model/store.h"
#include "model/version.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUEUE_MAX 16

typedef struct job {
    pia_doc *doc;
    pia_bundle_item item;
    char dbkey[24];
} job;

typedef struct run {
    const pia_bundle_opts *o;
    pia_bundle *bundle;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    job *queue[QUEUE_MAX];
    int head, count, closing, workers;
    int done, total;
    pia_err err;             /* first failure */
    int failed;
} run;

static int stopped(const run *b)
{
    return b->failed || (b->o->stop && *b->o->stop);
}

static void fail(run *b, const pia_err *e)
{
    pthread_mutex_lock(&b->mu);
    if (!b->failed) {
        b->err = *e;
        b->failed = 1;
    }
    pthread_cond_broadcast(&b->not_full);
    pthread_mutex_unlock(&b->mu);
}

/* ---- writing: the workers ------------------------------------------------ */

static void run_job(run *b, job *j)
{
    pia_err err = { 0 };
    if (pia_bundle_add(b->bundle, &j->item, &err)) {
        fail(b, &err);
        return;
    }
    pthread_mutex_lock(&b->mu);
    b->done++;
    if (b->o->progress)
        b->o->progress(b->done, b->total, b->o->ctx);
    pthread_mutex_unlock(&b->mu);
}

static void job_free(job *j)
{
    pia_doc_free(j->doc);
    free(j);
}

static void *worker(void *arg)
{
    run *b = arg;
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
static void push(run *b, job *j)
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

/* Start up to `want` workers; fewer when the system refuses threads
 * (none: the reader writes). */
static pthread_t *start_workers(run *b, int want)
{
    pthread_t *t = pia_xcalloc((size_t)want, sizeof *t);
    int e = 0;
    while (b->workers < want && (e = pthread_create(&t[b->workers], NULL, worker, b)) == 0)
        b->workers++;
    if (b->workers < want && b->o->note) {
        char *msg = b->workers
            ? pia_xasprintf("作業スレッドを %d 本しか作れませんでした（%s）。%d 本で続けます", b->workers, pia_errno_ja(e), b->workers)
            : pia_xasprintf("作業スレッドを作れませんでした（%s）。読み込みと同じスレッドで書き出します", pia_errno_ja(e));
        b->o->note(msg, b->o->ctx);
        free(msg);
    }
    return t;
}

static void stop_workers(run *b, pthread_t *t)
{
    pthread_mutex_lock(&b->mu);
    b->closing = 1;
    pthread_cond_broadcast(&b->not_empty);
    pthread_mutex_unlock(&b->mu);
    for (int i = 0; i < b->workers; i++)
        pthread_join(t[i], NULL);
    free(t);
}

/* ---- reading the databases ------------------------------------------------ */

typedef struct reader {
    run *b;
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

static job *make_job(const reader *r, pia_doc *doc, const pia_form *f, int version)
{
    job *j = pia_xcalloc(1, sizeof *j);
    j->doc = doc;
    memcpy(j->dbkey, r->dbkey, sizeof j->dbkey);
    j->item = (pia_bundle_item){ .form = f, .doc = doc, .version = version, .db = r->db, .dbkey = j->dbkey };
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

/* One reference: loaded and handed on, or counted out when named before. */
static int read_one(reader *r, char **seen, int i, pia_store *st)
{
    run *b = r->b;
    pia_doc *doc;
    pia_version v = { 0 };
    if (pia_ref_load(st, r->refs[i], &doc, &v, r->err))
        return -1;
    int n = v.n;
    pia_version_clear(&v);
    seen[i] = n ? pia_xasprintf("%ld@%d", doc->id, n) : pia_xasprintf("%ld", doc->id);
    if (seen_before(seen, i)) {
        pia_doc_free(doc);
        pthread_mutex_lock(&b->mu);
        b->total--;
        pthread_mutex_unlock(&b->mu);
        return 0;
    }
    const pia_form *f = form_for(r, doc->template_name);
    if (!f) {
        pia_doc_free(doc);
        return -1;
    }
    push(b, make_job(r, doc, f, n));
    return 0;
}

static int read_all(pia_store *st, void *ctx)
{
    reader *r = ctx;
    char **seen = pia_xcalloc((size_t)r->nrefs + 1, sizeof *seen);
    int rc = 0;
    for (int i = 0; i < r->nrefs && !stopped(r->b) && !rc; i++)
        rc = read_one(r, seen, i, st);
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

static int read_db(run *b, int db, reader *r, pia_err *err)
{
    pia_store *st;
    if (pia_store_open(b->o->dbs[db], PIA_STORE_READONLY, &st, err))
        return -1;
    r->db = db;
    r->err = err;
    pia_bundle_db_key(b->o->dbs[db], r->dbkey);
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

/* ---- the run -------------------------------------------------------------- */

/* Read every database while the workers write; the first failure wins. */
static int read_and_write(run *b, reader *r, pia_err *err)
{
    const pia_bundle_opts *o = b->o;
    pthread_t *t = start_workers(b, o->jobs > 0 ? o->jobs : 1);
    int rc = 0;
    for (int db = 0; db < o->ndbs && !rc && !stopped(b); db++)
        rc = read_db(b, db, r, err);
    stop_workers(b, t);
    if (!rc && b->failed)
        rc = (*err = b->err, -1);
    if (!rc && o->stop && *o->stop)
        rc = pia_fail(err, PIA_EIO, "%s: 中断しました（フォルダは元のままです）", o->out_dir);
    return rc;
}

int pia_bundle_run(const pia_bundle_opts *o, pia_bundle_stats *stats, pia_err *err)
{
    run b = { .o = o };
    if (pia_bundle_open(&b.bundle, o->out_dir, o->formats, o->ndbs, o->force, err))
        return -1;
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.not_empty, NULL);
    pthread_cond_init(&b.not_full, NULL);
    reader r = { .b = &b };
    pia_bundle_stats s = { 0 };
    int rc = read_and_write(&b, &r, err);
    if (!rc)
        rc = pia_bundle_finish(b.bundle, &s, o->note, o->ctx, err);
    pia_bundle_close(b.bundle, rc != 0);
    s.workers = b.workers;
    if (stats)
        *stats = s;
    for (int i = 0; i < r.nforms; i++)
        pia_form_free(r.forms[i]);
    free(r.forms);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.not_empty);
    pthread_cond_destroy(&b.not_full);
    return rc;
}

void pia_bundle_speed(char *buf, size_t n, int done, double seconds)
{
    if (done > 0 && seconds > done)
        snprintf(buf, n, "%.1f 秒/件", seconds / done);
    else
        snprintf(buf, n, "%.1f 件/秒", seconds > 0 ? done / seconds : 0.0);
}
