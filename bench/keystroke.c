/*
 * keystroke.c — the cost of one keystroke in a 20,000-character answer:
 * insert a character in the middle (which re-wraps the whole text), move the
 * cursor, delete it again; and the answer's conversion for saving.  Times
 * are this thread's CPU time, so other work on the machine does not count.
 */
#include "tui/editbuf.h"
#include "model/err.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const char *unit = "個人番号の取扱いに関する記録を点検する。";
    size_t ul = strlen(unit);
    char *text = pia_xmalloc(ul * 1000 + 1);
    for (int i = 0; i < 1000; i++)
        memcpy(text + i * ul, unit, ul);
    text[ul * 1000] = '\0';
    editbuf b;
    editbuf_init(&b, text, 96);
    b.cursor = b.len / 2;
    int n = 2000;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        wchar_t c = L'あ';
        editbuf_insert(&b, &c, 1);
        editbuf_backspace(&b);
    }
    double t1 = now();
    for (int i = 0; i < n; i++) {
        editbuf_down(&b, 1);
        editbuf_up(&b, 1);
    }
    double t2 = now();
    for (int i = 0; i < 200; i++)
        free(editbuf_utf8(&b));
    double t3 = now();
    printf("keystroke in a %d-character answer (insert or delete, whole text re-wrapped): %.1f µs CPU (mean of %d)\n",
           b.len, (t1 - t0) / n / 2 * 1e6, 2 * n);
    printf("cursor move by display line: %.2f µs; answer to UTF-8 for saving: %.1f µs\n",
           (t2 - t1) / n / 2 * 1e6, (t3 - t2) / 200 * 1e6);
    editbuf_free(&b);
    free(text);
    return 0;
}
