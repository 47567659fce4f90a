/*
 * args.h — strict reading of what the command line gives: numbers,
 * options, the text of arguments and standard input, and confirmations of
 * destructive commands.  Every option and argument that takes a number
 * goes through pia_cli_parse_num, so "abc", "1x", "0" or "4294967297" are
 * refused with a message naming the option and the range instead of being
 * read as some other number; option mistakes are told in Japanese; text
 * that is not UTF-8, or holds a NUL, is refused before anything is stored.
 */
#ifndef PIA_CLI_ARGS_H
#define PIA_CLI_ARGS_H

#include "model/err.h"

/* Parse the whole of `s` as a decimal integer in [min, max].  On failure
 * prints "pia: NAME には MIN〜MAX の整数を指定してください（S）" and returns
 * PIA_EXIT_USAGE; returns 0 on success.  `name` is what the user typed or
 * sees ("--inst", "ファイル番号"). */
int pia_cli_parse_num(const char *name, const char *s, long min, long max, long *out);

/* The largest position of a file or an instance an option may name before
 * the assessment is read (the real bound is checked against it). */
#define PIA_MAX_POS 100000

/* An assessment's ID argument: 1 or more, digits only.  On failure prints
 * "pia: 評価書の ID は 1 以上の整数です（指定: S）" and returns PIA_EXIT_USAGE. */
int pia_cli_id_arg(const char *s, long *id);

/* Ask before destroying something.  `what` says what will be lost, in
 * Japanese ("ファイル 2「税宛名情報ファイル」と回答 86 件").  With `yes`
 * set, go ahead.  On a terminal (stdin and stderr both ttys) ask y/N.
 * Elsewhere refuse: scripts must say --yes.
 * Returns 0 to go ahead, PIA_EXIT_FAIL when the person said no,
 * PIA_EXIT_USAGE when refused for want of --yes. */
int pia_cli_confirm(int yes, const char *what);
/* The same for any change: `action` is the whole sentence ("…に戻す"),
 * `nothing` what a "no" leaves ("何も変更していません"). */
int pia_cli_ask(int yes, const char *action, const char *nothing);

/* getopt_long with Japanese messages: an unknown option, an option
 * missing its value or given one it does not take is reported
 * ("pia: 不明なオプション: --fiel", "pia: --inst には値が必要です") and '?'
 * returned; the caller then prints its usage and exits 2.  getopt's own
 * English messages are never printed.  shortopts as for getopt_long
 * (a leading '+' kept). */
struct option;
int pia_cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

/* Every argument must be UTF-8 (pia stores nothing else): 0, or a message
 * naming the argument and the place of the first bad byte, and
 * PIA_EXIT_USAGE. */
int pia_cli_check_args(int argc, char **argv);

/* All of standard input as text (for VALUE "-"), one trailing newline
 * dropped; NULL after a message naming "標準入力:LINE:COL" when it is not
 * UTF-8, holds a NUL (a UTF-16 file), or cannot be read. */
char *pia_cli_read_text(void);

/* A note to add to a refusal of text that is not UTF-8 when the locale is
 * Shift_JIS or EUC-JP ("" otherwise). */
const char *pia_cli_legacy_hint(void);

#endif
