/*
 * test_compare.c — comparison of known pairs of assessments on a small
 * form (tests/fixtures/review/mini.yaml): an inserted phrase, a deleted
 * line, a changed choice, a ticked box, an added file, a renamed file, an
 * instance inserted in the middle of a repeated group.
 */
#include "check.h"
#include "model/compare.h"

#include <stdlib.h>
#include <string.h>

static const char *root(void)
{
    const char *r = getenv("ROOT");
    return r && *r ? r : ".";
}

static pia_form *mini(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/review/mini.yaml", root());
    pia_form *f = NULL;
    pia_err err = { 0 };
    if (pia_form_load(path, &f, &err))
        fprintf(stderr, "%s\n", err.msg);
    return f;
}

/* One line per entry: kind, where, (file), markup. */
static char *render(const pia_cmp *c)
{
    size_t cap = 1 << 16, len = 0;
    char *s = calloc(1, cap);
    for (int i = 0; i < c->n; i++) {
        const pia_cmp_entry *e = &c->v[i];
        char *m = pia_tdiff_markup(&e->diff, "[-", "-]", "{+", "+}");
        len += (size_t)snprintf(s + len, cap - len, "%s %s%s%s%s%s %s\n",
                                pia_cmp_kind_label(e->kind), e->where,
                                e->file_name ? "（" : "", e->file_name ? e->file_name : "",
                                e->file_name ? "）" : "",
                                e->what == PIA_CMPW_FILE ? " ファイル" :
                                e->what == PIA_CMPW_INSTANCE ? " 項目群" : "", m);
        free(m);
    }
    return s;
}

static pia_doc *base(void)
{
    pia_doc *d = pia_doc_new("mini", "題", "架空市長");
    pia_doc_add_file(d, "住民基本台帳ファイル");
    pia_doc_set(d, 0, 0, "basic.affairs.name", "住民基本台帳に関する事務", NULL);
    pia_doc_set(d, 0, 0, "basic.affairs.content", "住民記録システムで届出を処理する。\n証明書を交付する。", NULL);
    pia_doc_set(d, 0, 0, "basic.affairs.persons", "10万人以上30万人未満", NULL);
    pia_doc_set_instances(d, 0, "basic.systems.system", 2);
    pia_doc_set(d, 0, 1, "basic.systems.system.name", "住民記録システム", NULL);
    pia_doc_set(d, 0, 2, "basic.systems.system.name", "宛名システム", NULL);
    pia_doc_set(d, 1, 0, "overview.use.source.self", "1", NULL);
    pia_doc_set(d, 1, 0, "risk.obtain.r1.others", "窓口で本人確認を行う。\n届出書の記載内容を確認する。\n不要な情報は入手しない。", NULL);
    pia_doc_set(d, 1, 0, "risk.obtain.r1.ok", "十分である", NULL);
    pia_doc_set(d, 0, 0, "risk.other.note", "発生なし", NULL);
    return d;
}

static void test_no_change(pia_form *f)
{
    pia_doc *a = base(), *b = pia_doc_clone(a);
    pia_cmp *c = pia_compare(f, a, b, 0);
    CHECK(c->n == 0 && c->nchanged == 0);
    pia_cmp_free(c);
    c = pia_compare(f, a, b, PIA_CMP_WITH_SAME);
    CHECK(c->nchanged == 0);
    CHECK(c->n > 8);
    pia_cmp_free(c);
    pia_doc_free(a);
    pia_doc_free(b);
}

static void test_known_changes(pia_form *f)
{
    pia_doc *a = base(), *b = base();
    pia_doc_set(b, 0, 0, "basic.affairs.content", "住民記録システム及び宛名システムで届出を処理する。\n証明書を交付する。", NULL);
    pia_doc_set(b, 1, 0, "risk.obtain.r1.others", "窓口で本人確認を行う。\n不要な情報は入手しない。", NULL);
    pia_doc_set(b, 1, 0, "risk.obtain.r1.ok", "課題が残されている", NULL);
    pia_doc_set(b, 1, 0, "overview.use.source.other", "1", "市民課");
    pia_cmp *c = pia_compare(f, a, b, 0);
    char *r = render(c);
    CHECK_STR(r,
        "変更 Ⅰ 1. ② 住民記録システム{+及び宛名システム+}で届出を処理する。\n証明書を交付する。\n"
        "変更 Ⅱ 3. ① その他（住民基本台帳ファイル） [-[ ] その他（ ）-]{+[ ○ ] その他（ 市民課 ）+}\n"
        "変更 Ⅲ 2. リスク1 対象者以外の情報の入手を防止するための措置の内容（住民基本台帳ファイル） "
        "窓口で本人確認を行う。\n[-届出書の記載内容を確認する。\n-]不要な情報は入手しない。\n"
        "変更 Ⅲ 2. リスク1 リスクへの対策は十分か（住民基本台帳ファイル） [-十分である-]{+課題が残されている+}\n");
    CHECK(c->nchanged == 4);
    free(r);
    pia_cmp_free(c);
    pia_doc_free(a);
    pia_doc_free(b);
}

