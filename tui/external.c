/*
 * external.c — an answer edited in $VISUAL / $EDITOR, whole or not at all.
 *
 * The text goes to a private file (mode 0600, in $TMPDIR or /tmp), every
 * write checked; the editor runs in a child (fork, exec and wait each
 * checked); the file is read back whole and must be UTF-8 without NUL.
 * Only then does the answer change.  An editor that cannot be found is
 * named, before the screen is left.  The file is removed afterwards — kept
 * only when what it holds could not be taken back, and then named.
 */
#include "editor.h"
#include "input.h"
#include "termcheck.h"
#include "model/fdio.h"
#include "model/utf8.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_READ_BACK (16u << 20)

int tui_write_all(int fd, const char *p, size_t n)
{
    return pia_write_all(fd, p, n);
}

static const char *editor_command(void)
{
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    return ed && *ed ? ed : "vi";
}

/* Whether the program the command starts with can be run (a search of
 * PATH, as the shell would do), so a missing one is named while the
 * screen is still ours. */
static int command_found(const char *cmd)
{
    char prog[1024];
    size_t n = strcspn(cmd, " \t");
    if (n == 0 || n >= sizeof prog)
        return 0;
    memcpy(prog, cmd, n);
    prog[n] = '\0';
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    for (const char *p = path ? path : "/usr/bin:/bin"; ; ) {
        size_t len = strcspn(p, ":");
        char *full = pia_xasprintf("%.*s/%s", (int)len, len ? p : ".", prog);
        struct stat st;
        int ok = stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0;
        free(full);
        if (ok)
            return 1;
        if (!p[len])
            return 0;
        p += len + 1;
    }
}

static int temp_file(char *path, size_t n)
{
    const char *dir = getenv("TMPDIR");
    struct stat st;
    if (!dir || dir[0] != '/' || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        dir = "/tmp";
    snprintf(path, n, "%s/pia-edit-XXXXXX.txt", dir);
    return mkstemps(path, 4);       /* created 0600 */
}

/* Runs the editor on path; returns its wait status, or -1 with errno when
 * it could not be started. */
static int run_editor(const char *ed, const char *path)
{
    tui_input_end();
    def_prog_mode();
    endwin();
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);       /* the TUI ignores Ctrl-C; an editor may not */
        const char *loc = tui_switched_locale();
        if (loc)
            setenv("LC_ALL", loc, 1);  /* the editor sees UTF-8 as pia does */
        execlp("sh", "sh", "-c", "exec $0 \"$1\"", ed, path, (char *)NULL);
        _exit(127);
    }
    int status = -1, saved = errno;
    if (pid > 0) {
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                saved = errno;
                status = -1;
                break;
            }
        }
    }
    reset_prog_mode();
    tui_input_begin();
    refresh();
    errno = saved;
    return status;
}

/* The file's whole content, or NULL with the reason in e's status. */
static char *read_back(tui_editor *e, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        tui_status(e->a, "編集した記載を読めません（%s: %s）。回答は変えていません", path, pia_errno_ja(errno));
        return NULL;
    }
    size_t len = 0, cap = 65536;
    char *buf = pia_xmalloc(cap);
    for (size_t n; (n = fread(buf + len, 1, cap - len - 1, fp)) > 0;) {
        len += n;
        if (len > MAX_READ_BACK)
            break;
        if (cap - len < 2)
            buf = pia_xrealloc(buf, cap *= 2);
    }
    int bad = ferror(fp);
    fclose(fp);
    size_t off = bad || len > MAX_READ_BACK ? 0 : pia_utf8_bad_offset(buf, len), line, col;
    if (bad || len > MAX_READ_BACK || off < len) {
        char why[160];
        if (bad || len > MAX_READ_BACK) {
            snprintf(why, sizeof why, "%s", bad ? "読み戻せませんでした" : "大きすぎます（16 MiB まで）");
        } else {
            pia_utf8_position(buf, off, &line, &col);
            snprintf(why, sizeof why, "%zu 行 %zu 文字目に %s", line, col,
                     buf[off] ? "UTF-8 ではないバイトがあります" : "NUL 文字があります");
        }
        tui_status(e->a, "回答は変えていません: 編集した記載の %s。記載は %s に残しています", why, path);
        free(buf);
        return NULL;
    }
    if (len && buf[len - 1] == '\n')    /* editors end the last line */
        len--;
    buf[len] = '\0';
    return buf;
}

/* Whether the editor ended well; otherwise says why. */
static int ended_well(tui_editor *e, const char *ed, int status)
{
    if (status == -1) {
        tui_status(e->a, "エディタ「%s」を起動できません（%s）。回答は変えていません", ed, pia_errno_ja(errno));
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 1;
    if (WIFEXITED(status) && (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126))
        tui_status(e->a, "エディタ「%s」を%s。$VISUAL か $EDITOR を確かめてください。回答は変えていません",
                   ed, WEXITSTATUS(status) == 127 ? "見つけられません" : "実行できません");
    else if (WIFEXITED(status))
        tui_status(e->a, "エディタ「%s」が終了コード %d で終わったため、回答は変えていません", ed, WEXITSTATUS(status));
    else
        tui_status(e->a, "エディタ「%s」がシグナル %d で終わったため、回答は変えていません", ed,
                   WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return 0;
}

void tui_external_editor(tui_editor *e)
{
    const char *ed = editor_command();
    if (!command_found(ed)) {
        tui_status(e->a, "エディタ「%s」が見つかりません。$VISUAL か $EDITOR にあるエディタを指定してください"
                   "（回答は変えていません）", ed);
        return;
    }
    char path[4200];
    int fd = temp_file(path, sizeof path);
    if (fd < 0) {
        tui_status(e->a, "一時ファイルを作れません（%s）。回答は変えていません", pia_errno_ja(errno));
        return;
    }
    char *text = editbuf_utf8(&e->b);
    int wrote = tui_write_all(fd, text, strlen(text)) == 0;
    wrote = close(fd) == 0 && wrote;
    if (!wrote) {
        tui_status(e->a, "一時ファイル %s に書けません（%s）。回答は変えていません", path, pia_errno_ja(errno));
        unlink(path);
        free(text);
        return;
    }
    int status = run_editor(ed, path);
    char *back = ended_well(e, ed, status) ? read_back(e, path) : NULL;
    int keep = back == NULL && status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (back && strcmp(back, text) != 0) {
        long rev = e->rev;
        editbuf_free(&e->b);
        editbuf_init(&e->b, back, getmaxx(stdscr) - 4);
        e->b.cursor = e->b.len;
        e->b.dirty = 1;
        e->rev = rev;
        tui_editor_save(e);
    }
    if (!keep)
        unlink(path);
    free(back);
    free(text);
}
