/* The narrow C boundary between the core and the office bridge (core/bridge/), a module loaded
 * only when a PDF is wanted, so that the gongwen command neither links nor starts LibreOffice's
 * libraries otherwise. No C++ object or exception crosses it; messages are copied into `err`. */
#ifndef GONGWEN_OFFICE_BRIDGE_ABI_H
#define GONGWEN_OFFICE_BRIDGE_ABI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GONGWEN_OFFICE_BRIDGE_ABI 1

typedef struct gongwen_office gongwen_office;

/* Results of gongwen_office_convert. */
enum {
    GONGWEN_OFFICE_OK = 0,
    GONGWEN_OFFICE_DOCUMENT_FAILED = 1, /* this document could not be converted; the office is fine */
    GONGWEN_OFFICE_OFFICE_LOST = 2      /* the office died or overran the timeout; the next call restarts it */
};

unsigned gongwen_office_bridge_abi(void);

/* The translation of a message (an English msgid with {named} placeholders) in the user's
 * language; the core's i18n::_. */
typedef const char* (*gongwen_office_translator)(const char* msgid);

/* Optional (a bridge without it says everything in English): the function each message the
 * bridge copies into `err` goes through before its placeholders are filled. Called once, before
 * gongwen_office_open; `translate` stays valid for the life of the process. */
void gongwen_office_set_translator(gongwen_office_translator translate);

/* Starts a headless soffice (the program `soffice`, with its profile in `workdir`: the first
 * office started on `workdir`/profile-1, which the caller may fill beforehand with a profile to
 * start from, a restarted one on profile-2, profile-3, …) and connects to
 * it over UNO; or, when `connect` is not NULL, connects to a running office (e.g.
 * "socket,host=127.0.0.1,port=2002"). NULL on failure, with why in `err`. */
gongwen_office* gongwen_office_open(const char* soffice, const char* connect, const char* workdir, char* err,
                                    size_t errlen);

/* Loads `input` (a .docx/.odt path) hidden, exports it with writer_pdf_Export to `pdf`, closes it.
 * An office that died before the call is restarted first. `timeout_ms` bounds the whole document:
 * past it the office is killed (by process group) and OFFICE_LOST returned. */
int gongwen_office_convert(gongwen_office* office, const char* input, const char* pdf, long timeout_ms, char* err,
                           size_t errlen);

/* The pid of the soffice started (0 when connected to an existing one or not running). */
long gongwen_office_pid(const gongwen_office* office);

/* How many times the office was restarted. */
int gongwen_office_restarts(const gongwen_office* office);

/* Closes the office (terminate, then kill what is left of the process group we started). */
void gongwen_office_close(gongwen_office* office);

#ifdef __cplusplus
}
#endif

#endif
