/*
 * test_template_rules.c — a template's `rules:` block as the loader reads
 * it: every rule kind resolved to its nodes with the place it is written,
 * the block before or after `sections:` alike, and every refusal with its
 * exact FILE:LINE:COLUMN prefix and words.
 */
#include "model/form.h"
#include "model/rules.h"
#include "tests/unit/check.h"

#include <stdlib.h>
#include <string.h>

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
#define HEAD "form: t\n" TREE "rules:\n"

static pia_form *load(const char *yaml, pia_err *err)
{
    pia_form *f = NULL;
    if (pia_form_load_buffer("t.yaml", yaml, strlen(yaml), &f, err))
        return NULL;
    return f;
}

#define EXPECT_BAD(rules, where, words) expect_bad(__LINE__, HEAD rules, (where), (words))

static void expect_bad(int line, const char *yaml, const char *where, const char *words)
{
    pia_err err = {0};
    pia_form *f = load(yaml, &err);
    int before = check_failures;
    CHECK(f == NULL);
    CHECK(err.code == PIA_EINVAL);
    CHECK_HAS(err.msg, words);
    check_count++;
    if (strncmp(err.msg, where, strlen(where)) != 0) {
        check_failures++;
        fprintf(stderr, "prefix: got \"%s\", want \"%s\"\n", err.msg, where);
    }
    if (check_failures != before)
        fprintf(stderr, "  ^ in the case at test_template_rules.c:%d\n", line);
    pia_form_free(f);
}

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

static void test_good(void)
{
    pia_err err = {0};
    pia_form *f = load(HEAD GOOD_RULES, &err);
    CHECK(f != NULL);
    if (!f) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    check_rules(f, 22);
    pia_form_free(f);
    /* Written before the tree that it names: read the same. */
    f = load("form: t\nrules:\n" GOOD_RULES TREE, &err);
    CHECK(f != NULL);
    if (!f) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    check_rules(f, 3);
    pia_form_free(f);
    /* No block: an empty set, never NULL. */
    f = load("form: t\n" TREE, &err);
    CHECK(f && f->rules && f->rules->n == 0);
    pia_form_free(f);
}

