/*
 * export_view.c — the `x` key: write the open assessment to a file whose
 * extension says the format (.xlsx, .pdf, .txt, .yaml/.yml, in any case).
 * A leading ~ is the home directory; an unknown extension is refused with
 * the list of choices; the status line says the full path written.
 */
#include "export_view.h"
#include "dialogs.h"
#include "export/export.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { FMT_NONE, FMT_XLSX, FMT_PDF, FMT_TEXT, FMT_YAML } export_fmt;

static export_fmt format_of(const char *path)
{
    static const struct { const char *ext; export_fmt f; } known[] = {
        { ".xlsx", FMT_XLSX }, { ".pdf", FMT_PDF }, { ".txt", FMT_TEXT },
        { ".yaml", FMT_YAML }, { ".yml", FMT_YAML },
    };
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return FMT_NONE;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcasecmp(dot, known[i].ext) == 0)
            return known[i].f;
    return FMT_NONE;
}

static char *expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (home && *home && path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
        return pia_xasprintf("%s%s", home, path + 1);
    return pia_xstrdup(path);
}

static void count_warning(const char *msg, void *ctx)
{
    (void)msg;
    ++*(int *)ctx;
}

static int write_stream(const char *path, const pia_form *form, const pia_doc *doc, int yaml, pia_err *err)
{
    pia_out o;
    if (pia_out_open(&o, path, 0600, err))
        return -1;
    int rc = yaml ? pia_export_yaml(form, doc, o.fp, err) : pia_export_text(form, doc, o.fp, err);
    if (rc) {
        pia_out_abort(&o);
        return -1;
    }
    return pia_out_commit(&o, err);
}

void tui_export(tui_app *a, const pia_form *form, const pia_doc *doc)
{
    char buf[1024], def[600];
    snprintf(def, sizeof def, "%s.xlsx", doc->title);
    for (char *p = def; *p; p++)
        if (*p == '/' || *p == ' ')
            *p = '_';
    if (tui_prompt(a, "書き出すファイル名（.xlsx / .pdf / .txt / .yaml）", def, buf, sizeof buf) || !*buf)
        return;
    export_fmt f = format_of(buf);
    if (f == FMT_NONE) {
        tui_status(a, "形式が分かりません: 拡張子を .xlsx・.pdf・.txt・.yaml のどれかにしてください");
        return;
    }
    char *path = expand_home(buf);
    pia_err err = { 0 };
    int warnings = 0, rc;
    pia_xlsx_opts o = { .warn = count_warning, .ctx = &warnings };
    if (f == FMT_PDF) {
        tui_status(a, "PDF を作成しています（LibreOffice で変換します）…");
        tui_draw_status(a, "");
        refresh();
        rc = pia_export_pdf(form, doc, path, &o, &err);
    } else if (f == FMT_XLSX) {
        rc = pia_export_xlsx_opts(form, doc, path, &o, &err);
    } else {
        rc = write_stream(path, form, doc, f == FMT_YAML, &err);
    }
    if (rc) {
        tui_status(a, "書き出せません: %s", err.msg);
    } else {
        char full[PATH_MAX];
        const char *shown = realpath(path, full) ? full : path;
        if (warnings)
            tui_status(a, "書き出しました: %s（ＭＳ 明朝 にないかもしれない文字 %d 種: pia export で確認できます）",
                       shown, warnings);
        else
            tui_status(a, "書き出しました: %s", shown);
    }
    free(path);
}
