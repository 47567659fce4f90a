/*
 * import.c — `pia import FILE`: which kind of file it is, reading it
 * within limits, and matching it against the template (see import.h).
 *
 * The kind comes from the content first (a PDF starts with %PDF-, an XLSX
 * is a ZIP, an old binary Office file starts with D0 CF 11 E0), then from
 * the extension (YAML or plain text); an extension that contradicts the
 * content is reported rather than guessed around.
 */
#include "import.h"
#include "export/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Input sizes.  A published 全項目評価書 is 50–150 pages: its text is well
 * under 2 MiB, its PDF (with scanned figures) rarely over 30 MiB, its
 * workbook under 5 MiB.  The limits leave ample room and keep a mistaken
 * or hostile file from filling memory. */
#define MAX_TEXT_FILE  (64u << 20)
#define MAX_PDF_FILE   (256u << 20)
#define MAX_XLSX_FILE  (64u << 20)

static const char *ext_of(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static int read_all(const char *path, size_t max, char **data, size_t *len, pia_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pia_fail(err, errno == ENOENT ? PIA_ENOTFOUND : PIA_EIO, "%s: 開けません（%s）",
                        path, pia_errno_ja(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return pia_fail(err, PIA_EINVAL, "%s: 通常のファイルではありません", path);
    }
    if ((size_t)sb.st_size > max) {
        close(fd);
        return pia_fail(err, PIA_EINVAL, "%s: 大きすぎます（%lld バイト、この種類の上限は %zu MiB）",
                        path, (long long)sb.st_size, max >> 20);
    }
    size_t n = (size_t)sb.st_size, got = 0;
    char *buf = pia_xmalloc(n + 1);
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != n) {
        free(buf);
        return pia_fail(err, PIA_EIO, "%s: 読めません", path);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

static int head_is(const char *path, const char *magic, size_t n)
{
    char buf[16] = { 0 };
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    size_t got = fread(buf, 1, n, fp);
    fclose(fp);
    return got == n && memcmp(buf, magic, n) == 0;
}

static int pdf_header(const char *path)
{
    char buf[1024];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    size_t got = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    for (size_t i = 0; i + 5 <= got; i++)
        if (memcmp(buf + i, "%PDF-", 5) == 0)
            return 1;
    return 0;
}

static int yaml_like(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    char line[256];
    int yes = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || line[0] == '\n' || strncmp(line, "---", 3) == 0)
            continue;
        yes = strncmp(line, "pia:", 4) == 0;
        break;
    }
    fclose(fp);
    return yes;
}

static int sniff(const char *path, imp_format *out, pia_err *err)
{
    const char *ext = ext_of(path);
    if (access(path, R_OK) != 0)
        return pia_fail(err, errno == ENOENT ? PIA_ENOTFOUND : PIA_EIO, "%s: 開けません（%s）",
                        path, pia_errno_ja(errno));
    if (pdf_header(path)) {
        *out = IMP_PDF;
        return 0;
    }
    if (head_is(path, "PK\x03\x04", 4)) {
        *out = IMP_XLSX;
        return 0;
    }
    if (head_is(path, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return pia_fail(err, PIA_EINVAL, "%s: 古い Excel / Word の形式（.xls / .doc）は読めません。"
                        "Excel で .xlsx として保存し直すか、PDF にしてから取り込んでください", path);
    if (strcasecmp(ext, "pdf") == 0)
        return pia_fail(err, PIA_EINVAL, "%s: 拡張子は .pdf ですが PDF ではありません（%%PDF- で始まっていません。壊れているか別の種類のファイルです）", path);
    if (strcasecmp(ext, "xlsx") == 0 || strcasecmp(ext, "xlsm") == 0)
        return pia_fail(err, PIA_EINVAL, "%s: 拡張子は .%s ですが Excel ブック（ZIP）ではありません（壊れているか別の種類のファイルです）", path, ext);
    if (strcasecmp(ext, "yaml") == 0 || strcasecmp(ext, "yml") == 0 || yaml_like(path)) {
        *out = IMP_YAML;
        return 0;
    }
    *out = IMP_TEXT;
    return 0;
}

static imp_kind kind_of(imp_format f)
{
    return f == IMP_PDF ? IMP_KIND_PDF : f == IMP_XLSX ? IMP_KIND_XLSX : IMP_KIND_TEXT;
}

static int read_source(imp_source *src, const char *path, imp_format f, pia_err *err)
{
    if (f == IMP_XLSX)
        return imp_read_xlsx(src, path, err);
    char *data = NULL;
    size_t len = 0;
    if (read_all(path, f == IMP_PDF ? MAX_PDF_FILE : MAX_TEXT_FILE, &data, &len, err))
        return -1;
    int rc = f == IMP_PDF ? imp_read_pdf(src, data, len, err) : imp_read_text(src, data, len, err);
    free(data);
    return rc;
}

static imp_result *new_result(const char *path, imp_format f)
{
    imp_result *r = pia_xcalloc(1, sizeof *r);
    r->path = pia_xstrdup(path);
    r->format = f;
    return r;
}

static int match_source(imp_source *src, const imp_options *opt, imp_result *r, pia_err *err)
{
    r->opt = opt;
    r->pages = src->kind == IMP_KIND_TEXT && src->n ? src->p[src->n - 1].line : src->pages;
    r->dropped_lines = src->dropped_lines;
    r->markup = src->markup;
    r->blank_pages = src->blank_pages;
    r->encoding = src->encoding ? pia_xstrdup(src->encoding) : NULL;
    int rc = imp_match(src, r, err);
    if (!rc)
        imp_canon_items(r);
    r->opt = NULL;
    return rc;
}

int pia_import_file(const char *path, const imp_options *opt, imp_result **out, pia_err *err)
{
    static const imp_options none = { 0 };
    if (!opt)
        opt = &none;
    *out = NULL;
    imp_format f = opt->format;
    if (f == IMP_AUTO && sniff(path, &f, err))
        return -1;
    imp_result *r = new_result(path, f);
    if (f == IMP_YAML) {
        if (pia_import_yaml(path, &r->form, &r->doc, err)) {
            imp_result_free(r);
            return -1;
        }
        *out = r;
        return 0;
    }
    if (pia_form_load_named(opt->template_name ? opt->template_name : "zenkomoku", &r->form, err)) {
        imp_result_free(r);
        return -1;
    }
    imp_source src;
    imp_source_init(&src, kind_of(f), path);
    int rc = read_source(&src, path, f, err);
    if (!rc && src.n == 0)
        rc = pia_fail(err, PIA_EINVAL, "%s: 文字がありません%s", path,
                      f == IMP_PDF ? "（文字の層のない PDF です。スキャンした画像だけの PDF は読めません。"
                                     "元の Excel か、文字を選択できる PDF から取り込んでください）" : "");
    if (!rc)
        rc = match_source(&src, opt, r, err);
    imp_source_free(&src);
    if (rc) {
        imp_result_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

int pia_import_text_buffer(const char *name, const char *data, size_t len,
                           const pia_form *form, imp_result **out, pia_err *err)
{
    *out = NULL;
    imp_result *r = new_result(name, IMP_TEXT);
    r->form = (pia_form *)form;
    imp_source src;
    imp_source_init(&src, IMP_KIND_TEXT, name);
    int rc = imp_read_text(&src, data, len, err);
    if (!rc)
        rc = match_source(&src, NULL, r, err);
    imp_source_free(&src);
    r->form = NULL;        /* the caller's */
    if (rc) {
        imp_result_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void imp_result_free(imp_result *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nfilled; i++) {
        free(r->filled[i].why);
        free(r->filled[i].preview);
    }
    free(r->filled);
    for (int i = 0; i < r->nheadings; i++)
        free(r->headings[i].why);
    free(r->headings);
    free(r->missing);
    for (int i = 0; i < r->nloose; i++)
        free(r->loose[i].text);
    free(r->loose);
    pia_doc_free(r->doc);
    pia_form_free(r->form);
    free(r->path);
    free(r->edition);
    free(r->encoding);
    free(r);
}
