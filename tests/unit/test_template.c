/*
 * test_template.c — the template loader: one test per rejection class in
 * docs/template-format.md (each checking the exact FILE:LINE:COLUMN prefix),
 * the derived fields of a valid template, the bundled templates, the
 * bad-*.yaml fixtures the CLI test also uses, and the `rules:` block.
 */
#include "model/form.h"
#include "model/rules.h"
#include "tests/unit/check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Loads yaml as "t.yaml" and expects a PIA_EINVAL whose message starts with
 * `where` ("t.yaml:7:9: ") and contains `words`. */
#define EXPECT_BAD(yaml, where, words) expect_bad(__LINE__, (yaml), strlen(yaml), (where), (words))

static void expect_bad(int line, const char *yaml, size_t len, const char *where, const char *words)
{
    pia_form *f = (pia_form *)1;
    pia_err err = {0};
    int rc = pia_form_load_buffer("t.yaml", yaml, len, &f, &err);
    int before = check_failures;
    CHECK(rc == -1);
    CHECK(f == NULL);
    CHECK(err.code == PIA_EINVAL);
    CHECK_HAS(err.msg, words);
    check_count++;
    if (strncmp(err.msg, where, strlen(where)) != 0) {
        check_failures++;
        fprintf(stderr, "prefix: got \"%s\", want \"%s\"\n", err.msg, where);
    }
    if (check_failures != before)
        fprintf(stderr, "  ^ in the case at test_template.c:%d\n", line);
    if (rc == 0)
        pia_form_free(f);
}

/* Every node test below hangs its items under this one section. */
#define HEAD "form: t\nsections:\n  - id: s\n    label: S\n    items:\n"

static void test_syntax(void)
{
    EXPECT_BAD("form: t\ntitle: a: b\n", "t.yaml:2:9: ", "YAML の構文エラー: mapping values are not allowed");
    EXPECT_BAD("form: t\nsections: [\n", "t.yaml:3:1: ", "YAML の構文エラー");
    EXPECT_BAD("form: \"t\xff\"\n", "t.yaml:1:9: ", "YAML の構文エラー: invalid");
    EXPECT_BAD("", "t.yaml:1:1: ", "テンプレートが空です");
    EXPECT_BAD("- a\n", "t.yaml:1:1: ", "最上位がマッピングではありません");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A}\n---\nform: u\n",
               "t.yaml:7:1: ", "文書が複数あります");
}

static void test_alias(void)
{
    EXPECT_BAD("form: &a t\n", "t.yaml:1:7: ", "エイリアス・アンカーは使えません");
    EXPECT_BAD("form: t\ntitle: *x\n", "t.yaml:2:8: ", "エイリアス・アンカーは使えません");
    /* The classic alias bomb: refused at its first anchor, nothing expanded. */
    EXPECT_BAD(HEAD "      - id: a\n        kind: choice\n        label: A\n"
               "        choices: &l [lol, lol, lol]\n"
               "      - {id: b, kind: choice, label: B, choices: [*l, *l, *l]}\n",
               "t.yaml:9:18: ", "エイリアス・アンカーは使えません");
    EXPECT_BAD(HEAD "      - &n {id: a, kind: text, label: A}\n", "t.yaml:6:9: ", "エイリアス");
}

static void test_unknown_key(void)
{
    EXPECT_BAD("form: t\nsection: []\n", "t.yaml:2:1: ", "不明なキー \"section\"");
    EXPECT_BAD(HEAD "      - id: a\n        kind: text\n        lable: A\n",
               "t.yaml:8:9: ", "不明なキー \"lable\"");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, label: B}\n",
               "t.yaml:6:39: ", "キー \"label\" が重複しています（最初は 6:29）");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, [x]: 1}\n",
               "t.yaml:6:39: ", "キーが文字列ではありません");
}

static void test_ids(void)
{
    EXPECT_BAD(HEAD "      - id: a\n        kind: text\n        label: A\n"
               "      - id: a\n        kind: text\n        label: B\n",
               "t.yaml:9:13: ", "id \"a\" が重複しています（最初の定義は 6:9）");
    EXPECT_BAD(HEAD "      - id: s\n        kind: text\n        label: A\n",
               "t.yaml:6:13: ", "id \"s\" が重複しています（最初の定義は 3:5）");
    EXPECT_BAD(HEAD "      - {id: Risk.A, kind: text, label: A}\n", "t.yaml:6:14: ", "id \"Risk.A\" が不正です");
    EXPECT_BAD(HEAD "      - {id: a..b, kind: text, label: A}\n", "t.yaml:6:14: ", "id \"a..b\" が不正です");
    EXPECT_BAD(HEAD "      - {id: \"a b\", kind: text, label: A}\n", "t.yaml:6:14: ", "が不正です");
    EXPECT_BAD(HEAD "      - {id: , kind: text, label: A}\n", "t.yaml:6:", "id が空です");
    EXPECT_BAD(HEAD "      - {kind: text, label: A}\n", "t.yaml:6:9: ", "id がありません");
    EXPECT_BAD(HEAD "      - {id: \"a\\0b\", kind: text, label: A}\n", "t.yaml:6:14: ", "NUL 文字");
}

