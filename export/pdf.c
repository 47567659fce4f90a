/*
 * pdf.c — the publishable PDF: the statutory sheet laid out for
 * LibreOffice and converted by it (`soffice --headless --convert-to pdf`).
 *
 * Everything happens in a private scratch directory: LibreOffice gets its
 * own profile there (-env:UserInstallation), so a LibreOffice the user has
 * open is neither joined nor disturbed, and its own fontconfig file, which
 * includes the system's and makes IPAex明朝 stand in for ＭＳ 明朝, so the
 * PDF uses one Mincho face throughout instead of whatever LibreOffice
 * would substitute (a Gothic for kana and kanji, a Latin serif for
 * digits).  The PDF reaches `path` through the atomic output (export.h):
 * without LibreOffice, or when it fails, nothing is written there.
 */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define TIMEOUT_S 600         /* a large assessment converts in well under a minute */

static const char FONTS_CONF[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
    "<!-- Written by pia for one PDF conversion: IPAex明朝 prints what the sheet sets in ＭＳ 明朝. -->\n"
    "<fontconfig>\n"
    "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
    "%s"
    "</fontconfig>\n";
static const char ALIAS[] =
    "  <match target=\"pattern\">\n"
    "    <test qual=\"any\" name=\"family\"><string>%s</string></test>\n"
    "    <edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>IPAexMincho</string></edit>\n"
    "  </match>\n";
static const char *const MINCHO[] = { "ＭＳ 明朝", "MS Mincho", "ＭＳ Ｐ明朝", "MS PMincho" };

/* The soffice to run: $PIA_SOFFICE, else the first on PATH. */
static char *find_soffice(void)
{
    const char *env = getenv("PIA_SOFFICE");
    if (env && *env)
        return access(env, X_OK) == 0 ? pia_xstrdup(env) : NULL;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    static const char *const names[] = { "soffice", "libreoffice" };
    for (int k = 0; k < 2; k++) {
        for (const char *p = path; *p;) {
            size_t n = strcspn(p, ":");
            char *cand = pia_xasprintf("%.*s/%s", (int)n, n ? p : ".", names[k]);
            if (access(cand, X_OK) == 0)
                return cand;
            free(cand);
            p += n + (p[n] == ':');
        }
    }
    return NULL;
}

static int write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    int bad = fputs(text, fp) < 0;
    return fclose(fp) != 0 || bad ? -1 : 0;
}

static int write_fonts_conf(const char *path)
{
    char aliases[2048] = "";
    for (size_t i = 0; i < sizeof MINCHO / sizeof *MINCHO; i++) {
        size_t used = strlen(aliases);
        snprintf(aliases + used, sizeof aliases - used, ALIAS, MINCHO[i]);
    }
    char *conf = pia_xasprintf(FONTS_CONF, aliases);
    int rc = write_file(path, conf);
    free(conf);
    return rc;
}

/* A file URL for LibreOffice: every byte outside the unreserved set as %XX. */
static char *file_url(const char *path)
{
    char *out = pia_xmalloc(strlen(path) * 3 + 8), *o = out;
    o += sprintf(o, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            *o++ = (char)*p;
        else
            o += sprintf(o, "%%%02X", *p);
    }
    *o = '\0';
    return out;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* The environment for soffice: ours, with FONTCONFIG_FILE (and HOME, which
 * LibreOffice writes beside its profile) pointed into the scratch dir. */
static char **child_env(const char *fonts, const char *home)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = pia_xcalloc(n + 3, sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "FONTCONFIG_FILE=", 16) && strncmp(environ[i], "HOME=", 5) &&
            strncmp(environ[i], "VALGRIND=", 9))
            env[k++] = pia_xstrdup(environ[i]);
    env[k++] = pia_xasprintf("FONTCONFIG_FILE=%s", fonts);
    env[k++] = pia_xasprintf("HOME=%s", home);
    return env;
}

static void free_env(char **env)
{
    for (char **e = env; *e; e++)
        free(*e);
    free(env);
}

/* Run soffice; its output goes to log.  Returns its exit status, or -1
 * when it could not run or did not finish in time. */
