/*
 * bundle.c — bulk export (see bundle.h).
 *
 * The main thread reads: each database is opened read-only and every
 * assessment is loaded inside one read transaction, so a department's file
 * is bundled as one consistent snapshot even while staff keep working.
 * Worker threads write: a bounded queue between them keeps memory flat
 * whatever the count.  Every file is written under a temporary name and
 * renamed; files already present are kept (so an interrupted run, re-run,
 * completes), unless --force.  The index and the manifest are written last,
 * so a package with a manifest is a complete package.
 */
#include "bundle.h"
#include "export.h"
#include "xlsx_file.h"
#include "sha256.h"
#include "model/store.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define QUEUE_MAX 16

typedef struct job {
    pia_doc *doc;
    const pia_form *form;
    char base[400];          /* file name without extension */
} job;

typedef struct row {         /* one line of the index */
    char *number, *title, *org, *kind, *published, *updated, *files;
} row;

typedef struct bundle {
    const pia_bundle_opts *o;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    job *queue[QUEUE_MAX];
    int head, count, closing;
    row *rows;
    int nrows, cap, done, total;
    pia_bundle_stats stats;
    pia_err err;             /* first failure */
    int failed;
} bundle;

void pia_bundle_safe_name(const char *in, char *out, size_t max)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 4 < max;) {
        size_t n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : 4;
        if (*p < 0x20 || *p == 0x7f || strchr("/\\:*?\"<>|", *p) || (o == 0 && *p == '.')) {
            out[o++] = '_';
            p++;
            continue;
        }
        if (o + n >= max)
            break;
        for (size_t i = 0; i < n && p[i]; i++)
            out[o++] = (char)p[i];
        p += n;
    }
    out[o] = '\0';
    if (o == 0)
        snprintf(out, max, "_");
}

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

static void fail(bundle *b, const pia_err *e)
{
    pthread_mutex_lock(&b->mu);
    if (!b->failed) {
        b->err = *e;
        b->failed = 1;
    }
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

static int write_format(bundle *b, job *j, int fmt, const char *ext, char *names, size_t n, pia_err *err)
{
    char *rel = pia_xasprintf("%s.%s", j->base, ext);
    char *path = pia_xasprintf("%s/%s", b->o->out_dir, rel);
    struct stat sb;
    int rc = 0, kept = !b->o->force && stat(path, &sb) == 0;
    if (!kept)
        rc = fmt == PIA_BUNDLE_XLSX ? pia_export_xlsx(j->form, j->doc, path, err)
           : fmt == PIA_BUNDLE_PDF ? pia_export_pdf(j->form, j->doc, path, NULL, err)
           : write_stream(path, j->form, j->doc, fmt == PIA_BUNDLE_TEXT ? pia_export_text : pia_export_yaml, err);
    if (!rc) {
        size_t used = strlen(names);
        snprintf(names + used, n - used, "%s%s", used ? "\t" : "", rel);   /* safe names have no tab */
        pthread_mutex_lock(&b->mu);
        if (kept) b->stats.kept++; else b->stats.written++;
        pthread_mutex_unlock(&b->mu);
    }
    free(rel);
    free(path);
    return rc;
}

static void add_row(bundle *b, job *j, const char *names)
{
    const pia_form *f = j->form;
    const pia_doc *d = j->doc;
    row r = {
        pia_xstrdup(cover(f, d, "評価書番号")), pia_xstrdup(*cover(f, d, "評価書名") ? cover(f, d, "評価書名") : d->title),
        pia_xstrdup(*cover(f, d, "評価実施機関名") ? cover(f, d, "評価実施機関名") : d->org),
        pia_xstrdup(f->title), pia_xstrdup(cover(f, d, "公表日")), pia_xstrdup(d->updated ? d->updated : ""),
        pia_xstrdup(names),
    };
    pthread_mutex_lock(&b->mu);
    if (b->nrows == b->cap)
        b->rows = pia_xrealloc(b->rows, (size_t)(b->cap = b->cap ? b->cap * 2 : 256) * sizeof *b->rows);
    b->rows[b->nrows++] = r;
    b->done++;
    b->stats.assessments++;
    if (b->o->progress)
        b->o->progress(b->done, b->total, b->o->ctx);
    pthread_mutex_unlock(&b->mu);
}

static void run_job(bundle *b, job *j)
{
    static const struct { int bit; const char *ext; } FORMATS[] = {
        { PIA_BUNDLE_XLSX, "xlsx" }, { PIA_BUNDLE_TEXT, "txt" }, { PIA_BUNDLE_YAML, "yaml" },
        { PIA_BUNDLE_PDF, "pdf" },
    };
    char names[2048] = "";
    pia_err err = { 0 };
    for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++) {
        if (!(b->o->formats & FORMATS[i].bit))
            continue;
        if (write_format(b, j, FORMATS[i].bit, FORMATS[i].ext, names, sizeof names, &err)) {
            fail(b, &err);
            return;
        }
    }
    add_row(b, j, names);
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
        int skip = b->failed || (b->o->stop && *b->o->stop);
        pthread_mutex_unlock(&b->mu);
        if (!skip)
            run_job(b, j);
        pia_doc_free(j->doc);
        free(j);
    }
}

