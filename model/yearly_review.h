/*
 * yearly_review.h — the yearly reviews of an assessment (`pia reviewed`):
 * the 指針 asks, as an effort obligation, that an assessment be reviewed
 * at least once a year.  Each review recorded is a row of its own table
 * (due_schema.h) and a row of the audit trail ("reviewed").
 */
#ifndef PIA_YEARLY_REVIEW_H
#define PIA_YEARLY_REVIEW_H

#include "err.h"
#include "jdate.h"
#include "store.h"

/* Record that assessment id was reviewed on `day` (not after today), by
 * the store's user; note may be NULL.  Audited. */
int pia_yearly_record(pia_store *st, long id, pia_date day, const char *note, pia_err *err);

/* The latest day recorded for id; *have = 0 when there is none. */
int pia_yearly_last(pia_store *st, long id, int *have, pia_date *day, pia_err *err);

#endif