static int run_soffice(const char *soffice, char **argv, char **env, const char *log)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&at, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, soffice, &fa, &at, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc != 0)
        return -1;
    int status = 0;
    for (int waited = 0;; waited++) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR)
            return -1;
        if (waited > TIMEOUT_S * 10) {
            kill(-pid, SIGKILL);          /* its whole group: soffice starts soffice.bin */
            waitpid(pid, &status, 0);
            return -1;
        }
        struct timespec ts = { 0, 100 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Copy the converted PDF into the atomic output opened at the start. */
static int deliver(const char *src, pia_out *o, const char *dst, pia_err *err)
{
    FILE *in = fopen(src, "rb");
    if (!in)
        return pia_fail(err, PIA_EIO, "%s: LibreOffice が PDF を作れませんでした", dst);
    char buf[65536];
    size_t n;
    int bad = 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, n, o->fp) != n;
    bad |= ferror(in);
    fclose(in);
    if (bad)
        return pia_fail(err, PIA_EIO, "%s: 変換した PDF を書き写せません（%s）", dst, pia_errno_ja(errno));
    return 0;
}

/* The last line LibreOffice wrote, for the message. */
static void last_line(const char *log, char *out, size_t n)
{
    out[0] = '\0';
    FILE *fp = fopen(log, "r");
    if (!fp)
        return;
    char line[512];
    while (fgets(line, sizeof line, fp))
        if (line[strspn(line, " \t\r\n")])
            snprintf(out, n, "%s", line);
    fclose(fp);
    out[strcspn(out, "\r\n")] = '\0';
}

static int convert(const char *dir, const char *soffice, const char *path, pia_out *out, pia_err *err)
{
    char *fonts = pia_xasprintf("%s/fonts.conf", dir), *profile = pia_xasprintf("%s/profile", dir);
    char *home = pia_xasprintf("%s/home", dir), *xlsx = pia_xasprintf("%s/sheet.xlsx", dir);
    char *pdf = pia_xasprintf("%s/sheet.pdf", dir), *log = pia_xasprintf("%s/soffice.log", dir);
    char *url = file_url(profile);
    char *opt = pia_xasprintf("-env:UserInstallation=%s", url);
    int rc = 0;
    if (mkdir(home, 0700) != 0 || write_fonts_conf(fonts) != 0) {
        rc = pia_fail(err, PIA_EIO, "%s: 作業用の一時ファイルを作れません（%s）", path, pia_errno_ja(errno));
    } else {
        char *argv[] = { (char *)soffice, opt, "--headless", "--norestore", "--nolockcheck",
                         "--convert-to", "pdf", "--outdir", (char *)dir, xlsx, NULL };
        char **env = child_env(fonts, home);
        int st = run_soffice(soffice, argv, env, log);
        free_env(env);
        struct stat sb;
        if (st != 0 || stat(pdf, &sb) != 0 || sb.st_size == 0) {
            char why[512];
            last_line(log, why, sizeof why);
            if (st < 0)
                rc = pia_fail(err, PIA_EIO, "%s: LibreOffice が PDF に変換できませんでした（起動できないか、"
                              "%d 秒で終わりませんでした）", path, TIMEOUT_S);
            else
                rc = pia_fail(err, PIA_EIO, "%s: LibreOffice が PDF に変換できませんでした（終了コード %d%s%s）",
                              path, st, why[0] ? " " : "", why[0] ? why : "、PDF がありません");
        } else {
            rc = deliver(pdf, out, path, err);
        }
    }
    free(fonts), free(profile), free(home), free(xlsx), free(pdf), free(log), free(url), free(opt);
    return rc;
}

int pia_export_pdf(const pia_form *form, const pia_doc *doc, const char *path,
                   const pia_xlsx_opts *opts, pia_err *err)
{
    char *soffice = find_soffice();
    if (!soffice)
        return pia_fail(err, PIA_ENOTFOUND, "%s: PDF の作成には LibreOffice が必要です"
                        "（Debian・Ubuntu では sudo apt install libreoffice-calc-nogui）", path);
    const char *tmp = getenv("TMPDIR");
    char *dir = pia_xasprintf("%s/pia-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        int e = errno;
        free(dir);
        free(soffice);
        return pia_fail(err, PIA_EIO, "%s: 作業用の一時ディレクトリを作れません（%s）", path, pia_errno_ja(e));
    }
    /* The target is opened first, so a place that cannot be written is
     * reported before LibreOffice spends its seconds. */
    pia_out out;
    int rc = pia_out_open(&out, path, 0600, err);
    pia_xlsx_opts o = opts ? *opts : (pia_xlsx_opts){ 0 };
    o.for_pdf = 1;
    char *xlsx = pia_xasprintf("%s/sheet.xlsx", dir);
    if (!rc) {
        rc = pia_export_xlsx_opts(form, doc, xlsx, &o, err);
        if (!rc)
            rc = convert(dir, soffice, path, &out, err);
        rc = rc ? (pia_out_abort(&out), -1) : pia_out_commit(&out, err);
    }
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(xlsx);
    free(dir);
    free(soffice);
    return rc;
}
