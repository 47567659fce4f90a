/*
 * format.h — answers as the official form prints them, shared by the text
 * and XLSX exports and the TUI so all three read the same:
 *   choice  [十分である] <選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている
 *   check   [○] 提供・移転しない      [ ] 委託しない
 *   detail  （ 3 ）件   （手数料額、納付方法： 300円 ）   その他（ 住基システム ）
 */
#ifndef PIA_FORMAT_H
#define PIA_FORMAT_H

#include "form.h"
#include "doc.h"

#define PIA_CHOICE_UNSET "[　]"

/* "[value] <選択肢> 1) a 2) b" plus the detail when the node has one. */
char *pia_format_choice(const pia_node *node, const pia_value *v);
/* "[○] label" / "[ ] label" plus the detail. */
char *pia_format_check(const pia_node *node, const pia_value *v);
/* The parenthetical for node->detail and the typed text ("" when the node
 * has no detail). */
char *pia_format_detail(const pia_node *node, const char *text);
/* Whether a check answer is checked. */
int pia_value_checked(const pia_value *v);

/* Copy of s with control characters other than \n and \t made visible
 * (ESC as "^[", DEL as "^?", C1 controls and any byte that is not UTF-8 —
 * a raw 0x9B included — as "<9B>"), so stored text never drives a
 * terminal and the result is always well-formed UTF-8. */
char *pia_text_visible(const char *s);

/* The first `n` characters of s on one line (newlines and tabs as spaces),
 * with "…" when cut; for lists and logs.  Caller frees. */
char *pia_text_abbrev(const char *s, int n);

#endif
