/* The narrow C boundary between the layout check and the PDF reader (core/pdf/, poppler-cpp), a
 * module loaded only when a laid-out page is measured, so that the gongwen command neither links
 * nor loads poppler and its libraries otherwise. Only C crosses it: the pages come back as JSON
 * (check/pdf_layout_json.hpp), in memory the module allocates and frees. */
#ifndef GONGWEN_PDF_READER_ABI_H
#define GONGWEN_PDF_READER_ABI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GONGWEN_PDF_READER_ABI 1

unsigned gongwen_pdf_reader_abi(void);

/* Reads the PDF at `path`: its fonts, every page's text lines, and the ink of the pages listed in
 * `render` (1-based, -1 = the last page; pages that mention 抄送/印发 are rendered too). Returns
 * the layout as JSON, to be freed with gongwen_pdf_reader_free; NULL with why in `err`. */
char* gongwen_pdf_read_layout(const char* path, const int* render, size_t render_count, char* err, size_t errlen);

void gongwen_pdf_reader_free(char* json);

#ifdef __cplusplus
}
#endif

#endif
