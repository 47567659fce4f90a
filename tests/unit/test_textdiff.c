/*
 * test_textdiff.c — the character diff on Japanese pairs: expected markup
 * for known edits, exact reconstruction of both sides for random pairs,
 * and bounded time on 20,000-character answers.
 */
#include "check.h"
#include "model/textdiff.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *markup(const char *a, const char *b)
{
    pia_tdiff_list l;
    pia_textdiff(a, b, &l);
    char *s = pia_tdiff_markup(&l, "[-", "-]", "{+", "+}");
    pia_tdiff_free(&l);
    return s;
}

#define CHECK_DIFF(a, b, want) do { char *m_ = markup(a, b); CHECK_STR(m_, want); free(m_); } while (0)

static void test_known_pairs(void)
{
    CHECK_DIFF("同じ文章", "同じ文章", "同じ文章");
    CHECK_DIFF("", "新しい", "{+新しい+}");
    CHECK_DIFF("古い", "", "[-古い-]");
    /* An inserted phrase. */
    CHECK_DIFF("住民記録システムと連携する。", "住民記録システム及び宛名システムと連携する。",
               "住民記録システム{+及び宛名システム+}と連携する。");
    /* A deleted line. */
    CHECK_DIFF("一行目\n二行目\n三行目", "一行目\n三行目", "一行目\n[-二行目\n-]三行目");
    /* Scattered one-character changes read as one changed phrase. */
    CHECK_DIFF("私は学校へ行く。", "彼は家へ帰る。", "[-私は学校へ行く-]{+彼は家へ帰る+}。");
    /* A changed word inside a sentence stays local. */
    CHECK_DIFF("年1回、担当者に研修を行う。", "年2回、全職員に研修を行う。",
               "年[-1-]{+2+}回、[-担当者-]{+全職員+}に研修を行う。");
    CHECK_DIFF("十分である", "課題が残されている", "[-十分である-]{+課題が残されている+}");
    /* A meaningful equality (に限定して付与) between two edits survives. */
    CHECK_DIFF("アクセス権限は、事務担当者に限定して付与する。",
               "アクセス権限は、事務担当者及び委託先の運用保守担当者に限定して付与し、年1回見直す。",
               "アクセス権限は、事務担当者{+及び委託先の運用保守担当者+}に限定して付与[-する-]{+し、年1回見直す+}。");
    /* A number in the middle. */
    CHECK_DIFF("保存期間は5年とする。", "保存期間は10年とする。", "保存期間は[-5-]{+10+}年とする。");
    /* The edit slides to the sentence boundary, not mid-word. */
    CHECK_DIFF("入手する。確認する。", "入手する。照合する。確認する。",
               "入手する。{+照合する。+}確認する。");
}

static unsigned rnd_state = 12345;
static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) & 0x7fff;
}

static char *random_text(int n)
{
    static const char *alpha[] = { "の", "は", "を", "市", "民", "住", "。", "、", "\n", "a", "ア", "1", "番" };
    char *s = malloc((size_t)n * 4 + 1);
    s[0] = '\0';
    for (int i = 0; i < n; i++)
        strcat(s, alpha[rnd() % (sizeof alpha / sizeof alpha[0])]);
    return s;
}

/* A copy of s with a few random edits (on byte boundaries of whole
 * characters: only ASCII or 3-byte sequences are used above). */
static char *mutate(const char *s)
{
    char *t = random_text(1 + (int)(rnd() % 40));
    size_t n = strlen(s);
    size_t cut = 0;
    if (n) {
        cut = rnd() % n;
        while (cut > 0 && (s[cut] & 0xC0) == 0x80)
            cut--;
    }
    char *out = malloc(n + strlen(t) + 1);
    memcpy(out, s, cut);
    strcpy(out + cut, t);
    size_t skip = cut + (n - cut) / 3;
    while (skip < n && (s[skip] & 0xC0) == 0x80)
        skip++;
    strcat(out, s + skip);
    free(t);
    return out;
}

static int sides_ok(const char *a, const char *b, const pia_td_opts *o)
{
    pia_tdiff_list l;
    pia_textdiff_ex(a, b, o, &l);
    char *x = pia_tdiff_side(&l, -1), *y = pia_tdiff_side(&l, 1);
    int ok = strcmp(x, a) == 0 && strcmp(y, b) == 0;
    for (int i = 0; i < l.n; i++)
        ok = ok && l.v[i].text[0] != '\0';
    for (int i = 1; i < l.n; i++)
        ok = ok && l.v[i].op != l.v[i - 1].op;
    free(x);
    free(y);
    pia_tdiff_free(&l);
    return ok;
}

static void test_random_round_trip(void)
{
    pia_td_opts variants[] = {
        { .semantic = 1 },
        { .semantic = 0 },
        { .semantic = 1, .budget = 50 },        /* the budget runs out */
        { .semantic = 1, .line_threshold = 10 }, /* line mode on small texts */
    };
    int bad = 0;
    for (int i = 0; i < 400; i++) {
        char *a = random_text((int)(rnd() % 120));
        char *b = (i % 3) ? mutate(a) : random_text((int)(rnd() % 120));
        for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++)
            if (!sides_ok(a, b, &variants[v]))
                bad++;
        free(a);
        free(b);
    }
    CHECK(bad == 0);
    /* Invalid UTF-8 survives. */
    CHECK(sides_ok("ab\xff\xfe市", "a\xc3" "b市", NULL));
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_large(void)
{
    /* 20,000 characters with edits in many places, and two unrelated
     * 20,000-character texts: both must finish quickly. */
    char *a = random_text(20000);
    char *b = strdup(a);
    for (int i = 0; i < 30; i++) {
        char *m = mutate(b);
        free(b);
        b = m;
    }
    char *c = random_text(20000);
    double t0 = now();
    CHECK(sides_ok(a, b, NULL));
    double t1 = now();
    CHECK(sides_ok(a, c, NULL));
    double t2 = now();
    fprintf(stderr, "20k edited: %.3fs, 20k unrelated: %.3fs\n", t1 - t0, t2 - t1);
    CHECK(t1 - t0 < 2.0);
    CHECK(t2 - t1 < 4.0);
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    test_known_pairs();
    test_random_round_trip();
    test_large();
    return check_result();
}
