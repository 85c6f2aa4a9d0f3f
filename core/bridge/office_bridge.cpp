// The office bridge: one long-lived headless LibreOffice, driven over UNO with the LibreOffice SDK.
// load (hidden, macros off) -> storeToURL(writer_pdf_Export) -> close, per document; the office
// is started with a profile and a UNO pipe of its own, killed by process group when a document
// overruns its time, and started again on the next document after it died.
//
// Built as a module of its own (office-bridge.so) that the core loads only for PDF output; its
// boundary is the C one of core/office/bridge_abi.h: nothing C++ crosses it.
#include "../office/bridge_abi.h"
#include "../office/spawn_office.hpp"
#include "../uno/uno_util.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/bridge/UnoUrlResolver.hpp>
#include <com/sun/star/bridge/XUnoUrlResolver.hpp>
#include <com/sun/star/connection/NoConnectException.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XDesktop2.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/DisposedException.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <cppuhelper/bootstrap.hxx>
#include <osl/file.hxx>
#include <rtl/ustring.hxx>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <initializer_list>
#include <mutex>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

extern char** environ;

using namespace com::sun::star;
using uno::Reference;
using uno::UNO_QUERY;
using rtl::OUString;
using namespace gongwen::uno_util;
namespace office_spawn = gongwen::office_spawn;

namespace {

// The bridge's messages in the user's language. It links neither libgongwen nor gettext: the core
// hands it its i18n::_ (gongwen_office_set_translator) and the bridge fills the {placeholders}
// itself, as i18n::format does. The messages are marked _("…") for scripts/update-po.sh.
std::atomic<gongwen_office_translator> g_translate{nullptr};

const char* _(const char* msgid) {
    gongwen_office_translator t = g_translate.load();
    const char* text = t ? t(msgid) : nullptr;
    return text ? text : msgid;
}

std::string format(const std::string& pattern, std::initializer_list<std::pair<const char*, std::string>> args) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        bool replaced = false;
        if (pattern[i] == '{') {
            for (const auto& a : args) {
                std::string name = std::string("{") + a.first + "}";
                if (pattern.compare(i, name.size(), name) == 0) {
                    out += a.second;
                    i += name.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += pattern[i++];
    }
    return out;
}

void copy_out(const std::string& msg, char* err, size_t errlen) {
    if (!err || errlen == 0) return;
    std::snprintf(err, errlen, "%s", msg.c_str());
}

std::string tail_of(const std::string& path, std::size_t max = 400) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s.size() > max ? s.substr(s.size() - max) : s;
}

// The process's own UNO context, made once and kept to the end of the process (tearing the URE
// down at exit, after other statics, is not safe).
Reference<uno::XComponentContext> local_context() {
    static Reference<uno::XComponentContext>* ctx = [] {
        // Without it the default context lacks the office API types (LIBREOFFICE.md).
        ::setenv("URE_BOOTSTRAP", "vnd.sun.star.pathname:" LO_PROGRAM_DIR "/fundamentalrc", 0);
        return new Reference<uno::XComponentContext>(cppu::defaultBootstrap_InitialComponentContext());
    }();
    return *ctx;
}

// Kills the office's process group when a document overruns its time.
class Watchdog {
public:
    Watchdog(long timeout_ms, pid_t group) {
        thread_ = std::thread([this, timeout_ms, group] {
            std::unique_lock<std::mutex> lock(mutex_);
            if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return done_; })) {
                fired_ = true;
                if (group > 0) ::kill(-group, SIGKILL);
            }
        });
    }
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    bool fired() {
        std::lock_guard<std::mutex> lock(mutex_);
        return fired_;
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false, fired_ = false;
    std::thread thread_;
};

} // namespace

struct gongwen_office {
    std::string soffice, connect, workdir, pipe, log;
    pid_t pid = 0;  // the process group we started
    int starts = 0;
    int exit_status = 0;  // of the office, once it exited
    Reference<frame::XDesktop2> desktop;

    std::string connection_url() const {
        return "uno:" + (connect.empty() ? "pipe,name=" + pipe : connect) + ";urp;StarOffice.ComponentContext";
    }

