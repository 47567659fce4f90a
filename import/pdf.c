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
 * The parent joins the runs of a line into cells on either side of the
 * answer column (keeping the runs, for tables), tells wrapped lines from
 * ended ones, and moves the lines of a label wrapped in its cell up to
 * its first, so each row reads label, then answer.
 *
 * Limits, and why:
 *   pages     2,000   published 全項目評価書 run to 50–150 pages
 *   CPU         120 s a 150-page assessment takes about a second
 *   memory    1 GiB   poppler needs tens of MiB for such a file
 *   text      8 MiB   (source.h) several times any real assessment
 * PIA_IMPORT_CPU_SECONDS and PIA_IMPORT_MEMORY_MB lower or raise the CPU
 * and memory limits (0 turns the memory limit off, for memory checkers
 * that reserve large address ranges themselves).
 */
#include "import.h"
#include "pdf_text.h"
#include "poppler_api.h"
#include "source.h"
#include "norm.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
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
    /* poppler and glib talk on stderr about every oddity of a PDF; the
     * parent says what matters. */
    int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull >= 0) {
        dup2(devnull, 2);
        close(devnull);
    }
    /* The library mapped before the limits: its fifty shared objects are
     * not the PDF's cost (pdf_text.c finds it loaded, or says why not). */
    const char *why;
    pia_poppler_load(&why);
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
    case PIA_PDF_NOLIB:
        return pia_fail(err, PIA_EINVAL, "%s: PDF を読むためのライブラリ libpoppler-glib を読み込めません（%.*s）。"
                        "Debian では apt-get install libpoppler-glib8 で入ります。Excel やテキストからは取り込めます",
                        src->path, (int)(n > 200 ? 200 : n), msg);
    default:
        return pia_fail(err, PIA_EINVAL, "%s: PDF が壊れていて読めません（%.*s）", src->path, (int)(n > 200 ? 200 : n), msg);
    }
}

typedef struct run {
    int page, line, sp;
    double x, x2, y, cw, h;
    const char *text;
    size_t len;
} run;

typedef struct runs {
    run *r;
    int n, cap;
} runs;

