/*
 * threshold_dialog.c — the しきい値判断 dialog (see threshold_dialog.h).
 * The rule and every sentence of the result come from model/threshold.c
 * and its table; this file only asks, shows and confirms.
 */
#include "threshold_dialog.h"
#include "dialogs.h"
#include "width.h"
#include "model/threshold.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Ask for a count until it reads as one; -1 when cancelled.  What was
 * typed is quoted whole (at most 63 bytes; the prompt wraps it): cut at a
 * byte count it could end inside a character. */
static long ask_count(tui_app *a, const char *what)
{
    char buf[64] = "", title[256];
    snprintf(title, sizeof title, "%s（人、例: 12345 / １２，３４５）", what);
    for (;;) {
        if (tui_prompt(a, title, buf, buf, sizeof buf) || !*buf)
            return -1;
        long n;
        if (pia_threshold_parse_count(buf, &n) == 0)
            return n;
        snprintf(title, sizeof title, "%s: 「%s」は人数として読めません。数字で入力してください", what, buf);
    }
}

/* Append s to *out, broken into lines of at most `width` columns. */
static void wrap(char **out, const char *prefix, const char *s, int width)
{
    char *line = pia_xasprintf("%s%s", prefix, s);
    int len;
    wchar_t *w = tui_utf8_to_wcs(line, &len);
    free(line);
    int start = 0, cols = 0;
    for (int i = 0; i <= len; i++) {
        int cw = i < len ? tui_wcwidth(w[i]) : 0;
        if (i < len && cols + cw > width && i - 1 > start && wcschr(L"）」』。、，．", w[i])) {
            i--;                /* a closing mark never starts a line */
            cw = tui_wcwidth(w[i]);
            cols -= cw;
        }
        if (i == len || cols + cw > width) {
            char *part = tui_wcs_to_utf8(w + start, i - start);
            char *t = pia_xasprintf("%s%s%s\n", *out, start ? "　" : "", part);
            free(part);
            free(*out);
            *out = t;
            start = i;
            cols = 2;           /* the indent of a continued line */
        }
        cols += cw;
    }
    free(w);
}

/* Columns left for text in tui_message's window at this terminal width:
 * the window is 4 columns narrower than the screen, its text 4 narrower
 * than the window (a narrower wrap left a fifth of the box empty). */
static int text_width(void)
{
    int width = getmaxx(stdscr) - 8;
    return width < 20 ? 20 : width;
}

/* The view under a closed dialog, before the next one opens. */
static void uncover(void)
{
    touchwin(stdscr);
    refresh();
}

static void drop_last_newline(char *s)
{
    size_t n = strlen(s);
    if (n && s[n - 1] == '\n')
        s[n - 1] = '\0';
}

static char *result_text(const pia_threshold *t, const pia_threshold_result *r)
{
    int width = text_width();
    char *out = pia_xstrdup("");
    char *req = pia_xstrdup(r->nrequired ? "" : "なし");
    for (int i = 0; i < r->nrequired; i++) {
        char *n = pia_xasprintf("%s%s%s", req, i ? "、" : "", r->required[i]);
        free(req);
        req = n;
    }
    wrap(&out, "判断: ", r->result_label, width);
    wrap(&out, "必要な評価: ", req, width);
    wrap(&out, "理由: ", r->reason, width);
    wrap(&out, "根拠: ", pia_threshold_source(t), width);
    for (int i = 0; pia_threshold_note(t, i); i++)
        wrap(&out, "注: ", pia_threshold_note(t, i), width);
    free(req);
    drop_last_newline(out);
    return out;
}

static void offer_fill(tui_app *a, const pia_threshold *t, long id, const char *title,
                       long persons, const pia_threshold_result *r)
{
    uncover();
    char *q = pia_xasprintf("「%s」の Ⅵ1②しきい値判断結果に記入しますか？", title);
    int yes = tui_confirm(a, q);
    free(q);
    if (!yes)
        return;
    pia_err err = { 0 };
    char *warning = NULL;
    if (pia_threshold_fill(a->st, t, id, persons, r, &warning, &err)) {
        tui_status(a, "%s", err.msg);
        return;
    }
    tui_mark_saved(a);
    tui_status(a, "Ⅵ1②しきい値判断結果に記入しました");
    if (warning) {
        char *text = pia_xstrdup("");
        wrap(&text, "", warning, text_width());
        drop_last_newline(text);
        uncover();
        tui_message(a, "注意: 対象人数", text);
        free(text);
    }
    free(warning);
}

void tui_threshold_dialog(tui_app *a, long id, const char *title)
{
    pia_err err = { 0 };
    pia_threshold *t;
    if (pia_threshold_load(NULL, &t, &err)) {
        tui_status(a, "%s", err.msg);
        return;
    }
    long persons = ask_count(a, "対象人数"), handlers = -1;
    int incident = -1;
    if (persons >= 0 && pia_threshold_needs_condition(t, persons)) {
        uncover();
        handlers = ask_count(a, "取扱者数（委託先を含む）");
        static const char *const choices[] = { "なし", "あり（評価実施機関で特定個人情報に関する重大事故が発生）" };
        uncover();
        incident = handlers >= 0 ? tui_menu(a, "過去1年以内の重大事故", choices, 2, 0) : -1;
    }
    pia_threshold_result r;
    if (persons < 0 || (pia_threshold_needs_condition(t, persons) && incident < 0)) {
        pia_threshold_free(t);
        return;                         /* cancelled */
    }
    if (pia_threshold_judge(t, persons, handlers, incident, &r, &err) == 0) {
        char *text = result_text(t, &r);
        uncover();
        tui_message(a, "しきい値判断", text);
        free(text);
        if (id > 0 && !a->readonly)
            offer_fill(a, t, id, title, persons, &r);
        pia_threshold_result_free(&r);
    } else {
        tui_status(a, "%s", err.msg);
    }
    pia_threshold_free(t);
}
