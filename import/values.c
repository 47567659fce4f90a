/*
 * values.c — reading the stretch of text after a label as the answer of a
 * choice, a check box or a heading (text items take the stretch whole).
 *
 * The stretch is folded and what the form itself prints is consumed: the
 * selected value in brackets [十分である] (matched to an option, exactly or
 * within a few edits), <選択肢> and the numbered options in whatever order
 * a converter left them, a box [○] / [ ], the parenthetical （ 3 ）件 or
 * （手数料額、納付方法： … ）.  What is left over is returned as `rest`, for
 * the report and the assessment's notes: never dropped.
 */
#include "match_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tokens {
    const imp_text *t;
    pia_fold n;          /* folded stretch; at/end are offsets in t->s */
    uint8_t *used;
} tokens;

static void tk_init(tokens *k, const imp_text *t)
{
    memset(k, 0, sizeof *k);
    k->t = t;
    pia_fold_append(&k->n, t->s, t->len, 0, PIA_FOLD_LABEL);
    k->used = pia_xcalloc(k->n.n + 1, 1);
}

static void tk_free(tokens *k)
{
    pia_fold_free(&k->n);
    free(k->used);
}

/* First unused occurrence of v at or after `from`; -1 if none. */
static long tk_find(const tokens *k, const uint32_t *v, size_t m, size_t from)
{
    for (size_t p = from; m && p + m <= k->n.n; p++) {
        size_t i = 0;
        while (i < m && !k->used[p + i] && k->n.cp[p + i] == v[i])
            i++;
        if (i == m)
            return (long)p;
    }
    return -1;
}

static void tk_use(tokens *k, size_t p, size_t m)
{
    for (size_t i = p; i < p + m && i < k->n.n; i++)
        k->used[i] = 1;
}

static long tk_find_str(const tokens *k, const char *s, size_t from, size_t *m)
{
    uint32_t *v;
    *m = pia_fold_str(s, PIA_FOLD_LABEL, &v);
    long p = tk_find(k, v, *m, from);
    free(v);
    return p;
}

/* Original text of folded positions [a, b), trimmed. */
static char *tk_text(const tokens *k, size_t a, size_t b)
{
    if (a >= b)
        return pia_xstrdup("");
    size_t lo = k->n.at[a], hi = k->n.end[b - 1];
    const char *s = k->t->s + lo;
    size_t n = hi - lo;
    while (n && (*s == ' ' || *s == '\n' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
        n--;
    return pia_xstrndup(s, n);
}

/* Something a person wrote (letters, digits, kana, kanji), not just the
 * punctuation a form or converter leaves around. */
static int meaningful(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    return !(c >= 0x3000 && c <= 0x303F) && c != 0x30FB && c != 0x203B && !(c >= 0x2010 && c <= 0x2027);
}

/* The unused text, in its original form, stretches joined by a space. */
static void tk_rest(const tokens *k, imp_value *v)
{
    size_t cap = 64, len = 0;
    char *out = NULL;
    int any = 0;
    for (size_t p = 0; p < k->n.n;) {
        if (k->used[p]) {
            p++;
            continue;
        }
        size_t q = p;
        while (q < k->n.n && !k->used[q]) {
            any |= meaningful(k->n.cp[q]);
            q++;
        }
        char *s = tk_text(k, p, q);
        if (!out) {
            out = pia_xmalloc(cap);
            out[0] = '\0';
            v->rest_off = k->n.at[p];
        }
        size_t n = strlen(s);
        if (len + n + 2 > cap)
            out = pia_xrealloc(out, cap = (len + n + 2) * 2);
        len += (size_t)sprintf(out + len, "%s%s", len ? " " : "", s);
        free(s);
        p = q;
    }
    if (any)
        v->rest = out;
    else
        free(out);
}

static int edits(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
    int *row = pia_xmalloc((m + 1) * sizeof *row);
    for (size_t j = 0; j <= m; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= m; j++) {
            int up = row[j];
            int d = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < d) d = up + 1;
            if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
            row[j] = d;
            diag = up;
        }
    }
    int d = row[m];
    free(row);
    return d;
}

/* The option that folded text v names: exactly (*dist 0) or the nearest
 * within a few edits; -1 when none is near enough. */
static int option_of(const pia_node *n, const uint32_t *v, size_t m, int *dist)
{
    int best = -1, bestd = 1 << 30;
    for (int i = 0; i < n->nchoices; i++) {
        uint32_t *o;
        size_t om = pia_fold_str(n->choices[i], PIA_FOLD_LABEL, &o);
        int d = edits(v, m, o, om);
        int k = om < 4 ? 0 : om < 10 ? 1 : (int)(om / 5);
        if (d <= k && d < bestd) {
            best = i;
            bestd = d;
        }
        free(o);
    }
    *dist = bestd;
    return best;
}

