// pugixml's parse statuses in the user's language (xml_problem.hpp).
#include "xml_problem.hpp"

#include "gongwen/i18n.hpp"

namespace gongwen::detail {

using i18n::_;

const char* xml_problem(pugi::xml_parse_status status) {
    switch (status) {
        case pugi::status_file_not_found: return _("file not found");
        case pugi::status_io_error: return _("read error");
        case pugi::status_out_of_memory: return _("not enough memory");
        case pugi::status_unrecognized_tag: return _("a tag that is not XML");
        case pugi::status_bad_pi: return _("a damaged processing instruction (<?…?>)");
        case pugi::status_bad_comment: return _("a damaged comment");
        case pugi::status_bad_cdata: return _("a damaged CDATA section");
        case pugi::status_bad_doctype: return _("a damaged document type declaration");
        case pugi::status_bad_pcdata: return _("damaged text");
        case pugi::status_bad_start_element: return _("a damaged start tag");
        case pugi::status_bad_attribute: return _("a damaged attribute");
        case pugi::status_bad_end_element: return _("a damaged end tag");
        case pugi::status_end_element_mismatch: return _("an end tag that does not match its start tag");
        case pugi::status_append_invalid_root: return _("content that cannot stand at the top of a document");
        case pugi::status_no_document_element: return _("no root element");
        default: return _("damaged XML");
    }
}

} // namespace gongwen::detail
