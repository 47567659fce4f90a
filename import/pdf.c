/*
 * pdf.c — reading a PDF into pieces (see import.h).
 *
 * poppler is a large library and PDFs from the outside world can be built
 * to crash it, to spin, or to expand without end.  So the text is taken
 * out in a child process (pdf_text.c) under limits that the kernel
 * enforces: CPU seconds (RLIMIT_CPU) and address space (RLIMIT_AS), with a
 * wall-clock deadline on top; the parent only reads plain records back.
 * Whatever happens to the child, the parent gives a clear message and
 * nothing is stored.
 *
 * Limits, and why:
 *   pages     2,000   published 全項目評価書 run to 50–150 pages
 *   CPU         120 s a 150-page assessment takes about a second
 *   memory    1 GiB   poppler needs tens of MiB for such a file
 *   text     16 MiB   (source.h) several times any real assessment
 * PIA_IMPORT_CPU_SECONDS and PIA_IMPORT_MEMORY_MB lower or raise the CPU
 * and memory limits (0 turns the memory limit off, for memory checkers
 * that reserve large address ranges themselves).
 */
#include "import.h"
#include "pdf_text.h"
#include "source.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAGES 2000
#define CPU_SECONDS 120
#define MEMORY_MB 1024
#define MAX_RECORDS (64u << 20)   /* bytes read back from the child */

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

static long env_limit(const char *name, long dflt)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return dflt;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v < 0 ? dflt : v;
}

static void child(const char *data, size_t len, int fd, long cpu, long mem_mb)
{
    struct rlimit r = { (rlim_t)cpu, (rlim_t)cpu + 1 };
    setrlimit(RLIMIT_CPU, &r);
    /* AddressSanitizer reserves terabytes of address space up front, so an
     * address-space cap only works in ordinary builds. */
    if (mem_mb > 0 && !UNDER_ASAN) {
        struct rlimit m = { (rlim_t)mem_mb << 20, (rlim_t)mem_mb << 20 };
        setrlimit(RLIMIT_AS, &m);
    }
    int rc = pia_pdf_text(data, len, fd, MAX_PAGES, IMP_MAX_TEXT);
    close(fd);
    _exit(rc ? 3 : 0);
}