static void push(bundle *b, job *j)
{
    pthread_mutex_lock(&b->mu);
    while (b->count == QUEUE_MAX)
        pthread_cond_wait(&b->not_full, &b->mu);
    b->queue[(b->head + b->count) % QUEUE_MAX] = j;
    b->count++;
    pthread_cond_signal(&b->not_empty);
    pthread_mutex_unlock(&b->mu);
}

/* ---- reading the databases -------------------------------------------- */

typedef struct reader {
    bundle *b;
    int db;                  /* index among --db, for names when several */
    long *ids;
    int nids;
    pia_form *form;          /* the template of the assessments read last */
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

static int read_all(pia_store *st, void *ctx)
{
    reader *r = ctx;
    bundle *b = r->b;
    for (int i = 0; i < r->nids && !b->failed && !(b->o->stop && *b->o->stop); i++) {
        pia_doc *doc;
        if (pia_store_load(st, r->ids[i], &doc, r->err))
            return -1;
        const pia_form *f = form_for(r, doc->template_name);
        if (!f) {
            pia_doc_free(doc);
            return -1;
        }
        job *j = pia_xcalloc(1, sizeof *j);
        j->doc = doc;
        j->form = f;
        char number[64], title[121];   /* 120 bytes: with the temporary suffix the name stays under 255 */
        pia_bundle_safe_name(*cover(f, doc, "評価書番号") ? cover(f, doc, "評価書番号") : "0", number, sizeof number);
        pia_bundle_safe_name(*cover(f, doc, "評価書名") ? cover(f, doc, "評価書名") : doc->title, title, sizeof title);
        /* The id keeps names unique (two assessments may share a title). */
        if (b->o->ndbs > 1)
            snprintf(j->base, sizeof j->base, "%s_%s_%d-%ld", number, title, r->db + 1, doc->id);
        else
            snprintf(j->base, sizeof j->base, "%s_%s_%ld", number, title, doc->id);
        push(b, j);
    }
    return 0;
}

static int list_ids(pia_store *st, const pia_bundle_opts *o, long **ids, int *n, pia_err *err)
{
    if (o->ids && o->ndbs == 1) {
        *ids = pia_xmalloc((size_t)(o->nids + 1) * sizeof **ids);
        memcpy(*ids, o->ids, (size_t)o->nids * sizeof **ids);
        *n = o->nids;
        return 0;
    }
    pia_summary *s;
    if (pia_store_list(st, &s, n, err))
        return -1;
    *ids = pia_xmalloc((size_t)(*n + 1) * sizeof **ids);
    for (int i = 0; i < *n; i++)
        (*ids)[i] = s[*n - 1 - i].id;          /* oldest first: stable order */
    pia_summaries_free(s, *n);
    return 0;
}

static int read_db(bundle *b, int db, reader *r, pia_err *err)
{
    pia_store *st;
    if (pia_store_open(b->o->dbs[db], PIA_STORE_READONLY, &st, err))
        return -1;
    r->db = db;
    r->err = err;
    int rc = list_ids(st, b->o, &r->ids, &r->nids, err);
    if (!rc) {
        pthread_mutex_lock(&b->mu);
        b->total += r->nids;
        pthread_mutex_unlock(&b->mu);
        rc = pia_store_snapshot(st, read_all, r, err);
    }
    free(r->ids);
    r->ids = NULL;
    pia_store_close(st);
    return rc;
}

/* ---- index and manifest ------------------------------------------------ */

static void csv_field(FILE *fp, const char *s, int last)
{
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputs(last ? "\"\r\n" : "\",", fp);
}

static const char *const HEAD[] = { "評価書番号", "評価書名", "評価実施機関名", "評価の種類", "公表日", "最終更新", "ファイル" };

static int by_files(const void *x, const void *y)
{
    return strcmp(((const row *)x)->files, ((const row *)y)->files);
}

/* The file list as shown in the index: names separated by "; ". */
static char *shown_files(const char *files)
{
    char *s = pia_xmalloc(strlen(files) * 2 + 1), *o = s;
    for (; *files; files++) {
        if (*files == '\t') {
            *o++ = ';';
            *o++ = ' ';
        } else {
            *o++ = *files;
        }
    }
    *o = '\0';
    return s;
}

static int write_csv(bundle *b, pia_err *err)
{
    char *path = pia_xasprintf("%s/index.csv", b->o->out_dir);
    pia_out o;
    int rc = pia_out_open(&o, path, 0600, err);
    if (!rc) {
        fputs("\xEF\xBB\xBF", o.fp);              /* BOM: Excel reads UTF-8 */
        for (int i = 0; i < 7; i++)
            csv_field(o.fp, HEAD[i], i == 6);
        for (int i = 0; i < b->nrows; i++) {
            row *r = &b->rows[i];
            char *files = shown_files(r->files);
            const char *f[7] = { r->number, r->title, r->org, r->kind, r->published, r->updated, files };
            for (int k = 0; k < 7; k++)
                csv_field(o.fp, f[k], k == 6);
            free(files);
        }
        rc = pia_out_commit(&o, err);
    }
    free(path);
    return rc;
}

static int write_index_xlsx(bundle *b, pia_err *err)
{
    char *path = pia_xasprintf("%s/index.xlsx", b->o->out_dir);
    pia_xlsx_file f;
    int rc = pia_xlsx_open(&f, path, 1, err);
    free(path);
    if (rc)
        return -1;
    lxw_doc_properties props = { .title = "特定個人情報保護評価書 一覧", .created = 1700000000 };
    workbook_set_properties(f.wb, &props);
    lxw_worksheet *ws = workbook_add_worksheet(f.wb, "一覧");
    lxw_format *h = workbook_add_format(f.wb);
    format_set_bold(h);
    lxw_error e = LXW_NO_ERROR;
    for (int i = 0; i < 7 && !e; i++)
        e = worksheet_write_string(ws, 0, (lxw_col_t)i, HEAD[i], h);
    for (int i = 0; i < b->nrows && !e; i++) {
        row *r = &b->rows[i];
        char *files = shown_files(r->files);
        const char *cell[7] = { r->number, r->title, r->org, r->kind, r->published, r->updated, files };
        for (int k = 0; k < 7 && !e; k++)
            e = worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)k, cell[k], NULL);
        free(files);
    }
    return pia_xlsx_commit(&f, e, err);
}

