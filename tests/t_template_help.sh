# Guidance on every answerable item: the template's companion
# zenkomoku.help.yaml is read with it, `pia template check` names an item
# whose guidance is missing (id and printed number) and fails, and a help
# file naming an unknown item or one that already has `help:` is refused
# with its place.
set -eu
T=$ROOT/templates
$PIA template check "$T/zenkomoku.yaml" > ok.txt
grep -q 'すべてにヘルプあり' ok.txt
# The help file is no template of its own.
$PIA template list > list.txt
! grep -q 'help' list.txt || exit 1
# One entry removed in a copy: reported with id and printed number.
mkdir t; cp "$T/zenkomoku.yaml" "$T/zenkomoku.help.yaml" t/
awk '/^risk.keep.r1.incident:/ {skip=1; next} skip && /^[a-z]/ {skip=0} !skip' \
    "$T/zenkomoku.help.yaml" > t/zenkomoku.help.yaml
rc=0; $PIA template check t/zenkomoku.yaml >out.txt 2>err.txt || rc=$?
test $rc -eq 1
grep -q 'ヘルプ（記載の手引き）がありません: Ⅲ 7\. リスク1 ⑨過去3年以内に.*（risk\.keep\.r1\.incident）' err.txt
grep -q 'ヘルプのない回答欄が 1 件' err.txt
! grep -q 'ok' out.txt || exit 1
# Without its help file the form still loads; every answerable item is named.
rm t/zenkomoku.help.yaml
rc=0; $PIA template check t/zenkomoku.yaml >out.txt 2>err.txt || rc=$?
test $rc -eq 1
grep -q 'ヘルプのない回答欄が 281 件' err.txt
# An id the template does not know: refused, naming the help file's line.
cp "$T/zenkomoku.help.yaml" t/
printf 'risk.nosuch: 存在しない項目の説明です。\n' >> t/zenkomoku.help.yaml
rc=0; $PIA template check t/zenkomoku.yaml 2>err.txt || rc=$?
test $rc -eq 1
grep -q 'zenkomoku.help.yaml:[0-9]*:1: テンプレート .* に項目 "risk.nosuch" はありません' err.txt
# Guidance in both places: refused, so there is one text to correct.
cp "$T/zenkomoku.help.yaml" t/
sed 's/{id: cover.remarks, label: 特記事項, kind: text}/{id: cover.remarks, label: 特記事項, kind: text, help: 二つ目}/' \
    "$T/zenkomoku.yaml" > t/zenkomoku.yaml
grep -q '二つ目' t/zenkomoku.yaml
rc=0; $PIA template check t/zenkomoku.yaml 2>err.txt || rc=$?
test $rc -eq 1
grep -q '"cover.remarks" のヘルプはテンプレート（[0-9]* 行目）にもあります' err.txt
