/*
 * test_changes.c — （別添3）変更箇所 rows for known changes: the table is
 * found by its column labels, an item is named by the form's numbers, an
 * added instance is one row summarising its answers, and changes to the
 * 別添3 table itself are never listed; a 項目 read back with its spaces
 * lost or changed is recognised as the form's own spelling.
 */
#include "check.h"
#include "model/changes.h"

#include <stdlib.h>
#include <string.h>

static pia_form *mini(void)
{
    const char *r = getenv("ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/review/mini.yaml", r && *r ? r : ".");
    pia_form *f = NULL;
    pia_err err = { 0 };
    if (pia_form_load(path, &f, &err))
        fprintf(stderr, "%s\n", err.msg);
    return f;
}

static void test_table(const pia_form *f)
{
    pia_changes_table t;
    pia_err err = { 0 };
    CHECK(pia_changes_table_find(f, &t, &err) == 0);
    CHECK_STR(t.group->id, "changes.row");
    CHECK_STR(t.item->id, "changes.row.item");
    CHECK_STR(t.timing->id, "changes.row.timing");
    CHECK_STR(t.reason->id, "changes.row.reason");
}

static void test_rows(const pia_form *f)
{
    pia_changes_table t;
    pia_changes_table_find(f, &t, NULL);
    pia_doc *a = pia_doc_new("mini", "題", "機関"), *b;
    pia_doc_add_file(a, "住民基本台帳ファイル");
    pia_doc_set(a, 1, 0, "risk.obtain.r1.ok", "十分である", NULL);
    pia_doc_set_instances(a, 0, "basic.systems.system", 1);
    pia_doc_set(a, 0, 1, "basic.systems.system.name", "住民記録システム", NULL);
    b = pia_doc_clone(a);
    pia_doc_set(b, 1, 0, "risk.obtain.r1.ok", "課題が残されている", NULL);
    pia_doc_set_instances(b, 0, "basic.systems.system", 2);
    pia_doc_set(b, 0, 2, "basic.systems.system.name", "税務システム", NULL);
    pia_doc_set(b, 0, 2, "basic.systems.system.func", "課税", NULL);
    /* An earlier row in the draft's own 別添3 must not produce a row. */
    pia_doc_set(b, 0, 1, "changes.row.item", "前回の変更", NULL);
    pia_cmp *c = pia_compare(f, a, b, 0);
    pia_change_row *rows;
    int n;
    pia_changes_rows(c, &t, "令和7年4月1日", "事後", &rows, &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(rows[0].item, "Ⅰ 2. システム2");
        CHECK_STR(rows[0].before, "（なし）");
        CHECK_STR(rows[0].after, "①システムの名称： 税務システム\n②システムの機能： 課税");
        CHECK_STR(rows[1].item, "Ⅲ 2. リスク1 リスクへの対策は十分か");
        CHECK_STR(rows[1].before, "十分である");
        CHECK_STR(rows[1].after, "課題が残されている");
        CHECK_STR(rows[1].date, "令和7年4月1日");
        CHECK_STR(rows[1].timing, "事後");
        CHECK_STR(rows[1].reason, "");
    }
    pia_change_rows_free(rows, n);
    pia_cmp_free(c);
    /* A numbered item is named with its label, as reviewers write it. */
    pia_doc *d = pia_doc_clone(a);
    pia_doc_set(d, 0, 0, "basic.affairs.content", "新しい事務の内容", NULL);
    c = pia_compare(f, a, d, 0);
    pia_changes_rows(c, &t, "", NULL, &rows, &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK_STR(rows[0].item, "Ⅰ 1. ②事務の内容");
    pia_change_rows_free(rows, n);
    pia_cmp_free(c);
    pia_doc_free(d);
    /* Boxes are choices of their group, the form's item: two ticked make
     * one row named by the group. */
    d = pia_doc_clone(a);
    pia_doc_set(d, 1, 0, "overview.use.source.self", "1", NULL);
    pia_doc_set(d, 1, 0, "overview.use.source.other", "1", "市民課");
    c = pia_compare(f, a, d, 0);
    pia_changes_rows(c, &t, "", NULL, &rows, &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(rows[0].item, "Ⅱ 3. ①入手元");
        CHECK_STR(rows[0].before, "[ ] 本人又は本人の代理人\n[ ] その他（ ）");
        CHECK_STR(rows[0].after, "[ ○ ] 本人又は本人の代理人\n[ ○ ] その他（ 市民課 ）");
    }
    pia_change_rows_free(rows, n);
    pia_cmp_free(c);
    pia_doc_free(d);
    /* With two files the file is named after the section number. */
    pia_doc_add_file(a, "住民税ファイル");
    pia_doc_add_file(b, "住民税ファイル");
    c = pia_compare(f, a, b, 0);
    pia_changes_rows(c, &t, "", NULL, &rows, &n);
    CHECK(n == 2);
    if (n == 2)
        CHECK_STR(rows[1].item, "Ⅲ（住民基本台帳ファイル） 2. リスク1 リスクへの対策は十分か");
    pia_change_rows_free(rows, n);
    pia_cmp_free(c);
    pia_doc_free(a);
    pia_doc_free(b);
}

static void canon_is(const pia_item_names *ns, const char *text, const char *want)
{
    char *s = pia_item_names_canon(ns, text);
    if (want)
        CHECK_STR(s ? s : "(null)", want);
    else
        CHECK(s == NULL);
    free(s);
}

static void test_canon(const pia_form *f)
{
    pia_item_names *ns = pia_item_names_new(f, 3);
    /* a PDF line wrapped at the space; no spaces at all; full width */
    canon_is(ns, "Ⅰ 2. システム1①システムの名称", "Ⅰ 2. システム1 ①システムの名称");
    canon_is(ns, "Ⅰ2.システム3①システムの名称", "Ⅰ 2. システム3 ①システムの名称");
    canon_is(ns, "Ⅰ　２．　システム２\n②システムの機能", "Ⅰ 2. システム2 ②システムの機能");
    canon_is(ns, "Ⅰ 1. ②事務の内容", "Ⅰ 1. ②事務の内容");
    canon_is(ns, "Ⅲ 2.リスク1 リスクへの対策は十分か", "Ⅲ 2. リスク1 リスクへの対策は十分か");
    canon_is(ns, "Ⅰ 2.システム2", "Ⅰ 2. システム2");
    /* the file's name stays as written, spaces around it go */
    canon_is(ns, "Ⅲ( 住民基本台帳ファイル )2.リスク1リスクへの対策は十分か",
             "Ⅲ（住民基本台帳ファイル） 2. リスク1 リスクへの対策は十分か");
    canon_is(ns, "Ⅱ（住民税 ファイル）", "Ⅱ（住民税 ファイル）");
    /* not the form's: another number, a different circled number, prose */
    canon_is(ns, "Ⅰ 2. システム4 ①システムの名称", NULL);
    canon_is(ns, "Ⅰ 2. システム1 ②システムの名称", NULL);
    canon_is(ns, "窓口の受付時間", NULL);
    canon_is(ns, "", NULL);
    pia_item_names_free(ns);
}

/* Three texts labelled 具体的な管理方法 in Ⅲ 3. リスク2 are each named by
 * the choice before them; a label of its own is left as it is. */
static void test_shared_labels(void)
{
    const char *r = getenv("ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/templates/zenkomoku.yaml", r && *r ? r : ".");
    pia_form *z = NULL;
    pia_err err = { 0 };
    CHECK(pia_form_load(path, &z, &err) == 0);
    if (!z)
        return;
    char *s = pia_changes_title(pia_form_find(z, "risk.use.r2.grant_how"), 1, 0);
    CHECK_STR(s, "Ⅲ 3. リスク2 アクセス権限の発効・失効の管理 具体的な管理方法");
    free(s);
    s = pia_changes_title(pia_form_find(z, "risk.use.r2.other"), 1, 0);
    CHECK_STR(s, "Ⅲ 3. リスク2 その他の措置の内容");
    free(s);
    s = pia_cmp_title(pia_form_find(z, "risk.use.r2.auth_how"), 0);
    CHECK_STR(s, "Ⅲ 3. リスク2 ユーザ認証の管理 具体的な管理方法");
    free(s);
    /* An unnumbered group's label names its boxes, not the items under a
     * heading line (Ⅲ 4.'s hundred characters of risks). */
    s = pia_cmp_title(pia_form_find(z, "risk.entrust.log_how"), 0);
    CHECK_STR(s, "Ⅲ 4. 特定個人情報ファイルの取扱いの記録 具体的な方法");
    free(s);
    s = pia_cmp_title(pia_form_find(z, "overview.provide.done.none"), 0);
    CHECK_STR(s, "Ⅱ 5. 提供・移転の有無 行っていない");
    free(s);
    /* A removed 委託事項: its ticked boxes under their group's heading. */
    pia_doc *a = pia_doc_new("zenkomoku", "題", "機関");
    pia_doc_add_file(a, "住民基本台帳ファイル");
    pia_doc_set_instances(a, 1, "overview.entrust.item", 2);
    pia_doc_set(a, 1, 1, "overview.entrust.item.name", "甲社", NULL);
    pia_doc_set(a, 1, 2, "overview.entrust.item.name", "乙社", NULL);
    pia_doc_set(a, 1, 2, "overview.entrust.item.method.line", "1", NULL);
    pia_doc_set(a, 1, 2, "overview.entrust.item.method.paper", "1", NULL);
    pia_doc *b = pia_doc_clone(a);
    pia_doc_set_instances(b, 1, "overview.entrust.item", 1);
    pia_cmp *c = pia_compare(z, a, b, 0);
    pia_change_row *rows;
    int n;
    pia_changes_rows(c, NULL, "", NULL, &rows, &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK_STR(rows[0].before, "④委託先への特定個人情報ファイルの提供方法： 専用線、紙\n⑥委託先名： 乙社");
    pia_change_rows_free(rows, n);
    pia_cmp_free(c);
    pia_doc_free(a);
    pia_doc_free(b);
    /* rows written before still read back as the form's */
    pia_item_names *ns = pia_item_names_new(z, 1);
    canon_is(ns, "Ⅲ 3. リスク2 具体的な管理方法", "Ⅲ 3. リスク2 具体的な管理方法");
    pia_item_names_free(ns);
    pia_form_free(z);
}

static void test_wareki(void)
{
    char *s = pia_changes_wareki("2025-04-01");
    CHECK_STR(s, "令和7年4月1日");
    free(s);
    s = pia_changes_wareki("2019-05-01");
    CHECK_STR(s, "令和元年5月1日");
    free(s);
    s = pia_changes_wareki("令和6年1月1日");
    CHECK_STR(s, "令和6年1月1日");
    free(s);
}

int main(void)
{
    pia_form *f = mini();
    CHECK(f != NULL);
    if (!f)
        return check_result();
    test_table(f);
    test_rows(f);
    test_canon(f);
    test_shared_labels();
    test_wareki();
    pia_form_free(f);
    return check_result();
}
