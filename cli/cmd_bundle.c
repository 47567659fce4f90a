/*
 * cmd_bundle.c — `pia bundle --out DIR [--db FILE ...] [--all | ID ...]
 * [--format xlsx,text,yaml,pdf] [--jobs N] [--force] [--quiet]`: every
 * assessment in one folder for the 個人情報保護委員会, with progress on stderr
 * (a bar on a terminal, plain lines otherwise).  IDs may name versions
 * (ID@N, ID@LABEL).
 */
#include "cli.h"
#include "args.h"
#include "bundle_run.h"
#include "model/limits.h"
#include "model/version.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* More threads than this gain nothing on the machines pia runs on and
 * only risk the process's thread limit. */
#define MAX_JOBS 64

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

typedef struct progress {
    int tty, quiet, last_pct;
    struct timespec start;
} progress;

static double elapsed(const progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
}

static void show(int done, int total, void *ctx)
{
    progress *p = ctx;
    if (p->quiet || total <= 0)
        return;
    double t = elapsed(p), rate = t > 0 ? done / t : 0;
    char sp[32];
    pia_bundle_speed(sp, sizeof sp, done, t);
    int eta = rate > 0 ? (int)((total - done) / rate) : 0;
    if (p->tty) {
        char bar[31];
        int fill = done * 30 / total;
        for (int i = 0; i < 30; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[30] = '\0';
        fprintf(stderr, "\r[%s] %d/%d  %s  残り %d:%02d ", bar, done, total, sp, eta / 60, eta % 60);
        if (done == total)
            fputc('\n', stderr);
        return;
    }
    int pct = done * 100 / total;
    if (pct / 10 != p->last_pct / 10 || done == total) {
        fprintf(stderr, "pia bundle: %d/%d (%d%%) %s\n", done, total, pct, sp);
        p->last_pct = pct;
    }
}

/* Files left alone, fewer threads: said even with --quiet. */
static void remark(const char *msg, void *ctx)
{
    progress *p = ctx;
    if (p->tty && !p->quiet)
        fputc('\n', stderr);
    fprintf(stderr, "pia bundle: %s\n", msg);
}

static int parse_formats(const char *s)
{
    int f = 0;
    char *copy = pia_xstrdup(s), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (strcmp(t, "xlsx") == 0) f |= PIA_BUNDLE_XLSX;
        else if (strcmp(t, "text") == 0) f |= PIA_BUNDLE_TEXT;
        else if (strcmp(t, "yaml") == 0) f |= PIA_BUNDLE_YAML;
        else if (strcmp(t, "pdf") == 0) f |= PIA_BUNDLE_PDF;
        else f = -1000;
    }
    free(copy);
    return f > 0 ? f : -1;
}

typedef struct bundle_args {
    pia_bundle_opts o;
    const char *dbs[PIA_MAX_DBS];
    char default_db[4096];
    int all, quiet;
} bundle_args;

/* As many threads as cores, within MAX_JOBS. */
static int default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > MAX_JOBS ? MAX_JOBS : (int)cores;
}

/* 0, or what a parse returns (cli/cli.h). */
static int parse_opts(pia_run *r, bundle_args *a)
{
    static const struct option opts[] = {
        { "out", required_argument, NULL, 'o' }, { "db", required_argument, NULL, 'd' },
        { "all", no_argument, NULL, 'a' }, { "format", required_argument, NULL, 'f' },
        { "jobs", required_argument, NULL, 'j' }, { "force", no_argument, NULL, 'F' },
        { "quiet", no_argument, NULL, 'q' }, { NULL, 0, NULL, 0 },
    };
    pia_bundle_opts *o = &a->o;
    long jobs = o->jobs;
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "", opts)) != -1;) {
        if (c == 'o') o->out_dir = optarg;
        else if (c == 'd' && o->ndbs >= PIA_MAX_DBS) {
            pia_cli_usage_error("--db は %d 個までです", PIA_MAX_DBS);
            return PIA_EXIT_USAGE;
        }
        else if (c == 'd') a->dbs[o->ndbs++] = optarg;
        else if (c == 'a') a->all = 1;
        else if (c == 'f') {
            if ((o->formats = parse_formats(optarg)) < 0) {
                pia_cli_usage_error("--format: 「%s」は書き出せる形式ではありません"
                                    "（xlsx, text, yaml, pdf をカンマで区切って）", optarg);
                return PIA_EXIT_USAGE;
            }
        }
        else if (c == 'j' && pia_cli_parse_num("--jobs", optarg, 1, MAX_JOBS, &jobs)) return PIA_EXIT_USAGE;
        else if (c == 'F') o->force = 1;
        else if (c == 'q') a->quiet = 1;
        else if (c != 'j') return PIA_RUN_USAGE;
    }
    o->jobs = (int)jobs;
    return 0;
}

