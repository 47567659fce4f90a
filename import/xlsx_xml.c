/*
 * xlsx_xml.c — expat handlers for the parts of a workbook (see xlsx_xml.h).
 * Elements are matched by local name, so files written with namespace
 * prefixes (x:c) read the same as Excel's own.
 */
#include "xlsx_xml.h"
#include "model/err.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TEXT (1u << 20)   /* one cell or string; Excel allows 32,767 characters */

enum { M_WORKBOOK, M_RELS, M_STRINGS, M_STYLES, M_SHEET, M_CORE };

static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **a, const char *name)
{
    for (int i = 0; a[i]; i += 2)
        if (strcmp(local(a[i]), name) == 0)
            return a[i + 1];
    return NULL;
}

static void stop(xlsx_xml *x, const char *why)
{
    if (!x->stopped)
        snprintf(x->error, sizeof x->error, "%s", why);
    x->stopped = 1;
    XML_StopParser((XML_Parser)x->parser, XML_FALSE);
}

static void text_reset(xlsx_xml *x)
{
    x->len = 0;
    if (x->buf)
        x->buf[0] = '\0';
}

static void on_chars(void *ud, const XML_Char *s, int n)
{
    xlsx_xml *x = ud;
    if (!x->in_text || x->depth_skip > 0 || n <= 0)
        return;
    if (x->len + (size_t)n + 1 > MAX_TEXT) {
        stop(x, "セルの文字が長すぎます（上限 1 MiB）");
        return;
    }
    if (x->len + (size_t)n + 1 > x->cap) {
        x->cap = (x->len + (size_t)n + 1) * 2;
        x->buf = pia_xrealloc(x->buf, x->cap);
    }
    memcpy(x->buf + x->len, s, (size_t)n);
    x->len += (size_t)n;
    x->buf[x->len] = '\0';
}

/* Excel writes characters XML cannot hold as _xHHHH_ (_x000D_ for CR);
 * CR LF and CR become LF. */
static void decode(xlsx_xml *x)
{
    size_t w = 0;
    for (size_t i = 0; i < x->len;) {
        unsigned v;
        if (i + 7 <= x->len && x->buf[i] == '_' && x->buf[i + 1] == 'x' && x->buf[i + 6] == '_' &&
            sscanf(x->buf + i + 2, "%4x", &v) == 1) {
            if (v == '\r' || v == '\n' || v == '\t' || v >= 0x20) {
                char tmp[8];
                int k = v < 0x80 ? (tmp[0] = (char)v, 1) : v < 0x800 ? (tmp[0] = (char)(0xC0 | (v >> 6)), tmp[1] = (char)(0x80 | (v & 0x3F)), 2)
                      : (tmp[0] = (char)(0xE0 | (v >> 12)), tmp[1] = (char)(0x80 | ((v >> 6) & 0x3F)), tmp[2] = (char)(0x80 | (v & 0x3F)), 3);
                memcpy(x->buf + w, tmp, (size_t)k);
                w += (size_t)k;
            }
            i += 7;
            continue;
        }
        x->buf[w++] = x->buf[i++];
    }
    size_t o = 0;
    for (size_t i = 0; i < w; i++) {
        if (x->buf[i] == '\r') {
            x->buf[o++] = '\n';
            if (i + 1 < w && x->buf[i + 1] == '\n')
                i++;
        } else {
            x->buf[o++] = x->buf[i];
        }
    }
    x->len = o;
    if (x->buf)
        x->buf[o] = '\0';
}

static void push(char ***list, int n, const char *s)
{
    *list = pia_xrealloc(*list, (size_t)(n + 1) * sizeof **list);
    (*list)[n] = pia_xstrdup(s ? s : "");
}

/* "AB12" → column 28, row 12. */
static int cell_ref(const char *r, int *col, int *row)
{
    int c = 0, k = 0;
    for (; r[k] >= 'A' && r[k] <= 'Z' && k < 4; k++)
        c = c * 26 + (r[k] - 'A' + 1);
    if (k == 0 || r[k] < '0' || r[k] > '9')
        return -1;
    *col = c;
    *row = atoi(r + k);
    return 0;
}

static int builtin_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* A custom number format that shows a date: y, d or g (era) outside quotes,
 * brackets and escapes. */
