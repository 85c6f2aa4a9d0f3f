// The layout check's PDF reader: the pdf-reader.so module (core/pdf/, poppler), loaded on first
// use from $GONGWEN_PDF_READER or lib/gongwen/ next to the code running this, the way the office
// bridge is; the command and libgongwen.so do not link poppler.
#include "check/pdf_layout_json.hpp"
#include "check/pdf_pages.hpp"
#include "check/pdf_reader_abi.h"
#include "gongwen/check.hpp"
#include "gongwen/diagnostics.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <cstdlib>
#include <filesystem>

namespace gongwen {

namespace fs = std::filesystem;

namespace {

struct ReaderModule {
    boost::dll::shared_library lib;
    decltype(&gongwen_pdf_read_layout) read = nullptr;
    decltype(&gongwen_pdf_reader_free) release = nullptr;
    std::string path, error;
};

const ReaderModule& reader_module() {
    static const ReaderModule module = [] {
        ReaderModule m;
        std::vector<fs::path> candidates;
        if (const char* env = std::getenv("GONGWEN_PDF_READER"); env && *env) {
            candidates.emplace_back(env);
        } else {
            std::error_code ec;
            fs::path here = boost::dll::this_line_location(ec).parent_path().string();
            for (const char* rel : {"gongwen", "../lib/gongwen", "../" GONGWEN_INSTALL_LIBDIR "/gongwen"})
                candidates.push_back((here / rel / "pdf-reader.so").lexically_normal());
        }
        for (const auto& c : candidates) {
            std::error_code ec;
            if (!fs::is_regular_file(c, ec)) continue;
            m.path = c.string();
            try {
                m.lib.load(m.path);
                if (m.lib.get<unsigned()>("gongwen_pdf_reader_abi")() != GONGWEN_PDF_READER_ABI) {
                    m.error = "the PDF reader " + m.path + " speaks another ABI";
                    return m;
                }
                m.read = &m.lib.get<char*(const char*, const int*, size_t, char*, size_t)>("gongwen_pdf_read_layout");
                m.release = &m.lib.get<void(char*)>("gongwen_pdf_reader_free");
            } catch (const std::exception& e) {
                m.read = nullptr;
                m.error = "cannot load the PDF reader " + m.path + ": " + e.what();
            }
            return m;
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
        throw Error("no-pdf-reader", label, m.error.empty() ? "Gongwen was built without poppler-cpp (libpoppler-cpp-dev): no layout check" : m.error);
    char err[512] = "";
    char* json = m.read(pdf_path.c_str(), render.data(), render.size(), err, sizeof err);
    if (!json) throw Error("layout-unreadable", label, std::string("cannot read the laid-out pages: ") + err);
    std::string text(json);
    m.release(json);
    try {
        return layout_from_json(nlohmann::json::parse(text));
    } catch (const std::exception& e) {
        throw Error("layout-unreadable", label, std::string("the PDF reader answered nonsense: ") + e.what());
    }
}

} // namespace pdfcheck

} // namespace gongwen
