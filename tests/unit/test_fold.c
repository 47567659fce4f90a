/*
 * test_fold.c — the folding shared by the importer and search (model/fold.h)
 * and the matching built on it (model/search.h): what people type finds
 * what the form and the answers print, the importer's folding keeps ① and
 * Ⅰ apart, and a match points back at the exact source bytes.
 */
#include "check.h"
#include "model/fold.h"
#include "model/form.h"
#include "model/doc.h"
#include "model/search.h"
#include "model/utf8.h"

#include <stdlib.h>
#include <string.h>

/* The folding of s as UTF-8 (static buffer). */
static const char *folded(const char *s, int mode)
{
    static char out[512];
    uint32_t *cp;
    size_t n = pia_fold_str(s, mode, &cp), o = 0;
    for (size_t i = 0; i < n && o + 4 < sizeof out; i++)
        o += (size_t)pia_utf8_encode(cp[i], out + o);
    out[o] = 0;
    free(cp);
    return out;
}

static const char *search(const char *s) { return folded(s, PIA_FOLD_SEARCH); }

static void folding(void)
{
    CHECK_STR(search("ＬＧＷＡＮ"), "lgwan");
    CHECK_STR(search("eLTAX"), "eltax");
    CHECK_STR(search("ｅＬＴＡＸ"), "eltax");
    CHECK_STR(search("２０２４年"), "2024年");
    CHECK_STR(search("⑨"), "9");
    CHECK_STR(search("⑳㉑㊿"), "202150");
    CHECK_STR(search("⑴"), "(1)");
    CHECK_STR(search("Ⅲ 2"), "iii2");
    CHECK_STR(search("ⅻ"), "xii");
    CHECK_STR(search("ﾏｲﾅﾝﾊﾞｰ"), "マイナンバー");
    CHECK_STR(search("ｶﾞｲﾄﾞﾗｲﾝ"), "ガイドライン");
    CHECK_STR(search("㋿6年"), "令和6年");
    CHECK_STR(search("m²"), "m2");
    CHECK_STR(search("Café"), "café");
    CHECK_STR(search("リスク１　⑨"), "リスク19");
    CHECK_STR(search("⼈"), "人");                 /* Kangxi radical */
    CHECK_STR(search("USB\nメモリ"), "usbメモリ");
    /* The importer keeps the form's numbering marks apart. */
    CHECK_STR(folded("⑨Ⅲ", PIA_FOLD_LABEL), "⑨Ⅲ");
    CHECK_STR(folded("ＬＧＷＡＮ（ｶﾞ）", PIA_FOLD_LABEL), "lgwan(ガ)");
    /* Broken bytes fold as U+FFFD and the text goes on. */
    CHECK_STR(search("a\xff" "B"), "a\xEF\xBF\xBD" "b");
}

static void offsets(void)
{
    /* Each folded code point knows its source bytes, even when one source
     * character gives several (Ⅲ → iii) or two give one (ｶﾞ → ガ). */
    const char *s = "xⅢｶﾞ";
    pia_fold f = { 0 };
    pia_fold_append(&f, s, strlen(s), 10, PIA_FOLD_SEARCH);
    CHECK(f.n == 5);
    CHECK(f.at[1] == 11 && f.end[1] == 14 && f.at[3] == 11 && f.end[3] == 14);
    CHECK(f.cp[4] == 0x30AC && f.at[4] == 14 && f.end[4] == 20);
    uint32_t *q;
    size_t m = pia_fold_str("IIIガ", PIA_FOLD_SEARCH, &q);
    CHECK(pia_fold_find(f.cp, f.n, q, m, 0) == 1);
    CHECK(pia_fold_find(f.cp, f.n, q, m, 2) == (size_t)-1);
    CHECK(pia_fold_find(f.cp, f.n, q, 0, 0) == (size_t)-1);
    free(q);
    pia_fold_free(&f);
}

static void queries(void)
{
    pia_query q;
    CHECK(pia_query_init(&q, " 　\n") == -1);
    CHECK(pia_query_init(&q, "lgwan") == 0);
    CHECK(pia_query_in(&q, "庁内のＬＧＷＡＮ端末"));
    CHECK(pia_query_in(&q, "LGWA N端末"));      /* spaces do not matter */
    CHECK(!pia_query_in(&q, "LG-WAN"));
    CHECK(!pia_query_in(&q, NULL));
    pia_query_free(&q);
}

/* Matching items of the real form: printed numbers, headings, answers. */
static int hits(const pia_form *form, const pia_doc *doc, const char *text, const char *first_id)
{
    pia_query q;
    pia_hit *h;
    int n;
    if (pia_query_init(&q, text))
        return -1;
    pia_search_doc(form, doc, &q, &h, &n);
    if (first_id && (n == 0 || strcmp(h[0].node->id, first_id) != 0)) {
        fprintf(stderr, "search %s: first hit %s\n", text, n ? h[0].node->id : "(none)");
        n = -1;
    }
    pia_hits_free(h, n > 0 ? n : 0);
    pia_query_free(&q);
    return n;
}

static void items(void)
{
    pia_form *form;
    pia_err err = { 0 };
    if (pia_form_load_named("zenkomoku", &form, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        CHECK(0);
        return;
    }
    pia_doc *doc = pia_doc_new("zenkomoku", "t", "o");
    pia_doc_add_file(doc, "住民記録ファイル");
    pia_doc_set(doc, 1, 0, "risk.obtain.r1.others", "窓口ではＬＧＷＡＮ端末のみで\n入手する。", "");
    CHECK(hits(form, doc, "Ⅲ 2 リスク1", "risk.obtain.r1") == 1);
    CHECK(hits(form, doc, "iii2リスク1", "risk.obtain.r1") == 1);
    CHECK(hits(form, doc, "7 リスク1 9", "risk.keep.r1.incident") == 1);
    CHECK(hits(form, doc, "ii2リスク1", NULL) == 0);      /* whole numbers only */
    /* As printed: the dot, the section's file; a file that is not there finds nothing. */
    CHECK(hits(form, doc, "Ⅲ 7. リスク1 ⑨", "risk.keep.r1.incident") == 1);
    CHECK(hits(form, doc, "Ⅲ(1) 7. リスク1 ⑨", "risk.keep.r1.incident") == 1);
    CHECK(hits(form, doc, "Ⅲ（１）７．リスク１⑨", "risk.keep.r1.incident") == 1);
    CHECK(hits(form, doc, "Ⅲ(2) 7. リスク1 ⑨", NULL) == 0);
    CHECK(hits(form, doc, "Ⅲ 2.", "risk.obtain") == 1);
    CHECK(hits(form, doc, "lgwan", "risk.obtain.r1.others") == 1);
    CHECK(hits(form, doc, "過去3年以内", "risk.keep.r1.incident") == 1);
    pia_query q;
    pia_hit h;
    pia_query_init(&q, "lgwan");
    const pia_node *n = pia_form_find(form, "risk.obtain.r1.others");
    CHECK(pia_search_match(&q, doc, n, 1, 1, 0, &h));
    CHECK(h.kind == PIA_HIT_ANSWER);
    CHECK_STR(h.snippet, "窓口ではＬＧＷＡＮ端末のみで 入手する。");
    CHECK_HAS(h.where, "Ⅲ(1) 2. リスク1");
    pia_hit_clear(&h);
    pia_query_free(&q);
    pia_doc_free(doc);
    pia_form_free(form);
}

int main(void)
{
    folding();
    offsets();
    queries();
    items();
    return check_result();
}
