/*
 * tui_keys.c — pia's own time per key in the form view of one (big)
 * assessment: opening it, moving the cursor, toggling a box, typing in an
 * answer, leaving the editor, and the CPU an idle screen costs.
 *
 *   tui_keys DB ID                      in-process: the real tui_run() on a
 *                                       pseudo-terminal of 80×24
 *   tui_keys --tmux SOCKET PANE PID T0  the real binary (PID, started at
 *                                       T0 ns since the epoch) in tmux
 *
 * Each key is sent alone and the next one only once pia is idle again:
 * its thread blocked in poll/select waiting for input (read from
 * /proc/…/syscall) after having run since the key was sent.  "CPU" is the
 * CPU time of pia's thread (its own time, not tmux's nor this driver's)
 * from sending the key to idle; "wall" is the elapsed time to idle, which
 * on a loaded machine includes waiting for a core.
 *
 * The keys assume the 全項目評価書 made by bench/gen_big.py: the cursor is
 * brought to 提供先150 of the first file by searching (/) for its name
 * (TUI_KEYS_TARGET names another), to its 情報提供ネットワークシステム box,
 * and to its 時期・頻度 answer.  TUI_KEYS_N sets the keys per kind;
 * TUI_KEYS_RAW=FILE also writes "name<TAB>median CPU ms<TAB>max" lines.
 * Under valgrind (callgrind, --separate-threads=yes) the in-process run
 * dumps the counts after each phase, named after it, so instructions per
 * key can be read deterministically (bench/profile.sh).
 */
#include "tui/tui.h"
#include "tui/app.h"
#include "model/form.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <term.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include <wchar.h>

#define MAX_SAMPLES 512
#define IDLE_TIMEOUT_S 20

typedef struct target {
    pid_t pid, tid;           /* whose /proc entries are read */
    clockid_t cpu;            /* that thread's (or process's) CPU clock */
    int master;               /* in-process: the pty's master side, else -1 */
    const char *sock, *pane;  /* tmux */
} target;

typedef struct phase {
    const char *name;
    int n;
    double cpu[MAX_SAMPLES], wall[MAX_SAMPLES];   /* ms */
} phase;

static phase phases[16];
static int nphases;
static int failed;
static int on_valgrind;
static double template_ms = -1;    /* in-process: parsing the template alone */
static double list_cpu = -1;       /* start to the list's first frame (-1: opened directly) */
static double list_idle_cpu = -1;  /* the list's idle step after it (tui/list_view.c) */

