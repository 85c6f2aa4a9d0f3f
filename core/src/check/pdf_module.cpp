// The layout check's PDF reader: the pdf-reader.so module (core/pdf/, poppler), loaded on first
// use from $GONGWEN_PDF_READER or lib/gongwen/ next to the code running this, the way the office
// bridge is; the command and libgongwen.so do not link poppler.
#include "gongwen/i18n.hpp"
#include "check/pdf_layout_json.hpp"
#include "check/pdf_pages.hpp"
#include "check/pdf_reader_abi.h"
#include "gongwen/check.hpp"
#include "gongwen/diagnostics.hpp"
#include "module_loader.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <cstdlib>
#include <filesystem>

namespace gongwen {

using i18n::_;
using i18n::N_;

namespace fs = std::filesystem;

namespace {

struct ReaderModule {
    OwnModule own;
    decltype(&gongwen_pdf_read_layout) read = nullptr;
    decltype(&gongwen_pdf_reader_free) release = nullptr;
    std::string path, error;
};

const ReaderModule& reader_module() {
    static const ReaderModule module = [] {
        ReaderModule m;
        m.own = load_own_module("GONGWEN_PDF_READER", "pdf-reader.so", "gongwen_pdf_reader_abi", GONGWEN_PDF_READER_ABI,
                                "the PDF reader");
        m.path = m.own.path;
        m.error = m.own.error;
        if (!m.own.loaded()) return m;
        try {
            m.read = &m.own.lib.get<char*(const char*, const int*, size_t, char*, size_t)>("gongwen_pdf_read_layout");
            m.release = &m.own.lib.get<void(char*)>("gongwen_pdf_reader_free");
        } catch (const std::exception& e) {
            m.read = nullptr;
            m.error = i18n::format(_("cannot load the PDF reader {file}: {reason}"), {{"file", m.path}, {"reason", e.what()}});
        }
        return m;
    }();
    return module;
}

} // namespace

bool layout_check_available() { return reader_module().read != nullptr; }

namespace pdfcheck {

PdfLayout read_pdf_layout(const std::string& pdf_path, const std::string& label, const std::vector<int>& render) {
    const ReaderModule& m = reader_module();
    if (!m.read)
        throw Error("no-pdf-reader", label, m.error.empty() ? std::string(_("Gongwen was built without poppler-cpp (libpoppler-cpp-dev): no layout check")) : m.error);
    char err[512] = "";
    char* json = m.read(pdf_path.c_str(), render.data(), render.size(), err, sizeof err);
    // The reader module (core/pdf/pdf_reader.cpp) has no catalogue of its own: its reasons are
    // these, translated here (any other stays as it came).
    static const char* const reader_reasons[] = {N_("the PDF is encrypted"), N_("poppler cannot open it as a PDF"),
                                                 N_("out of memory"), N_("unexpected failure")};
    (void)reader_reasons;
    if (!json) throw Error("layout-unreadable", label, i18n::format(_("cannot read the laid-out pages: {reason}"), {{"reason", _(err)}}));
    std::string text(json);
    m.release(json);
    try {
        return layout_from_json(nlohmann::json::parse(text));
    } catch (const std::exception& e) {
        throw Error("layout-unreadable", label, i18n::format(_("the PDF reader answered nonsense: {reason}"), {{"reason", e.what()}}));
    }
}

} // namespace pdfcheck

} // namespace gongwen
