// gongwen check: the GB/T 9704 check of DOCX/ODT (their XML) and of the pages LibreOffice lays
// out from them (a PDF, measured by the layout rules); a PDF is checked on its pages alone.
#include "gongwen/check.hpp"
#include "gongwen/office.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"
#include "cli_common.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdlib.h>

namespace gongwen::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

bool is_pdf(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".pdf";
}

// A temp folder removed with everything in it.
struct ScratchDir {
    std::string path = make_run_temp_dir("gongwen-check");
    ~ScratchDir() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

} // namespace

struct CheckCommand {
    CLI::App* app = nullptr;
    std::vector<std::string> docs;
    std::string layout = "auto";
    bool letter = false;
    bool as_json = false;

    int run() {
        Diagnostics all;
        LayoutOptions lo;
        lo.letter_format = letter;
        // The documents whose pages LibreOffice lays out: index into docs → its PDF.
        std::vector<std::pair<std::string, std::string>> jobs;
        std::map<std::string, std::string> pdf_of;
        ScratchDir scratch;
        const bool reader = layout_check_available();
        const bool office = layout != "off" && reader && office_available();
        if (layout == "auto" && !office && std::any_of(docs.begin(), docs.end(), [](const std::string& d) { return !is_pdf(d); }))
            std::cerr << (reader ? _("layout not checked: no LibreOffice") : _("layout not checked: Gongwen was built without poppler-cpp"))
                      << '\n';
        for (std::size_t i = 0; i < docs.size(); ++i) {
            const std::string& path = docs[i];
            if (is_pdf(path)) continue;
            try {
                auto fmt = format_from_extension(path);
                if (!fmt) throw Error("unknown-format", path, _("a document to check must be a .docx, .odt or .pdf file"));
                Package pkg = Package::read_file(path);
                require_format_of_name(package_format(pkg), path);  // as inspect: a DOCX named .odt is refused
                all.append(check_gbt9704(pkg));
                if (layout == "on" && !office) {
                    all.error(reader ? "no-office" : "no-pdf-reader", path,
                              reader ? _("the layout check (--layout on) needs LibreOffice: install libreoffice-writer (or set GONGWEN_SOFFICE)")
                                     : _("the layout check (--layout on) needs Gongwen built with poppler-cpp (libpoppler-cpp-dev)"));
                } else if (office && !scratch.path.empty()) {
                    // Copied under a name of its own: a.docx and a.odt must not meet as a.pdf.
                    std::string base = scratch.path + "/" + std::to_string(i);
                    std::string input = base + "." + format_name(*fmt);
                    fs::copy_file(path, input);
                    jobs.emplace_back(input, base + ".pdf");
                    pdf_of[path] = base + ".pdf";
                }
            } catch (const Error& e) {
                all.append(e.diagnostics());
            } catch (const fs::filesystem_error& e) {
                all.error("cannot-read", path, e.what());
            }
        }
        std::map<std::string, std::string> failed;
        if (!jobs.empty()) failed = convert_many_to_pdf(jobs, true, 60);
        for (const auto& path : docs) {
            std::string pdf = is_pdf(path) ? path : (pdf_of.count(path) ? pdf_of[path] : "");
            if (pdf.empty()) continue;
            if (auto f = failed.find(pdf); f != failed.end()) {
                all.error("office-failed", path,
                          i18n::format(_("layout not checked: LibreOffice could not lay the document out: {reason}"), {{"reason", f->second}}));
                continue;
            }
            try {
                all.append(check_gbt9704_layout(pdf, path, lo));
            } catch (const Error& e) {
                all.append(e.diagnostics());
            }
        }
        if (as_json) {
            std::cout << json{{"ok", all.empty()}, {"diagnostics", diagnostics_json(all)}}.dump(2) << '\n';
        } else {
            print_diagnostics(all);
            if (all.empty())
                std::cerr << i18n::format(P_("GB/T 9704-2012: no deviation found in {n} document", "GB/T 9704-2012: no deviation found in {n} documents",
                                             docs.size()),
                                          {{"n", docs.size()}})
                          << '\n';
        }
        return all.empty() ? kOk : kBadInput;
    }
};

CheckCommand* add_check_command(CLI::App& app) {
    static CheckCommand c;
    c.app = app.add_subcommand("check", _("check documents against the GB/T 9704-2012 layout"));
    c.app->add_option("DOC", c.docs, _("documents, .docx or .odt (XML and, through LibreOffice, their pages) or .pdf (pages)"))
        ->required()
        ->check(CLI::ExistingFile);
    c.app->add_option("--layout", c.layout, _("measure the pages LibreOffice lays out: on, off, or auto (when LibreOffice is there)"))
        ->check(CLI::IsMember({"on", "off", "auto"}))
        ->capture_default_str();
    c.app->add_flag("--letter", c.letter, _("信函格式: the organ mark 30 mm from the page top, no page number on page 1"));
    c.app->add_flag("--json", c.as_json, _("machine-readable output"));
    return &c;
}

std::optional<int> run_check_command(CheckCommand* c) {
    if (c->app->parsed()) return c->run();
    return std::nullopt;
}

} // namespace gongwen::cli