static void test_label(void)
{
    EXPECT_BAD(HEAD "      - id: a\n        kind: text\n", "t.yaml:6:9: ", "label がありません");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: }\n", "t.yaml:6:", "label がありません");
}

static void test_kind(void)
{
    EXPECT_BAD(HEAD "      - {id: a, kind: txt, label: A}\n", "t.yaml:6:23: ", "不明な kind \"txt\"");
    EXPECT_BAD(HEAD "      - {id: a, label: A}\n", "t.yaml:6:9: ", "kind がありません");
    EXPECT_BAD(HEAD "      - {id: a, kind: group, label: A}\n", "t.yaml:6:9: ", "group に items がありません");
    EXPECT_BAD(HEAD "      - {id: a, label: A, items: []}\n", "t.yaml:6:27: ", "items が空です");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, items: []}\n", "t.yaml:6:39: ", "items が空です");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, repeat: x}\n",
               "t.yaml:6:39: ", "repeat は group にだけ指定できます");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, disables: [s]}\n",
               "t.yaml:6:39: ", "disables は check にだけ指定できます");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, auto: name}\n",
               "t.yaml:6:45: ", "不明な auto \"name\"");
}

/* What the form prints: an item carrying its own answer and sub-items,
 * former ids, the cover and table layouts, names printed inline, and the
 * 項目一覧. */
static void test_print_keys(void)
{
    static const char ok[] =
        "form: p\nedition: \"[平成30年5月 様式4]\"\n"
        "contents: {title: 項目一覧, sections: [b, c]}\n"
        "sections:\n"
        "  - {id: a, label: 表紙, layout: cover, items: [{id: a.t, kind: text, label: T}]}\n"
        "  - id: b\n    label: B\n    items:\n"
        "      - {id: b.scope.text, number: ③, label: 範囲, kind: text, was: [b.scope],\n"
        "         items: [{id: b.scope.need, kind: text, label: その必要性}]}\n"
        "      - id: b.item\n        label: 委託事項\n        repeat: 委託事項\n"
        "        items: [{id: b.item.name, kind: text, label: 名, inline: true}]\n"
        "  - {id: c, label: 別添3, layout: table, items: [{id: c.x, kind: text, label: X}]}\n";
    pia_form *f = NULL;
    pia_err err = {0};
    CHECK(pia_form_load_buffer("t.yaml", ok, strlen(ok), &f, &err) == 0);
    if (!f) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    const pia_node *n = pia_form_find(f, "b.scope.text");
    CHECK(n && n->kind == PIA_TEXT && n->nkids == 1 && n->kids[0]->depth == 2);
    CHECK(pia_form_find(f, "b.scope") == n);           /* the former group's id */
    CHECK(pia_form_find(f, "b.item.name")->is_inline);
    CHECK_STR(pia_form_find(f, "a")->layout, "cover");
    CHECK_STR(f->edition, "[平成30年5月 様式4]");
    CHECK_STR(f->contents_title, "項目一覧");
    CHECK(f->ncontents == 2 && f->contents[0] == pia_form_find(f, "b") && f->contents[1] == pia_form_find(f, "c"));
    pia_form_free(f);
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, was: [s]}\n", "t.yaml:6:45: ",
               "was の id \"s\" は 3:5 で使われています");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, was: [S]}\n", "t.yaml:6:45: ", "was の id \"S\" が不正です");
    EXPECT_BAD("form: t\nsections:\n  - {id: s, label: S, layout: book, items: [{id: a, kind: text, label: A}]}\n",
               "t.yaml:3:31: ", "不明な layout \"book\"");
    EXPECT_BAD(HEAD "      - {id: a, label: A, layout: cover, items: [{id: b, kind: text, label: B}]}\n",
               "t.yaml:6:27: ", "layout は sections の直下にだけ指定できます");
    EXPECT_BAD(HEAD "      - {id: a, kind: choice, label: A, choices: [x], inline: true}\n",
               "t.yaml:6:55: ", "inline は text にだけ指定できます");