/* Read the child's records; stops at the size limit or the deadline. */
static int read_records(int fd, time_t deadline, char **out, size_t *outlen, int *timed_out, int *full)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = pia_xmalloc(cap);
    *timed_out = *full = 0;
    for (;;) {
        long left = (long)(deadline - time(NULL));
        if (left <= 0) {
            *timed_out = 1;
            break;
        }
        struct pollfd p = { fd, POLLIN, 0 };
        int k = poll(&p, 1, (int)(left > 5 ? 5000 : left * 1000));
        if (k < 0 && errno == EINTR)
            continue;
        if (k == 0)
            continue;
        if (len + 65536 > cap) {
            if (cap >= MAX_RECORDS) {
                *full = 1;
                break;
            }
            cap *= 2;
            buf = pia_xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    *out = buf;
    *outlen = len;
    return 0;
}

typedef struct parser {
    const char *s, *end;
} parser;

static int head(parser *p, char *line, size_t n)
{
    const char *nl = memchr(p->s, '\n', (size_t)(p->end - p->s));
    if (!nl || (size_t)(nl - p->s) >= n)
        return -1;
    memcpy(line, p->s, (size_t)(nl - p->s));
    line[nl - p->s] = '\0';
    p->s = nl + 1;
    return 0;
}

static const char *body(parser *p, size_t n)
{
    if ((size_t)(p->end - p->s) < n)
        return NULL;
    const char *b = p->s;
    p->s += n;
    return b;
}

static int failure(imp_source *src, int code, const char *msg, size_t n, pia_err *err)
{
    switch (code) {
    case PIA_PDF_ENCRYPTED:
        return pia_fail(err, PIA_EINVAL, "%s: パスワードで保護された PDF です。保護を外した PDF か、元の Excel から取り込んでください", src->path);
    case PIA_PDF_PAGES:
        return pia_fail(err, PIA_EINVAL, "%s: ページが多すぎます（上限 %d ページ。全項目評価書は多くても数百ページです）", src->path, MAX_PAGES);
    case PIA_PDF_TEXT:
        return pia_fail(err, PIA_EINVAL, "%s: 文字が多すぎます（上限 %u MiB。評価書一冊の数十倍です）", src->path, IMP_MAX_TEXT >> 20);
    default:
        return pia_fail(err, PIA_EINVAL, "%s: PDF が壊れていて読めません（%.*s）", src->path, (int)(n > 200 ? 200 : n), msg);
    }
}

static int parse(imp_source *src, const char *data, size_t len, pia_err *err)
{
    parser p = { data, data + len };
    char line[256];
    while (p.s < p.end) {
        if (head(&p, line, sizeof line))
            return pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました", src->path);
        size_t a = 0, b = 0;
        int page = 0, ln = 0, pages = 0, code = 0;
        double x = 0, x2 = 0, cw = 0;
        const char *t1, *t2;
        if (sscanf(line, "M %zu %zu %d", &a, &b, &pages) == 3) {
            if (!(t1 = body(&p, a)) || !(t2 = body(&p, b)))
                return pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました", src->path);
            if (a)
                src->meta_title = pia_xstrndup(t1, a);
            if (b)
                src->meta_author = pia_xstrndup(t2, b);
            src->pages = pages;
        } else if (sscanf(line, "P %d %d %lf %lf %lf %zu", &page, &ln, &x, &x2, &cw, &a) == 6) {
            if (!(t1 = body(&p, a)))
                return pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました", src->path);
            imp_piece m = { .page = page, .line = ln, .x = x, .x2 = x2, .cw = cw };
            if (imp_source_add(src, &m, t1, a, err))
                return -1;
        } else if (sscanf(line, "B %d", &page) == 1) {
            src->blank_pages++;
        } else if (sscanf(line, "E %d %zu", &code, &a) == 2) {
            t1 = body(&p, a);
            return failure(src, code, t1 ? t1 : "", t1 ? a : 0, err);
        } else {
            return pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました", src->path);
        }
    }
    return 0;
}

/* A line of the answer column that reaches the column's right edge and is
 * followed by more of the same column was wrapped by the layout, not
 * ended by the writer. */
static void mark_wraps(imp_source *s)
{
    for (int i = 0; i < s->n;) {
        int j = i;
        double right = 0;
        while (j < s->n && s->p[j].page == s->p[i].page) {
            if (s->p[j].role == IMP_ROLE_ANSWER && s->p[j].x2 > right)
                right = s->p[j].x2;
            j++;
        }
        for (int k = i; k < j; k++) {
            imp_piece *p = &s->p[k];
            if (p->role != IMP_ROLE_ANSWER || p->x2 < right - 1.6 * (p->cw > 1 ? p->cw : 1))
                continue;
            for (int m = k + 1; m < j && s->p[m].line <= p->line + 1; m++)
                if (s->p[m].line == p->line + 1 && s->p[m].role == IMP_ROLE_ANSWER &&
                    s->p[m].x < p->x + 2 * (p->cw > 1 ? p->cw : 1) && s->p[m].x > p->x - 2 * (p->cw > 1 ? p->cw : 1))
                    p->soft = 1;
        }
        i = j;
    }
}

int imp_read_pdf(imp_source *src, const char *data, size_t len, pia_err *err)
{
    long cpu = env_limit("PIA_IMPORT_CPU_SECONDS", CPU_SECONDS);
    long mem = env_limit("PIA_IMPORT_MEMORY_MB", MEMORY_MB);
    int fds[2];
    if (pipe(fds) != 0)
        return pia_fail(err, PIA_EIO, "%s: PDF を読む準備ができません（%s）", src->path, strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return pia_fail(err, PIA_EIO, "%s: PDF を読む準備ができません（%s）", src->path, strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        child(data, len, fds[1], cpu, mem);
    }
    close(fds[1]);
    char *rec;
    size_t nrec;
    int timed_out, full;
    read_records(fds[0], time(NULL) + cpu * 2 + 10, &rec, &nrec, &timed_out, &full);
    close(fds[0]);
    if (timed_out || full)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int rc;
    if (full)
        rc = pia_fail(err, PIA_EINVAL, "%s: 文字が多すぎます（上限 %u MiB。評価書一冊の数十倍です）", src->path, IMP_MAX_TEXT >> 20);
    else if (timed_out || (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL)))
        rc = pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが制限時間（CPU %ld 秒）を超えたので止めました。"
                      "壊れているか、評価書としては異常に重い PDF です", src->path, cpu);
    else if (WIFSIGNALED(status))
        rc = pia_fail(err, PIA_EINVAL, "%s: PDF が壊れていて読めません（読み取りが異常終了しました: シグナル %d。"
                      "メモリ上限 %ld MiB を超えた可能性があります）", src->path, WTERMSIG(status), mem);
    else
        rc = parse(src, rec, nrec, err);
    if (!rc && WIFEXITED(status) && WEXITSTATUS(status) != 0)
        rc = pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました（メモリ上限 %ld MiB を超えた可能性があります）",
                      src->path, mem);
    free(rec);
    if (rc)
        return -1;
    imp_source_drop_running_lines(src);
    imp_source_assign_roles(src);
    mark_wraps(src);
    return 0;
}