/* Without a --db of its own, the global one, else the default database. */
static int default_db(pia_run *r, bundle_args *a)
{
    pia_bundle_opts *o = &a->o;
    if (o->ndbs == 0 && r->cli->db_path)
        a->dbs[o->ndbs++] = r->cli->db_path;
    if (o->ndbs == 0) {
        if (pia_store_default_path(a->default_db, sizeof a->default_db, &r->err))
            return PIA_RUN_ERR;
        a->dbs[o->ndbs++] = a->default_db;
    }
    o->dbs = a->dbs;
    return 0;
}

/* --all or IDs (with one database), never both; each ID readable. */
static int check_refs(pia_run *r, bundle_args *a)
{
    const pia_bundle_opts *o = &a->o;
    int nrefs = r->argc - optind;
    const char *why = !o->out_dir ? "--out DIR（書き出すフォルダ）を指定してください"
                    : a->all && nrefs ? "--all と評価書の ID は一緒に指定できません"
                    : !a->all && !nrefs ? "--all か評価書の ID を指定してください"
                    : nrefs && o->ndbs > 1 ? "評価書の ID を指定するときは --db は 1 つです" : NULL;
    if (why) {
        pia_cli_usage_error("%s", why);
        return PIA_RUN_USAGE;
    }
    for (int i = 0; i < nrefs; i++) {
        long id;
        const char *spec;
        if (pia_ref_parse(r->argv[optind + i], &id, &spec)) {
            pia_cli_usage_error("評価書の ID が正しくありません: %s（ID、ID@版番号、ID@ラベル）", r->argv[optind + i]);
            return PIA_EXIT_USAGE;
        }
    }
    a->o.refs = nrefs ? (const char *const *)(r->argv + optind) : NULL;
    a->o.nrefs = nrefs;
    return 0;
}

static int parse(pia_run *r)
{
    bundle_args *a = r->args;
    a->o = (pia_bundle_opts){ .formats = PIA_BUNDLE_XLSX, .jobs = default_jobs(), .stop = &stop };
    int rc = parse_opts(r, a);
    if (!rc)
        rc = default_db(r, a);
    return rc ? rc : check_refs(r, a);
}

/* Ctrl-C, a closed terminal or a kill: the run stops cleanly and the
 * folder stays as it was. */
static void catch_signals(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
}

static void summary(const pia_bundle_stats *s, const progress *p, const char *out_dir)
{
    fprintf(stderr, "pia bundle: %d 件、%d ファイルを書き出し、%d ファイルは既存のまま、%d ファイルを削除（%.1f 秒）: %s\n",
            s->assessments, s->written, s->kept, s->removed, elapsed(p), out_dir);
}

static int run(pia_run *r)
{
    bundle_args *a = r->args;
    progress p = { .tty = isatty(STDERR_FILENO), .quiet = a->quiet, .last_pct = -10 };
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    a->o.progress = show;
    a->o.note = remark;
    a->o.ctx = &p;
    catch_signals();
    pia_bundle_stats stats = { 0 };
    int rc = pia_bundle_run(&a->o, &stats, &r->err);
    if (p.tty && !a->quiet)
        fputc('\n', stderr);
    if (rc)
        return PIA_RUN_ERR;
    if (!a->quiet)
        summary(&stats, &p, a->o.out_dir);
    return 0;
}

const pia_command pia_cmd_bundle = {
    .name = "bundle",
    .usage = "bundle --out DIR [--db FILE ...] [--all | ID ...] [--format xlsx,text,yaml,pdf] [--jobs N] [--force] [--quiet]",
    .summary = "一括出力", .args_size = sizeof(bundle_args), .parse = parse, .run = run,
};