    bool alive() {
        if (pid <= 0) return !connect.empty();
        int status = 0;
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) exit_status = status;
        return r == 0;
    }

    // Kills what is left of the process group and reaps the leader.
    void stop_process() {
        desktop.clear();
        if (pid > 0) {
            ::kill(-pid, SIGKILL);
            int status = 0;
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            pid = 0;
        }
        if (!pipe.empty()) ::unlink(("/tmp/OSL_PIPE_" + std::to_string(::getuid()) + "_" + pipe).c_str());
    }

    // An office that dies while starting (killed, or a crash on a fresh profile) is started once
    // more before giving up.
    void start() {
        for (int attempt = 0;; ++attempt) {
            try {
                start_once();
                return;
            } catch (const std::runtime_error&) {
                if (attempt == 1 || !connect.empty()) throw;
            }
        }
    }

    void start_once() {
        Reference<bridge::XUnoUrlResolver> resolver = bridge::UnoUrlResolver::create(local_context());
        if (connect.empty()) {
            ++starts;
            static std::atomic<int> counter{0};
            pipe = "gongwen-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                   std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
            std::string profile = "-env:UserInstallation=" + file_url(workdir + "/profile-" + std::to_string(starts));
            std::string accept = "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext";
            std::vector<std::string> args = {office_spawn::office_program(soffice), "--headless", "--invisible",
                                             "--norestore", "--nodefault", "--nologo", "--nolockcheck",
                                             "--nofirststartwizard", accept, profile};
            respawns = 0;
            log = workdir + "/soffice-" + std::to_string(starts) + ".log";
            spawn(args);
        }
        // A fresh profile accepts connections after about 1.5 s; allow for a loaded machine. An
        // office the user started ($GONGWEN_OFFICE_CONNECT) listens already: a few seconds of
        // retries, then say so.
        const int wait_s = connect.empty() ? 90 : 5;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_s);
        for (;;) {
            try {
                Reference<uno::XComponentContext> remote(resolver->resolve(ou(connection_url())), UNO_QUERY);
                if (!remote.is()) throw std::runtime_error(_("the office gave no component context"));
                desktop = frame::Desktop::create(remote);
                return;
            } catch (const connection::NoConnectException&) {
            }
            if (!alive()) {
                // soffice.bin asks to be started again (once, on a fresh profile): oosplash's
                // duty, ours since we start soffice.bin directly.
                if (connect.empty() && office_spawn::office_restart_status(exit_status) && respawns < 3) {
                    ++respawns;
                    spawn(spawned_args);
                    continue;
                }
                std::string out = connect.empty() ? tail_of(log) : "";
                stop_process();
                if (!connect.empty()) throw std::runtime_error(format(_("no office at {connect}"), {{"connect", connect}}));
                throw std::runtime_error(out.empty() ? std::string(_("soffice exited before accepting a connection"))
                                                     : format(_("soffice exited before accepting a connection: {log}"), {{"log", out}}));
            }
            if (std::chrono::steady_clock::now() > deadline) {
                stop_process();
                if (!connect.empty())
                    throw std::runtime_error(format(_("no office listens on {connect} (tried for {seconds} s): start one with "
                                                      "soffice --accept=\"{connect};urp;\", or unset GONGWEN_OFFICE_CONNECT"),
                                                    {{"connect", connect}, {"seconds", std::to_string(wait_s)}}));
                throw std::runtime_error(format(_("the office did not accept a connection within {seconds} s"),
                                                {{"seconds", std::to_string(wait_s)}}));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    // Starts the office (spawn_office.hpp: it dies with the thread that started it).
    void spawn(std::vector<std::string> args) {
        spawned_args = args;
        pid = office_spawn::spawn_office(args, log);
        if (pid < 0) {
            int e = errno;
            pid = 0;
            throw std::runtime_error(format(_("cannot start {program}: {reason}"), {{"program", args.front()}, {"reason", std::strerror(e)}}));
        }
    }
    std::vector<std::string> spawned_args;
    int respawns = 0;

    void close_document(const Reference<lang::XComponent>& doc) {
        if (!doc.is()) return;
        Reference<util::XCloseable> closeable(doc, UNO_QUERY);
        try {
            if (closeable.is()) closeable->close(true);
            else doc->dispose();
        } catch (const uno::Exception&) {
            // a veto leaves it to the office (it owns the document now); nothing of ours is lost
        }
    }

    int convert(const std::string& input, const std::string& pdf, long timeout_ms, std::string& why) {
        if (!desktop.is() || !alive()) {
            if (desktop.is() || pid > 0) stop_process();
            start();
        }
        Watchdog dog(timeout_ms, pid);
        Reference<lang::XComponent> doc;
        try {
            uno::Sequence<beans::PropertyValue> load(4);
            load[0] = prop("Hidden", uno::Any(true));
            load[1] = prop("ReadOnly", uno::Any(true));
            load[2] = prop("MacroExecutionMode", uno::Any(document::MacroExecMode::NEVER_EXECUTE));
            load[3] = prop("UpdateDocMode", uno::Any(document::UpdateDocMode::NO_UPDATE));
            doc = desktop->loadComponentFromURL(ou(file_url(input)), "_blank", 0, load);
            if (!doc.is()) {
                why = format(_("LibreOffice could not open {file}"), {{"file", input}});
                return GONGWEN_OFFICE_DOCUMENT_FAILED;
            }
            Reference<frame::XStorable> storable(doc, UNO_QUERY);
            if (!storable.is()) {
                close_document(doc);
                why = format(_("LibreOffice opened {file} as something it cannot store"), {{"file", input}});
                return GONGWEN_OFFICE_DOCUMENT_FAILED;
            }
            // The blank pages LibreOffice inserts (a page numbered odd after an odd one, as each
            // document of batch --merge starts) are kept: double-sided printing needs them.
            uno::Sequence<beans::PropertyValue> filter(1);
            filter[0] = prop("IsSkipEmptyPages", uno::Any(false));
            uno::Sequence<beans::PropertyValue> store(2);
            store[0] = prop("FilterName", uno::Any(OUString("writer_pdf_Export")));
            store[1] = prop("FilterData", uno::Any(filter));
            storable->storeToURL(ou(file_url(pdf)), store);
            close_document(doc);
            return GONGWEN_OFFICE_OK;
        } catch (const lang::DisposedException& e) {
            return failed(dog, doc, u8(e.Message), true, timeout_ms, why);  // the connection is gone
        } catch (const uno::Exception& e) {
            return failed(dog, doc, u8(e.Message), false, timeout_ms, why);
        }
    }

    int failed(Watchdog& dog, const Reference<lang::XComponent>& doc, const std::string& message, bool disposed,
               long timeout_ms, std::string& why) {
        if (dog.fired()) {
            why = format(_("LibreOffice took longer than {seconds} s and was stopped"),
                         {{"seconds", std::to_string(timeout_ms / 1000.0).substr(0, 5)}});
        } else if (disposed || !alive()) {
            why = format(_("LibreOffice stopped while converting ({reason})"), {{"reason", message}});
        } else {
            why = format(_("LibreOffice could not convert it: {reason}"), {{"reason", message}});
            close_document(doc);
            return GONGWEN_OFFICE_DOCUMENT_FAILED;
        }
        stop_process();
        return GONGWEN_OFFICE_OFFICE_LOST;
    }

    void close() {
        if (desktop.is() && pid > 0 && alive()) {
            Watchdog dog(10000, pid);  // a terminate that hangs is cut short
            try {
                desktop->terminate();
            } catch (const uno::Exception&) {
            }
            desktop.clear();
            // soffice.bin exits after terminate; give the group a moment before the kill
            for (int i = 0; i < 50 && alive(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        stop_process();
    }
};

extern "C" {

__attribute__((visibility("default"))) unsigned gongwen_office_bridge_abi(void) { return GONGWEN_OFFICE_BRIDGE_ABI; }

__attribute__((visibility("default"))) void gongwen_office_set_translator(gongwen_office_translator translate) {
    g_translate.store(translate);
}

__attribute__((visibility("default"))) gongwen_office* gongwen_office_open(const char* soffice, const char* connect,
                                                                            const char* workdir, char* err,
                                                                            size_t errlen) {
    gongwen_office* office = nullptr;
    try {
        office = new gongwen_office;
        office->soffice = soffice ? soffice : "soffice";
        office->connect = connect ? connect : "";
        office->workdir = workdir ? workdir : "/tmp";
        office->start();
        return office;
    } catch (const uno::Exception& e) {
        copy_out(u8(e.Message), err, errlen);
    } catch (const std::exception& e) {
        copy_out(e.what(), err, errlen);
    } catch (...) {
        copy_out(_("unknown failure while starting LibreOffice"), err, errlen);
    }
    if (office) office->stop_process();
    delete office;
    return nullptr;
}

__attribute__((visibility("default"))) int gongwen_office_convert(gongwen_office* office, const char* input,
                                                                   const char* pdf, long timeout_ms, char* err,
                                                                   size_t errlen) {
    std::string why;
    int rc = GONGWEN_OFFICE_DOCUMENT_FAILED;
    try {
        rc = office->convert(input, pdf, timeout_ms, why);
    } catch (const uno::Exception& e) {
        why = format(_("LibreOffice: {reason}"), {{"reason", u8(e.Message)}});
        office->stop_process();
        rc = GONGWEN_OFFICE_OFFICE_LOST;
    } catch (const std::exception& e) {
        why = e.what();
        office->stop_process();
        rc = GONGWEN_OFFICE_OFFICE_LOST;
    } catch (...) {
        why = _("unknown failure in the office bridge");
        office->stop_process();
        rc = GONGWEN_OFFICE_OFFICE_LOST;
    }
    copy_out(why, err, errlen);
    return rc;
}

__attribute__((visibility("default"))) long gongwen_office_pid(const gongwen_office* office) {
    return office ? static_cast<long>(office->pid) : 0;
}

__attribute__((visibility("default"))) int gongwen_office_restarts(const gongwen_office* office) {
    return office && office->starts > 1 ? office->starts - 1 : 0;
}

__attribute__((visibility("default"))) void gongwen_office_close(gongwen_office* office) {
    if (!office) return;
    try {
        office->close();
    } catch (...) {
        office->stop_process();
    }
    delete office;
}

} // extern "C"
