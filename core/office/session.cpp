// OfficeSession: one long-lived office driven over UNO through the office bridge module
// (core/bridge/), loaded here only when a PDF is wanted.
#include "gongwen/office.hpp"

#include "bridge_abi.h"
#include "office_internal.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"
#include "module_loader.hpp"

#include <cerrno>
#include <cstdlib>

namespace gongwen {

namespace fs = std::filesystem;
using i18n::_;
using i18n::format;
using office::find_soffice;
using office::TempDir;

namespace {

// The office bridge module, loaded once: $GONGWEN_OFFICE_BRIDGE, or lib/gongwen/office-bridge.so
// next to the code running this (load_own_module).
struct BridgeModule {
    OwnModule own;
    decltype(&gongwen_office_open) open = nullptr;
    decltype(&gongwen_office_convert) convert = nullptr;
    decltype(&gongwen_office_pid) pid = nullptr;
    decltype(&gongwen_office_restarts) restarts = nullptr;
    decltype(&gongwen_office_close) close = nullptr;
    std::string path, error;
};

const BridgeModule& bridge_module() {
    static const BridgeModule module = [] {
        BridgeModule m;
        m.own = load_own_module("GONGWEN_OFFICE_BRIDGE", "office-bridge.so", "gongwen_office_bridge_abi",
                                GONGWEN_OFFICE_BRIDGE_ABI, "the office bridge");
        m.path = m.own.path;
        m.error = m.own.error;
        if (!m.own.loaded()) return m;
        try {
            m.open = &m.own.lib.get<gongwen_office*(const char*, const char*, const char*, char*, size_t)>("gongwen_office_open");
            m.convert = &m.own.lib.get<int(gongwen_office*, const char*, const char*, long, char*, size_t)>("gongwen_office_convert");
            m.pid = &m.own.lib.get<long(const gongwen_office*)>("gongwen_office_pid");
            m.restarts = &m.own.lib.get<int(const gongwen_office*)>("gongwen_office_restarts");
            m.close = &m.own.lib.get<void(gongwen_office*)>("gongwen_office_close");
        } catch (const std::exception& e) {
            m.open = nullptr;
            m.error = format(_("cannot load the office bridge {path}: {reason}"), {{"path", m.path}, {"reason", e.what()}});
            return m;
        }
        // The bridge's own messages in the user's language: it does not link the library, so it
        // asks the core for each translation (a bridge without the function speaks English).
        if (m.own.lib.has("gongwen_office_set_translator"))
            m.own.lib.get<void(gongwen_office_translator)>("gongwen_office_set_translator")(
                [](const char* msgid) -> const char* { return i18n::_(msgid); });
        return m;
    }();
    return module;
}

} // namespace

struct OfficeSession::Impl {
    const BridgeModule& module = bridge_module();
    TempDir work;
    gongwen_office* office = nullptr;
    unsigned long count = 0;
    std::string seed;     // the profile seed (profile_seed.cpp); "" when there is none to use or make
    bool seeded = false;  // the office started on a copy of it
};

bool OfficeSession::available() { return bridge_module().open != nullptr; }

OfficeSession::OfficeSession() : impl_(std::make_unique<Impl>()) {
    const BridgeModule& m = impl_->module;
    if (!m.open)
        throw Error("no-office-bridge", m.path.empty() ? "office-bridge.so" : m.path,
                    m.error.empty() ? std::string(_("Gongwen was built without the LibreOffice SDK (libreoffice-dev)")) : m.error);
    const char* connect = std::getenv("GONGWEN_OFFICE_CONNECT");
    std::string soffice = find_soffice();
    if (soffice.empty() && !(connect && *connect))
        throw Error("no-office", "soffice", _("PDF output needs LibreOffice: install libreoffice-writer (or set GONGWEN_SOFFICE)"));
    if (impl_->work.path.empty()) {
        int e = errno;
        throw Error("cannot-write", fs::temp_directory_path().string(),
                    format(_("cannot create a temporary folder: {reason}"), {{"reason", i18n::system_error(e)}}));
    }
    // The bridge starts its office on WORKDIR/profile-1 (bridge_abi.h): a copy of the seed, when
    // there is one, spares the office a fresh profile's second start.
    if (!(connect && *connect)) {
        impl_->seed = office::profile_seed(soffice);
        impl_->seeded = office::copy_profile_seed(impl_->seed, impl_->work.path + "/profile-1");
    }
    char err[1024] = "";
    impl_->office = m.open(soffice.c_str(), connect && *connect ? connect : nullptr, impl_->work.path.c_str(), err, sizeof err);
    if (!impl_->office) throw Error("office-failed", connect && *connect ? connect : soffice, format(_("LibreOffice did not start: {reason}"), {{"reason", err}}));
}

OfficeSession::~OfficeSession() {
    if (!impl_->office) return;
    bool first_profile = impl_->module.restarts(impl_->office) == 0;
    impl_->module.close(impl_->office);
    if (!impl_->seeded && first_profile) office::keep_profile_seed(impl_->work.path + "/profile-1", impl_->seed);
}

long OfficeSession::pid() const { return impl_->module.pid(impl_->office); }
int OfficeSession::restarts() const { return impl_->module.restarts(impl_->office); }

void OfficeSession::convert(const std::string& input, const std::string& pdf_path, bool overwrite, int timeout_seconds) {
    std::error_code ec;
    if (!overwrite && fs::exists(pdf_path, ec))
        throw Error("output-exists", pdf_path, _("the output exists; use --force to overwrite it"));
    std::string why, pdf;
    for (int attempt = 0; attempt < 2; ++attempt) {
        // A name never used before: an office killed while storing may leave the file and its
        // lock (.~lock.NAME#) behind, and the next office refuses to store over a locked name.
        pdf = impl_->work.path + "/out-" + std::to_string(++impl_->count) + ".pdf";
        char err[2048] = "";
        std::string copies = impl_->work.path + "/in-" + std::to_string(impl_->count);
        std::string given = libreoffice_input(fs::absolute(input, ec).string(), copies, fs::path(input).filename().string());
        int rc = impl_->module.convert(impl_->office, given.c_str(), pdf.c_str(),
                                       1000L * timeout_seconds, err, sizeof err);
        fs::remove_all(copies, ec);
        why = err;
        if (rc == GONGWEN_OFFICE_OK) {
            if (!fs::exists(pdf, ec) || fs::file_size(pdf, ec) == 0) {
                why = _("LibreOffice wrote no PDF");
                break;
            }
            write_file_atomically(pdf_path, read_file_bytes(pdf), overwrite);
            fs::remove(pdf, ec);
            return;
        }
        if (rc != GONGWEN_OFFICE_OFFICE_LOST) break;  // the document's fault: no second try
    }
    fs::remove(pdf, ec);
    throw Error("office-failed", pdf_path, why.empty() ? std::string(_("LibreOffice could not convert the document to PDF")) : why);
}

} // namespace gongwen
