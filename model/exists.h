/*
 * exists.h — whether an assessment is in the store, without reading it
 * (the TUI's `pia open ID` checks this before taking the screen).
 */
#ifndef PIA_EXISTS_H
#define PIA_EXISTS_H

#include "err.h"
#include "store.h"

/* 0 when assessment id exists; -1 and err (PIA_ENOTFOUND "DB: 評価書 ID
 * はありません", or the database's error) otherwise. */
int pia_store_exists(pia_store *st, long id, pia_err *err);

#endif