static int date_code(const char *f)
{
    if (!f || strcasecmp(f, "General") == 0)
        return 0;
    for (const char *p = f; *p; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                return 0;
            p = q;
        } else if (*p == '[') {
            const char *q = strchr(p + 1, ']');
            if (!q)
                return 0;
            p = q;
        } else if (*p == '\\' && p[1]) {
            p++;
        } else if (strchr("yYdDgG", *p)) {
            return 1;
        }
    }
    return 0;
}

static void on_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    xlsx_xml *x = ud;
    const char *n = local(name);
    if (strcmp(n, "rPh") == 0) {
        x->depth_skip++;
        return;
    }
    switch (x->mode) {
    case M_WORKBOOK:
        if (strcmp(n, "sheet") == 0) {
            xlsx_sheets *s = x->sheets;
            const char *state = attr(a, "state");
            push(&s->name, s->n, attr(a, "name"));
            push(&s->rid, s->n, attr(a, "id"));
            s->hidden = pia_xrealloc(s->hidden, (size_t)(s->n + 1) * sizeof *s->hidden);
            s->hidden[s->n] = state && strcmp(state, "visible") != 0;
            s->n++;
        }
        break;
    case M_RELS:
        if (strcmp(n, "Relationship") == 0) {
            xlsx_sheets *s = x->sheets;
            push(&s->rel_id, s->nrels, attr(a, "Id"));
            push(&s->rel_target, s->nrels, attr(a, "Target"));
            s->nrels++;
        }
        break;
    case M_STRINGS:
        if (strcmp(n, "si") == 0)
            text_reset(x);
        else if (strcmp(n, "t") == 0)
            x->in_text = 1;
        break;
    case M_STYLES:
        if (strcmp(n, "numFmt") == 0 && date_code(attr(a, "formatCode"))) {
            const char *id = attr(a, "numFmtId");
            x->custom_date = pia_xrealloc(x->custom_date, (size_t)(x->ncustom + 1) * sizeof *x->custom_date);
            x->custom_date[x->ncustom++] = id ? atoi(id) : -1;
        } else if (strcmp(n, "cellXfs") == 0) {
            x->in_xfs = 1;
        } else if (strcmp(n, "xf") == 0 && x->in_xfs) {
            const char *id = attr(a, "numFmtId");
            int v = id ? atoi(id) : 0, date = builtin_date(v);
            for (int i = 0; i < x->ncustom && !date; i++)
                date = x->custom_date[i] == v;
            if (x->on_style(x->ctx, x->xf_index++, date))
                stop(x, "書式が多すぎます");
        }
        break;
    case M_SHEET:
        if (strcmp(n, "row") == 0) {
            const char *r = attr(a, "r");
            x->row = r ? atoi(r) : x->row + 1;
            x->next_col = 1;
        } else if (strcmp(n, "c") == 0) {
            const char *r = attr(a, "r"), *t = attr(a, "t"), *s = attr(a, "s");
            if (!r || cell_ref(r, &x->col, &x->row))
                x->col = x->next_col;
            x->next_col = x->col + 1;
            x->style = s ? atoi(s) : -1;
            x->type = !t || strcmp(t, "n") == 0 ? XLSX_NUMBER : strcmp(t, "s") == 0 ? XLSX_SHARED
                    : strcmp(t, "b") == 0 ? XLSX_BOOL : XLSX_TEXT;
            text_reset(x);
        } else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
            x->in_text = 1;
        }
        break;
    case M_CORE:
        x->meta_field = strcmp(n, "title") == 0 ? 1 : strcmp(n, "creator") == 0 ? 2 : 0;
        if (x->meta_field) {
            text_reset(x);
            x->in_text = 1;
        }
        break;
    }
}

