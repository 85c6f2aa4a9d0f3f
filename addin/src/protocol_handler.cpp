// The Writer add-in: a UNO ProtocolHandler for the vnd.gongwen: commands, a thin layer over the
// core library. The toolbar "公文" and the menu "公文(G)" (Addons.xcu) dispatch these URLs; so
// can macros and tests, with arguments, and then no dialog opens:
//   vnd.gongwen:New    Type (type id), DataFile (JSON), Format (docx|odt) — a new document of a
//                      type, opened in a new Writer window as an untitled document
//   vnd.gongwen:Fill   DataFile (JSON), Mode (replace|new) — the {{…}} tags of the document
//                      being edited, rendered by the same engine
//   vnd.gongwen:Check  the GB/T 9704 check of the document being edited
//   vnd.gongwen:About
// Every command answers through XNotifyingDispatch (DispatchResultEvent: SUCCESS or FAILURE,
// Result = the message), and shows its failures in a message box; nothing thrown reaches Writer.
#include "form_dialog.hpp"
#include "uno_util.hpp"

#include "gongwen/check.hpp"
#include "gongwen/data.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/document_type.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/template.hpp"
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
#include <com/sun/star/document/XDocumentInsertable.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/style/XStyleLoader.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextCursor.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <osl/file.hxx>
#include <rtl/ustring.hxx>
#include <uno/lbnames.h>

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

using namespace com::sun::star;
using rtl::OUString;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace fs = std::filesystem;
using namespace gongwen::uno_util;
using gongwen::i18n::_;

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

// A failure a user must read: shown in a message box and returned as the dispatch's result.
struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A folder of our own, removed when done.
struct TempDir {
    std::string path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "gongwen-addin-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw Failure(_("cannot create a temporary folder"));
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// The plugins bundled in the extension (next to this library), then the usual search path.
gongwen::PluginCatalog catalog() {
    std::error_code ec;
    fs::path here = boost::dll::this_line_location(ec).parent_path();
    std::vector<std::pair<std::string, std::string>> roots;
    roots.emplace_back((here / "plugins").string(), "extension");
    for (auto& r : gongwen::plugin_search_path())
        if (r.second != "builtin") roots.push_back(r);  // "builtin" is relative to soffice.bin here
    return gongwen::discover_plugins(roots);
}

// Arguments by name; the framework adds its own (SynchronMode, KeyModifier): others are ignored.
std::string arg(const uno::Sequence<beans::PropertyValue>& args, const char* name) {
    for (const auto& a : args) {
        OUString v;
        if (a.Name.equalsAscii(name) && (a.Value >>= v)) return u8(v);
    }
    return "";
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
            else if (command == "Fill") message = cmd_fill(args);
            else if (command == "Check") message = cmd_check();
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
        // Check and About inform; failures always show. Both stay silent in a headless office.
        if (!ok || command == "Check" || command == "About") show(ok ? _("Gongwen") : _("Gongwen — error"), message, !ok);
        if (listener.is()) {
            frame::DispatchResultEvent e;
            e.Source = static_cast<cppu::OWeakObject*>(this);
            e.State = ok ? frame::DispatchResultState::SUCCESS : frame::DispatchResultState::FAILURE;
            e.Result <<= ou(message);
            listener->dispatchFinished(e);
        }
    }

private:
    Reference<frame::XModel> current_model() {
        Reference<frame::XModel> model;
        if (frame_.is() && frame_->getController().is()) model = frame_->getController()->getModel();
        if (!model.is()) throw Failure(_("no document is open"));
        return model;
    }

    Reference<lang::XComponent> open(const std::string& path) {
        Reference<frame::XComponentLoader> loader(frame::Desktop::create(ctx_), UNO_QUERY);
        uno::Sequence<beans::PropertyValue> props(1);
        props[0] = prop("AsTemplate", uno::Any(true));  // untitled: the user saves it where they want
        auto doc = loader->loadComponentFromURL(ou(file_url(path)), "_blank", 0, props);
        if (!doc.is()) throw Failure(_("LibreOffice could not open the generated document"));
        return doc;
    }

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
        auto bytes = doc_type->generate(gongwen::read_json_file(data_file), fmt, data_file, {}, diags);
        if (!bytes) throw Failure(diags.to_string());
        TempDir tmp;
        std::string out = tmp.path + "/" + type + "." + format;
        gongwen::write_file_atomically(out, *bytes, false);
        open(out);
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
                auto bytes = doc_type->generate(data, fmt, _("the form"), {}, diags);
                if (!bytes) return problems_for_form(diags);
                TempDir tmp;
                std::string out = tmp.path + "/" + m->id + "." + format;
                gongwen::write_file_atomically(out, *bytes, false);
                open(out);
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

