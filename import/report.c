/*
 * report.c — what an import did, for the person who will check it: the
 * source and the edition, counts, then what needs attention first (labels
 * not found, guesses, text kept as notes), then every item filled with
 * where it came from.  Plain UTF-8 text; control characters in source
 * text are shown, not passed on (it may be printed to a terminal).
 */
#include "import.h"
#include "model/check.h"
#include "model/format.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct out {
    char *s;
    size_t len, cap;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (o->len + (size_t)n + 1 > o->cap) {
        o->cap = (o->len + (size_t)n + 1) * 2;
        o->s = pia_xrealloc(o->s, o->cap);
    }
    va_start(ap, fmt);
    vsnprintf(o->s + o->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

static const char *kind_name(imp_format f)
{
    switch (f) {
    case IMP_PDF: return "PDF";
    case IMP_XLSX: return "Excel ブック";
    case IMP_YAML: return "pia の回答ファイル（YAML）";
    default: return "文章（PDF から取り出したテキスト）";
    }
}

static void header(out *o, const imp_result *r, long id)
{
    const char *unit = r->format == IMP_PDF ? "ページ" : r->format == IMP_XLSX ? "シート" : "行";
    put(o, "取り込み元: %s（%s、%d %s）\n", r->path, kind_name(r->format), r->pages, unit);
    if (r->edition)
        put(o, "様式の版: %s%s\n", r->edition, r->edition_guess ? "（旧様式の見出しから推定。表紙に版の表示はありません）" : "");
    else
        put(o, "様式の版: 不明（表紙に版の表示 [平成28年1月 様式4] などがありません）\n");
    if (r->doc) {
        if (id > 0)
            put(o, "取り込み先: 評価書 ID %ld「%s」", id, r->doc->title);
        else
            put(o, "取り込み先: 新しい評価書「%s」", r->doc->title);
        put(o, "（特定個人情報ファイル %d", r->doc->nfiles);
        for (int i = 0; i < r->doc->nfiles; i++)
            put(o, "%s%s", i ? "、" : ": ", r->doc->files[i].name);
        put(o, "）\n");
    }
    put(o, "結果: 見出し %d か所を確認（うち表記の違うもの %d）。回答 %d 項目（うち推定 %d）、"
           "見つからない見出し %d、置き場所のない文章 %d か所\n", r->found, r->nheadings, r->nfilled,
        r->nguess, r->nmissing, r->nloose);
    if (r->dropped_lines)
        put(o, "  ページの見出し・ページ番号 %d 行を除きました\n", r->dropped_lines);
    if (r->markup)
        put(o, "  変換で紛れ込んだ HTML の記号 %d 個を除きました（<p> など）\n", r->markup);
    if (r->encoding)
        put(o, "  文字コード %s から変換しました\n", r->encoding);
    if (r->blank_pages)
        put(o, "  文字のないページが %d あります（スキャンした画像だけのページは読めません）\n", r->blank_pages);
    if (r->fuzzy_capped)
        put(o, "  表記の揺れの照合は作業量の上限で打ち切りました（完全に一致する見出しだけを使いました）\n");
}

static void indented(out *o, const char *text)
{
    char *v = pia_text_visible(text);
    for (char *line = v, *nl; line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        put(o, "    %s\n", line);
    }
    free(v);
}

static void missing(out *o, const imp_result *r)
{
    if (!r->nmissing)
        return;
    put(o, "\n■ 見つからない見出し（%d）\n", r->nmissing);
    for (int i = 0; i < r->nmissing; i++) {
        const imp_missing *m = &r->missing[i];
        char *loc = pia_location(m->node, m->file, m->inst);
        if (m->rows > 1)
            put(o, "  %s 以下すべて（%d 行）\n", loc, m->rows);
        else
            put(o, "  %s\n", loc);
        free(loc);
    }
}

/* Matches made by a guess, with why: headings, or items filled. */
static void guessed(out *o, const char *title, const char *hint, const imp_filled *f, int n, int count)
{
    if (!count)
        return;
    put(o, "\n■ %s（%d、%s）\n", title, count, hint);
    for (int i = 0; i < n; i++) {
        if (!f[i].guess)
            continue;
        char *loc = pia_location(f[i].node, f[i].file, f[i].inst);
        char *why = pia_text_visible(f[i].why ? f[i].why : "");
        put(o, "  %s ← %s: %s\n", loc, f[i].where, why);
        free(why);
        free(loc);
    }
}

static void loose(out *o, const imp_result *r)
{
    if (!r->nloose)
        return;
    put(o, "\n■ 置き場所が決まらなかった文章（%d、評価書のメモとして残しました）\n", r->nloose);
    for (int i = 0; i < r->nloose; i++) {
        const imp_loose *l = &r->loose[i];
        if (l->near) {
            char *loc = pia_location(l->near, l->file, l->inst);
            put(o, "  %s（%s の後）:\n", l->where, loc);
            free(loc);
        } else {
            put(o, "  %s:\n", l->where);
        }
        indented(o, l->text);
    }
}

static void filled(out *o, const imp_result *r)
{
    if (!r->nfilled)
        return;
    put(o, "\n■ 入った項目と取り込み元（%d）\n", r->nfilled);
    for (int i = 0; i < r->nfilled; i++) {
        const imp_filled *f = &r->filled[i];
        char *loc = pia_location(f->node, f->file, f->inst);
        char *v = pia_text_visible(f->preview ? f->preview : "");
        put(o, "  [%s] %s ← %s: %s\n", f->guess ? "推定" : "確実", loc, f->where, v);
        free(v);
        free(loc);
    }
}

char *imp_report(const imp_result *r, long id)
{
    out o = { 0 };
    put(&o, "%s", "");
    header(&o, r, id);
    missing(&o, r);
    guessed(&o, "表記の違う見出し", "推定で対応付けました", r->headings, r->nheadings, r->nheadings);
    guessed(&o, "推定で入れた項目", "確かめてください", r->filled, r->nfilled, r->nguess);
    loose(&o, r);
    filled(&o, r);
    return o.s;
}

char *imp_report_summary(const imp_result *r, long id)
{
    out o = { 0 };
    put(&o, "%s", "");
    header(&o, r, id);
    return o.s;
}
