# Consistency rules (templates' `rules:`, model/rules.c): an assessment that
# breaks every kind of rule of zenkomoku.yaml, imported once; `pia check`
# names both items of each; the consistent half reports nothing.  Then a
# template copy whose rule names an unknown id or the wrong kind is refused
# by `pia template check` at its line.
set -eu
cat > broken.yaml <<'YAML'
pia: 1
template: zenkomoku
title: 規則の試験
organisation: 架空町長
answers:
  basic.link.done: 実施しない
files:
- name: 架空ファイル
  answers:
    overview.basic.persons: 1万人以上10万人未満
    overview.use.source.self: true
    overview.use.source.other: true
    overview.entrust.done: {value: 委託する, detail: '2'}
    overview.entrust.item:
    - overview.entrust.item.title: 保守
      overview.entrust.item.range.persons: 10万人以上100万人未満
      overview.entrust.item.method.line: true
    overview.provide.done.provide: {value: true, detail: '１'}
    overview.provide.done.none: true
    overview.provide.to:
    - overview.provide.to.name: 架空県
      overview.provide.to.persons: 1万人未満
    risk.entrust.none: true
    risk.network.no_obtain: true
- name: 整合したファイル
  answers:
    overview.basic.persons: 10万人以上100万人未満
    overview.basic.items.main.ident.number: true
    overview.use.source.dept: {value: true, detail: 税務課}
    overview.use.method.paper: true
    overview.entrust.done: 委託しない
    overview.provide.done.none: true
    risk.entrust.none: true
    risk.provide.none: true
    risk.network.no_obtain: true
    risk.network.no_provide: true
YAML
id=$($PIA --db t.db import broken.yaml 2>/dev/null)
rc=0; $PIA --db t.db check "$id" > out.txt || rc=$?; test $rc -eq 1
grep -v '未回答です\|該当しない部分に回答' out.txt > rules.txt || true
has() { grep -qxF -- "$1" rules.txt || { echo "missing: $1"; cat rules.txt; exit 1; }; }
has 'Ⅱ(1) 5. 提供を行っている	Ⅱ(1) 5. 行っていない と両方にチェックがあります（どちらか一方です）'
has 'Ⅱ(1) 2. ④ 主な記録項目 ※	どれにもチェックがありません（一つ以上にチェックします）'
has 'Ⅱ(1) 3. ②入手方法	どれにもチェックがありません（一つ以上にチェックします）'
has 'Ⅱ(1) 3. ① その他	チェックがありますが （ ） の中が空です（内容を記入します）'
has 'Ⅱ(1) 4. 委託の有無 ※	Ⅱ(1) 4. 委託事項 は 1 件ですが、「委託する（ 2 ）件」 です'
has 'Ⅱ(1) 4. 委託の有無 ※	Ⅲ(1) 4. 委託しない が 「チェックあり」 で食い違っています（この項目は 「委託する」）'
has 'Ⅱ(1) 5. 行っていない	Ⅲ(1) 5. 提供・移転しない が 「チェックなし」 で食い違っています（この項目は 「チェックあり」）'
has 'Ⅰ 6. ①実施の有無	Ⅲ(1) 6. 接続しない（提供） が 「チェックなし」 で食い違っています（この項目は 「実施しない」）'
has 'Ⅱ(1) 4. 委託事項1 ② 対象となる本人の数	Ⅱ(1) 2. ②対象となる本人の数 の「1万人以上10万人未満」を超えています（この項目は「10万人以上100万人未満」）'
# 「提供を行っている（１）件」 with one 提供先 agrees (full-width digits read);
# the 接続しない（入手） box is ticked as Ⅰ6 wants; file 2 is consistent.
if grep '件ですが' rules.txt | grep -q 提供; then exit 1; fi
if grep -q '接続しない（入手）' rules.txt; then exit 1; fi
if grep -q '^Ⅱ(2)\|^Ⅲ(2)\|Ⅲ(2)' rules.txt; then cat rules.txt; exit 1; fi
test "$(wc -l < rules.txt)" -eq 9 || { cat rules.txt; exit 1; }

# A broken rule in a copy of the template is refused where it is written.
cp "$ROOT/templates/zenkomoku.yaml" bad.yaml
echo '  - {kind: exclusive, items: [overview.provide.done.none, no.such.id]}' >> bad.yaml
line=$(wc -l < bad.yaml)
rc=0; $PIA template check bad.yaml 2>err.txt || rc=$?; test $rc -eq 1
grep -qF "bad.yaml:$line:59: rules: items の \"no.such.id\" はテンプレートにありません" err.txt || { cat err.txt; exit 1; }
cp "$ROOT/templates/zenkomoku.yaml" bad.yaml
echo '  - {kind: not_above, item: overview.basic.persons, limit: overview.provide.done.none}' >> bad.yaml
rc=0; $PIA template check bad.yaml 2>err.txt || rc=$?; test $rc -eq 1
grep -qF 'limit の "overview.provide.done.none" は check です（この規則には使えません）' err.txt || { cat err.txt; exit 1; }
cp "$ROOT/templates/zenkomoku.yaml" bad.yaml
echo '  - {kind: sometimes, items: [overview.provide.done.none]}' >> bad.yaml
rc=0; $PIA template check bad.yaml 2>err.txt || rc=$?; test $rc -eq 1
grep -qF '未知の kind "sometimes" です' err.txt || { cat err.txt; exit 1; }
$PIA template check "$ROOT/templates/zenkomoku.yaml" | grep -q '規則 [0-9]'
