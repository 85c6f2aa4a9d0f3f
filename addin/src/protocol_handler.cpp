// The Writer add-in: a UNO ProtocolHandler for the vnd.gongwen: commands, a thin layer over the
// core library. The toolbar "公文" and the menu "公文(G)" (Addons.xcu) dispatch these URLs; so
// can macros and tests, with arguments, and then no dialog opens:
//   vnd.gongwen:New    Type (type id), DataFile (JSON), Format (docx|odt) — a new document of a
//                      type, opened in a new Writer window as an untitled document named by
//                      the type's output pattern (县民政局巡察整改通知书), Save As in its format
//   vnd.gongwen:Fill   DataFile, Mode (replace|new), IfMissing (fill|cancel) — the {{…}} tags of
//                      the document being edited, rendered by the same engine (fill.cpp)
//   vnd.gongwen:Check  the GB/T 9704 check of the document being edited, as a list (check_list.cpp)
//   vnd.gongwen:About
// Every command answers through XNotifyingDispatch (DispatchResultEvent: SUCCESS or FAILURE,
// Result = the message), and shows its failures in a message box; nothing thrown reaches Writer.
#include "addin_common.hpp"
#include "commands.hpp"
#include "form_dialog.hpp"
#include "uno_util.hpp"

#include "gongwen/batch.hpp"
#include "gongwen/data.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/document_type.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/image.hpp"
#include "gongwen/package.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/version.hpp"

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <osl/file.hxx>
#include <rtl/ustring.hxx>
#include <uno/lbnames.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace com::sun::star;
using rtl::OUString;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace fs = std::filesystem;
using namespace gongwen::uno_util;
using gongwen::i18n::_;
using gongwen_addin::Failure;
using gongwen_addin::TempDir;
using gongwen_addin::arg;
using gongwen_addin::catalog;

namespace {

const char kImplementation[] = "org.gongwen.addin.ProtocolHandler";
const char kProtocol[] = "vnd.gongwen:";

// The add-in speaks the office's UI language (Tools ▸ Options ▸ Language Settings ▸ User
// interface: /org.openoffice.Setup/L10N/ooLocale); when that is the system's (empty), soffice's
// environment decides, as for the command. The catalogue is the extension's own (locale/ beside
// this library, where i18n finds it). Nothing process-wide changes: no setlocale(), no setenv() —
// the catalogue is read under a locale of the calling thread's own (gongwen/i18n.hpp). gettext
// then picks the catalogue by LANGUAGE, which soffice sets at its start to the language its user
// interface runs in (zh_CN.UTF-8, en_US.UTF-8): the messages are Chinese when the office is.
void choose_language(const Reference<uno::XComponentContext>& ctx) {
    std::string ui;
    try {
        auto provider = configuration::theDefaultProvider::get(ctx);
        uno::Sequence<uno::Any> args(1);
        args[0] <<= beans::NamedValue("nodepath", uno::Any(OUString("/org.openoffice.Setup/L10N")));
        Reference<container::XNameAccess> l10n(
            provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args), UNO_QUERY);
        OUString locale;
        if (l10n.is()) l10n->getByName("ooLocale") >>= locale;
        ui = u8(locale);
    } catch (const uno::Exception&) {
        // no configuration: the environment decides
    }
    auto lang = ui.empty() ? gongwen::i18n::language_from_environment()
                           : gongwen::i18n::parse_language(ui).value_or(gongwen::i18n::Language::english);
    gongwen::i18n::set_language(lang);
}