#define TAIL "sections:\n  - {id: s, label: S, items: [{id: a, kind: text, label: A}]}\n"
    EXPECT_BAD("form: t\ncontents: {title: 一覧, sections: [x]}\n" TAIL, "t.yaml:2:34: ",
               "contents の \"x\" は sections にありません");
    EXPECT_BAD("form: t\ncontents: {title: 一覧, sections: [a]}\n" TAIL, "t.yaml:2:34: ",
               "contents の \"a\" は sections にありません");
    EXPECT_BAD("form: t\ncontents: {title: 一覧}\n" TAIL, "t.yaml:2:1: ",
               "contents には title と sections が要ります");
#undef TAIL
}

static void test_choices(void)
{
    EXPECT_BAD(HEAD "      - {id: a, kind: choice, label: A}\n", "t.yaml:6:9: ", "choice に choices がありません");
    EXPECT_BAD(HEAD "      - {id: a, kind: choice, label: A, choices: []}\n",
               "t.yaml:6:41: ", "choice に choices がありません（空のリスト）");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, choices: [x, y]}\n",
               "t.yaml:6:39: ", "choices は choice にだけ指定できます");
    EXPECT_BAD(HEAD "      - {id: a, kind: choice, label: A, choices: [x, x]}\n",
               "t.yaml:6:41: ", "choices の \"x\" が重複しています");
    EXPECT_BAD(HEAD "      - {id: a, kind: choice, label: A, concern: z, choices: [x, y]}\n",
               "t.yaml:6:41: ", "concern \"z\" が choices にありません");
    EXPECT_BAD(HEAD "      - {id: a, kind: choice, label: A, choices: [x, {y: 1}]}\n",
               "t.yaml:6:54: ", "choices の値が文字列ではありません（マッピングがあります）");
}

static void test_disables(void)
{
    /* The reference is checked after the whole tree is read, so a later id is fine ... */
    pia_form *f = NULL;
    pia_err err = {0};
    const char *ok = HEAD "      - {id: a, kind: check, label: A, disables: [b]}\n"
                          "      - {id: b, kind: text, label: B}\n";
    CHECK(pia_form_load_buffer("t.yaml", ok, strlen(ok), &f, &err) == 0);
    pia_form_free(f);
    /* ... and an unknown one is reported at the entry itself. */
    EXPECT_BAD(HEAD "      - id: a\n        kind: check\n        label: A\n"
               "        disables:\n          - s\n          - risk.nope\n",
               "t.yaml:11:13: ", "disables の id \"risk.nope\" がありません");
}

static void test_repeat(void)
{
    EXPECT_BAD(HEAD "      - id: a\n        label: A\n        repeat: システム\n        items:\n"
               "          - id: b\n            label: B\n            repeat: 回\n            items:\n"
               "              - {id: c, kind: text, label: C}\n",
               "t.yaml:12:13: ", "repeat の中に repeat は置けません（外側は 6:9 の \"a\"）");
}

/* Builds a chain of `levels` nested groups ending in a text field. */
static char *nested(int levels)
{
    size_t cap = 64 + (size_t)levels * 200, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "form: t\nsections:\n");
    for (int i = 0; i < levels; i++) {
        int ind = 2 + i * 4;
        n += (size_t)snprintf(s + n, cap - n, "%*s- id: g%d\n%*slabel: G\n%*sitems:\n",
                              ind, "", i, ind + 2, "", ind + 2, "");
    }
    snprintf(s + n, cap - n, "%*s- {id: x, kind: text, label: X}\n", 2 + levels * 4, "");
    return s;
}

static void test_depth(void)
{
    char *ok = nested(15);   /* 15 groups + the field: 16 levels */
    pia_form *f = NULL;
    pia_err err = {0};
    CHECK(pia_form_load_buffer("t.yaml", ok, strlen(ok), &f, &err) == 0);
    CHECK(f && f->nnodes == 16 && f->nodes[15]->depth == 15);
    pia_form_free(f);
    free(ok);
    char *deep = nested(16);
    /* The 17th level is the field on line 3 + 16*3 = 51, column 2 + 16*4 + 3. */
    EXPECT_BAD(deep, "t.yaml:51:69: ", "入れ子が深すぎます（16 段まで）");
    free(deep);
}

/* A section with `fields` text fields. */
static char *flat(int fields, size_t *len)
{
    size_t cap = 64 + (size_t)fields * 48, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, HEAD);
    for (int i = 1; i <= fields; i++)
        n += (size_t)snprintf(s + n, cap - n, "      - {id: f%d, kind: text, label: F}\n", i);
    *len = n;
    return s;
}

