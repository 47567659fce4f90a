/*
 * deflate_floor.c — the floor for the bundle benchmark: zlib deflate of the
 * very XML pia wrote, on one core.
 *
 *   deflate_floor [-p PASSES] [-s] [-l LEVEL] WORKBOOK.xlsx ...
 *
 * Every member of every workbook is inflated into memory first (not timed);
 * then each pass deflates every member separately, as a zip writer does (raw
 * deflate, 15-bit window, memLevel 8 — minizip's settings, which
 * libxlsxwriter uses), at level 6 and at level 1.  Printed as key=value
 * lines, per workbook, the best of the passes, in CPU time of this process
 * (one thread, so one core) and in wall time:
 *   workbooks=N  xml_kb=…  level6_cpu_ms=…  level6_wall_ms=…
 *   level1_cpu_ms=…  level1_wall_ms=…
 * With -l only that level is measured (to count instructions under
 * callgrind: --toggle-collect=deflate_all).  With -s only the sizes are
 * printed (to check that two sets of workbooks hold the same XML).
 * Only the deflate calls are timed: no file reading, no zip container, no
 * CRC — the least any XLSX writer must spend on this XML.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

typedef struct member {
    unsigned char *data;
    size_t len;
} member;

static member *members;
static size_t nmembers, cap;
static size_t total_xml;

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned rd16(const unsigned char *p) { return p[0] | p[1] << 8; }
static uint32_t rd32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t c = 1 << 20, len = 0;
    unsigned char *buf = malloc(c);
    for (size_t r; buf && (r = fread(buf + len, 1, c - len, fp)) > 0;) {
        len += r;
        if (len == c)
            buf = realloc(buf, c *= 2);
    }
    fclose(fp);
    *n = len;
    return buf;
}

static int add_member(const unsigned char *src, size_t clen, size_t ulen, unsigned method)
{
    unsigned char *out = malloc(ulen ? ulen : 1);
    if (!out)
        return -1;
    if (method == 0) {
        memcpy(out, src, ulen);
    } else {
        z_stream z = { 0 };
        if (inflateInit2(&z, -15) != Z_OK)
            return -1;
        z.next_in = (unsigned char *)src;
        z.avail_in = (uInt)clen;
        z.next_out = out;
        z.avail_out = (uInt)ulen;
        int rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        if (rc != Z_STREAM_END)
            return -1;
    }
    if (nmembers == cap)
        members = realloc(members, (cap = cap ? cap * 2 : 256) * sizeof *members);
    members[nmembers++] = (member){ out, ulen };
    total_xml += ulen;
    return 0;
}

/* Reads the zip's central directory and inflates every member. */
static int load_zip(const char *path)
{
    size_t n;
    unsigned char *z = slurp(path, &n);
    if (!z || n < 22)
        return -1;
    size_t eocd = n - 22;
    while (eocd > 0 && rd32(z + eocd) != 0x06054b50)
        eocd--;
    if (rd32(z + eocd) != 0x06054b50)
        return -1;
    unsigned count = rd16(z + eocd + 10);
    size_t p = rd32(z + eocd + 16);
    for (unsigned i = 0; i < count; i++) {
        if (p + 46 > n || rd32(z + p) != 0x02014b50)
            return -1;
        unsigned method = rd16(z + p + 10);
        size_t clen = rd32(z + p + 20), ulen = rd32(z + p + 24);
        size_t name = rd16(z + p + 28), extra = rd16(z + p + 30), comment = rd16(z + p + 32);
        size_t local = rd32(z + p + 42);
        if (local + 30 > n || rd32(z + local) != 0x04034b50)
            return -1;
        size_t data = local + 30 + rd16(z + local + 26) + rd16(z + local + 28);
        if (data + clen > n || (method != 0 && method != 8) || add_member(z + data, clen, ulen, method))
            return -1;
        p += 46 + name + extra + comment;
    }
    free(z);
    return 0;
}

static unsigned char *outbuf;
static size_t outcap;

__attribute__((noinline)) static void deflate_all(int level)
{
    for (size_t i = 0; i < nmembers; i++) {
        z_stream z = { 0 };
        deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        size_t bound = deflateBound(&z, members[i].len);
        if (bound > outcap)
            outbuf = realloc(outbuf, outcap = bound);
        z.next_in = members[i].data;
        z.avail_in = (uInt)members[i].len;
        z.next_out = outbuf;
        z.avail_out = (uInt)bound;
        deflate(&z, Z_FINISH);
        deflateEnd(&z);
    }
}

static void measure(int level, int passes, int nbooks, double *cpu_ms, double *wall_ms)
{
    *cpu_ms = *wall_ms = 1e30;
    for (int p = 0; p < passes; p++) {
        double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_s(CLOCK_MONOTONIC);
        deflate_all(level);
        double c = (clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0) * 1e3 / nbooks;
        double w = (clock_s(CLOCK_MONOTONIC) - w0) * 1e3 / nbooks;
        if (c < *cpu_ms) *cpu_ms = c;
        if (w < *wall_ms) *wall_ms = w;
    }
}

int main(int argc, char **argv)
{
    int passes = 3, sizes_only = 0, level = -1, opt;
    while ((opt = getopt(argc, argv, "p:sl:")) != -1) {
        if (opt == 's') {
            sizes_only = 1;
        } else if (opt == 'l') {
            level = atoi(optarg);
        } else if (opt != 'p' || (passes = atoi(optarg)) < 1) {
            fprintf(stderr, "usage: deflate_floor [-p PASSES] [-s] [-l LEVEL] WORKBOOK.xlsx ...\n");
            return 2;
        }
    }
    int nbooks = argc - optind;
    if (nbooks < 1) {
        fprintf(stderr, "usage: deflate_floor [-p PASSES] [-s] [-l LEVEL] WORKBOOK.xlsx ...\n");
        return 2;
    }
    for (int i = optind; i < argc; i++) {
        if (load_zip(argv[i])) {
            fprintf(stderr, "deflate_floor: %s: not a zip this program can read\n", argv[i]);
            return 1;
        }
    }
    printf("workbooks=%d\nmembers=%zu\nxml_kb=%.1f\n", nbooks, nmembers, total_xml / 1024.0 / nbooks);
    if (sizes_only)
        return 0;
    double c6, w6, c1, w1;
    if (level >= 0) {
        measure(level, passes, nbooks, &c6, &w6);
        printf("level%d_cpu_ms=%.3f\nlevel%d_wall_ms=%.3f\n", level, c6, level, w6);
        return 0;
    }
    measure(6, passes, nbooks, &c6, &w6);
    measure(1, passes, nbooks, &c1, &w1);
    printf("level6_cpu_ms=%.3f\nlevel6_wall_ms=%.3f\nlevel1_cpu_ms=%.3f\nlevel1_wall_ms=%.3f\n", c6, w6, c1, w1);
    return 0;
}
