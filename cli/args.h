/*
 * args.h — strict parsing of what the command line gives: numbers and
 * confirmations of destructive commands.  Every option and argument that
 * takes a number goes through pia_cli_parse_num, so "abc", "1x", "0" or
 * "4294967297" are refused with a message naming the option and the range
 * instead of being read as some other number.
 */
#ifndef PIA_CLI_ARGS_H
#define PIA_CLI_ARGS_H

/* Parse the whole of `s` as a decimal integer in [min, max].  On failure
 * prints "pia: NAME には MIN〜MAX の整数を指定してください（S）" and returns
 * PIA_EXIT_USAGE; returns 0 on success.  `name` is what the user typed or
 * sees ("--inst", "ファイル番号"). */
int pia_cli_parse_num(const char *name, const char *s, long min, long max, long *out);

/* Ask before destroying something.  `what` says what will be lost, in
 * Japanese ("ファイル 2「税宛名情報ファイル」と回答 86 件").  With `yes`
 * set, go ahead.  On a terminal (stdin and stderr both ttys) ask y/N.
 * Elsewhere refuse: scripts must say --yes.
 * Returns 0 to go ahead, PIA_EXIT_FAIL when the person said no,
 * PIA_EXIT_USAGE when refused for want of --yes. */
int pia_cli_confirm(int yes, const char *what);

#endif