static void test_node_count(void)
{
    size_t len;
    char *s = flat(9999, &len);   /* with the section: exactly 10,000 */
    pia_form *f = NULL;
    pia_err err = {0};
    CHECK(pia_form_load_buffer("t.yaml", s, len, &f, &err) == 0);
    CHECK(f && f->nnodes == 10000);
    pia_form_free(f);
    free(s);
    s = flat(10000, &len);
    expect_bad(__LINE__, s, len, "t.yaml:10005:9: ", "項目が多すぎます（10000 個まで）");
    free(s);
}

static void test_size(void)
{
    size_t len = (4u << 20) + 1;
    char *s = malloc(len);
    memset(s, '#', len);
    s[len - 1] = '\n';
    expect_bad(__LINE__, s, len, "t.yaml:1:1: ", "ファイルが大きすぎます（4 MiB まで）");
    free(s);
}

static void test_types(void)
{
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: {ja: A}}\n",
               "t.yaml:6:36: ", "label の値が文字列ではありません（マッピングがあります）");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: [A]}\n",
               "t.yaml:6:36: ", "label の値が文字列ではありません（リストがあります）");
    EXPECT_BAD("form: t\nsections: s\n", "t.yaml:2:11: ", "sections の値がリストではありません（文字列があります）");
    EXPECT_BAD("form: t\nsections:\n  - s\n", "t.yaml:3:5: ", "sections の要素がマッピングではありません");
    EXPECT_BAD(HEAD "      - a\n", "t.yaml:6:9: ", "items の要素がマッピングではありません");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, short: yes}\n",
               "t.yaml:6:46: ", "short の値が true・false ではありません");
    EXPECT_BAD(HEAD "      - {id: a, kind: text, label: A, per_file: [true]}\n",
               "t.yaml:6:49: ", "per_file の値が true・false ではありません");
    EXPECT_BAD("form: {a: b}\n", "t.yaml:1:7: ", "form の値が文字列ではありません");
    EXPECT_BAD("form: T/x\n", "t.yaml:1:7: ", "form \"T/x\" が不正です");
}

static void test_missing_top(void)
{
    EXPECT_BAD("title: x\nsections:\n  - {id: a, kind: text, label: A}\n", "t.yaml:1:1: ", "form がありません");
    EXPECT_BAD("form: t\ntitle: x\n", "t.yaml:1:1: ", "sections がありません");
    EXPECT_BAD("form: t\nsections: []\n", "t.yaml:2:11: ", "sections が空です");
}

static void test_not_found(void)
{
    pia_form *f = (pia_form *)1;
    pia_err err = {0};
    CHECK(pia_form_load("no/such/dir/x.yaml", &f, &err) == -1);
    CHECK(f == NULL);
    CHECK(err.code == PIA_ENOTFOUND);
    CHECK_HAS(err.msg, "no/such/dir/x.yaml: ");
    CHECK_HAS(err.msg, "そのファイルまたはフォルダがありません");
    CHECK(pia_form_load_named("nosuchtemplate", &f, &err) == -1);
    CHECK(err.code == PIA_ENOTFOUND);
    CHECK_HAS(err.msg, "テンプレート \"nosuchtemplate\" が見つかりません");
    CHECK(pia_form_load_named("../etc", &f, &err) == -1);
    CHECK(err.code == PIA_EINVAL);
}

static const char mini[] =
    "form: mini\n"
    "title: テスト評価書\n"
    "edition: \"2024\"\n"
    "sections:\n"
    "  - id: cover\n"
    "    label: 表紙\n"
    "    items:\n"
    "      - {id: cover.name, kind: text, number: ①, label: 事務の名称, short: true, notice: true}\n"
    "  - id: risk\n"
    "    number: Ⅲ\n"
    "    label: リスク対策\n"
    "    per_file: true\n"
    "    items:\n"
    "      - id: risk.sys\n"
    "        number: \"1.\"\n"
    "        label: システム\n"
    "        repeat: システム\n"
    "        items:\n"
    "          - {id: risk.sys.name, kind: text, label: 名称, auto: file_name, help: 名前}\n"
    "      - id: risk.r1\n"
    "        number: リスク1\n"
    "        sep: \"： \"\n"
    "        label: 目的外の入手\n"
    "        note: 【行政機関等のみ】\n"
    "        per_file: false\n"
    "        items:\n"
    "          - {id: risk.r1.ok, kind: choice, concern: 課題が残されている, label: 十分か,\n"
    "             choices: [特に力を入れている, 十分である, 課題が残されている]}\n"
    "          - {id: risk.r1.none, kind: check, label: 委託しない, detail: 件, disables: [risk.sys]}\n";

static void check_heading(const pia_form *f, const char *id, const char *want)
{
    const pia_node *n = pia_form_find(f, id);
    CHECK(n != NULL);
    if (!n)
        return;
    char *h = pia_node_heading(n);
    CHECK_STR(h, want);
    free(h);
}

