/*
 * limits.h — every fixed limit of pia in one place, each with its reason.
 *
 * A limit is enforced where input enters (a template when it is loaded and
 * by `pia template check`, an import, a command line, a store write), with
 * a message naming the place and the limit, never by silently dropping
 * what is beyond it.  Where nothing justifies a limit the array grows
 * instead, and no constant is here: the check boxes that switch parts off
 * (model/walk.c) and the sheet names of a workbook (export/xlsx.c).
 */
#ifndef PIA_LIMITS_H
#define PIA_LIMITS_H

/* Sections of a template (Ⅰ…Ⅴ and the 別添 of the 様式 are fewer than
 * 20).  The TUI's section menu and per-section progress keep one slot per
 * section in fixed arrays (tui/form_view). */
#define PIA_MAX_SECTIONS 64

/* Choices of one item: the longest list of the 様式 has a dozen.  The
 * choice menu (tui/form_edit.c) holds them in a fixed array with one more
 * slot for （選択を外す）. */
#define PIA_MAX_CHOICES 62

/* Nesting of a template's groups and items, sections being the first
 * level: the 様式 nests five deep, and the parser recurses once per level
 * (the import's heading stack, import/rows.c, holds 63). */
#define PIA_MAX_DEPTH 16

/* Nodes (sections, groups, items) of a template: the 様式 has about 600; a
 * bound keeps a runaway file from taking the memory of a TUI session. */
#define PIA_MAX_NODES 10000

/* 特定個人情報ファイル of one assessment.  The TUI's file menu lists them
 * with one key each and the import names them in a fixed table; real
 * assessments hold a handful. */
#define PIA_MAX_FILES 64

/* Databases of one `pia bundle` (--db given more than once). */
#define PIA_MAX_DBS 64

/* Words after the default command on the command line (`pia 12 …` runs
 * `pia open 12 …`): pia's commands take a few options each. */
#define PIA_MAX_ARGS 63

/* Characters of an XLSX sheet name: Excel allows 31; the last three are
 * kept for the "_2" that makes a repeated name unique. */
#define PIA_SHEET_NAME_CHARS 28

#endif
