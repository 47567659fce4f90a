/*
 * args.c — strict numbers, options, arguments and confirmations for the
 * command line (args.h).
 */
#include "args.h"
#include "cli.h"
#include "model/charset.h"
#include "model/format.h"
#include "model/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int pia_cli_parse_num(const char *name, const char *s, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    /* strtol accepts leading blanks and a sign; only plain digits (and a
     * leading minus when negatives are allowed) are a number here. */
    int ok = s && (isdigit((unsigned char)s[0]) || (min < 0 && s[0] == '-' && isdigit((unsigned char)s[1])));
    long v = ok ? strtol(s, &end, 10) : 0;
    if (!ok || errno || *end || v < min || v > max) {
        pia_cli_usage_error("%s には %ld〜%ld の整数を指定してください（指定: %s）",
                            name, min, max, s ? s : "");
        return PIA_EXIT_USAGE;
    }
    *out = v;
    return 0;
}

int pia_cli_id_arg(const char *s, long *id)
{
    if (pia_cli_parse_id(s, id) == 0)
        return 0;
    pia_cli_usage_error("評価書の ID は 1 以上の整数です（指定: %s）", s);
    return PIA_EXIT_USAGE;
}

int pia_cli_ask(int yes, const char *action, const char *nothing)
{
    if (yes)
        return 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
        pia_cli_usage_error("%s。確認のため --yes を付けて実行してください", action);
        return PIA_EXIT_USAGE;
    }
    fprintf(stderr, "pia: %s。よろしいですか [y/N] ", action);
    fflush(stderr);
    char line[64];
    if (!fgets(line, sizeof line, stdin))
        line[0] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    if (strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 || strcmp(line, "yes") == 0 ||
        strcmp(line, "はい") == 0)
        return 0;
    fprintf(stderr, "pia: 中止しました（%s）\n", nothing);
    return PIA_EXIT_FAIL;
}

int pia_cli_confirm(int yes, const char *what)
{
    char *action = pia_xasprintf("%sを削除します", what);
    int rc = pia_cli_ask(yes, action, "何も削除していません");
    free(action);
    return rc;
}

int pia_cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
    /* ':' first makes getopt tell a missing value (':') from an unknown
     * option ('?'); opterr 0 keeps its English to itself. */
    char spec[64];
    int plus = shortopts[0] == '+';
    snprintf(spec, sizeof spec, "%s:%s", plus ? "+" : "", shortopts + plus);
    opterr = 0;
    int c = getopt_long(argc, argv, spec, longopts, NULL);
    const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
    if (c == ':') {
        pia_cli_usage_error("%s には値が必要です", arg);
        return '?';
    }
    if (c == '?') {
        if (optopt && !strchr(arg, '=') && strncmp(arg, "--", 2) != 0)
            pia_cli_usage_error("不明なオプション: -%c", optopt);
        else if (strchr(arg, '=') && optopt)
            pia_cli_usage_error("%.*s は値を取りません", (int)(strchr(arg, '=') - arg), arg);
        else
            pia_cli_usage_error("不明なオプション: %s", arg);
    }
    return c;
}

int pia_cli_check_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        pia_err err = { 0 };
        char where[32];
        snprintf(where, sizeof where, "引数 %d", i);
        if (pia_utf8_check(where, 0, argv[i], strlen(argv[i]), &err) == 0)
            continue;
        char *shown = pia_text_visible(argv[i]);
        pia_cli_usage_error("%s%s（引数: %.80s）", err.msg, pia_cli_legacy_hint(), shown);
        free(shown);
        return PIA_EXIT_USAGE;
    }
    return 0;
}

const char *pia_cli_legacy_hint(void)
{
    switch (pia_charset_of_locale()) {
    case PIA_CS_SJIS: return "（この端末は Shift_JIS です。pia に渡す文字は UTF-8 にしてください）";
    case PIA_CS_EUCJP: return "（この端末は EUC-JP です。pia に渡す文字は UTF-8 にしてください）";
    default: return "";
    }
}

char *pia_cli_read_text(void)
{
    size_t len = 0, cap = 4096;
    char *s = pia_xmalloc(cap);
    for (size_t n; (n = fread(s + len, 1, cap - len - 1, stdin)) > 0;) {
        len += n;
        if (cap - len < 2)
            s = pia_xrealloc(s, cap *= 2);
    }
    pia_err err = { 0 };
    if (ferror(stdin)) {
        pia_cli_usage_error("標準入力を読めません（%s）。何も保存していません", pia_errno_ja(errno));
    } else if (pia_utf8_check("標準入力", 1, s, len, &err)) {
        pia_cli_usage_error("%s%s。何も保存していません", err.msg, pia_cli_legacy_hint());
    } else {
        if (len && s[len - 1] == '\n')
            len--;
        s[len] = '\0';
        return s;
    }
    free(s);
    return NULL;
}