static void test_bad(void)
{
    EXPECT_BAD("  {kind: exclusive}\n", "t.yaml:22:3: ", "rules: rules はリストで書きます");
    EXPECT_BAD("", "t.yaml:21:7: ", "rules: rules はリストで書きます");
    EXPECT_BAD("  - [a, b]\n", "t.yaml:22:5: ", "rules: 規則はマッピング {kind: …} で書きます");
    EXPECT_BAD("  - {kind: exclusive, items: [a, b], also: 1}\n", "t.yaml:22:38: ", "rules: 未知のキー \"also\" です");
    EXPECT_BAD("  - {items: [a, b]}\n", "t.yaml:22:5: ", "rules: kind がありません");
    EXPECT_BAD("  - {kind: sometimes}\n", "t.yaml:22:12: ", "rules: 未知の kind \"sometimes\" です（exclusive, one_of");
    EXPECT_BAD("  - {kind: exclusive, items: a}\n", "t.yaml:22:30: ", "rules: items はリストで書きます");
    EXPECT_BAD("  - {kind: exclusive, items: [a]}\n", "t.yaml:22:30: ", "rules: items には 2 個以上の id が要ります");
    EXPECT_BAD("  - {kind: exclusive, items: [a, no.such]}\n", "t.yaml:22:34: ",
               "rules: items の \"no.such\" はテンプレートにありません");
    EXPECT_BAD("  - {kind: exclusive, items: [a, t]}\n", "t.yaml:22:34: ",
               "rules: items の \"t\" は text です（この規則には使えません）");
    EXPECT_BAD("  - {kind: exclusive, items: [a, r.box]}\n", "t.yaml:22:34: ",
               "rules: \"a\" と \"r.box\" は別の繰り返しの中にあり、一つの規則にできません");
    EXPECT_BAD("  - {kind: exclusive, items: [a, [b]]}\n", "t.yaml:22:34: ", "rules: items には id を一つ書きます");
    EXPECT_BAD("  - {kind: one_of, group: a}\n", "t.yaml:22:27: ", "rules: group の \"a\" は check です");
    EXPECT_BAD("  - {kind: needs_text, items: [b]}\n", "t.yaml:22:31: ",
               "rules: \"b\" には （ ） がありません（detail がない）");
    EXPECT_BAD("  - {kind: count, item: b, repeat: r}\n", "t.yaml:22:5: ",
               "rules: \"b\" には件数の （ ） がありません（detail がない）");
    EXPECT_BAD("  - {kind: count, item: a, repeat: g}\n", "t.yaml:22:36: ",
               "rules: repeat の \"g\" は繰り返しではありません");
    EXPECT_BAD("  - {kind: count, item: c, repeat: r}\n", "t.yaml:22:5: ",
               "rules: choice \"c\" には when: 選択肢 が要ります");
    EXPECT_BAD("  - {kind: count, item: c, repeat: r, when: w}\n", "t.yaml:22:45: ",
               "rules: \"w\" は \"c\" の選択肢にありません");
    EXPECT_BAD("  - {kind: count, item: a, repeat: r, when: w}\n", "t.yaml:22:45: ",
               "rules: when は choice にだけ書けます");
    EXPECT_BAD("  - {kind: count, item: a}\n", "t.yaml:22:5: ", "rules: repeat がありません");
    EXPECT_BAD("  - {kind: agree, a: c, b: {item: b}}\n", "t.yaml:22:22: ",
               "rules: a は {item: ID, is: 値} で書きます");
    EXPECT_BAD("  - {kind: agree, a: {item: b, was: 1}, b: {item: b}}\n", "t.yaml:22:32: ",
               "rules: a の未知のキー \"was\" です");
    EXPECT_BAD("  - {kind: agree, a: {item: b, is: x}, b: {item: a}}\n", "t.yaml:22:36: ",
               "rules: is は choice にだけ書けます（\"b\" は check）");
    EXPECT_BAD("  - {kind: agree, a: {item: c}, b: {item: a}}\n", "t.yaml:22:22: ",
               "rules: choice \"c\" には is: 選択肢 が要ります");
    EXPECT_BAD("  - {kind: agree, a: {item: c, is: w}, b: {item: a}}\n", "t.yaml:22:36: ",
               "rules: \"w\" は \"c\" の選択肢にありません");
    EXPECT_BAD("  - {kind: agree, a: {item: g}, b: {item: a}}\n", "t.yaml:22:29: ",
               "rules: item の \"g\" は group です");
    EXPECT_BAD("  - {kind: implies, a: {item: a}, b: {item: r.box}}\n", "t.yaml:22:38: ",
               "rules: \"a\" と \"r.box\" は別の繰り返しの中にあり、比べられません");
    EXPECT_BAD("  - {kind: implies, a: {item: a}}\n", "t.yaml:22:5: ", "rules: b がありません");
    EXPECT_BAD("  - {kind: not_above, item: d, limit: r.pick}\n", "t.yaml:22:39: ",
               "rules: \"d\" と \"r.pick\" の選択肢が同じではありません");
    EXPECT_BAD("  - {kind: not_above, item: d, limit: a}\n", "t.yaml:22:39: ",
               "rules: limit の \"a\" は check です");
    /* The second rule is the broken one: the place is its own. */
    EXPECT_BAD("  - {kind: exclusive, items: [a, b]}\n  - {kind: one_of, group: nope}\n", "t.yaml:23:27: ",
               "rules: group の \"nope\" はテンプレートにありません");
    /* An alias inside the block is refused as anywhere in a template. */
    EXPECT_BAD("  - {kind: one_of, group: &x g}\n", "t.yaml:22:27: ", "エイリアス・アンカーは使えません");
    /* A tree error comes first, wherever the rules are. */
    pia_err err = {0};
    CHECK(load("form: t\nrules:\n  - {kind: one_of, group: nope}\n" TREE "      - {id: a, kind: text, label: X}\n",
               &err) == NULL);
    CHECK_HAS(err.msg, "id \"a\" が重複しています");
}

int main(void)
{
    test_good();
    test_bad();
    return check_result();
}
