/*
 * format.h — answers as the official form prints them, shared by every
 * output (through the print model, print.h) and by the comparison:
 *   choice   [ 十分である ]   with its list  <選択肢> 1) 特に力を入れている 2) 十分である …
 *   box      [ ○ ] 提供・移転しない      [ ] 委託しない
 *   detail   （ 3 ）件   （手数料額、納付方法： 300円 ）   その他（ 住基システム ）
 * and the one escaping of control characters for anything shown or printed.
 */
#ifndef PIA_FORMAT_H
#define PIA_FORMAT_H

#include "form.h"
#include "doc.h"

#define PIA_CHOICE_UNSET "[ ]"
#define PIA_BOX_ON  "[ ○ ]"
#define PIA_BOX_OFF "[ ]"

/* "[ value ]" ("[ ]" when unanswered) followed by the detail when the node
 * has one: "[ 委託する ]（ 3 ）件". */
char *pia_format_choice(const pia_node *node, const pia_value *v);
/* "<選択肢> 1) a 2) b"; with another separator ("\n": one option a line). */
char *pia_format_options(const pia_node *node);
char *pia_format_options_sep(const pia_node *node, const char *sep);
/* "[ ○ ] label" / "[ ] label" plus the detail. */
char *pia_format_box(const pia_node *node, const pia_value *v);
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