static void on_end(void *ud, const XML_Char *name)
{
    xlsx_xml *x = ud;
    const char *n = local(name);
    if (strcmp(n, "rPh") == 0) {
        x->depth_skip--;
        return;
    }
    if (strcmp(n, "t") == 0 || strcmp(n, "v") == 0)
        x->in_text = 0;
    if (x->mode == M_STRINGS && strcmp(n, "si") == 0) {
        decode(x);
        if (x->on_string(x->ctx, x->buf ? x->buf : "", x->len))
            stop(x, "共有文字列が多すぎます");
    } else if (x->mode == M_STYLES && strcmp(n, "cellXfs") == 0) {
        x->in_xfs = 0;
    } else if (x->mode == M_SHEET && strcmp(n, "c") == 0 && x->len > 0) {
        if (x->type != XLSX_NUMBER && x->type != XLSX_SHARED)
            decode(x);
        xlsx_cell c = { x->type, x->style, x->buf, x->len };
        if (x->on_cell(x->ctx, x->sheet, x->row, x->col, &c))
            stop(x, "セルを読めません");
        text_reset(x);
    } else if (x->mode == M_CORE && x->meta_field) {
        char **dst = x->meta_field == 1 ? x->title : x->creator;
        if (x->len && !*dst)
            *dst = pia_xstrndup(x->buf, x->len);
        x->meta_field = 0;
        x->in_text = 0;
    }
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    stop(ud, "DOCTYPE があります（Excel のファイルにはないもので、受け付けません）");
}

static void on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *v, int vlen,
                      const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
    (void)name, (void)pe, (void)v, (void)vlen, (void)base, (void)sys, (void)pub, (void)notation;
    stop(ud, "実体宣言があります（受け付けません）");
}

static void init(xlsx_xml *x, int mode)
{
    memset(x, 0, sizeof *x);
    x->mode = mode;
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    x->parser = p;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_chars);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
}

void xlsx_xml_workbook(xlsx_xml *x, xlsx_sheets *out) { init(x, M_WORKBOOK); x->sheets = out; }
void xlsx_xml_rels(xlsx_xml *x, xlsx_sheets *out) { init(x, M_RELS); x->sheets = out; }

void xlsx_xml_strings(xlsx_xml *x, xlsx_string_fn fn, void *ctx)
{
    init(x, M_STRINGS);
    x->on_string = fn;
    x->ctx = ctx;
}

void xlsx_xml_styles(xlsx_xml *x, xlsx_style_fn fn, void *ctx)
{
    init(x, M_STYLES);
    x->on_style = fn;
    x->ctx = ctx;
}

void xlsx_xml_sheet(xlsx_xml *x, int sheet, xlsx_cell_fn fn, void *ctx)
{
    init(x, M_SHEET);
    x->sheet = sheet;
    x->on_cell = fn;
    x->ctx = ctx;
}

void xlsx_xml_core(xlsx_xml *x, char **title, char **creator)
{
    init(x, M_CORE);
    x->title = title;
    x->creator = creator;
    *title = *creator = NULL;
}

int xlsx_xml_feed(xlsx_xml *x, const char *data, size_t len, int final)
{
    if (x->stopped)
        return -1;
    if (XML_Parse((XML_Parser)x->parser, data, (int)len, final) == XML_STATUS_ERROR) {
        if (!x->stopped)
            snprintf(x->error, sizeof x->error, "XML が壊れています（%lu 行: %s）",
                     (unsigned long)XML_GetCurrentLineNumber((XML_Parser)x->parser),
                     XML_ErrorString(XML_GetErrorCode((XML_Parser)x->parser)));
        return -1;
    }
    return x->stopped ? -1 : 0;
}

void xlsx_xml_free(xlsx_xml *x)
{
    if (x->parser)
        XML_ParserFree((XML_Parser)x->parser);
    free(x->buf);
    free(x->custom_date);
    memset(x, 0, sizeof *x);
}

int xlsx_sheets_resolve(xlsx_sheets *s)
{
    s->part = pia_xcalloc((size_t)s->n + 1, sizeof *s->part);
    for (int i = 0; i < s->n; i++) {
        for (int k = 0; k < s->nrels && !s->part[i]; k++) {
            if (strcmp(s->rel_id[k], s->rid[i]) != 0)
                continue;
            const char *t = s->rel_target[k];
            s->part[i] = t[0] == '/' ? pia_xstrdup(t + 1) : pia_xasprintf("xl/%s", t);
        }
        if (!s->part[i])
            return -1;
    }
    return 0;
}

static void free_list(char **l, int n)
{
    for (int i = 0; l && i < n; i++)
        free(l[i]);
    free(l);
}

void xlsx_sheets_free(xlsx_sheets *s)
{
    free_list(s->name, s->n);
    free_list(s->rid, s->n);
    free_list(s->part, s->n);
    free(s->hidden);
    free_list(s->rel_id, s->nrels);
    free_list(s->rel_target, s->nrels);
    memset(s, 0, sizeof *s);
}
