/*
 * dbutil.h — the former name of db.h, kept so that modules written against
 * it (pia_db_fail, pia_db_now, pia_db_text…) build unchanged; the functions
 * are db.h's, with its one mapping of SQLite errors.  New code includes
 * db.h.  Internal to model/.
 */
#ifndef PIA_DBUTIL_H
#define PIA_DBUTIL_H

#include "db.h"

#endif
