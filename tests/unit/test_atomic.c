/*
 * test_atomic.c — the one way pia writes a file (model/atomic.c, through
 * export/out.c and export/xlsx_file.c), in scratch folders of the current
 * directory: temporary files 0600 from the start whatever the umask, a
 * symlink planted under the name an earlier pia would have used is not
 * written through, targets that are not regular files are refused at open
 * and at commit, failures and SIGTERM/SIGINT/SIGHUP leave no temporary
 * file or folder, a commit replaces a regular file.
 */
#include "check.h"
#include "export/export.h"
#include "export/xlsx_file.h"
#include "model/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

/* Scratch folders of process `pid` still in the memory file system. */
static int scratch_left(pid_t pid)
{
    const char *base = pia_atomic_scratch_base();
    DIR *d = base ? opendir(base) : NULL;
    if (!d)
        return 0;
    char prefix[64];
    snprintf(prefix, sizeof prefix, "pia-scratch-%ld-", (long)pid);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static char *read_file(const char *path)
{
    static char buf[4096];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Entries of dir other than . and .., for "nothing left behind". */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static int mode_of(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

/* The temporary file exists from open on, 0600 even under umask 0 and
 * under umask 0777; commit puts the bytes in place, abort leaves nothing. */
static void test_stream(void)
{
    pia_err err = { 0 };
    mkdir("s", 0700);
    mode_t old = umask(0);
    pia_out o;
    CHECK(pia_out_open(&o, "s/a.txt", 0600, &err) == 0);
    CHECK(mode_of(o.tmp) == 0600);
    CHECK(strncmp(o.tmp, "s/.a.txt.tmp-", 13) == 0);
    fputs("本文\n", o.fp);
    CHECK(pia_out_commit(&o, &err) == 0);
    CHECK_STR(read_file("s/a.txt"), "本文\n");
    CHECK(mode_of("s/a.txt") == 0600);
    umask(0777);
    CHECK(pia_out_open(&o, "s/b.txt", 0600, &err) == 0);
    CHECK(mode_of(o.tmp) == 0600);
    pia_out_abort(&o);
    umask(old);
    CHECK(entries("s") == 1);
    /* A regular file is replaced. */
    CHECK(pia_out_open(&o, "s/a.txt", 0600, &err) == 0);
    fputs("新しい本文\n", o.fp);
    CHECK(pia_out_commit(&o, &err) == 0);
    CHECK_STR(read_file("s/a.txt"), "新しい本文\n");
    CHECK(entries("s") == 1);
}

/* An earlier pia named its temporary file ".NAME.tmp-PID-N", N counting
 * from 1, and libxlsxwriter opened it with O_TRUNC following symlinks: a
 * symlink planted there made pia overwrite (and chmod) its target. */
static void test_planted_symlink(void)
{
    pia_err err = { 0 };
    mkdir("p", 0700);
    write_file("p/victim", "大切なファイル\n");
    chmod("p/victim", 0644);
    for (int n = 1; n <= 20; n++) {
        char name[128];
        snprintf(name, sizeof name, "p/.book.xlsx.tmp-%ld-%d", (long)getpid(), n);
        CHECK(symlink("victim", name) == 0);
        snprintf(name, sizeof name, "p/.book.txt.tmp-%ld-%d", (long)getpid(), n);
        CHECK(symlink("victim", name) == 0);
    }
    pia_xlsx_file f;
    CHECK(pia_xlsx_open(&f, "p/book.xlsx", 1, &err) == 0);
    lxw_worksheet *ws = workbook_add_worksheet(f.wb, "一");
    CHECK(pia_xlsx_commit(&f, worksheet_write_string(ws, 0, 0, "答え", NULL), &err) == 0);
    pia_out o;
    CHECK(pia_out_open(&o, "p/book.txt", 0600, &err) == 0);
    fputs("本文\n", o.fp);
    CHECK(pia_out_commit(&o, &err) == 0);
    CHECK_STR(read_file("p/victim"), "大切なファイル\n");
    CHECK(mode_of("p/victim") == 0644);
    struct stat sb;
    CHECK(lstat("p/book.xlsx", &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 0777) == 0600);
    CHECK(lstat("p/book.txt", &sb) == 0 && S_ISREG(sb.st_mode));
    CHECK(entries("p") == 43);        /* victim, 40 links, the two outputs */
    CHECK(scratch_left(getpid()) == 0);
}

/* Not a regular file at the target: refused at open, naming it, and the
 * thing there untouched. */
static void test_special_targets(void)
{
    pia_err err = { 0 };
    mkdir("t", 0700);
    CHECK(mkfifo("t/fifo", 0600) == 0);
    write_file("t/victim", "元のまま\n");
    CHECK(symlink("victim", "t/link") == 0);
    mkdir("t/dir", 0700);
    const char *targets[] = { "t/fifo", "t/link", "t/dir" };
    for (int i = 0; i < 3; i++) {
        pia_out o;
        CHECK(pia_out_open(&o, targets[i], 0600, &err) == -1);
        CHECK_HAS(err.msg, targets[i]);
        pia_xlsx_file f;
        CHECK(pia_xlsx_open(&f, targets[i], 0, &err) == -1);
        CHECK_HAS(err.msg, targets[i]);
    }
    struct stat sb;
    CHECK(lstat("t/fifo", &sb) == 0 && S_ISFIFO(sb.st_mode));
    CHECK(lstat("t/link", &sb) == 0 && S_ISLNK(sb.st_mode));
    CHECK_STR(read_file("t/victim"), "元のまま\n");
    CHECK(entries("t") == 4);

    /* A FIFO that appears while the file is written: the commit refuses it
     * and removes the temporary file. */
    pia_out o;
    CHECK(pia_out_open(&o, "t/late", 0600, &err) == 0);
    fputs("x", o.fp);
    CHECK(mkfifo("t/late", 0600) == 0);
    CHECK(pia_out_commit(&o, &err) == -1);
    CHECK_HAS(err.msg, "t/late: 通常のファイルではない");
    CHECK(lstat("t/late", &sb) == 0 && S_ISFIFO(sb.st_mode));
    CHECK(entries("t") == 5);
}

/* A writer killed by a signal while its temporary file or folder is open:
 * nothing left beside the target, nor of its scratch folder. */
static void killed_while_writing(int sig, int xlsx)
{
    pid_t pid = fork();
    if (pid == 0) {
        pia_err err = { 0 };
        if (xlsx) {
            pia_xlsx_file f;
            if (pia_xlsx_open(&f, "k/book.xlsx", 1, &err) == 0) {
                lxw_worksheet *ws = workbook_add_worksheet(f.wb, "一");
                for (int r = 0; r < 2000; r++)
                    worksheet_write_string(ws, (lxw_row_t)r, 0, "途中まで書いた答え", NULL);
                raise(sig);
            }
        } else {
            pia_out o;
            if (pia_out_open(&o, "k/a.txt", 0600, &err) == 0) {
                fputs("途中まで", o.fp);
                fflush(o.fp);
                raise(sig);
            }
        }
        _exit(3);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == sig);
    CHECK(entries("k") == 0);
    CHECK(scratch_left(pid) == 0);
}

static void test_signals(void)
{
    mkdir("k", 0700);
    int sigs[] = { SIGTERM, SIGINT, SIGHUP };
    for (int i = 0; i < 3; i++) {
        killed_while_writing(sigs[i], 0);
        killed_while_writing(sigs[i], 1);
    }
    /* A signal somebody else handles is left to them. */
    signal(SIGTERM, SIG_IGN);
    pia_err err = { 0 };
    pia_out o;
    CHECK(pia_out_open(&o, "k/kept.txt", 0600, &err) == 0);
    raise(SIGTERM);
    CHECK(entries("k") == 1);
    pia_out_abort(&o);
    CHECK(entries("k") == 0);
    signal(SIGTERM, SIG_DFL);
}

/* A failure while writing (the writer gives up) leaves nothing. */
static void test_failure(void)
{
    pia_err err = { 0 };
    mkdir("f", 0700);
    pia_xlsx_file f;
    CHECK(pia_xlsx_open(&f, "f/book.xlsx", 0, &err) == 0);
    workbook_add_worksheet(f.wb, "一");
    CHECK(pia_xlsx_commit(&f, LXW_ERROR_MEMORY_MALLOC_FAILED, &err) == -1);
    CHECK_HAS(err.msg, "f/book.xlsx");
    CHECK(entries("f") == 0);
    CHECK(scratch_left(getpid()) == 0);
    pia_atomic a;
    CHECK(pia_atomic_open(&a, "f/x", &err) == 0);
    CHECK(write(a.fd, "x", 1) == 1);
    pia_atomic_abort(&a);
    CHECK(entries("f") == 0);
}

/* A failed write names the place, then the cause in Japanese; the class
 * follows the cause (full disk, read-only) for the exit code. */
static void test_error_words(void)
{
    pia_err err = { 0 };
    pia_atomic_error(&err, "out/a.xlsx", ENOSPC);
    CHECK(err.code == PIA_EFULL);
    CHECK_STR(err.msg, "out/a.xlsx: 書き込めません（ディスクの空きがありません）");
    pia_atomic_error(&err, "out/a.xlsx", EDQUOT);
    CHECK(err.code == PIA_EFULL);
    CHECK_HAS(err.msg, "クォータ");
    pia_atomic_error(&err, "ro/a.txt", EROFS);
    CHECK(err.code == PIA_ERDONLY);
    CHECK_STR(err.msg, "ro/a.txt: 書き込めません（読み取り専用の場所です）");
    pia_atomic_error(&err, "ro/a.txt", EACCES);
    CHECK(err.code == PIA_ERDONLY);
    CHECK_HAS(err.msg, "アクセス権がありません");
    CHECK_STR(pia_errno_ja(ENOENT), "そのファイルまたはフォルダがありません");
    CHECK_STR(pia_errno_ja(ENOTDIR), "途中の名前がフォルダではありません");
    /* A cause without Japanese words keeps the system's. */
    CHECK_STR(pia_errno_ja(EPROTO), strerror(EPROTO));
}

int main(void)
{
    /* A test started in the background by a shell (tests/run.sh with
     * TEST_JOBS) inherits SIGINT ignored, and pia rightly leaves an ignored
     * signal alone; the signal tests need the default dispositions. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    test_stream();
    test_planted_symlink();
    test_special_targets();
    test_signals();
    test_failure();
    test_error_words();
    return check_result();
}
