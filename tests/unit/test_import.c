/*
 * test_import.c — the importer's folding and matching on small texts
 * written for the test (the real template, PIA_TEMPLATE_DIR): NFKC-like
 * folding with circled numbers kept, labels wrapped and interleaved with
 * answers, choice lists in any order, check boxes several to a line,
 * repeated groups and per-file sections from their headings, text that
 * fits nowhere kept as a note, a refusal for what is no assessment.
 */
#include "check.h"
#include "import/import.h"
#include "import/norm.h"
#include "import/rows.h"
#include "model/format.h"

#include <stdlib.h>
#include <string.h>

static pia_form *form;

static char *folded(const char *s)
{
    uint32_t *cp;
    size_t n = pia_fold_str(s, PIA_FOLD_LABEL, &cp);
    char *out = malloc(n * 4 + 1), *o = out;
    for (size_t i = 0; i < n; i++)
        o += pia_utf8_encode(cp[i], o);
    *o = '\0';
    free(cp);
    return out;
}

static void test_fold(void)
{
    static const char *const cases[][2] = {
        { "（１）ＡＢＣ　ｘｙｚ", "(1)abcxyz" },
        { "ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｽ", "ガイドラインパス" },
        { "⼈⽇本", "人日本" },                        /* Kangxi radicals */
        { "①事務の名称 ※", "①事務の名称※" },          /* circled numbers stay */
        { "Ⅲ 特定", "Ⅲ特定" },                         /* Roman numerals stay */
        { "漏えい、紛失。", "漏えい,紛失." },
        { "〈選択肢〉 ＜選択肢＞", "<選択肢><選択肢>" },
        { "1〜3 ‐ − —", "1~3---" },
        { "か\xe3\x82\x99き", "がき" },                 /* combining dakuten composes */
        { "ก\xe0\xb8\xb5", "ก" },                        /* a combining mark is dropped */
        { "行\n\t政", "行政" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *f = folded(cases[i][0]);
        CHECK_STR(f, cases[i][1]);
        free(f);
    }
    CHECK(pia_utf8_bad_offset("日本語", strlen("日本語")) == strlen("日本語"));
    CHECK(pia_utf8_bad_offset("\xff\xfe", 2) != 2);
    CHECK(pia_utf8_bad_offset("a\0b", 3) != 3);
    CHECK(imp_display_width("日本abc", strlen("日本abc")) == 7);
}

static imp_result *import(const char *text)
{
    pia_err err = { 0 };
    imp_result *r;
    if (pia_import_text_buffer("test.txt", text, strlen(text), form, &r, &err)) {
        fprintf(stderr, "import failed: %s\n", err.msg);
        return NULL;
    }
    return r;
}

static const char *value(const imp_result *r, int file, int inst, const char *id)
{
    const pia_value *v = pia_doc_get(r->doc, file, inst, id);
    return v ? v->value : NULL;
}

/* Ⅳ as pdftotext -layout prints it: labels wrapped beside their answers. */
static void test_layout(void)
{
    imp_result *r = import(
        "Ⅳ その他のリスク対策\n"
        "1. 監査\n"
        " ①自己点検               [ 特に力を入れて行っている ] <選択肢> 3) 十分に行っていない\n"
        "                          1) 特に力を入れて行っている 2) 十分に行っている\n"
        " 具体的なチェック方法     年に一度、点検表で全員が点検する。\n"
        " ②監査                   [ 十分に行っている ]  <選択肢> 1) 特に力を入れて行っている\n"
        "                          2) 十分に行っている 3) 十分に行っていない\n"
        " 具体的な内容             情報政策課が隔年で監査する。\n"
        "2. 従業者に対する教育・   \n"
        "啓発\n"
        " 従業者に対する教育・     [ 十分に行っている ]  <選択肢> 1) 特に力を入れて行っている\n"
        " 啓発                     2) 十分に行っている 3) 十分に行っていない\n"
        " 具体的な方法             着任時と毎年度に研修を行う。\n"
        "3. その他のリスク対策     画面ののぞき見を防ぐフィルタを付けている。\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_STR(value(r, 0, 0, "other.audit.self"), "特に力を入れて行っている");
    CHECK_STR(value(r, 0, 0, "other.audit.self_how"), "年に一度、点検表で全員が点検する。");
    CHECK_STR(value(r, 0, 0, "other.audit.audit"), "十分に行っている");
    CHECK_STR(value(r, 0, 0, "other.education.level"), "十分に行っている");
    CHECK_STR(value(r, 0, 0, "other.education.how"), "着任時と毎年度に研修を行う。");
    CHECK_STR(value(r, 0, 0, "other.more"), "画面ののぞき見を防ぐフィルタを付けている。");
    CHECK(r->nloose == 0);
    CHECK(r->nguess == 0);
    imp_result_free(r);
}

/* Ⅱ of two files, their headings, a repeated group whose name follows its
 * heading, check boxes several to a line, a stray remark kept as a note. */
static void test_files_and_groups(void)
{
    imp_result *r = import(
        "Ⅱ 特定個人情報ファイルの概要\n（1）住民ファイル\n"
        "1. 特定個人情報ファイル名\t住民ファイル\n"
        "2. 基本情報\n"
        "①ファイルの種類 ※\t[システム用ファイル] <選択肢> 1) システム用ファイル 2) その他の電子ファイル（表計算ファイル等）\n"
        "③対象となる本人の範囲 ※\t架空市に住所のある者\n"
        "その必要性\t住民票を記載するため。\n"
        "④記録される項目\t[10項目以上50項目未満] <選択肢> 1) 10項目未満 2) 10項目以上50項目未満 "
        "3) 50項目以上100項目未満 4) 100項目以上\n"
        "4. 特定個人情報ファイルの取扱いの委託\n"
        "委託の有無 ※\t[委託する] <選択肢> 1) 委託する 2) 委託しない （ 2 ）件\n"
        "委託事項1\t窓口業務の委託\n"
        "①委託内容\t転入届の受付の補助\n"
        "④委託先への特定個人情報ファイルの提供方法\t[ ○ ] 専用線 [ ] 電子メール [ ○ ] 紙 [ ○ ] その他 （ 手渡し ）\n"
        "委託事項2\t保守の委託\n"
        "①委託内容\tシステムの保守\n"
        "Ⅱ 特定個人情報ファイルの概要\n（2）番号ファイル\n"
        "1. 特定個人情報ファイル名\t番号ファイル\n"
        "2. 基本情報\n"
        "①ファイルの種類 ※\t[その他の電子ファイル（表計算ファイル等）] 手書きの補記あり <選択肢> 1) システム用ファイル "
        "2) その他の電子ファイル（表計算ファイル等）\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK(r->doc->nfiles == 2);
    CHECK_STR(r->doc->files[0].name, "住民ファイル");
    CHECK_STR(r->doc->files[1].name, "番号ファイル");
    CHECK_STR(value(r, 1, 0, "overview.basic.kind"), "システム用ファイル");
    CHECK_STR(value(r, 2, 0, "overview.basic.kind"), "その他の電子ファイル（表計算ファイル等）");
    /* answers printed on their heading's row, as published forms do */
    CHECK_STR(value(r, 1, 0, "overview.basic.scope.text"), "架空市に住所のある者");
    CHECK_STR(value(r, 1, 0, "overview.basic.scope.need"), "住民票を記載するため。");
    CHECK_STR(value(r, 1, 0, "overview.basic.items.count"), "10項目以上50項目未満");
    CHECK_STR(value(r, 1, 0, "overview.entrust.done"), "委託する");
    const pia_value *v = pia_doc_get(r->doc, 1, 0, "overview.entrust.done");
    CHECK(v && strcmp(v->detail, "2") == 0);
    CHECK(pia_doc_instances(r->doc, 1, "overview.entrust.item") == 2);
    /* the name the form prints after 委託事項1, on its row: that item's answer */
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.title"), "窓口業務の委託");
    CHECK_STR(value(r, 1, 2, "overview.entrust.item.content"), "システムの保守");
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.method.line"), "1");
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.method.mail"), "0");
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.method.paper"), "1");
    v = pia_doc_get(r->doc, 1, 1, "overview.entrust.item.method.other");
    CHECK(v && strcmp(v->value, "1") == 0 && strcmp(v->detail, "手渡し") == 0);
    int title_guessed = -1;
    for (int i = 0; i < r->nfilled; i++)
        if (strcmp(r->filled[i].node->id, "overview.entrust.item.title") == 0 && r->filled[i].inst == 1)
            title_guessed = r->filled[i].guess;
    CHECK(title_guessed == 0);
    CHECK(r->nguess == 0);
    int kept = 0;
    for (int i = 0; i < r->nloose; i++)
        kept += strstr(r->loose[i].text, "手書きの補記あり") != NULL;
    CHECK(kept == 1);
    imp_result_free(r);
}

/* Labels a converter broke around their answers, a slip in a label, a
 * section missing, a number the source wrote its own way. */
static void test_broken_labels(void)
{
    imp_result *r = import(
        "Ⅴ 開示請求、問合せ\n"
        "1. 特定個人情報の開示・訂正・利用停止請求\n"
        "①請求先\n〒000-0000 架空市本町1番地\n"
        "③手数料等\n[ 無料 ]\n<選択肢> 1) 有料 2) 無料\n（手数料額、納付方法： ）\n"
        "⑤法令による特別の手 住民票の写しの交付で本人の記録を確かめられる。\n"
        "続\n"
        "⑥個人情報ファイル簿への不記載等\nなし\n"
        "2. 特定個人情報ファイルの取扱いに関する問合わせ\n"
        "(1) 連絡先\n架空市 総務課\n"
        "②対応方法\n記録を残して回答する。\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_STR(value(r, 0, 0, "disclosure.request.where"), "〒000-0000 架空市本町1番地");
    CHECK_STR(value(r, 0, 0, "disclosure.request.fee"), "無料");
    CHECK_STR(value(r, 0, 0, "disclosure.request.special"), "住民票の写しの交付で本人の記録を確かめられる。");
    CHECK_STR(value(r, 0, 0, "disclosure.request.omit"), "なし");
    CHECK_STR(value(r, 0, 0, "disclosure.contact.where"), "架空市 総務課");
    CHECK_STR(value(r, 0, 0, "disclosure.contact.how"), "記録を残して回答する。");
    int slip = 0, whole = 0;
    for (int i = 0; i < r->nheadings; i++)
        slip += strstr(r->headings[i].why, "問合わせ") != NULL;
    for (int i = 0; i < r->nmissing; i++)
        whole += strcmp(r->missing[i].node->id, "other") == 0 && r->missing[i].rows == 10;
    CHECK(slip == 1);
    CHECK(whole == 1);
    imp_result_free(r);
}

/* The rows the matcher looks for come from the print model: a group's
 * boxes and captions share its printed row, the name after 委託事項1 is
 * printed on the heading's row, the cover prints no 表紙 and its first two
 * items as a table, 別添3 prints its instance headings nowhere and its
 * items' labels once, as column headings. */
static const imp_row *row_of(const imp_row *rows, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(rows[i].node->id, id) == 0)
            return &rows[i];
    return NULL;
}

static void test_rows(void)
{
    int *insts = calloc((size_t)form->nnodes, sizeof *insts);
    imp_row *rows;
    int n;
    imp_rows_build(form, 1, insts, &rows, &n);
    free(insts);
    static const struct {
        const char *id;
        unsigned flags;
        int share;        /* 1: on its parent's printed row, 2: its grandparent's, 0: its own */
    } want[] = {
        { "cover", IMP_ROW_UNPRINTED, 0 },
        { "cover.number", IMP_ROW_COLUMN | IMP_ROW_PLACED, 0 },
        { "cover.title", IMP_ROW_COLUMN | IMP_ROW_PLACED, 0 },
        { "cover.org", IMP_ROW_PLACED, 0 },
        { "overview.entrust.item.title", IMP_ROW_INLINE, 1 },
        { "overview.basic.items.main.contact", IMP_ROW_CAPTION, 1 },
        { "overview.basic.items.main.contact.phone", 0, 2 },
        { "overview.basic.scope.need", 0, 0 },     /* its own row under ③, which carries an answer */
        { "changes.row", IMP_ROW_UNPRINTED, 0 },
        { "changes.row.timing", IMP_ROW_COLUMN, 0 },
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const imp_row *r = row_of(rows, n, want[k].id);
        CHECK(r != NULL);
        if (!r)
            continue;
        CHECK(r->flags == want[k].flags);
        if (r->parent < 0)
            continue;
        const imp_row *up = &rows[r->parent];
        if (want[k].share == 2 && up->parent >= 0)
            up = &rows[up->parent];
        CHECK((r->prow == up->prow) == (want[k].share > 0));
    }
    free(rows);
}

/* The 項目一覧 page lists the sections; the body's first band, right
 * after it, is a section start all the same. */
static void test_contents_page(void)
{
    imp_result *r = import(
        "特定個人情報保護評価書（全項目評価書）\n"
        "項目一覧\nⅠ 基本情報\n（別添1）事務の内容\nⅡ 特定個人情報ファイルの概要\n"
        "（別添2）特定個人情報ファイル記録項目\n"
        "Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策\nⅣ その他のリスク対策\n"
        "Ⅴ 開示請求、問合せ\nⅥ 評価実施手続\n（別添3）変更箇所\n"
        "Ⅰ 基本情報\n1. 特定個人情報ファイルを取り扱う事務\n①事務の名称\t架空の事務\n"
        "②事務の内容 ※\t届出を受け付ける。\n"
        "③対象人数\t[ 1万人以上10万人未満 ] <選択肢> 1) 1,000人未満（任意実施）\n"
        "7. 評価実施機関における担当部署\n①部署\t市民課\n②所属長の役職名\t市民課長\n"
        "（別添3）変更箇所\n変更箇所1\n変更日\t令和7年4月1日\n提出時期\t事前\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_STR(value(r, 0, 0, "basic.affairs.name"), "架空の事務");
    CHECK_STR(value(r, 0, 0, "basic.dept.head"), "市民課長");
    for (int i = 0; i < r->nmissing; i++)
        CHECK(strcmp(r->missing[i].node->id, "basic") != 0);
    CHECK(r->nloose == 0);
    /* 提出時期 written without brackets or list: the option itself */
    CHECK_STR(value(r, 0, 1, "changes.row.timing"), "事前");
    CHECK(r->nguess == 0);
    imp_result_free(r);
}

/* A long answer continued under 「②事務の内容 ※（続き）」 reads as one; an
 * answer of someone's that ends in （続き） is kept whole. */
static void test_continued(void)
{
    imp_result *r = import(
        "Ⅰ 基本情報\n1. 特定個人情報ファイルを取り扱う事務\n①事務の名称\t架空の事務\n"
        "②事務の内容 ※\t届出を受け付ける。\n"
        "②事務の内容 ※（続き）\t審査して記録する。\n"
        "③対象人数\t[ 1万人以上10万人未満 ] <選択肢> 1) 1,000人未満（任意実施）\n"
        "7. 評価実施機関における担当部署\n①部署\t市民課（続き）\n②所属長の役職名\t市民課長\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_STR(value(r, 0, 0, "basic.affairs.content"), "届出を受け付ける。\n審査して記録する。");
    CHECK_STR(value(r, 0, 0, "basic.dept.name"), "市民課（続き）");
    CHECK(r->nloose == 0);
    imp_result_free(r);
}

/* -layout text: a label wrapped over two lines while the boxes beside its
 * first line have begun. */
static void test_boxes_beside_wrapped_label(void)
{
    imp_result *r = import(
        "4. 特定個人情報ファイルの取扱いの委託\n"
        "委託の有無 ※       [ 委託する ]  <選択肢> 1) 委託する 2) 委託しない\n"
        "委託事項1          窓口業務\n"
        "①委託内容          転入届の受付の補助\n"
        "④委託先への特定個人情報     [ ○ ] 専用線 [ ] 電子メール\n"
        "ファイルの提供方法        [ ] 紙 [ ○ ] その他（ 手渡し ）\n"
        "⑤委託先名の確認方法       市のホームページで公表している。\n");
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.method.line"), "1");
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.method.mail"), "0");
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.method.paper"), "0");
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.method.other"), "1");
    CHECK_STR(value(r, 1, 1, "overview.entrust.item.check"), "市のホームページで公表している。");
    CHECK(r->nloose == 0);
    imp_result_free(r);
}

static void test_refusals(void)
{
    pia_err err = { 0 };
    imp_result *r;
    const char *prose = "今月の広報です。\n市民プールの開場は七月一日です。\n";
    CHECK(pia_import_text_buffer("prose.txt", prose, strlen(prose), form, &r, &err) == -1);
    CHECK_HAS(err.msg, "prose.txt: 評価書として読み取れません");
    CHECK(r == NULL);
    const char *kiso = "特定個人情報保護評価書（基礎項目評価書）\n";
    CHECK(pia_import_text_buffer("kiso.txt", kiso, strlen(kiso), form, &r, &err) == -1);
    CHECK_HAS(err.msg, "基礎項目評価書");
}

int main(void)
{
    pia_err err = { 0 };
    if (pia_form_load_named("zenkomoku", &form, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    test_fold();
    test_layout();
    test_files_and_groups();
    test_broken_labels();
    test_rows();
    test_contents_page();
    test_continued();
    test_boxes_beside_wrapped_label();
    test_refusals();
    pia_form_free(form);
    return check_result();
}