static void test_files(pia_form *f)
{
    pia_doc *a = base(), *b = base();
    pia_doc_add_file(b, "住民税ファイル");
    pia_doc_set(b, 2, 0, "overview.use.purpose", "課税のため", NULL);
    pia_doc_set(b, 2, 0, "risk.obtain.r1.ok", "十分である", NULL);
    pia_doc_set(b, 2, 0, "overview.use.source.self", "1", NULL);
    pia_cmp *c = pia_compare(f, a, b, 0);
    char *r = render(c);
    /* A ticked box of an added file is added, not "[ ] …" turned "[ ○ ] …". */
    CHECK_STR(r,
        "追加 Ⅱ（住民税ファイル） ファイル \n"
        "追加 Ⅱ 3. ① 本人又は本人の代理人（住民税ファイル） {+[ ○ ] 本人又は本人の代理人+}\n"
        "追加 Ⅱ 3. ⑥（住民税ファイル） {+課税のため+}\n"
        "追加 Ⅲ 2. リスク1 リスクへの対策は十分か（住民税ファイル） {+十分である+}\n");
    free(r);
    pia_cmp_free(c);
    /* The reverse is a removal. */
    c = pia_compare(f, b, a, 0);
    CHECK(c->n == 4 && c->v[0].kind == PIA_CMP_REMOVED && c->v[0].what == PIA_CMPW_FILE);
    CHECK(c->v[0].file_a == 2 && c->v[0].file_b == 0);
    r = render(c);
    CHECK(strstr(r, "削除 Ⅱ 3. ① 本人又は本人の代理人（住民税ファイル） [-[ ○ ] 本人又は本人の代理人-]\n") != NULL);
    free(r);
    pia_cmp_free(c);
    /* A rename keeps the answers aligned. */
    pia_doc *d = base();
    free(d->files[0].name);
    d->files[0].name = strdup("住民記録ファイル");
    c = pia_compare(f, a, d, 0);
    r = render(c);
    CHECK_STR(r, "変更 Ⅱ（住民記録ファイル） ファイル 住民[-基本台帳-]{+記録+}ファイル\n");
    free(r);
    pia_cmp_free(c);
    pia_doc_free(d);
    pia_doc_free(a);
    pia_doc_free(b);
}

static void test_instances(pia_form *f)
{
    pia_doc *a = base(), *b = base();
    /* Insert 税務システム between the two systems. */
    pia_doc_set_instances(b, 0, "basic.systems.system", 3);
    pia_doc_set(b, 0, 2, "basic.systems.system.name", "税務システム", NULL);
    pia_doc_set(b, 0, 3, "basic.systems.system.name", "宛名システム", NULL);
    pia_doc_set(b, 0, 3, "basic.systems.system.func", "宛名番号を付番する。", NULL);
    pia_cmp *c = pia_compare(f, a, b, 0);
    char *r = render(c);
    CHECK_STR(r,
        "追加 Ⅰ 2. システム2 項目群 \n"
        "追加 Ⅰ 2. システム2 ① {+税務システム+}\n"
        "変更 Ⅰ 2. システム3 ② {+宛名番号を付番する。+}\n");
    CHECK(c->nchanged == 3);
    free(r);
    pia_cmp_free(c);
    pia_doc_free(a);
    pia_doc_free(b);
}

static void test_once_in_per_file(pia_form *f)
{
    /* Ⅲ 7. ⑨ is answered once: two files must not report it twice. */
    pia_doc *a = base(), *b = base();
    pia_doc_add_file(a, "二");
    pia_doc_add_file(b, "二");
    pia_doc_set(b, 0, 0, "risk.other.note", "発生あり", NULL);
    pia_cmp *c = pia_compare(f, a, b, 0);
    CHECK(c->n == 1);
    CHECK(c->n == 1 && c->v[0].file_name == NULL);
    CHECK(c->multi_file);
    pia_cmp_free(c);
    pia_doc_free(a);
    pia_doc_free(b);
}

static void test_where(pia_form *f)
{
    char *w = pia_cmp_where(pia_form_find(f, "risk.obtain.r1"), 0);
    CHECK_STR(w, "Ⅲ 2. リスク1");
    free(w);
    w = pia_cmp_where(pia_form_find(f, "basic.systems.system.func"), 4);
    CHECK_STR(w, "Ⅰ 2. システム4 ②");
    free(w);
}

int main(void)
{
    pia_form *f = mini();
    CHECK(f != NULL);
    if (!f)
        return check_result();
    test_where(f);
    test_no_change(f);
    test_known_changes(f);
    test_files(f);
    test_instances(f);
    test_once_in_per_file(f);
    pia_form_free(f);
    return check_result();
}