static void check_mini(const pia_form *f)
{
    CHECK_STR(f->name, "mini");
    CHECK_STR(f->title, "テスト評価書");
    CHECK_STR(f->edition, "2024");
    CHECK(f->nsections == 2 && f->nnodes == 8);
    static const char *order[] = {"cover", "cover.name", "risk", "risk.sys", "risk.sys.name",
                                  "risk.r1", "risk.r1.ok", "risk.r1.none"};
    for (int i = 0; i < 8 && i < f->nnodes; i++) {
        CHECK_STR(f->nodes[i]->id, order[i]);
        CHECK(f->nodes[i]->index == i);
        CHECK(pia_form_find(f, order[i]) == f->nodes[i]);
    }
    CHECK(pia_form_find(f, "risk.nope") == NULL);
    CHECK(pia_form_find(f, NULL) == NULL);

    check_heading(f, "cover", "表紙");
    check_heading(f, "cover.name", "①事務の名称 ※");
    check_heading(f, "risk", "Ⅲ リスク対策");
    check_heading(f, "risk.sys", "1. システム");
    check_heading(f, "risk.r1", "リスク1： 目的外の入手 【行政機関等のみ】");

    const pia_node *cover = pia_form_find(f, "cover"), *name = pia_form_find(f, "cover.name");
    const pia_node *risk = pia_form_find(f, "risk"), *sys = pia_form_find(f, "risk.sys");
    const pia_node *sysname = pia_form_find(f, "risk.sys.name"), *r1 = pia_form_find(f, "risk.r1");
    const pia_node *ok = pia_form_find(f, "risk.r1.ok"), *none = pia_form_find(f, "risk.r1.none");
    CHECK(cover->kind == PIA_GROUP && cover->depth == 0 && cover->parent == NULL && cover->nkids == 1);
    CHECK(name->kind == PIA_TEXT && name->is_short && name->notice && name->parent == cover);
    CHECK(name->line == 8 && name->col == 9);
    CHECK(sysname->depth == 2 && sysname->parent == sys && sysname->help && !strcmp(sysname->autofill, "file_name"));
    CHECK(f->sections[0] == cover && f->sections[1] == risk);

    /* per_file is inherited, and a false turns it off below. */
    CHECK(!cover->per_file && !name->per_file);
    CHECK(risk->per_file && sys->per_file && sysname->per_file);
    CHECK(!r1->per_file && !ok->per_file && !none->per_file);

    CHECK(sys->repeat_group == sys && sysname->repeat_group == sys);
    CHECK(risk->repeat_group == NULL && ok->repeat_group == NULL);

    CHECK(ok->kind == PIA_CHOICE && ok->nchoices == 3);
    CHECK(pia_node_choice_index(ok, "十分である") == 1);
    CHECK(pia_node_choice_index(ok, "課題が残されている") == 2);
    CHECK(pia_node_choice_index(ok, "ない") == -1);
    CHECK(pia_node_choice_index(ok, NULL) == -1);
    CHECK_STR(ok->concern, "課題が残されている");
    CHECK(none->kind == PIA_CHECK && none->ndisables == 1 && !strcmp(none->disables[0], "risk.sys"));
    CHECK_STR(none->detail, "件");
}

static void test_happy(void)
{
    pia_form *f = NULL;
    pia_err err = {0};
    CHECK(pia_form_load_buffer("mini.yaml", mini, sizeof mini - 1, &f, &err) == 0);
    if (!f) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    check_mini(f);
    pia_form_free(f);
}

/* The same template through the file system and the template path. */
static void test_named(void)
{
    char dir[] = "/tmp/pia-tmpl.XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char path[64];
    snprintf(path, sizeof path, "%s/mini.yaml", dir);
    FILE *fp = fopen(path, "w");
    fputs(mini, fp);
    fclose(fp);

    char *saved = getenv("PIA_TEMPLATE_DIR") ? strdup(getenv("PIA_TEMPLATE_DIR")) : NULL;
    setenv("PIA_TEMPLATE_DIR", dir, 1);
    const char *dirs[8];
    int n = pia_template_dirs(dirs, 8);
    CHECK(n >= 3);
    CHECK_STR(dirs[0], dir);
    CHECK_STR(dirs[n - 1], PIA_DATADIR "/templates");
    for (int i = 1; i < n; i++)     /* never the current folder */
        CHECK(dirs[i][0] == '/');
    CHECK(pia_template_dirs(dirs, 1) == 1);

    pia_form *f = NULL;
    pia_err err = {0};
    CHECK(pia_form_load_named("mini", &f, &err) == 0);
    if (f) {
        CHECK_STR(f->path, path);
        check_mini(f);
        pia_form_free(f);
    }
    /* A template lying in ./templates where pia is started is not the form:
     * without PIA_TEMPLATE_DIR it is not found there. */
    mkdir("templates", 0700);
    fp = fopen("templates/planted.yaml", "w");
    fputs(mini, fp);
    fclose(fp);
    unsetenv("PIA_TEMPLATE_DIR");
    f = NULL;
    CHECK(pia_form_load_named("planted", &f, &err) == -1 && err.code == PIA_ENOTFOUND);
    CHECK(f == NULL);
    CHECK(strstr(err.msg, "./templates") == NULL);
    pia_form_free(f);
    unlink("templates/planted.yaml");
    rmdir("templates");
    if (saved)
        setenv("PIA_TEMPLATE_DIR", saved, 1);
    else
        unsetenv("PIA_TEMPLATE_DIR");
    free(saved);
    unlink(path);
    rmdir(dir);
}