    // The current document through the engine: stored as ODT (LibreOffice's own format, whatever
    // the file is), rendered, and put back — body and page styles (headers, footers) — or
    // opened as a new document. A template with errors changes nothing.
    std::string cmd_fill(const uno::Sequence<beans::PropertyValue>& args) {
        std::string data_file = arg(args, "DataFile"), mode = arg(args, "Mode");
        if (data_file.empty()) {  // from the toolbar: the file, then where the result goes
            auto picked = gongwen_addin::pick_data_file(ctx_);
            if (!picked) return _("cancelled");
            data_file = *picked;
            if (mode.empty()) {
                short answer = ask(_("Fill the current document"),
                                   _("Filled with the data:\n  Yes — replaces the content of this document\n"
                                     "  No — opens the result as a new document"));
                if (answer == 0) return _("cancelled");
                mode = answer == 2 ? "replace" : "new";
            }
        }
        if (mode.empty()) mode = "replace";
        if (mode != "replace" && mode != "new") throw Failure(gongwen::i18n::format(_("Mode must be replace or new, not '{mode}'"), {{"mode", mode}}));
        nlohmann::json data = gongwen_addin::read_data_file(data_file);
        Reference<frame::XModel> model = current_model();
        Reference<text::XTextDocument> doc(model, UNO_QUERY);
        if (!doc.is()) throw Failure(_("Fill the current document works on a Writer document"));
        TempDir tmp;
        std::string src = tmp.path + "/current.odt", out = tmp.path + "/filled.odt";
        Reference<frame::XStorable> storable(model, UNO_QUERY);
        uno::Sequence<beans::PropertyValue> store(1);
        store[0] = prop("FilterName", uno::Any(OUString("writer8")));
        storable->storeToURL(ou(file_url(src)), store);

        std::string title = u8(model->getURL()).empty() ? std::string(_("the current document")) : system_path(u8(model->getURL()));
        gongwen::Diagnostics diags;
        auto tmpl = gongwen::Template::compile(gongwen::Package::read_file(src), {}, diags);
        if (!tmpl->ok())
            throw Failure(std::string(_("the template has errors; the document was not changed:")) + "\n" + relabel(diags, src, title));
        auto bytes = tmpl->render(data, {}, diags);
        if (!bytes) throw Failure(std::string(_("filling failed; the document was not changed:")) + "\n" + relabel(diags, src, title));
        gongwen::write_file_atomically(out, *bytes, false);

        if (mode == "new") {
            open(out);
        } else {
            Reference<text::XText> text = doc->getText();
            Reference<text::XTextCursor> cursor = text->createTextCursor();
            cursor->gotoStart(false);
            cursor->gotoEnd(true);
            cursor->setString(OUString());
            Reference<document::XDocumentInsertable>(cursor, UNO_QUERY_THROW)->insertDocumentFromURL(ou(file_url(out)), {});
            // Headers and footers live in the page styles.
            Reference<style::XStyleLoader> styles(Reference<style::XStyleFamiliesSupplier>(model, UNO_QUERY)->getStyleFamilies(), UNO_QUERY);
            if (styles.is()) {
                uno::Sequence<beans::PropertyValue> opts(2);
                opts[0] = prop("LoadPageStyles", uno::Any(true));
                opts[1] = prop("OverwriteStyles", uno::Any(true));
                styles->loadStylesFromURL(ou(file_url(out)), opts);
            }
        }
        return _("filled") + std::string(diags.empty() ? "" : "\n" + relabel(diags, src, title));
    }

    std::string cmd_check() {
        Reference<frame::XModel> model = current_model();
        TempDir tmp;
        std::string url = u8(model->getURL());
        bool docx = url.size() > 5 && url.compare(url.size() - 5, 5, ".docx") == 0;
        std::string src = tmp.path + (docx ? "/current.docx" : "/current.odt");
        uno::Sequence<beans::PropertyValue> store(1);
        store[0] = prop("FilterName", uno::Any(ou(docx ? "MS Word 2007 XML" : "writer8")));
        Reference<frame::XStorable>(model, UNO_QUERY_THROW)->storeToURL(ou(file_url(src)), store);
        gongwen::Diagnostics d = gongwen::check_gbt9704(gongwen::Package::read_file(src));
        std::string title = url.empty() ? std::string(_("the current document")) : system_path(url);
        if (d.empty()) return _("GB/T 9704-2012: no deviation found");
        return gongwen::i18n::format(gongwen::i18n::P_("GB/T 9704-2012: {n} deviation:", "GB/T 9704-2012: {n} deviations:", d.size()), {{"n", d.size()}}) +
               "\n" + relabel(d, src, title);
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

    // The temp copy's path in diagnostics becomes the document's own name.
    static std::string relabel(const gongwen::Diagnostics& d, const std::string& from, const std::string& to) {
        std::string s = d.to_string();
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
            s.replace(at, from.size(), to);
        return s;
    }

    // A yes/no/cancel question: 2 yes, 3 no, 0 cancel (MessageBoxResults); 0 without a window.
    short ask(const std::string& title, const std::string& message) {
        Reference<awt::XWindowPeer> p = parent();
        if (!p.is()) return 0;
        Reference<awt::XMessageBoxFactory> factory(awt::Toolkit::create(ctx_), UNO_QUERY);
        auto box = factory->createMessageBox(p, awt::MessageBoxType_QUERYBOX, awt::MessageBoxButtons::BUTTONS_YES_NO_CANCEL,
                                             ou(title), ou(message));
        return box.is() ? box->execute() : 0;
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
