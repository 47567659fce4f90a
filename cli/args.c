/*
 * args.c — strict numbers and confirmations for the command line (args.h).
 */
#include "args.h"
#include "cli.h"

#include <ctype.h>
#include <errno.h>
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

int pia_cli_confirm(int yes, const char *what)
{
    if (yes)
        return 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
        pia_cli_usage_error("%sを削除します。確認のため --yes を付けて実行してください", what);
        return PIA_EXIT_USAGE;
    }
    fprintf(stderr, "pia: %sを削除します。よろしいですか [y/N] ", what);
    fflush(stderr);
    char line[64];
    if (!fgets(line, sizeof line, stdin))
        line[0] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    if (strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 || strcmp(line, "yes") == 0 ||
        strcmp(line, "はい") == 0)
        return 0;
    fprintf(stderr, "pia: 中止しました（何も削除していません）\n");
    return PIA_EXIT_FAIL;
}