static const char *root(void)
{
    const char *r = getenv("ROOT");
    return r && *r ? r : ".";
}

/* Every bundled template must load, and every node must be found by id. */
static void test_bundled(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/templates/zenkomoku.yaml", root());
    if (access(path, F_OK) != 0) {
        fprintf(stderr, "note: %s not there yet, skipped\n", path);
        return;
    }
    pia_form *f = NULL;
    pia_err err = {0};
    int rc = pia_form_load(path, &f, &err);
    CHECK(rc == 0);
    if (rc != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK(f->nsections > 0 && f->nnodes > 0);
    for (int i = 0; i < f->nnodes; i++)
        CHECK(pia_form_find(f, f->nodes[i]->id) == f->nodes[i]);
    pia_form_free(f);
}

/* Each fixture's first line says what it must produce:
 * "# expect: 4:7: words" — the CLI test reads the same line. */
static void test_fixtures(void)
{
    static const char *names[] = {"bad-alias", "bad-unknown-key", "bad-duplicate-id",
                                  "bad-disables", "bad-syntax", "bad-choice"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[4096], line[512], want[4600];
        snprintf(path, sizeof path, "%s/tests/fixtures/templates/%s.yaml", root(), names[i]);
        FILE *fp = fopen(path, "r");
        CHECK(fp != NULL);
        if (!fp)
            continue;
        int got_line = fgets(line, sizeof line, fp) != NULL;
        fclose(fp);
        CHECK(got_line && !strncmp(line, "# expect: ", 10));
        line[strcspn(line, "\n")] = '\0';
        snprintf(want, sizeof want, "%s:%s", path, line + 10);
        pia_form *f = NULL;
        pia_err err = {0};
        CHECK(pia_form_load(path, &f, &err) == -1);
        CHECK(err.code == PIA_EINVAL);
        CHECK_STR(err.msg, want);
    }
}

/* ---- the rules block ---------------------------------------------------
 * Every rule kind resolved to its nodes with the place it is written, the
 * block before or after `sections:` alike (the loader keeps it from its
 * one pass over the file), and every refusal with its place. */

/* A small tree with one of every kind a rule can name. */
#define TREE \
    "sections:\n" \
    "  - id: s\n" \
    "    label: S\n" \
    "    items:\n" \
    "      - {id: a, kind: check, label: A, detail: 件}\n" \
    "      - {id: b, kind: check, label: B}\n" \
    "      - {id: c, kind: choice, label: C, choices: [x, y, z], detail: 件}\n" \
    "      - {id: d, kind: choice, label: D, choices: [x, y, z]}\n" \
    "      - {id: t, kind: text, label: T}\n" \
    "      - id: g\n" \
    "        label: G\n" \
    "        items:\n" \
    "          - {id: g.box, kind: check, label: GB}\n" \
    "      - id: r\n" \
    "        label: R\n" \
    "        repeat: R\n" \
    "        items:\n" \
    "          - {id: r.box, kind: check, label: RB}\n" \
    "          - {id: r.pick, kind: choice, label: RP, choices: [x, y]}\n"
/* Rules follow the tree: the first rule is on line 22. */
#define RHEAD "form: t\n" TREE "rules:\n"
#define RULE_BAD(rules, where, words) EXPECT_BAD(RHEAD rules, (where), (words))

static void check_rules(const pia_form *f, int first_line)
{
    const pia_rules *rs = f->rules;
    CHECK(rs && rs->n == 7);
    if (!rs || rs->n != 7)
        return;
    const pia_rule *r = rs->rule;
    CHECK(r[0].kind == PIA_RULE_EXCLUSIVE && r[0].nitems == 2 && r[0].items[0] == pia_form_find(f, "a") &&
          r[0].items[1] == pia_form_find(f, "b"));
    CHECK(r[0].line == first_line && r[0].col == 5);
    CHECK(r[1].kind == PIA_RULE_ONE_OF && r[1].nitems == 1 && r[1].items[0] == pia_form_find(f, "g"));
    CHECK(r[2].kind == PIA_RULE_NEEDS_TEXT && r[2].items[0] == pia_form_find(f, "a"));
    CHECK(r[3].kind == PIA_RULE_COUNT && r[3].items[0] == pia_form_find(f, "c") &&
          r[3].other == pia_form_find(f, "r") && r[3].when && !strcmp(r[3].when, "y"));
    CHECK(r[4].kind == PIA_RULE_AGREE && r[4].a.node == pia_form_find(f, "c") && r[4].a.is &&
          !strcmp(r[4].a.is, "z") && r[4].b.node == pia_form_find(f, "b") && !r[4].b.is);
    CHECK(r[4].line == first_line + 4 && r[4].col == 5);
    CHECK(r[5].kind == PIA_RULE_IMPLIES && r[5].a.node == pia_form_find(f, "t") &&
          r[5].b.node == pia_form_find(f, "d") && !strcmp(r[5].b.is, "x"));
    CHECK(r[6].kind == PIA_RULE_NOT_ABOVE && r[6].items[0] == pia_form_find(f, "d") &&
          r[6].other == pia_form_find(f, "c"));
}

static pia_form *load_rules(const char *yaml)
{
    pia_form *f = NULL;
    pia_err err = {0};
    if (pia_form_load_buffer("t.yaml", yaml, strlen(yaml), &f, &err))
        fprintf(stderr, "%s\n", err.msg);
    return f;
}

/* Each block in a template of the tree above: rules after the tree, then
 * before it; the first rule is on line `first_line`. */
static void expect_rules(const char *yaml, int first_line)
{
    pia_form *f = load_rules(yaml);
    CHECK(f != NULL);
    if (f)
        check_rules(f, first_line);
    pia_form_free(f);
}

#define GOOD_RULES \
    "  - {kind: exclusive, items: [a, b]}\n" \
    "  - {kind: one_of, group: g}\n" \
    "  - {kind: needs_text, items: [a]}\n" \
    "  - {kind: count, item: c, when: y, repeat: r}\n" \
    "  - kind: agree\n" \
    "    a: {item: c, is: z}\n" \
    "    b: {item: b}\n" \
    "  - {kind: implies, a: {item: t}, b: {item: d, is: x}}\n" \
    "  - {kind: not_above, item: d, limit: c}\n"

static void test_rules_good(void)
{
    expect_rules(RHEAD GOOD_RULES, 22);
    expect_rules("form: t\nrules:\n" GOOD_RULES TREE, 3);   /* before the tree it names */
    pia_form *f = load_rules("form: t\n" TREE);         /* no block: an empty set, never NULL */
    CHECK(f && f->rules && f->rules->n == 0);
    pia_form_free(f);
}

static void test_rules_bad(void)
{
    RULE_BAD("  {kind: exclusive}\n", "t.yaml:22:3: ", "rules: rules はリストで書きます");
    RULE_BAD("", "t.yaml:21:7: ", "rules: rules はリストで書きます");
    RULE_BAD("  - [a, b]\n", "t.yaml:22:5: ", "rules: 規則はマッピング {kind: …} で書きます");
    RULE_BAD("  - {kind: exclusive, items: [a, b], also: 1}\n", "t.yaml:22:38: ", "rules: 未知のキー \"also\" です");
    RULE_BAD("  - {items: [a, b]}\n", "t.yaml:22:5: ", "rules: kind がありません");
    RULE_BAD("  - {kind: sometimes}\n", "t.yaml:22:12: ", "rules: 未知の kind \"sometimes\" です（exclusive, one_of");
    RULE_BAD("  - {kind: exclusive, items: a}\n", "t.yaml:22:30: ", "rules: items はリストで書きます");
    RULE_BAD("  - {kind: exclusive, items: [a]}\n", "t.yaml:22:30: ", "rules: items には 2 個以上の id が要ります");
    RULE_BAD("  - {kind: exclusive, items: [a, no.such]}\n", "t.yaml:22:34: ",
               "rules: items の \"no.such\" はテンプレートにありません");
    RULE_BAD("  - {kind: exclusive, items: [a, t]}\n", "t.yaml:22:34: ",
               "rules: items の \"t\" は text です（この規則には使えません）");
    RULE_BAD("  - {kind: exclusive, items: [a, r.box]}\n", "t.yaml:22:34: ",
               "rules: \"a\" と \"r.box\" は別の繰り返しの中にあり、一つの規則にできません");
    RULE_BAD("  - {kind: exclusive, items: [a, [b]]}\n", "t.yaml:22:34: ", "rules: items には id を一つ書きます");
    RULE_BAD("  - {kind: one_of, group: a}\n", "t.yaml:22:27: ", "rules: group の \"a\" は check です");
    RULE_BAD("  - {kind: needs_text, items: [b]}\n", "t.yaml:22:31: ",
               "rules: \"b\" には （ ） がありません（detail がない）");
    RULE_BAD("  - {kind: count, item: b, repeat: r}\n", "t.yaml:22:5: ",
               "rules: \"b\" には件数の （ ） がありません（detail がない）");
    RULE_BAD("  - {kind: count, item: a, repeat: g}\n", "t.yaml:22:36: ",
               "rules: repeat の \"g\" は繰り返しではありません");
    RULE_BAD("  - {kind: count, item: c, repeat: r}\n", "t.yaml:22:5: ",
               "rules: choice \"c\" には when: 選択肢 が要ります");
    RULE_BAD("  - {kind: count, item: c, repeat: r, when: w}\n", "t.yaml:22:45: ",
               "rules: \"w\" は \"c\" の選択肢にありません");
    RULE_BAD("  - {kind: count, item: a, repeat: r, when: w}\n", "t.yaml:22:45: ",
               "rules: when は choice にだけ書けます");
    RULE_BAD("  - {kind: count, item: a}\n", "t.yaml:22:5: ", "rules: repeat がありません");
    RULE_BAD("  - {kind: agree, a: c, b: {item: b}}\n", "t.yaml:22:22: ",
               "rules: a は {item: ID, is: 値} で書きます");
    RULE_BAD("  - {kind: agree, a: {item: b, was: 1}, b: {item: b}}\n", "t.yaml:22:32: ",
               "rules: a の未知のキー \"was\" です");
    RULE_BAD("  - {kind: agree, a: {item: b, is: x}, b: {item: a}}\n", "t.yaml:22:36: ",
               "rules: is は choice にだけ書けます（\"b\" は check）");
    RULE_BAD("  - {kind: agree, a: {item: c}, b: {item: a}}\n", "t.yaml:22:22: ",
               "rules: choice \"c\" には is: 選択肢 が要ります");
    RULE_BAD("  - {kind: agree, a: {item: c, is: w}, b: {item: a}}\n", "t.yaml:22:36: ",
               "rules: \"w\" は \"c\" の選択肢にありません");
    RULE_BAD("  - {kind: agree, a: {item: g}, b: {item: a}}\n", "t.yaml:22:29: ",
               "rules: item の \"g\" は group です");
    RULE_BAD("  - {kind: implies, a: {item: a}, b: {item: r.box}}\n", "t.yaml:22:38: ",
               "rules: \"a\" と \"r.box\" は別の繰り返しの中にあり、比べられません");
    RULE_BAD("  - {kind: implies, a: {item: a}}\n", "t.yaml:22:5: ", "rules: b がありません");
    RULE_BAD("  - {kind: not_above, item: d, limit: r.pick}\n", "t.yaml:22:39: ",
               "rules: \"d\" と \"r.pick\" の選択肢が同じではありません");
    RULE_BAD("  - {kind: not_above, item: d, limit: a}\n", "t.yaml:22:39: ",
               "rules: limit の \"a\" は check です");
    /* The second rule is the broken one: the place is its own. */
    RULE_BAD("  - {kind: exclusive, items: [a, b]}\n  - {kind: one_of, group: nope}\n", "t.yaml:23:27: ",
               "rules: group の \"nope\" はテンプレートにありません");
    /* An alias inside the block is refused as anywhere in a template. */
    RULE_BAD("  - {kind: one_of, group: &x g}\n", "t.yaml:22:27: ", "エイリアス・アンカーは使えません");
    /* A tree error comes first, wherever the rules are. */
    EXPECT_BAD("form: t\nrules:\n  - {kind: one_of, group: nope}\n" TREE "      - {id: a, kind: text, label: X}\n",
               "t.yaml:23:14: ", "id \"a\" が重複しています");
}

int main(void)
{
    test_syntax();
    test_alias();
    test_unknown_key();
    test_ids();
    test_label();
    test_kind();
    test_choices();
    test_print_keys();
    test_disables();
    test_repeat();
    test_depth();
    test_node_count();
    test_size();
    test_types();
    test_missing_top();
    test_not_found();
    test_happy();
    test_named();
    test_bundled();
    test_fixtures();
    test_rules_good();
    test_rules_bad();
    return check_result();
}