static int add_hash(FILE *fp, const char *dir, const char *name, pia_err *err)
{
    char hex[65], *path = pia_xasprintf("%s/%s", dir, name);
    int rc = pia_sha256_file(path, hex);
    if (rc)
        pia_fail(err, PIA_EIO, "%s: 読めません（%s）", path, strerror(errno));
    else
        fprintf(fp, "%s  %s\n", hex, name);
    free(path);
    return rc;
}

static int write_manifest(bundle *b, pia_err *err)
{
    char *path = pia_xasprintf("%s/SHA256SUMS", b->o->out_dir);
    pia_out o;
    int rc = pia_out_open(&o, path, 0600, err);
    free(path);
    if (rc)
        return -1;
    for (int i = 0; !rc && i < b->nrows; i++) {
        char *files = pia_xstrdup(b->rows[i].files), *save = NULL;
        for (char *t = strtok_r(files, "\t", &save); t && !rc; t = strtok_r(NULL, "\t", &save))
            rc = add_hash(o.fp, b->o->out_dir, t, err);
        free(files);
    }
    if (!rc) rc = add_hash(o.fp, b->o->out_dir, "index.csv", err);
    if (!rc) rc = add_hash(o.fp, b->o->out_dir, "index.xlsx", err);
    if (rc) {
        pia_out_abort(&o);
        return -1;
    }
    return pia_out_commit(&o, err);
}