/* "（ text ）word" or, for a word ending in a colon, "（word text ）". */
static void take_detail(tokens *k, const pia_node *n, imp_value *v)
{
    if (!n->detail)
        return;
    uint32_t *w;
    size_t wm = pia_fold_str(n->detail, PIA_FOLD_LABEL, &w);
    int colon = wm > 0 && w[wm - 1] == ':';
    for (size_t p = 0; p < k->n.n; p++) {
        if (k->used[p] || k->n.cp[p] != '(')
            continue;
        /* The closing bracket that balances this one (the text may hold
         * brackets of its own), else the last one. */
        size_t q = p + 1, last = 0;
        int depth = 1;
        for (; q < k->n.n && !k->used[q] && q - p < 4000; q++) {
            if (k->n.cp[q] == '(')
                depth++;
            else if (k->n.cp[q] == ')') {
                last = q;
                if (--depth == 0)
                    break;
            }
        }
        if (q >= k->n.n || k->n.cp[q] != ')' || depth != 0)
            q = last;
        if (q <= p)
            continue;
        size_t a = p + 1, b = q, end = q + 1;
        if (colon) {
            if (q - p - 1 < wm || memcmp(k->n.cp + p + 1, w, wm * sizeof *w) != 0)
                continue;
            a += wm;
        } else if (wm) {
            if (end + wm > k->n.n || memcmp(k->n.cp + end, w, wm * sizeof *w) != 0)
                continue;
            end += wm;
        }
        free(v->detail);
        v->detail = tk_text(k, a, b);
        tk_use(k, p, end - p);
        break;
    }
    free(w);
}

/* No value in brackets: what is left is an option, exactly (a table cell
 * prints 提出時期 as 事前, without brackets or list). */
static void bare_option(tokens *k, const pia_node *n, imp_value *v)
{
    size_t a = 0, b = k->n.n;
    while (a < b && k->used[a])
        a++;
    while (b > a && k->used[b - 1])
        b--;
    for (size_t p = a; p < b; p++)
        if (k->used[p])
            return;
    int dist;
    int opt = b > a ? option_of(n, k->n.cp + a, b - a, &dist) : -1;
    if (opt < 0 || dist != 0)
        return;
    v->value = pia_xstrdup(n->choices[opt]);
    tk_use(k, a, b - a);
}

void imp_value_choice(const pia_node *n, const imp_text *t, imp_value *v)
{
    tokens k;
    tk_init(&k, t);
    for (size_t p = 0; p < k.n.n && !v->value; p++) {
        if (k.n.cp[p] != '[')
            continue;
        size_t q = p + 1;
        while (q < k.n.n && k.n.cp[q] != ']' && k.n.cp[q] != '[' && q - p < 200)
            q++;
        if (q >= k.n.n || k.n.cp[q] != ']')
            continue;
        int dist;
        int opt = q == p + 1 ? -2 : option_of(n, k.n.cp + p + 1, q - p - 1, &dist);
        if (opt == -1)
            continue;
        tk_use(&k, p, q - p + 1);
        if (opt == -2)
            break;              /* "[ ]": not answered */
        v->value = pia_xstrdup(n->choices[opt]);
        if (dist > 0) {
            v->guess = 1;
            char *seen = tk_text(&k, p + 1, q);
            v->why = pia_xasprintf("選択肢の表記が違います（「%s」）", seen);
            free(seen);
        }
    }
    size_t m;
    long p = tk_find_str(&k, "<選択肢>", 0, &m);
    if (p >= 0)
        tk_use(&k, (size_t)p, m);
    for (int i = 0; i < n->nchoices; i++) {
        char *s = pia_xasprintf("%d)%s", i + 1, n->choices[i]);
        p = tk_find_str(&k, s, 0, &m);
        if (p >= 0)
            tk_use(&k, (size_t)p, m);
        free(s);
    }
    take_detail(&k, n, v);
    if (!v->value)
        bare_option(&k, n, v);
    tk_rest(&k, v);
    tk_free(&k);
}

void imp_value_check(const pia_node *n, int box, const imp_text *t, imp_value *v)
{
    tokens k;
    tk_init(&k, t);
    if (!box && k.n.n >= 2 && k.n.cp[0] == '[') {
        if (k.n.cp[1] == ']') {
            box = 1;
            tk_use(&k, 0, 2);
        } else if (k.n.n >= 3 && k.n.cp[2] == ']') {
            box = 2;
            tk_use(&k, 0, 3);
        }
    }
    if (box)
        v->value = pia_xstrdup(box == 2 ? "1" : "0");
    take_detail(&k, n, v);
    tk_rest(&k, v);
    tk_free(&k);
}

static void use_text(tokens *k, const char *s)
{
    size_t m;
    long p = s && *s ? tk_find_str(k, s, 0, &m) : -1;
    if (p >= 0)
        tk_use(k, (size_t)p, m);
}

void imp_value_heading(const pia_node *n, const char *title, const imp_text *t, imp_value *v,
                       char **file_name)
{
    tokens k;
    tk_init(&k, t);
    *file_name = NULL;
    /* "（1）住民基本台帳ファイル": the file a per-file section is printed for. */
    if (n->per_file && k.n.n > 2 && k.n.cp[0] == '(' && k.n.cp[1] >= '0' && k.n.cp[1] <= '9') {
        size_t q = 1;
        while (q < k.n.n && k.n.cp[q] >= '0' && k.n.cp[q] <= '9')
            q++;
        if (q < k.n.n && k.n.cp[q] == ')') {
            size_t e = q + 1;
            size_t lo = k.n.at[e < k.n.n ? e : q];
            const char *nl = strchr(t->s + lo, '\n');
            while (e < k.n.n && (!nl || k.n.at[e] < (size_t)(nl - t->s)))
                e++;
            *file_name = tk_text(&k, q + 1, e);
            tk_use(&k, 0, e);
        }
    }
    use_text(&k, "（該当なし）");
    use_text(&k, title);
    use_text(&k, n->note);
    tk_rest(&k, v);
    tk_free(&k);
}

void imp_value_free(imp_value *v)
{
    free(v->value);
    free(v->detail);
    free(v->why);
    free(v->rest);
    memset(v, 0, sizeof *v);
}