static int parse(imp_source *src, const char *data, size_t len, runs *out, pia_err *err)
{
    parser p = { data, data + len };
    char line[256];
    while (p.s < p.end) {
        if (head(&p, line, sizeof line))
            return pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました", src->path);
        size_t a = 0, b = 0;
        int page = 0, ln = 0, pages = 0, code = 0, sp = 0;
        double x = 0, x2 = 0, y = 0, cw = 0, h = 0;
        const char *t1, *t2;
        if (sscanf(line, "M %zu %zu %d", &a, &b, &pages) == 3) {
            if (!(t1 = body(&p, a)) || !(t2 = body(&p, b)))
                return pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました", src->path);
            if (a)
                src->meta_title = pia_xstrndup(t1, a);
            if (b)
                src->meta_author = pia_xstrndup(t2, b);
            src->pages = pages;
        } else if (sscanf(line, "P %d %d %lf %lf %lf %lf %lf %d %zu", &page, &ln, &x, &x2, &y, &cw, &h, &sp, &a) == 9) {
            if (!(t1 = body(&p, a)))
                return pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました", src->path);
            if (out->n == out->cap)
                out->r = pia_xrealloc(out->r, (size_t)(out->cap = out->cap ? out->cap * 2 : 4096) * sizeof *out->r);
            out->r[out->n++] = (run){ page, ln, sp, x, x2, y, cw, h, t1, a };
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

#define COLUMN_TOL 4.0     /* points: cells of one column start within this */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Where the answer column starts on runs [from, to): the most common start
 * of choice values and check boxes "[…" away from the left margin; 0 when
 * fewer than two say so. */
static double answer_x(const runs *rs, int from, int to)
{
    double left = 1e9;
    for (int i = from; i < to; i++)
        if (rs->r[i].x < left)
            left = rs->r[i].x;
    double *xs = pia_xmalloc((size_t)(to - from + 1) * sizeof *xs);
    int m = 0;
    for (int i = from; i < to; i++) {
        const run *r = &rs->r[i];
        if ((r->text[0] == '[' || (r->len >= 3 && memcmp(r->text, "［", 3) == 0)) && r->x > left + 16)
            xs[m++] = r->x;
    }
    qsort(xs, (size_t)m, sizeof *xs, cmp_double);
    int best = 0;
    double bx = 0;
    for (int i = 0, j = 0; i < m; i++) {
        while (xs[i] - xs[j] > 2 * COLUMN_TOL)
            j++;
        if (i - j + 1 > best) {
            best = i - j + 1;
            bx = xs[j];
        }
    }
    free(xs);
    return best >= 2 ? bx : 0;
}

static int runs_start_near(const runs *rs, int from, int to, double x)
{
    for (int i = from; i < to; i++)
        if (fabs(rs->r[i].x - x) <= COLUMN_TOL)
            return 1;
    return 0;
}

/* Join the runs of a line into cells: runs close together on the same
 * side of the answer column's start. */
static int join_runs(imp_source *src, const runs *rs, pia_err *err)
{
    double all = answer_x(rs, 0, rs->n);
    size_t cap = 256;
    char *buf = pia_xmalloc(cap);
    imp_cut *cut = NULL;       /* the runs of a cell, offsets in buf */
    int ncap = 0;
    int rc = 0;
    for (int i = 0; i < rs->n && !rc;) {
        int pend = i;
        while (pend < rs->n && rs->r[pend].page == rs->r[i].page)
            pend++;
        double bx = answer_x(rs, i, pend);
        /* Values printed centred ([ 十分である ]) start right of the
         * column's edge: the document's column wins when it is further
         * left and the page has text starting there. */
        if (bx == 0 || (all > 0 && all < bx && runs_start_near(rs, i, pend, all)))
            bx = all;
        for (int k = i; k < pend && !rc;) {
            const run *a = &rs->r[k];
            int side = bx > 0 && a->x >= bx - COLUMN_TOL;
            size_t len = 0;
            double x2 = a->x2, cw = a->cw;
            int m = k, ncut = 0;
            for (;;) {
                const run *r = &rs->r[m];
                if (len + r->len + 4 > cap)
                    buf = pia_xrealloc(buf, cap = (len + r->len + 4) * 2);
                if (m > k && r->sp == 2) {
                    memcpy(buf + len, "\xE3\x80\x80", 3);   /* U+3000 */
                    len += 3;
                } else if (m > k && (r->sp || r->x - rs->r[m - 1].x2 > 0.4 * r->h)) {
                    buf[len++] = ' ';
                }
                if (ncut == ncap)
                    cut = pia_xrealloc(cut, (size_t)(ncap = ncap ? ncap * 2 : 16) * sizeof *cut);
                cut[ncut++] = (imp_cut){ (uint32_t)len, (float)r->x, (float)r->x2 };
                memcpy(buf + len, r->text, r->len);
                len += r->len;
                x2 = r->x2;
                cw = r->cw;
                m++;
                if (m >= pend || rs->r[m].line != a->line)
                    break;
                const run *n = &rs->r[m];
                if ((bx > 0 && n->x >= bx - COLUMN_TOL) != side || n->x - rs->r[m - 1].x2 > 1.5 * n->h)
                    break;
            }
            imp_piece p = { .page = a->page, .line = a->line, .x = a->x, .x2 = x2, .y = a->y, .cw = cw };
            int before = src->n;
            rc = imp_source_add(src, &p, buf, len, err);
            for (int c = 0; !rc && src->n > before && c < ncut; c++)
                imp_source_add_cut(src, cut[c].off, cut[c].x, cut[c].x2);
            k = m;
        }
        i = pend;
    }
    free(buf);
    free(cut);
    return rc;
}

/* Width of the first unbreakable stretch of a piece (one character with
 * any that may not begin a line after it, or a Latin word), in points:
 * its share of the piece's printed width. */
static double first_word(const imp_source *s, const imp_piece *p)
{
    const char *t = imp_piece_text(s, p);
    int all = imp_quarters(t, p->len), first = imp_first_unit_quarters(t, p->len);
    return all > 0 ? (p->x2 - p->x) * first / all : 0;
}

static int by_start(const void *a, const void *b)
{
    const imp_piece *x = *(imp_piece *const *)a, *y = *(imp_piece *const *)b;
    return x->x < y->x ? -1 : x->x > y->x;
}

static int label_cell(const imp_source *s, const imp_piece *p, const double *ax);

static int by_right_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

/* The right edge of each piece's column, over the whole document: where
 * the longest lines of its role starting at the same place end.  Not the
 * very furthest: a line ending in 、 or 。 may hang past the edge, and
 * digits are narrower than the widths they are measured with; the line a
 * quarter down the longest ones is a full line. */
static double *column_rights(imp_source *s, int role, const double *ax)
{
    double *x2s = pia_xmalloc(((size_t)s->n + 1) * sizeof *x2s);
    double *right = pia_xcalloc((size_t)s->n + 1, sizeof *right);
    imp_piece **by = pia_xmalloc(((size_t)s->n + 1) * sizeof *by);
    int m = 0;
    for (int i = 0; i < s->n; i++)
        if (s->p[i].role == role && !label_cell(s, &s->p[i], ax))
            by[m++] = &s->p[i];
    qsort(by, (size_t)m, sizeof *by, by_start);
    for (int i = 0; i < m;) {
        int j = i;
        while (j < m && by[j]->x - by[i]->x < COLUMN_TOL) {
            x2s[j - i] = by[j]->x2;
            j++;
        }
        qsort(x2s, (size_t)(j - i), sizeof *x2s, by_right_desc);
        double r = x2s[(j - i) / 4];
        for (int k = i; k < j; k++)
            right[by[k] - s->p] = r;
        i = j;
    }
    free(by);
    free(x2s);
    return right;
}

/* A piece in the label column's cell (it ends before the answer column
 * starts); label pieces reaching further span the page (headings, the
 * cover's boxes). */
static int label_cell(const imp_source *s, const imp_piece *p, const double *ax)
{
    double a = p->page >= 1 && p->page <= s->pages ? ax[p->page] : 0;
    return p->role == IMP_ROLE_LABEL && a > 0 && p->x2 < a;
}

/* Where each page's answer column starts (0 when the page has none). */
static double *answer_starts(const imp_source *s)
{
    double *ax = pia_xcalloc((size_t)s->pages + 2, sizeof *ax);
    for (int i = 0; i < s->n; i++) {
        const imp_piece *p = &s->p[i];
        if (p->role == IMP_ROLE_ANSWER && p->page >= 1 && p->page <= s->pages &&
            (ax[p->page] == 0 || p->x < ax[p->page]))
            ax[p->page] = p->x;
    }
    return ax;
}

/* A line is wrapped, not ended by its writer, when the next line of the
 * same column continues it and that line's first word would not have
 * fitted after it.  A label's cell ends where the answer column starts;
 * other pieces reach as far as any piece starting where they start. */
static void mark_wraps(imp_source *s)
{
    double *ax = answer_starts(s);
    double *rights[2] = { column_rights(s, IMP_ROLE_LABEL, ax), column_rights(s, IMP_ROLE_ANSWER, ax) };
    for (int k = 0; k < s->n; k++) {
        imp_piece *p = &s->p[k];
        double right = rights[p->role == IMP_ROLE_ANSWER][k];
        if (label_cell(s, p, ax))
            right = ax[p->page] - COLUMN_TOL;
        for (int m = k + 1; m < s->n && s->p[m].page == p->page && s->p[m].line <= p->line + 1; m++) {
            const imp_piece *n = &s->p[m];
            if (n->line != p->line + 1 || n->role != p->role || fabs(n->x - p->x) > COLUMN_TOL)
                continue;
            /* The edge is the furthest any line reaches; a full line may
             * stop a little short of it (wider characters, kerning). */
            p->soft = p->x2 + first_word(s, n) > right - 0.3 * (p->cw > 1 ? p->cw : 1);
        }
    }
    free(ax);
    free(rights[0]);
    free(rights[1]);
}

/* The next line of a wrapped label: the label piece on the next line that
 * starts where p starts; -1 if none. */
static int label_goes_on(const imp_source *s, int k, const char *taken)
{
    const imp_piece *p = &s->p[k];
    for (int m = k + 1; m < s->n && s->p[m].page == p->page && s->p[m].line <= p->line + 1; m++) {
        const imp_piece *n = &s->p[m];
        if (n->line == p->line + 1 && n->role == IMP_ROLE_LABEL && !taken[m] && fabs(n->x - p->x) <= COLUMN_TOL)
            return m;
    }
    return -1;
}

/* Put the pieces in `order`: the text is copied so that offsets keep
 * increasing with the pieces, and the runs' cuts follow their pieces. */
static void reorder(imp_source *s, const int *order)
{
    char *buf = pia_xmalloc(s->len + 1);
    imp_piece *p = pia_xmalloc(((size_t)s->n + 1) * sizeof *p);
    imp_cut *cuts = pia_xmalloc(((size_t)s->ncuts + 1) * sizeof *cuts);
    size_t len = 0;
    int ncuts = 0;
    for (int i = 0; i < s->n; i++) {
        const imp_piece *o = &s->p[order[i]];
        p[i] = *o;
        p[i].off = (uint32_t)len;
        memcpy(buf + len, s->buf + o->off, o->len + 1);
        for (int c = imp_source_cut_at(s, o->off); c < s->ncuts && s->cuts[c].off < o->off + o->len; c++)
            cuts[ncuts++] = (imp_cut){ (uint32_t)len + (s->cuts[c].off - o->off), s->cuts[c].x, s->cuts[c].x2 };
        len += o->len + 1;
    }
    free(s->buf);
    free(s->p);
    free(s->cuts);
    s->buf = buf;
    s->len = len;
    s->cap = s->len + 1;
    s->p = p;
    s->cap_p = s->n + 1;
    s->cuts = cuts;
    s->ncuts = ncuts;
    s->cap_cuts = ncuts + 1;
}

/* A label that wraps in its cell goes on in the lines below while the
 * answer beside it has begun: its lines are moved up, so that each row
 * reads as its label, whole, and then its answer (and the boxes printed
 * beside the label's first line come after the label). */
static void join_wrapped_labels(imp_source *s)
{
    int *order = pia_xmalloc(((size_t)s->n + 1) * sizeof *order);
    char *taken = pia_xcalloc((size_t)s->n + 1, 1);
    int w = 0, moved = 0;
    for (int k = 0; k < s->n; k++) {
        if (taken[k])
            continue;
        order[w++] = k;
        for (int p = k, m; s->p[p].role == IMP_ROLE_LABEL && s->p[p].soft && (m = label_goes_on(s, p, taken)) >= 0; p = m) {
            taken[m] = 1;
            order[w++] = m;
            moved += m != p + 1;
        }
    }
    if (moved)
        reorder(s, order);
    free(taken);
    free(order);
}

int imp_read_pdf(imp_source *src, const char *data, size_t len, pia_err *err)
{
    long cpu = env_limit("PIA_IMPORT_CPU_SECONDS", CPU_SECONDS);
    long mem = env_limit("PIA_IMPORT_MEMORY_MB", MEMORY_MB);
    int fds[2];
    if (pipe(fds) != 0)
        return pia_fail(err, PIA_EIO, "%s: PDF を読む準備ができません（%s）", src->path, pia_errno_ja(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return pia_fail(err, PIA_EIO, "%s: PDF を読む準備ができません（%s）", src->path, pia_errno_ja(errno));
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
        rc = pia_fail(err, PIA_EINVAL, "%s: PDF を読めません（読み取りの処理が異常終了しました: シグナル %d。"
                      "壊れた PDF か、メモリの上限 %ld MiB を超えたためです）", src->path, WTERMSIG(status), mem);
    else {
        runs rs = { 0 };
        rc = parse(src, rec, nrec, &rs, err);
        if (!rc)
            rc = join_runs(src, &rs, err);
        free(rs.r);
    }
    if (!rc && WIFEXITED(status) && WEXITSTATUS(status) != 0)
        rc = pia_fail(err, PIA_EINVAL, "%s: PDF の読み取りが途中で終わりました（メモリ上限 %ld MiB を超えた可能性があります）",
                      src->path, mem);
    free(rec);
    if (rc)
        return -1;
    imp_source_drop_running_lines(src);
    imp_source_assign_roles(src);
    mark_wraps(src);
    join_wrapped_labels(src);
    return 0;
}
