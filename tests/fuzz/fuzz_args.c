/*
 * fuzz_args.c — libFuzzer harness for the command line's argument
 * parsing: the input is a list of NUL-separated arguments.  The number
 * parser accepts exactly the strings of digits whose value is in range
 * (checked against a reading of its own); IDs and version references
 * likewise; the Japanese getopt wrapper returns only known options and
 * never runs past the arguments; the UTF-8 check of arguments agrees
 * with pia_utf8_valid.
 */
#include "cli/args.h"
#include "cli/cli.h"
#include "model/utf8.h"
#include "model/version.h"

#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether s is digits (with a minus when allowed) naming a value in
 * [min, max]; the value in *v. */
static int ref_num(const char *s, long min, long max, long *v)
{
    int neg = s[0] == '-' && min < 0;
    const char *p = s + neg;
    if (!*p)
        return 0;
    __int128 x = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        x = x * 10 + (*p - '0');
        if (x > (__int128)LONG_MAX + 1)
            return 0;
    }
    if (neg)
        x = -x;
    if (x < min || x > max)
        return 0;
    *v = (long)x;
    return 1;
}

/* pia's messages for refused arguments go nowhere; libFuzzer's own
 * reports still reach the real stderr. */
static FILE *quiet;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!quiet)
        quiet = fopen("/dev/null", "w");
    FILE *real = stderr;
    stderr = quiet;
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *args[18] = { "pia" };
    int argc = 1;
    for (char *p = buf; p <= buf + size && argc < 17; p += strlen(p) + 1)
        args[argc++] = p;
    args[argc] = NULL;
    static const long ranges[][2] = { { 1, 100000 }, { 1, 64 }, { 0, 10 }, { -5, 5 }, { 1, LONG_MAX }, { LONG_MIN, LONG_MAX } };
    for (int i = 1; i < argc; i++) {
        for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
            long got = 0, want = 0;
            int ok = pia_cli_parse_num("--x", args[i], ranges[r][0], ranges[r][1], &got) == 0;
            int ref = ref_num(args[i], ranges[r][0], ranges[r][1], &want);
            if (ok != ref || (ok && got != want))
                __builtin_trap();
        }
        long id = 0, want = 0;
        if ((pia_cli_parse_id(args[i], &id) == 0) != ref_num(args[i], 1, LONG_MAX, &want) || id != (want ? want : id))
            __builtin_trap();
        const char *spec = NULL;
        if (pia_ref_parse(args[i], &id, &spec) == 0 && (id <= 0 || (spec && !*spec)))
            __builtin_trap();
    }
    int all_utf8 = 1;
    for (int i = 1; i < argc; i++)
        all_utf8 &= pia_utf8_valid(args[i]);
    if ((pia_cli_check_args(argc, args) == 0) != all_utf8)
        __builtin_trap();
    static const struct option opts[] = {
        { "file", required_argument, NULL, 'f' }, { "inst", required_argument, NULL, 'i' },
        { "detail", required_argument, NULL, 'd' }, { "yes", no_argument, NULL, 'y' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    /* Each call consumes at least one character of the arguments. */
    for (int c, n = 0; (c = pia_cli_getopt(argc, args, "o:", opts)) != -1; n++) {
        if (!strchr("fidyo?", c) || optind > argc || (size_t)n > size + (size_t)argc)
            __builtin_trap();
        if (strchr("fido", c) && !optarg)
            __builtin_trap();
    }
    free(buf);
    stderr = real;
    return 0;
}
