/*
 * termcheck.c — before the screen is taken: a terminal pia can draw on.
 *
 * The screen is drawn and read in UTF-8 (ncurses converts through the
 * locale).  Under LANG=C or POSIX — an SSH login from Tera Term without
 * LANG, cron, a container — the locale says ASCII although the terminal
 * is almost always UTF-8, so pia switches LC_CTYPE to a UTF-8 locale.  A
 * locale naming Shift_JIS or EUC-JP means the terminal really shows that
 * encoding: pia refuses, with the message written in that encoding so it
 * can be read, saying how to switch the terminal to UTF-8.  A missing or
 * unknown TERM gets a message too (ncurses would exit with none, its
 * stderr being silenced while the screen is ours).
 */
#include "termcheck.h"
#include "model/charset.h"
#include "model/err.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

static char switched[32];

const char *tui_switched_locale(void)
{
    return switched[0] ? switched : NULL;
}

/* Print msg (UTF-8) on stderr in the terminal's encoding. */
static void say(pia_charset cs, const char *msg)
{
    size_t n;
    char *conv = pia_charset_from_utf8(cs, msg, strlen(msg), &n);
    fwrite(conv, 1, n, stderr);
    free(conv);
}

static int refuse_legacy(pia_charset cs)
{
    const char *lang = getenv("LC_ALL");
    if (!lang || !*lang) lang = getenv("LC_CTYPE");
    if (!lang || !*lang) lang = getenv("LANG");
    char *msg = pia_xasprintf(
        "pia: この端末の文字コードは %s です（%s）。pia の画面は UTF-8 の端末で使います。\n"
        "  Tera Term: ［設定］→［端末］で漢字コードの受信・送信を UTF-8 にし、\n"
        "  ログインし直して export LANG=ja_JP.UTF-8 としてから pia を起動してください。\n"
        "  ほかの端末も文字コード（文字セット）を UTF-8 にしてください。\n"
        "  コマンド（pia list、pia export など）はこの端末でも表示できます。\n",
        pia_charset_label(cs), lang ? lang : "");
    say(cs, msg);
    free(msg);
    fputs("pia: the screen needs a UTF-8 terminal (set the terminal to UTF-8 and LANG=ja_JP.UTF-8)\n", stderr);
    return -1;
}

static int is_utf8_now(void)
{
    const char *cs = nl_langinfo(CODESET);
    return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0;
}

static int switch_to_utf8(void)
{
    static const char *const candidates[] = { "C.UTF-8", "C.utf8", "ja_JP.UTF-8", "en_US.UTF-8" };
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (setlocale(LC_CTYPE, candidates[i]) && is_utf8_now()) {
            snprintf(switched, sizeof switched, "%s", candidates[i]);
            return 0;
        }
    }
    setlocale(LC_CTYPE, "");
    fputs("pia: 画面を使うには UTF-8 のロケールが必要ですが、この機械にはありません"
          "（locale -a で確認し、C.UTF-8 か ja_JP.UTF-8 を用意してください）\n"
          "pia: the screen needs a UTF-8 locale (C.UTF-8 or ja_JP.UTF-8); none is installed\n", stderr);
    return -1;
}

static int check_term(void)
{
    const char *term = getenv("TERM");
    if (!term || !*term) {
        fputs("pia: 端末の種類（環境変数 TERM）が設定されていません。"
              "export TERM=xterm-256color などとしてから起動してください"
              "（Tera Term・PuTTY なら xterm）\n", stderr);
        return -1;
    }
    int e = 0;
    if (setupterm(term, STDOUT_FILENO, &e) != OK) {
        fprintf(stderr, "pia: 端末の種類 TERM=%s の情報（terminfo）がこの機械にありません。"
                "export TERM=xterm-256color などとしてから起動してください"
                "（Tera Term・PuTTY なら xterm）\n", term);
        return -1;
    }
    /* A terminal that cannot place the cursor ("dumb") cannot show a form. */
    char cup[] = "cup";
    const char *s = tigetstr(cup);
    int ok = s && s != (char *)-1;
    del_curterm(cur_term);
    if (!ok) {
        fprintf(stderr, "pia: TERM=%s の端末ではカーソルを動かせないため画面を表示できません。"
                "export TERM=xterm-256color などとしてから起動してください\n", term);
        return -1;
    }
    return 0;
}

int tui_terminal_check(void)
{
    pia_charset cs = pia_charset_of_locale();
    if (cs == PIA_CS_SJIS || cs == PIA_CS_EUCJP)
        return refuse_legacy(cs);
    if (!is_utf8_now() && switch_to_utf8())
        return -1;
    return check_term();
}
