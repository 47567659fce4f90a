/*
 * check.h — the smallest test harness: CHECK(cond) records a failure with
 * file and line and goes on; CHECK_STR compares strings; main returns
 * check_result() so the runner sees the outcome in the exit code.
 */
#ifndef PIA_TEST_CHECK_H
#define PIA_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { check_count++; if (!(cond)) { check_failures++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); check_count++; \
    if (!g_ || !w_ || strcmp(g_, w_) != 0) { check_failures++; \
    fprintf(stderr, "%s:%d: got  \"%s\"\n%*swant \"%s\"\n", __FILE__, __LINE__, \
            g_ ? g_ : "(null)", (int)strlen(__FILE__) + 8, "", w_ ? w_ : "(null)"); } } while (0)

/* The message must contain `part` (for FILE:LINE:COL checks). */
#define CHECK_HAS(got, part) do { const char *g_ = (got), *p_ = (part); check_count++; \
    if (!g_ || !strstr(g_, p_)) { check_failures++; \
    fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, \
            g_ ? g_ : "(null)", p_); } } while (0)

/* A scratch template directory holding one template, for tests of the
 * store (which looks templates up by name through PIA_TEMPLATE_DIR). */
#include <stdlib.h>
#include <sys/stat.h>
static inline void check_template(const char *name, const char *yaml)
{
    char path[256];
    mkdir("templates", 0700);
    snprintf(path, sizeof path, "templates/%s.yaml", name);
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(yaml, fp);
        fclose(fp);
    }
    setenv("PIA_TEMPLATE_DIR", "templates", 1);
}

static inline int check_result(void)
{
    if (check_count == 0) { fprintf(stderr, "no checks ran\n"); return 1; }
    fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
