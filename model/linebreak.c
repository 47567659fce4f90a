/*
 * linebreak.c — Japanese line breaking (see linebreak.h).
 *
 * Greedy: a line takes characters while they fit; when one does not, the
 * break moves back over pairs the rules keep together (a closing bracket
 * or small kana after the break, an opening bracket before it, two letters
 * of a Latin word) and goes forward only when nothing earlier is allowed.
 * Moving back never shortens what a renderer fits on a line by more than
 * the rules demand, so the line counts err on the side of one line more.
 */
#include "linebreak.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Inlined in the loops below: every character of every cell of a
 * workbook is decoded to measure its lines. */
static inline __attribute__((always_inline)) unsigned decode(const char *str, size_t *len)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    if ((c & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {   /* kana, kanji */
        *len = 3;
        return (c & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
    }
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0) {
        *len = 1;
        return 0xFFFD;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
    }
    *len = (size_t)n;
    if (n == 1)
        return c;
    unsigned cp = c & (0x7Fu >> n);
    for (int i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3Fu);
    return cp;
}

unsigned pia_lb_decode(const char *s, size_t *len)
{
    return decode(s, len);
}

static inline __attribute__((always_inline)) int print_width(unsigned cp)
{
    if (cp < 0x20)
        return 0;
    if (cp < 0x7F) {
        /* ＭＳ 明朝 draws ASCII half-width; IPAex明朝 is proportional, with
         * capitals and m/w wider than half an em. */
        if (cp == 'M' || cp == 'W' || cp == '@' || cp == '%' || cp == '&')
            return 4;
        if ((cp >= 'A' && cp <= 'Z') || cp == 'm' || cp == 'w')
            return 3;
        return 2;
    }
    if (cp >= 0xFF61 && cp <= 0xFF9F)      /* half-width katakana */
        return 2;
    return 4;
}

int pia_lb_print_width(unsigned cp)
{
    return print_width(cp);
}

static const char *const NO_START =
    "、。，．・：；？！゛゜ヽヾゝゞ々〻ー‐゠–〜～）］｝〕〉》」』】〙〗〟’”｠»"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "％‥…｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ";
static const char *const NO_END = "（［｛〔〈《「『【〘〖〝‘“｟«";

/* The two sets as sorted code points, decoded once: a lookup is a binary
 * search, not a walk over the strings (every possible break asks). */
typedef struct cpset {
    unsigned cp[128];
    int n;
} cpset;

static cpset no_start_set, no_end_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static int by_cp(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

static void decode_set(const char *s, cpset *out)
{
    out->n = 0;
    for (size_t len; *s && out->n < (int)(sizeof out->cp / sizeof *out->cp); s += len)
        out->cp[out->n++] = pia_lb_decode(s, &len);
    qsort(out->cp, (size_t)out->n, sizeof *out->cp, by_cp);
}

static void decode_sets(void)
{
    decode_set(NO_START, &no_start_set);
    decode_set(NO_END, &no_end_set);
}

static int in_set(const cpset *set, unsigned cp)
{
    pthread_once(&sets_once, decode_sets);
    int lo = 0, hi = set->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (set->cp[mid] == cp)
            return 1;
        if (set->cp[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int pia_lb_no_start(unsigned cp)
{
    if (cp < 0x80)
        return cp && strchr(")]},.:;!?%", (int)cp) != NULL;
    return in_set(&no_start_set, cp);
}

int pia_lb_no_end(unsigned cp)
{
    if (cp < 0x80)
        return cp && strchr("([{", (int)cp) != NULL;
    return in_set(&no_end_set, cp);
}

static int latin(unsigned cp)
{
    return cp > ' ' && cp < 0x7F;
}

/* Start of the character before byte offset i (i > 0). */
static size_t prev_start(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static int may_break(const char *s, size_t b)
{
    size_t len;
    unsigned cur = pia_lb_decode(s + b, &len);
    unsigned prev = pia_lb_decode(s + prev_start(s, b), &len);
    return !pia_lb_no_start(cur) && !pia_lb_no_end(prev) && !(latin(prev) && latin(cur));
}

/* The break for a line that overflows at byte i: the nearest allowed
 * position at or before i, or i itself when none exists on the line. */
static size_t break_at(const char *s, size_t i)
{
    for (size_t b = i; b > 0; b = prev_start(s, b))
        if (may_break(s, b))
            return b;
    return i;
}

/* The line breaker, inlined twice by pia_lb_line: with the sheet's
 * measure known at compile time (every cell of every workbook is measured
 * with it) and with the caller's. */
static inline __attribute__((always_inline)) size_t line_with(const char *s, int cap, pia_lb_measure m,
                                                              size_t *next)
{
    size_t i = 0;
    int w = 0;
    while (s[i]) {
        if (s[i] == '\n') {
            *next = i + 1;
            return i;
        }
        size_t len;
        int cw = m(decode(s + i, &len));
        if (w + cw > cap && i > 0) {
            if (s[i] == ' ') {             /* spaces hang at the end of the line */
                size_t j = i;
                while (s[j] == ' ')
                    j++;
                *next = s[j] == '\n' ? j + 1 : j;
                return i;
            }
            size_t b = break_at(s, i);
            *next = b;
            return b;
        }
        w += cw;
        i += len;
    }
    *next = i;
    return i;
}

size_t pia_lb_line(const char *s, int cap, pia_lb_measure m, size_t *next)
{
    if (m == pia_lb_print_width)
        return line_with(s, cap, print_width, next);
    return line_with(s, cap, m, next);
}

int pia_lb_lines(const char *s, int cap, pia_lb_measure m)
{
    int lines = 1;
    size_t pos = 0, next;
    for (;;) {
        pia_lb_line(s + pos, cap, m, &next);
        if (!s[pos + next]) {
            /* A text ending in a newline ends with an empty line. */
            return lines + (next > 0 && s[pos + next - 1] == '\n');
        }
        pos += next;
        lines++;
    }
}

int pia_lb_width(const char *s, pia_lb_measure m)
{
    int w = 0;
    for (size_t i = 0, len; s[i]; i += len)
        w += m(decode(s + i, &len));
    return w;
}

/* After a sentence end (。．！？ and any closing brackets that follow) in
 * [from, to), the last such offset, or 0. */
static size_t sentence_end(const char *s, size_t from, size_t to)
{
    size_t best = 0;
    for (size_t i = from, len; i < to; i += len) {
        unsigned cp = pia_lb_decode(s + i, &len);
        if (cp != 0x3002 && cp != 0xFF0E && cp != 0xFF01 && cp != 0xFF1F)
            continue;
        size_t j = i + len, l2;
        while (j < to && pia_lb_no_start(pia_lb_decode(s + j, &l2)))
            j += l2;
        best = j;
    }
    return best;
}

size_t pia_lb_cut(const char *s, int cap, pia_lb_measure m, int max_lines, int look_back, int *lines)
{
    if (max_lines < 1)
        max_lines = 1;
    if (max_lines > 4096)          /* bounds the arrays below; no page is that long */
        max_lines = 4096;
    size_t starts[max_lines + 1], ends[max_lines + 1];
    size_t pos = 0, next;
    int n = 0;
    while (n < max_lines && s[pos]) {
        size_t len = pia_lb_line(s + pos, cap, m, &next);
        starts[n] = pos;
        ends[n] = pos + len;
        n++;
        pos += next;
    }
    if (!s[pos]) {
        /* A final newline ends with an empty line (as pia_lb_lines counts). */
        int trailing = pos > 0 && s[pos - 1] == '\n';
        if (trailing && n + 1 > max_lines) {
            *lines = n;
            return pos - 1;
        }
        *lines = (n > 0 ? n : 1) + trailing;
        return pos;
    }
    int low = n - look_back;
    for (int k = n - 1; k >= low && k > 0; k--) {
        if (s[ends[k]] == '\n') {            /* a paragraph ends here */
            *lines = k + 1;
            return ends[k];
        }
    }
    for (int k = n - 1; k >= low; k--) {
        size_t e = sentence_end(s, starts[k], ends[k]);
        if (e > 0) {
            *lines = k + 1;
            return e;
        }
    }
    *lines = n;
    /* The last line's own newline is left for pia_lb_skip, so the piece
     * does not end with an empty line. */
    return s[pos - 1] == '\n' ? pos - 1 : pos;
}

size_t pia_lb_skip(const char *s, size_t cut)
{
    return s[cut] == '\n' ? cut + 1 : cut;
}