static double now_ms(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void nap(long us)
{
    struct timespec ts = { us / 1000000, us % 1000000 * 1000 };
    nanosleep(&ts, NULL);
}

static double cpu_ms(const target *t)
{
    return now_ms(t->cpu);
}

static void drain(const target *t)
{
    char buf[65536];
    if (t->master >= 0)
        while (read(t->master, buf, sizeof buf) > 0)
            ;
}

/* Blocked waiting for a key: in poll or select, not running. */
static int waiting_for_input(const target *t)
{
    char path[96], buf[128];
    snprintf(path, sizeof path, "/proc/%d/task/%d/syscall", (int)t->pid, (int)t->tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    long nr = strtol(buf, NULL, 10);
    if (buf[0] < '0' || buf[0] > '9')
        return 0;                                   /* "running" */
    return 0
#ifdef SYS_poll
        || nr == SYS_poll
#endif
#ifdef SYS_select
        || nr == SYS_select
#endif
        || nr == SYS_ppoll || nr == SYS_pselect6;
}

/* Whether /proc/…/syscall can be read at all: it needs ptrace access to
 * the process (kernel.yama.ptrace_scope can deny it for a non-child). */
static int can_watch(const target *t)
{
    char path[96], buf[64];
    snprintf(path, sizeof path, "/proc/%d/task/%d/syscall", (int)t->pid, (int)t->tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
    if (fd >= 0)
        close(fd);
    if (n > 0)
        return 1;
    fprintf(stderr, "tui_keys: %s: cannot be read (%s); it needs ptrace access to pia "
            "(see kernel.yama.ptrace_scope)\n", path, strerror(errno));
    return 0;
}

/* Waits until the thread has run since `cpu0` and is waiting for input
 * again (seen twice in a row with no CPU used in between). */
static int wait_idle(const target *t, double cpu0)
{
    double start = now_ms(CLOCK_MONOTONIC);
    long step = on_valgrind ? 2000 : 100;
    for (;;) {
        drain(t);
        double c = cpu_ms(t);
        if (c > cpu0 && waiting_for_input(t)) {
            nap(step);
            drain(t);
            if (cpu_ms(t) == c && waiting_for_input(t))
                return 0;
            continue;
        }
        if (now_ms(CLOCK_MONOTONIC) - start > IDLE_TIMEOUT_S * 1e3 * (on_valgrind ? 20 : 1)) {
            char path[96], buf[256] = "";
            snprintf(path, sizeof path, "/proc/%d/task/%d/syscall", (int)t->pid, (int)t->tid);
            FILE *fp = fopen(path, "r");
            if (fp) {
                if (!fgets(buf, sizeof buf, fp))
                    buf[0] = '\0';
                fclose(fp);
            }
            fprintf(stderr, "tui_keys: still busy after %d s: %s", IDLE_TIMEOUT_S, buf);
            return -1;
        }
        nap(step);
    }
}

/* The list counts a big assessment's answers in its idle step, a moment
 * after its first frame, never in the frame (tui/list_view.c).  A person
 * reads the list before pressing Enter, so the driver lets that step run
 * first and reports its CPU apart; otherwise the Enter's figure would
 * depend on whether it arrived before or during that step. */
static void list_settle(const target *t)
{
    double c0 = cpu_ms(t);
    struct timespec d = { on_valgrind ? 8 : 0, on_valgrind ? 0 : 600 * 1000000L };
    nanosleep(&d, NULL);
    if (wait_idle(t, c0))
        failed = 1;
    list_idle_cpu = cpu_ms(t) - c0;
}

/* ---- keys ------------------------------------------------------------ */

typedef struct key {
    const char *tmux;     /* tmux key name, or NULL: send `text` literally */
    const char *cap;      /* terminfo capability for the in-process terminal */
    const char *text;     /* bytes (or fallback when the capability is missing) */
} key;

static const key K_DOWN = { "Down", "kcud1", "\033OB" };
static const key K_UP = { "Up", "kcuu1", "\033OA" };
static const key K_PGDN = { "NPage", "knp", "\033[6~" };
static const key K_F2 = { "F2", "kf2", "\033OQ" };
static const key K_ENTER = { "Enter", NULL, "\r" };
static const key K_SPACE = { "Space", NULL, " " };

static void send_bytes(const target *t, const key *k)
{
    if (t->master >= 0) {
        const char *s = k->text;
        if (k->cap) {
            const char *c = tigetstr((char *)k->cap);
            if (c && c != (char *)-1)
                s = c;
        }
        for (size_t off = 0, n = strlen(s); off < n;) {
            ssize_t w = write(t->master, s + off, n - off);
            if (w > 0)
                off += (size_t)w;
            else
                drain(t);
        }
        return;
    }
    pid_t p = fork();
    if (p == 0) {
        if (k->tmux)
            execlp("tmux", "tmux", "-L", t->sock, "send-keys", "-t", t->pane, k->tmux, (char *)NULL);
        else
            execlp("tmux", "tmux", "-L", t->sock, "send-keys", "-t", t->pane, "-l", "--", k->text, (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(p, &st, 0);
}

static phase *phase_get(const char *name)
{
    for (int i = 0; i < nphases; i++)
        if (strcmp(phases[i].name, name) == 0)
            return &phases[i];
    phases[nphases].name = name;
    return &phases[nphases++];
}

/* Sends one key and waits for idle; records it under `name` (NULL: not
 * recorded, e.g. the keys that only bring the cursor somewhere). */
static void press(const target *t, const key *k, const char *name)
{
    if (failed)
        return;
    double c0 = cpu_ms(t), w0 = now_ms(CLOCK_MONOTONIC);
    send_bytes(t, k);
    if (wait_idle(t, c0)) {
        fprintf(stderr, "tui_keys: pia did not become idle after a key (%s)\n", name ? name : "navigation");
        failed = 1;
        return;
    }
    if (!name)
        return;
    phase *p = phase_get(name);
    if (p->n < MAX_SAMPLES) {
        p->cpu[p->n] = cpu_ms(t) - c0;
        p->wall[p->n] = now_ms(CLOCK_MONOTONIC) - w0;
        p->n++;
    }
}

static void type(const target *t, const char *utf8, const char *name)
{
    for (const char *s = utf8; *s;) {
        char ch[8];
        size_t n = (*s & 0x80) == 0 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : 4;
        memcpy(ch, s, n);
        ch[n] = '\0';
        key k = { NULL, NULL, ch };
        press(t, &k, name);
        s += n;
    }
}

static void search(const target *t, const char *text)
{
    key slash = { "/", NULL, "/" };
    press(t, &slash, NULL);
    type(t, text, NULL);
    press(t, &K_ENTER, "search: Enter (finds the next match)");
}

/* CPU used while no key is pressed, over `ms` milliseconds. */
static void idle_for(const target *t, int ms, const char *name)
{
    if (failed)
        return;
    double c0 = cpu_ms(t);
    nap(ms * 1000L);
    drain(t);
    phase *p = phase_get(name);
    p->cpu[p->n] = cpu_ms(t) - c0;
    p->wall[p->n] = ms;
    p->n++;
}

static void dump(const char *name)
{
    if (on_valgrind)
        CALLGRIND_DUMP_STATS_AT(name);
}

static int keys_per_phase(void)
{
    const char *e = getenv("TUI_KEYS_N");
    int n = e ? atoi(e) : 0;
    return n > 0 && n <= MAX_SAMPLES ? n : (on_valgrind ? 5 : 40);
}

static void script(const target *t)
{
    int n = keys_per_phase();
    const char *where = getenv("TUI_KEYS_TARGET") ? getenv("TUI_KEYS_TARGET") : "架空提供先150";
    dump("open");
    search(t, where);
    dump("navigate");
    for (int i = 0; i < n; i++)
        press(t, &K_DOWN, "↓ (cursor down)");
    dump("down");
    for (int i = 0; i < n; i++)
        press(t, &K_UP, "↑ (cursor up)");
    dump("up");
    for (int i = 0; i < n / 4 + 1; i++)
        press(t, &K_PGDN, "PgDn");
    dump("pgdn");
    search(t, where);
    search(t, "情報提供ネットワークシステム");
    dump("navigate");
    for (int i = 0; i < n / 2; i++)
        press(t, &K_SPACE, "Space (toggle a box; saved)");
    dump("toggle");
    search(t, "時期・頻度");
    dump("navigate");
    press(t, &K_ENTER, "Enter (open the editor)");
    dump("editor_open");
    for (int i = 0; i < n; i++)
        type(t, "あ", "type a character in the editor");
    dump("type");
    idle_for(t, 1500, "editor: save after a pause (CPU in 1.5 s)");
    dump("editor_save");
    press(t, &K_F2, "F2 (leave the editor; save)");
    dump("editor_leave");
    idle_for(t, 2000, "form view idle (CPU in 2 s)");
    dump("idle");
    /* `f`, then Enter on another file: the view reads that file's answers
     * (the others are never read), so this grows with one file's size. */
    key f = { "f", NULL, "f" };
    for (int i = 0; i < 4; i++) {
        press(t, &f, NULL);
        press(t, i % 2 ? &K_UP : &K_DOWN, NULL);
        press(t, &K_ENTER, "f, Enter: show another file (reads it)");
    }
    dump("file");
    key q = { "q", NULL, "q" };
    if (list_cpu >= 0)
        press(t, &q, NULL);      /* back to the list */
    if (!failed)
        send_bytes(t, &q);       /* pia leaves: nothing to wait for */
}

/* ---- report ------------------------------------------------------------ */

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The name padded to `cols` display columns (names mix kana and ASCII). */
static void put_name(FILE *out, const char *name, int cols)
{
    wchar_t w[128];
    size_t n = mbstowcs(w, name, 127);
    int used = n == (size_t)-1 ? (int)strlen(name) : wcswidth(w, n);
    fprintf(out, "  %s%*s", name, cols > used ? cols - used : 0, "");
}


static void report_raw(double open_cpu)
{
    const char *path = getenv("TUI_KEYS_RAW");
    FILE *fp = path ? fopen(path, "w") : NULL;
    if (!fp)
        return;
    fprintf(fp, "open\t%.3f\t%.3f\n", open_cpu, open_cpu);
    if (template_ms >= 0)
        fprintf(fp, "open without the template parse\t%.3f\t%.3f\n", open_cpu - template_ms, open_cpu - template_ms);
    for (int i = 0; i < nphases; i++) {
        phase *p = &phases[i];
        double max_c = 0;
        for (int k = 0; k < p->n; k++)
            if (p->cpu[k] > max_c) max_c = p->cpu[k];
        fprintf(fp, "%s\t%.3f\t%.3f\n", p->name, median(p->cpu, p->n), max_c);
    }
    fclose(fp);
}

static void report(FILE *out, double open_cpu, double open_wall)
{
    report_raw(open_cpu);
    put_name(out, "key", 44);
    fprintf(out, " %5s %9s %9s %9s %9s\n", "n", "CPU med", "CPU max", "wall med", "wall max");
    if (list_cpu >= 0) {
        put_name(out, "start to the list's first frame", 44);
        fprintf(out, " %5d %9.2f\n", 1, list_cpu);
        put_name(out, "  the list's idle step after it (CPU in 0.6 s)", 44);
        fprintf(out, " %5d %9.2f\n", 1, list_idle_cpu);
    }
    put_name(out, list_cpu >= 0 ? "Enter in the list: open the assessment" : "open the assessment (start to first frame)", 44);
    fprintf(out, " %5d %9.2f %9s %9.1f %9s  %s\n", 1, open_cpu, "", open_wall, "", open_cpu < 16 ? "ok" : "over 16 ms");
    if (template_ms >= 0) {
        put_name(out, "  of which loading the form (apart)", 44);
        fprintf(out, " %5d %9.2f\n", 3, template_ms);
        put_name(out, "  the open without the template parse", 44);
        fprintf(out, " %5d %9.2f %9s %9s %9s  %s\n", 1, open_cpu - template_ms, "", "", "",
                open_cpu - template_ms < 16 ? "ok" : "over 16 ms");
    }
    for (int i = 0; i < nphases; i++) {
        phase *p = &phases[i];
        double max_c = 0, max_w = 0;
        for (int k = 0; k < p->n; k++) {
            if (p->cpu[k] > max_c) max_c = p->cpu[k];
            if (p->wall[k] > max_w) max_w = p->wall[k];
        }
        double mc = median(p->cpu, p->n), mw = median(p->wall, p->n);
        int per_key = strstr(p->name, "CPU in") == NULL;
        put_name(out, p->name, 44);
        fprintf(out, " %5d %9.2f %9.2f %9.1f %9.1f  %s\n", p->n, mc, max_c, mw, max_w,
                !per_key ? "" : max_c < 16 ? "ok" : "over 16 ms");
    }
}

/* ---- in-process ---------------------------------------------------------- */

/* The CPU of loading the assessment's form alone (pia_form_load_named,
 * median of 3, this thread, after the run): what the open spends on it —
 * a parse, or a lookup when forms are shared per process
 * (model/template_cache.c).  TUI_KEYS_TEMPLATE names it (zenkomoku). */
static double time_template(void)
{
    const char *name = getenv("TUI_KEYS_TEMPLATE") ? getenv("TUI_KEYS_TEMPLATE") : "zenkomoku";
    double ms[3];
    for (int i = 0; i < 3; i++) {
        pia_form *f = NULL;
        pia_err err = { 0 };
        double c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
        if (pia_form_load_named(name, &f, &err))
            return -1;
        ms[i] = now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        pia_form_free(f);
    }
    return median(ms, 3);
}

typedef struct inproc {
    target t;
    double cpu0, wall0, open_cpu, open_wall;
} inproc;

static void *feeder(void *arg)
{
    inproc *ip = arg;
    if (wait_idle(&ip->t, ip->cpu0)) {
        fprintf(stderr, "tui_keys: the form view never became idle\n");
        failed = 1;
        tui_quit_signal = 1;
        return NULL;
    }
    ip->open_cpu = cpu_ms(&ip->t) - ip->cpu0;
    ip->open_wall = now_ms(CLOCK_MONOTONIC) - ip->wall0;
    if (list_cpu >= 0) {        /* at the list: the open is its Enter */
        list_cpu = ip->open_cpu;
        dump("list");
        list_settle(&ip->t);
        double c0 = cpu_ms(&ip->t), w0 = now_ms(CLOCK_MONOTONIC);
        press(&ip->t, &K_ENTER, NULL);
        ip->open_cpu = cpu_ms(&ip->t) - c0;
        ip->open_wall = now_ms(CLOCK_MONOTONIC) - w0;
    }
    script(&ip->t);
    if (failed)
        tui_quit_signal = 1;
    return NULL;
}

static int run_inproc(const char *db, long id)
{
    struct winsize ws = { .ws_row = 24, .ws_col = 80 };
    int master, slave;
    if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
        perror("tui_keys: openpty");
        return 1;
    }
    fcntl(master, F_SETFL, O_NONBLOCK);
    FILE *out = fdopen(dup(STDOUT_FILENO), "w");
    dup2(slave, STDIN_FILENO);
    dup2(slave, STDOUT_FILENO);
    unsetenv("LINES");
    unsetenv("COLUMNS");
    if (!getenv("TERM") || !strcmp(getenv("TERM"), "dumb"))
        setenv("TERM", "xterm-256color", 1);
    inproc ip = { .t = { .pid = getpid(), .tid = (pid_t)syscall(SYS_gettid), .master = master } };
    if (!can_watch(&ip.t))
        return 1;
    pthread_getcpuclockid(pthread_self(), &ip.t.cpu);
    ip.cpu0 = cpu_ms(&ip.t);
    ip.wall0 = now_ms(CLOCK_MONOTONIC);
    pthread_t th;
    pthread_create(&th, NULL, feeder, &ip);
    /* The open as a person does it most: Enter in the list (the list
     * drawn first, its figure apart); TUI_KEYS_DIRECT=1: `pia open ID`. */
    int direct = getenv("TUI_KEYS_DIRECT") && atoi(getenv("TUI_KEYS_DIRECT"));
    list_cpu = direct ? -1 : 0;
    tui_options opt = { .db_path = db, .open_id = direct ? id : 0 };
    int rc = tui_run(&opt);
    pthread_join(th, NULL);
    if (!on_valgrind)
        template_ms = time_template();
    fprintf(out, "in-process (tui_run on a pseudo-terminal of 80x24), ms per key:\n");
    report(out, ip.open_cpu, ip.open_wall);
    fclose(out);
    return rc || failed;
}

/* ---- tmux ---------------------------------------------------------------- */

static int run_tmux(const char *sock, const char *pane, pid_t pid, double t0_ms)
{
    target t = { .pid = pid, .tid = pid, .master = -1, .sock = sock, .pane = pane };
    if (!can_watch(&t))
        return 1;
    if (clock_getcpuclockid(pid, &t.cpu) != 0) {
        fprintf(stderr, "tui_keys: no CPU clock for process %d\n", (int)pid);
        return 1;
    }
    if (wait_idle(&t, 0)) {
        fprintf(stderr, "tui_keys: pia (process %d) never became idle\n", (int)pid);
        return 1;
    }
    double open_cpu = cpu_ms(&t), open_wall = now_ms(CLOCK_REALTIME) - t0_ms;
    /* TUI_KEYS_LIST=1: pia was started on the list; the open is its Enter,
     * as in-process. */
    if (getenv("TUI_KEYS_LIST") && atoi(getenv("TUI_KEYS_LIST"))) {
        list_cpu = open_cpu;
        list_settle(&t);
        double c0 = cpu_ms(&t), w0 = now_ms(CLOCK_MONOTONIC);
        press(&t, &K_ENTER, NULL);
        open_cpu = cpu_ms(&t) - c0;
        open_wall = now_ms(CLOCK_MONOTONIC) - w0;
    }
    script(&t);
    printf("real binary in tmux (80x24; wall includes tmux send-keys), ms per key:\n");
    report(stdout, open_cpu, open_wall);
    return failed;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    on_valgrind = RUNNING_ON_VALGRIND;
    if (argc == 6 && strcmp(argv[1], "--tmux") == 0)
        return run_tmux(argv[2], argv[3], (pid_t)atol(argv[4]), atof(argv[5]) / 1e6);
    if (argc == 3)
        return run_inproc(argv[1], atol(argv[2]));
    fprintf(stderr, "usage: tui_keys DB ID | tui_keys --tmux SOCKET PANE PID START_NS\n");
    return 2;
}