/* Temporary files left by a killed run are removed before starting. */
static void sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' && strstr(e->d_name, ".tmp-")) {
            char *p = pia_xasprintf("%s/%s", dir, e->d_name);
            unlink(p);
            free(p);
        }
    }
    closedir(d);
}

static void free_rows(bundle *b)
{
    for (int i = 0; i < b->nrows; i++) {
        row *r = &b->rows[i];
        free(r->number); free(r->title); free(r->org); free(r->kind);
        free(r->published); free(r->updated); free(r->files);
    }
    free(b->rows);
}

int pia_bundle(const pia_bundle_opts *o, pia_bundle_stats *stats, pia_err *err)
{
    if (mkdir(o->out_dir, 0700) != 0 && errno != EEXIST)
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO, "%s: 作成できません（%s）", o->out_dir, strerror(errno));
    sweep(o->out_dir);
    bundle b = { .o = o };
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.not_empty, NULL);
    pthread_cond_init(&b.not_full, NULL);
    int jobs = o->jobs > 0 ? o->jobs : 1;
    pthread_t *t = pia_xcalloc((size_t)jobs, sizeof *t);
    for (int i = 0; i < jobs; i++)
        pthread_create(&t[i], NULL, worker, &b);
    reader r = { .b = &b };
    int rc = 0;
    for (int db = 0; db < o->ndbs && !rc && !b.failed; db++)
        rc = read_db(&b, db, &r, err);
    pthread_mutex_lock(&b.mu);
    b.closing = 1;
    pthread_cond_broadcast(&b.not_empty);
    pthread_mutex_unlock(&b.mu);
    for (int i = 0; i < jobs; i++)
        pthread_join(t[i], NULL);
    free(t);
    if (!rc && b.failed)
        rc = (*err = b.err, -1);
    if (!rc && o->stop && *o->stop)
        rc = pia_fail(err, PIA_EIO, "中断しました（書き出し済みのファイルは完全です。もう一度実行すると続きから完了します）");
    if (!rc) {
        qsort(b.rows, (size_t)b.nrows, sizeof *b.rows, by_files);
        rc = write_csv(&b, err);
        if (!rc) rc = write_index_xlsx(&b, err);
        if (!rc) rc = write_manifest(&b, err);
    }
    if (stats)
        *stats = b.stats;
    for (int i = 0; i < r.nforms; i++)
        pia_form_free(r.forms[i]);
    free(r.forms);
    free_rows(&b);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.not_empty);
    pthread_cond_destroy(&b.not_full);
    return rc;
}
