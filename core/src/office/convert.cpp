// PDF through LibreOffice: an OfficeSession drives one long-lived office over UNO through the
// office bridge module (core/bridge/), loaded here only when a PDF is wanted. A build without
// the LibreOffice SDK has no bridge and runs `soffice --convert-to pdf` instead.
#include "gongwen/office.hpp"

#include "bridge_abi.h"
#include "spawn_office.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"
#include "module_loader.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

extern char** environ;

namespace gongwen {

namespace fs = std::filesystem;
using i18n::_;
using i18n::format;

// A folder of a run is named PREFIX-PID-XXXXXX: a run killed before it could remove its folders
// (SIGKILL, a power cut) leaves them to the next run, which removes those whose process is gone.
void remove_stale_temp_dirs() {
    static const char* const prefixes[] = {"gongwen-batch-", "gongwen-pdf-", "gongwen-check-"};
    auto owner_gone = [](const std::string& digits) {
        if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
        long pid = std::stol(digits);
        return pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    };
    std::error_code ec;
    const fs::path tmp = fs::temp_directory_path(ec);
    if (ec) return;
    for (auto it = fs::directory_iterator(tmp, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        for (const char* prefix : prefixes) {
            std::size_t n = std::strlen(prefix);
            if (name.compare(0, n, prefix) != 0) continue;
            std::size_t dash = name.find('-', n);
            struct stat st;
            if (dash == std::string::npos || !owner_gone(name.substr(n, dash - n))) continue;
            if (::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid()) continue;
            std::error_code rm;
            fs::remove_all(it->path(), rm);
        }
    }
    // The UNO pipes of offices killed with their run (office_bridge.cpp names them gongwen-PID-…).
    const std::string pipe_prefix = "OSL_PIPE_" + std::to_string(::getuid()) + "_gongwen-";
    for (auto it = fs::directory_iterator("/tmp", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.compare(0, pipe_prefix.size(), pipe_prefix) != 0) continue;
        std::size_t dash = name.find('-', pipe_prefix.size());
        if (dash != std::string::npos && owner_gone(name.substr(pipe_prefix.size(), dash - pipe_prefix.size()))) ::unlink(it->path().c_str());
    }
}

std::string make_run_temp_dir(const std::string& prefix) {
    remove_stale_temp_dirs();
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / (prefix + "-" + std::to_string(::getpid()) + "-XXXXXX")).string();
    return ::mkdtemp(tmpl.data()) ? tmpl : std::string();
}

namespace {

// LibreOffice's DOCX import reads w:overflowPunct the wrong way round: writerfilter maps
// val="0" — Word's and WPS's "punctuation must not hang into the margin" — to hanging
// punctuation, and val="1" to none. The copy handed to LibreOffice says the opposite of what
// the document says (an absent element stays absent), so that LibreOffice lays out the page
// that Word lays out. Anything that is not a readable DOCX is handed over as it is.
std::string for_libreoffice(std::string_view bytes, const std::string& extension) {
    if (extension != "docx") return std::string(bytes);
    try {
        Package pkg = Package::read_memory(bytes, "document.docx");
        std::map<std::string, std::string, std::less<>> replaced;
        for (const char* part : {"word/styles.xml", "word/document.xml"}) {
            const PackageEntry* e = pkg.find(part);
            if (!e || !e->has_data || e->data.find("overflowPunct") == std::string::npos) continue;
            std::string xml = e->data, out;
            std::size_t from = 0;
            for (std::size_t at; (at = xml.find("<w:overflowPunct", from)) != std::string::npos;) {
                std::size_t end = xml.find("/>", at);
                if (end == std::string::npos) break;
                std::string element = xml.substr(at, end + 2 - at);
                bool on = element.find("w:val=\"0\"") == std::string::npos && element.find("w:val=\"false\"") == std::string::npos &&
                          element.find("w:val=\"off\"") == std::string::npos;
                out += xml.substr(from, at - from) + (on ? "<w:overflowPunct w:val=\"0\"/>" : "<w:overflowPunct w:val=\"1\"/>");
                from = end + 2;
            }
            out += xml.substr(from);
            replaced.emplace(part, std::move(out));
        }
        return replaced.empty() ? std::string(bytes) : pkg.write(replaced);
    } catch (const Error&) {
        return std::string(bytes);  // LibreOffice says what is wrong with it
    }
}

/// `input` itself, or a copy in `folder` that LibreOffice lays out as Word does (for_libreoffice).
std::string libreoffice_input(const std::string& input, const std::string& folder, const std::string& name) {
    std::string ext = fs::path(input).extension().string();
    if (ext != ".docx") return input;
    std::string bytes = read_file_bytes(input);
    std::string fixed = for_libreoffice(bytes, "docx");
    if (fixed == bytes) return input;
    std::error_code ec;
    fs::create_directories(folder, ec);
    std::string copy = folder + "/" + name;
    write_file_atomically(copy, fixed, true);
    return copy;
}

std::string find_soffice() {
    if (const char* env = std::getenv("GONGWEN_SOFFICE"); env && *env) return env;
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t colon = p.find(':', start);
        std::string dir = p.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        std::string candidate = (dir.empty() ? "." : dir) + "/soffice";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return "";
}

struct TempDir {
    std::string path = make_run_temp_dir("gongwen-pdf");
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

// Runs one soffice over `inputs`, PDFs into `outdir`; kills it by pid after `timeout_seconds`.
// Returns "" or what went wrong.
std::string run_soffice(const std::string& soffice, const std::string& work, const std::vector<std::string>& inputs,
                        const std::string& outdir, int timeout_seconds, int attempt = 0) {
    // A profile of its own per process: a killed office may leave its profile locked.
    std::string profile = "-env:UserInstallation=file://" + work + "/profile" + std::to_string(attempt);
    std::vector<std::string> args = {office_spawn::office_program(soffice), "--headless", "--invisible", "--norestore",
                                     "--nodefault", "--nologo", profile, "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir};
    args.insert(args.end(), inputs.begin(), inputs.end());
    int status = 0;
    pid_t pid = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    // Its own process group, killed with us (spawn_office.hpp); started again when it asks to
    // be (once on a fresh profile), as oosplash would.
    for (int spawns = 0;; ++spawns) {
        pid = office_spawn::spawn_office(args, work + "/soffice.log");
        if (pid < 0) {
            int e = errno;
            return format(_("cannot start {program}: {reason}"), {{"program", args.front()}, {"reason", i18n::system_error(e)}});
        }
        while (true) {
            pid_t done = ::waitpid(pid, &status, WNOHANG);
            if (done == pid) break;
            if (done < 0 && errno != EINTR) {
                int e = errno;
                return format(_("waiting for soffice: {reason}"), {{"reason", i18n::system_error(e)}});
            }
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(-pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                return format(_("LibreOffice did not finish within {seconds} s"), {{"seconds", timeout_seconds}});
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (!office_spawn::office_restart_status(status) || spawns == 2) break;
        ::kill(-pid, SIGKILL);
    }
    ::kill(-pid, SIGKILL);  // whatever of its group outlived it
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string log = read_file_bytes(work + "/soffice.log");
        if (log.size() > 300) log = log.substr(0, 300) + "...";
        return log.empty() ? std::string(_("LibreOffice stopped unexpectedly"))
                           : format(_("LibreOffice stopped unexpectedly: {log}"), {{"log", log}});
    }
    return "";
}

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
    char err[1024] = "";
    impl_->office = m.open(soffice.c_str(), connect && *connect ? connect : nullptr, impl_->work.path.c_str(), err, sizeof err);
    if (!impl_->office) throw Error("office-failed", connect && *connect ? connect : soffice, format(_("LibreOffice did not start: {reason}"), {{"reason", err}}));
}

OfficeSession::~OfficeSession() {
    if (impl_->office) impl_->module.close(impl_->office);
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

bool office_available() {
    const char* connect = std::getenv("GONGWEN_OFFICE_CONNECT");
    return !find_soffice().empty() || (OfficeSession::available() && connect && *connect);
}

void convert_to_pdf(std::string_view document, const std::string& extension, const std::string& pdf_path,
                    bool overwrite, int timeout_seconds) {
    std::string soffice = find_soffice();
    const char* connect = std::getenv("GONGWEN_OFFICE_CONNECT");
    if (soffice.empty() && !(OfficeSession::available() && connect && *connect))
        throw Error("no-office", pdf_path, _("PDF output needs LibreOffice: install libreoffice-writer (or set GONGWEN_SOFFICE)"));
    std::error_code ec;
    if (!overwrite && fs::exists(pdf_path, ec))
        throw Error("output-exists", pdf_path, _("the output exists; use --force to overwrite it"));
    TempDir tmp;
    if (tmp.path.empty()) {
        int e = errno;
        throw Error("cannot-write", pdf_path, format(_("cannot create a temporary folder: {reason}"), {{"reason", i18n::system_error(e)}}));
    }
    std::string input = tmp.path + "/document." + extension;
    if (OfficeSession::available()) {
        write_file_atomically(input, document, true);  // the session corrects it
        OfficeSession office;
        office.convert(input, pdf_path, overwrite, timeout_seconds);
        return;
    }
    write_file_atomically(input, for_libreoffice(document, extension), true);
    std::string why = run_soffice(soffice, tmp.path, {input}, tmp.path + "/out", timeout_seconds);
    std::string pdf = tmp.path + "/out/document.pdf";
    if (!why.empty() || !fs::exists(pdf, ec) || fs::file_size(pdf, ec) == 0)
        throw Error("office-failed", pdf_path,
                    why.empty() ? std::string(_("LibreOffice could not convert the document to PDF"))
                                : format(_("LibreOffice could not convert the document to PDF: {reason}"), {{"reason", why}}));
    write_file_atomically(pdf_path, read_file_bytes(pdf), overwrite);
}

std::map<std::string, std::string> convert_many_to_pdf(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                       bool overwrite, int seconds_per_document,
                                                       const std::function<void(std::size_t done)>& on_document) {
    std::map<std::string, std::string> failures;
    if (OfficeSession::available()) {
        std::unique_ptr<OfficeSession> office;
        try {
            office = std::make_unique<OfficeSession>();
        } catch (const Error& e) {
            for (const auto& j : jobs) failures[j.second] = e.diagnostics().items().front().message;
            return failures;
        }
        std::size_t done = 0;
        for (const auto& j : jobs) {
            try {
                office->convert(j.first, j.second, overwrite, seconds_per_document);
            } catch (const Error& e) {
                failures[j.second] = e.diagnostics().items().front().message;
            }
            if (on_document) on_document(++done);
        }
        return failures;
    }
    std::string soffice = find_soffice();
    if (soffice.empty()) {
        for (const auto& j : jobs) failures[j.second] = _("PDF output needs LibreOffice: install libreoffice-writer");
        return failures;
    }
    TempDir tmp;
    std::vector<std::pair<std::string, std::string>> todo = jobs;
    std::string why;
    // A second process picks up what a crash or a hang of the first left undone.
    for (int attempt = 0; attempt < 2 && !todo.empty(); ++attempt) {
        std::vector<std::string> inputs;
        for (std::size_t k = 0; k < todo.size(); ++k)
            inputs.push_back(libreoffice_input(todo[k].first, tmp.path + "/in" + std::to_string(k), fs::path(todo[k].first).filename().string()));
        std::string outdir = tmp.path + "/out" + std::to_string(attempt);
        why = run_soffice(soffice, tmp.path, inputs, outdir, 30 + seconds_per_document * static_cast<int>(inputs.size()), attempt);
        std::vector<std::pair<std::string, std::string>> left;
        for (const auto& j : todo) {
            std::string pdf = outdir + "/" + fs::path(j.first).stem().string() + ".pdf";
            std::error_code ec;
            if (fs::exists(pdf, ec) && fs::file_size(pdf, ec) > 0) {
                try {
                    write_file_atomically(j.second, read_file_bytes(pdf), overwrite);
                } catch (const Error& e) {
                    failures[j.second] = e.diagnostics().items().front().message;
                }
            } else {
                left.push_back(j);
            }
        }
        todo = std::move(left);
    }
    for (const auto& j : todo)
        failures[j.second] = why.empty() ? std::string(_("LibreOffice did not convert it"))
                                         : format(_("LibreOffice did not convert it: {reason}"), {{"reason", why}});
    return failures;
}

} // namespace gongwen
