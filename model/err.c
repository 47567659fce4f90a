/*
 * err.c — the error convention (see err.h) and allocation helpers.
 */
#include "err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pia_fail(pia_err *err, pia_errcode code, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
    return -1;
}

int pia_fail_wrap(pia_err *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    char prefix[512], old[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    /* Truncation is acceptable: the head of the message says where. */
    size_t n = strlen(prefix);
    if (n >= sizeof err->msg)
        n = sizeof err->msg - 1;
    memcpy(err->msg, prefix, n);
    size_t rest = strnlen(old, sizeof old - 1);
    if (rest > sizeof err->msg - 1 - n)
        rest = sizeof err->msg - 1 - n;
    memcpy(err->msg + n, old, rest);
    err->msg[n + rest] = '\0';
    return -1;
}

int pia_err_pass(pia_err *to, const pia_err *from)
{
    if (to && to != from)
        *to = *from;
    return -1;
}

void pia_err_clear(pia_err *err)
{
    if (!err)
        return;
    err->code = PIA_OK;
    err->msg[0] = '\0';
}

const char *pia_errno_ja(int e)
{
    switch (e) {
    case 0: return "原因不明のエラー";
    case ENOSPC: return "ディスクの空きがありません";
    case EDQUOT: return "ディスクの使用量の上限（クォータ）に達しました";
    case EFBIG: return "ファイルシステムが許す大きさを超えました";
    case EACCES:
    case EPERM: return "アクセス権がありません";
    case EROFS: return "読み取り専用の場所です";
    case ENOENT: return "そのファイルまたはフォルダがありません";
    case ENOTDIR: return "途中の名前がフォルダではありません";
    case EISDIR: return "ファイルではなくフォルダです";
    case ENAMETOOLONG: return "名前が長すぎます";
    case EEXIST: return "同じ名前のものがすでにあります";
    case ENOTEMPTY: return "フォルダが空ではありません";
    case ELOOP: return "シンボリックリンクが循環しています";
    case EMFILE:
    case ENFILE: return "同時に開けるファイルの数の上限に達しました";
    case EIO: return "ディスクの読み書きに失敗しました。装置の障害かネットワークの切断が考えられます";
    case EBUSY:
    case ETXTBSY: return "ほかのプログラムが使用中です";
    case ENOMEM: return "メモリが足りません";
    case EXDEV: return "別のディスクをまたいでは移せません";
    default: return strerror(e);
    }
}

static void out_of_memory(size_t n)
{
    fprintf(stderr, "pia: メモリが足りません（%zu バイト）\n", n);
    abort();
}

void *pia_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *pia_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

void *pia_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *pia_xstrdup(const char *s)
{
    return pia_xstrndup(s, strlen(s));
}

char *pia_xstrndup(const char *s, size_t n)
{
    char *p = pia_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pia_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    char *p = pia_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

char *pia_xconcat(const char *s, ...)
{
    va_list ap;
    size_t n = 0;
    va_start(ap, s);
    for (const char *t = s; t; t = va_arg(ap, const char *))
        n += strlen(t);
    va_end(ap);
    char *out = pia_xmalloc(n + 1), *o = out;
    va_start(ap, s);
    for (const char *t = s; t; t = va_arg(ap, const char *)) {
        size_t len = strlen(t);
        memcpy(o, t, len);
        o += len;
    }
    va_end(ap);
    *o = '\0';
    return out;
}