class ProtocolHandler : public cppu::WeakImplHelper4<frame::XDispatchProvider, frame::XNotifyingDispatch,
                                                     lang::XInitialization, lang::XServiceInfo> {
public:
    explicit ProtocolHandler(const Reference<uno::XComponentContext>& ctx) : ctx_(ctx) {}

    // XInitialization: the frame the command is for.
    void SAL_CALL initialize(const uno::Sequence<uno::Any>& args) override {
        if (args.getLength() > 0) args[0] >>= frame_;
    }

    // XServiceInfo
    OUString SAL_CALL getImplementationName() override { return OUString::createFromAscii(kImplementation); }
    sal_Bool SAL_CALL supportsService(const OUString& name) override { return cppu::supportsService(this, name); }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        uno::Sequence<OUString> names(1);
        names[0] = "com.sun.star.frame.ProtocolHandler";
        return names;
    }

    // XDispatchProvider
    Reference<frame::XDispatch> SAL_CALL queryDispatch(const util::URL& url, const OUString&, sal_Int32) override {
        if (url.Complete.startsWithIgnoreAsciiCase(OUString::createFromAscii(kProtocol))) return this;
        return nullptr;
    }
    uno::Sequence<Reference<frame::XDispatch>> SAL_CALL queryDispatches(
        const uno::Sequence<frame::DispatchDescriptor>& requests) override {
        uno::Sequence<Reference<frame::XDispatch>> out(requests.getLength());
        for (sal_Int32 i = 0; i < requests.getLength(); ++i)
            out[i] = queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
        return out;
    }

    // XDispatch
    void SAL_CALL dispatch(const util::URL& url, const uno::Sequence<beans::PropertyValue>& args) override {
        dispatchWithNotification(url, args, nullptr);
    }
    void SAL_CALL addStatusListener(const Reference<frame::XStatusListener>& listener, const util::URL& url) override {
        if (!listener.is()) return;
        frame::FeatureStateEvent e;
        e.Source = static_cast<cppu::OWeakObject*>(this);
        e.FeatureURL = url;
        e.IsEnabled = true;
        e.Requery = false;
        listener->statusChanged(e);
    }
    void SAL_CALL removeStatusListener(const Reference<frame::XStatusListener>&, const util::URL&) override {}

    // XNotifyingDispatch
    void SAL_CALL dispatchWithNotification(const util::URL& url, const uno::Sequence<beans::PropertyValue>& args,
                                           const Reference<frame::XDispatchResultListener>& listener) override {
        std::string command = u8(url.Complete).substr(sizeof kProtocol - 1);
        std::string message;
        bool ok = false;
        try {
            choose_language(ctx_);
            if (command == "New") message = cmd_new(args);
            else if (command == "Fill") message = gongwen_addin::fill_current(ctx_, frame_, args);
            else if (command == "Check") message = gongwen_addin::check_current(ctx_, frame_);
            else if (command == "About") message = about();
            else throw Failure(gongwen::i18n::format(_("unknown command {command}"), {{"command", command}}));
            ok = true;
        } catch (const Failure& f) {
            message = f.what();
        } catch (const gongwen::Error& e) {
            message = e.diagnostics().to_string();
        } catch (const uno::Exception& e) {
            message = "LibreOffice: " + u8(e.Message);
        } catch (const std::exception& e) {
            message = e.what();
        } catch (...) {
            message = _("unknown failure");
        }
        // About informs (Check shows its own list); failures always show. Silent in a headless office.
        if (!ok || command == "About") show(ok ? _("Gongwen") : _("Gongwen — error"), message, !ok);
        if (listener.is()) {
            frame::DispatchResultEvent e;
            e.Source = static_cast<cppu::OWeakObject*>(this);
            e.State = ok ? frame::DispatchResultState::SUCCESS : frame::DispatchResultState::FAILURE;
            e.Result <<= ou(message);
            listener->dispatchFinished(e);
        }
    }

private:
    static gongwen::DocFormat format_of(const std::string& name) {
        auto f = gongwen::format_from_extension(name);
        if (!f) throw Failure(gongwen::i18n::format(_("Format must be docx or odt, not '{format}'"), {{"format", name}}));
        return *f;
    }

    std::string cmd_new(const uno::Sequence<beans::PropertyValue>& args) {
        std::string type = arg(args, "Type"), data_file = arg(args, "DataFile"), format = arg(args, "Format");
        if (format.empty()) format = "docx";
        if (data_file.empty()) return new_from_form(type, format);
        gongwen::DocFormat fmt = format_of("x." + format);
        auto doc_type = gongwen::DocumentType::open(catalog(), type);
        gongwen::Diagnostics diags;
        nlohmann::json data = data_json(data_file);
        gongwen::GenerateOptions go;
        go.render.images = gongwen::image_source_for(data_file, false);  // a seal's path from the data file's folder
        go.render.data_label = data_file;
        auto bytes = doc_type->generate(data, fmt, data_file, go, diags);
        if (!bytes) throw Failure(diags.to_string());
        TempDir tmp;
        std::string out = tmp.path + "/" + type + "." + format;
        gongwen::write_file_atomically(out, *bytes, false);
        gongwen_addin::open_untitled(ctx_, out, result_name(*doc_type, doc_type->manifest(), data));
        return gongwen::i18n::format(_("generated {type}"), {{"type", doc_type->manifest().name.text()}}) +
               (diags.empty() ? "" : "\n" + diags.to_string());
    }

    // No data file: the dialogs — the type (unless given), then its form.
    std::string new_from_form(const std::string& type, std::string format) {
        gongwen::PluginCatalog cat = catalog();
        if (cat.plugins.empty()) throw Failure(_("no document type is installed"));
        const gongwen::PluginManifest* m = nullptr;
        if (type.empty()) {
            auto choice = gongwen_addin::pick_type(ctx_, parent(), cat);
            if (!choice) return _("cancelled");
            m = choice->type;
            format = choice->format;
        } else {
            gongwen::Diagnostics missing;  // the core's one way of saying why there is no such type
            if (!(m = cat.require(type, missing))) throw gongwen::Error(missing);
        }
        gongwen::DocFormat fmt = format_of("x." + format);
        // The type once for the form: its plugin loaded and its template compiled at the first
        // 生成, not again at every one.
        std::shared_ptr<const gongwen::DocumentType> doc_type;
        bool made = gongwen_addin::fill_form(ctx_, parent(), *m, [&](const nlohmann::json& data) -> std::string {
            try {
                if (!doc_type) doc_type = gongwen::DocumentType::load(*m);
                gongwen::Diagnostics diags;
                // TRANSLATORS: where the data of the 新建公文 form comes from, in its messages
                gongwen::GenerateOptions go;
                // the form's pictures are whole paths (a data file's relative ones made whole as it
                // was loaded); set, so that a bad picture is said on its field before rendering
                go.render.images = std::make_shared<gongwen::ImageSource>();
                go.render.data_label = _("the form");
                auto bytes = doc_type->generate(data, fmt, _("the form"), go, diags);
                if (!bytes) return problems_for_form(diags);
                TempDir tmp;
                std::string out = tmp.path + "/" + m->id + "." + format;
                gongwen::write_file_atomically(out, *bytes, false);
                gongwen_addin::open_untitled(ctx_, out, result_name(*doc_type, *m, data));
                return "";
            } catch (const gongwen::Error& e) {
                return e.diagnostics().to_string();
            } catch (const std::exception& e) {
                return e.what();
            }
        });
        return made ? gongwen::i18n::format(_("generated {type}"), {{"type", m->name.text()}}) : std::string(_("cancelled"));
    }

    Reference<awt::XWindowPeer> parent() {
        return frame_.is() ? Reference<awt::XWindowPeer>(frame_->getContainerWindow(), UNO_QUERY) : nullptr;
    }

    static nlohmann::json data_json(const std::string& file) { return gongwen::read_json_file(file); }

    // A new document's name: the type's output pattern with the data (县民政局巡察整改通知书),
    // else the type's name.
    static std::string result_name(const gongwen::DocumentType& type, const gongwen::PluginManifest& m, const nlohmann::json& data) {
        std::string name;
        try {
            if (!m.output.empty()) name = gongwen::safe_file_name(gongwen::render_pattern(m.output, data, type.formatters()));
        } catch (const std::exception&) {
            // a pattern that does not render names nothing
        }
        return name.empty() ? m.name.text() : name;
    }

    static std::string about() {
        return gongwen::i18n::format(_("Gongwen {version}\nOfficial documents of inspection offices, laid out by GB/T 9704-2012."),
                      {{"version", gongwen::kVersion}});
    }

    // The form's problems, one a line: the messages alone (the form names its fields).
    static std::string problems_for_form(const gongwen::Diagnostics& d) {
        std::string s;
        for (const auto& x : d.items()) s += x.message + "\n";
        return s;
    }

    void show(const std::string& title, const std::string& message, bool error) {
        try {
            if (!frame_.is()) return;
            Reference<awt::XWindowPeer> parent(frame_->getContainerWindow(), UNO_QUERY);
            if (!parent.is()) return;
            Reference<awt::XMessageBoxFactory> factory(awt::Toolkit::create(ctx_), UNO_QUERY);
            auto box = factory->createMessageBox(parent, error ? awt::MessageBoxType_ERRORBOX : awt::MessageBoxType_INFOBOX,
                                                 awt::MessageBoxButtons::BUTTONS_OK, ou(title), ou(message));
            if (box.is()) box->execute();
        } catch (const uno::Exception&) {
            // no window to show it in (headless): the dispatch result carries the message
        }
    }

    Reference<uno::XComponentContext> ctx_;
    Reference<frame::XFrame> frame_;
};

} // namespace

extern "C" SAL_DLLPUBLIC_EXPORT uno::XInterface* org_gongwen_addin_ProtocolHandler_get_implementation(
    uno::XComponentContext* ctx, const uno::Sequence<uno::Any>&) {
    auto* handler = new ProtocolHandler(ctx);
    handler->acquire();
    return static_cast<cppu::OWeakObject*>(handler);
}
