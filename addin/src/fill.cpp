// vnd.gongwen:Fill — the {{…}} tags of the document being edited, rendered by the engine
// (commands.hpp). Everything that can go wrong is found before the document changes: the data
// file is read, the document compiled and rendered, the fields without data listed.
#include "addin_common.hpp"
#include "commands.hpp"
#include "form_dialog.hpp"
#include "uno_util.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/image.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"
#include "gongwen/text.hpp"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/datatransfer/XTransferableSupplier.hpp>
#include <com/sun/star/document/XDocumentInsertable.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/style/XStyleLoader.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextCursor.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/util/XModifiable.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>

#include <algorithm>
#include <filesystem>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;
using namespace gongwen::uno_util;
using gongwen::i18n::_;
using gongwen::i18n::format;
namespace fs = std::filesystem;

namespace gongwen_addin {

namespace {

// The temp copy's path in diagnostics becomes the document's own name.
std::string relabel(const gongwen::Diagnostics& d, const std::string& from, const std::string& to) {
    std::string s = d.to_string();
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

// The fields a render found no data for, by name, in order, each once: {{电话}} → 电话.
std::vector<std::string> missing_fields(const gongwen::Diagnostics& d) {
    std::vector<std::string> names;
    for (const auto& x : d.items()) {
        if (x.code != "missing-value") continue;
        std::string t = x.tag;
        if (t.size() >= 4 && t.compare(0, 2, "{{") == 0 && t.compare(t.size() - 2, 2, "}}") == 0) t = t.substr(2, t.size() - 4);
        t = std::string(gongwen::text::trim(t.substr(0, t.find('|'))));
        if (!t.empty() && std::find(names.begin(), names.end(), t) == names.end()) names.push_back(t);
    }
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : _(", ")) + n;
    return s;
}

// The filter the document was read with ("" for a new one).
std::string filter_of(const Reference<frame::XModel>& model) {
    for (const auto& a : model->getArgs()) {
        OUString v;
        if (a.Name == "FilterName" && (a.Value >>= v)) return u8(v);
    }
    return "";
}

// The header and footer texts of every page style, copied where they differ from `from`'s
// (the filled document): through the clipboard's transferable, which keeps fields, formatting
// and tables, and is recorded by the undo manager (loading the page styles is not: it clears
// the undo stack). False when a text could not be copied.
bool copy_headers_footers(const Reference<frame::XModel>& from, const Reference<frame::XModel>& to) {
    bool all = true;
    auto families = [](const Reference<frame::XModel>& m) {
        return Reference<container::XNameAccess>(
            Reference<style::XStyleFamiliesSupplier>(m, UNO_QUERY_THROW)->getStyleFamilies()->getByName("PageStyles"), UNO_QUERY_THROW);
    };
    auto src_styles = families(from), dst_styles = families(to);
    Reference<datatransfer::XTransferableSupplier> src_view(from->getCurrentController(), UNO_QUERY);
    Reference<datatransfer::XTransferableSupplier> dst_view(to->getCurrentController(), UNO_QUERY);
    Reference<view::XSelectionSupplier> src_sel(from->getCurrentController(), UNO_QUERY);
    Reference<view::XSelectionSupplier> dst_sel(to->getCurrentController(), UNO_QUERY);
    if (!src_view.is() || !dst_view.is() || !src_sel.is() || !dst_sel.is()) return false;
    for (const OUString& name : src_styles->getElementNames()) {
        if (!dst_styles->hasByName(name)) continue;
        Reference<beans::XPropertySet> s(src_styles->getByName(name), UNO_QUERY), d(dst_styles->getByName(name), UNO_QUERY);
        if (!s.is() || !d.is()) continue;
        for (const char* p : {"HeaderText", "HeaderTextLeft", "HeaderTextFirst", "FooterText", "FooterTextLeft", "FooterTextFirst"}) {
            try {
                Reference<text::XText> st, dt;
                s->getPropertyValue(OUString::createFromAscii(p)) >>= st;
                d->getPropertyValue(OUString::createFromAscii(p)) >>= dt;
                if (!st.is() || !dt.is() || st->getString() == dt->getString()) continue;
                Reference<text::XTextCursor> sc = st->createTextCursor(), dc = dt->createTextCursor();
                sc->gotoStart(false);
                sc->gotoEnd(true);
                dc->gotoStart(false);
                dc->gotoEnd(true);
                if (!src_sel->select(Any(sc)) || !dst_sel->select(Any(dc))) {
                    all = false;
                    continue;
                }
                dst_view->insertTransferable(src_view->getTransferable());
                if (st->getString() != dt->getString()) all = false;
            } catch (const beans::UnknownPropertyException&) {
                // an older office without first-page texts
            } catch (const uno::Exception&) {
                all = false;
            }
        }
    }
    return all;
}

// The undo context left whatever happens.
struct UndoStep {
    Reference<document::XUndoManager> manager;
    UndoStep(const Reference<frame::XModel>& model, const std::string& title) {
        Reference<document::XUndoManagerSupplier> s(model, UNO_QUERY);
        if (s.is()) manager = s->getUndoManager();
        if (manager.is()) manager->enterUndoContext(ou(title));
    }
    ~UndoStep() {
        try {
            if (manager.is()) manager->leaveUndoContext();
        } catch (const uno::Exception&) {
        }
    }
};

// The filled package `filled` (ODT) in place of `model`'s content, body and page styles, as
// one undo step. Returns a note for the user ("" when all went as it should).
std::string replace_content(const Reference<uno::XComponentContext>& ctx, const Reference<frame::XModel>& model,
                            const std::string& filled) {
    Reference<lang::XComponent> source;
    {
        uno::Sequence<beans::PropertyValue> hidden(1);
        hidden[0] = prop("Hidden", Any(true));
        source = Reference<frame::XComponentLoader>(frame::Desktop::create(ctx), UNO_QUERY_THROW)
                     ->loadComponentFromURL(ou(file_url(filled)), "_blank", 0, hidden);
    }
    Reference<frame::XModel> src(source, UNO_QUERY);
    bool headers = false;
    {
        // TRANSLATORS: the undo step of 填充当前文档 (Edit ▸ Undo: …)
        UndoStep step(model, _("Fill the document"));
        Reference<text::XText> text = Reference<text::XTextDocument>(model, UNO_QUERY_THROW)->getText();
        Reference<text::XTextCursor> cursor = text->createTextCursor();
        cursor->gotoStart(false);
        cursor->gotoEnd(true);
        cursor->setString(OUString());
        Reference<document::XDocumentInsertable>(cursor, UNO_QUERY_THROW)->insertDocumentFromURL(ou(file_url(filled)), {});
        headers = src.is() && copy_headers_footers(src, model);
    }
    if (source.is()) {
        try {
            Reference<util::XCloseable>(source, UNO_QUERY_THROW)->close(true);
        } catch (const uno::Exception&) {
            source->dispose();
        }
    }
    std::string note;
    if (!headers) {
        // Headers and footers as a whole, from the page styles: right, but not undoable.
        Reference<style::XStyleLoader> styles(Reference<style::XStyleFamiliesSupplier>(model, UNO_QUERY_THROW)->getStyleFamilies(), UNO_QUERY);
        if (styles.is()) {
            uno::Sequence<beans::PropertyValue> opts(2);
            opts[0] = prop("LoadPageStyles", Any(true));
            opts[1] = prop("OverwriteStyles", Any(true));
            styles->loadStylesFromURL(ou(file_url(filled)), opts);
        }
        note = _("The headers and footers were filled from the page styles: this fill cannot be undone.");
    }
    // The cursor at the top, where the reader starts.
    Reference<view::XSelectionSupplier> sel(model->getCurrentController(), UNO_QUERY);
    if (sel.is()) {
        Reference<text::XTextCursor> top = Reference<text::XTextDocument>(model, UNO_QUERY_THROW)->getText()->createTextCursor();
        top->gotoStart(false);
        sel->select(Any(top));
    }
    return note;
}

} // namespace

std::string fill_current(const Reference<uno::XComponentContext>& ctx, const Reference<frame::XFrame>& frame,
                         const uno::Sequence<beans::PropertyValue>& args) {
    std::string data_file = arg(args, "DataFile"), mode = arg(args, "Mode"), if_missing = arg(args, "IfMissing");
    if (!mode.empty() && mode != "replace" && mode != "new")
        throw Failure(format(_("Mode must be replace or new, not '{mode}'"), {{"mode", mode}}));
    if (!if_missing.empty() && if_missing != "fill" && if_missing != "cancel")
        throw Failure(format(_("IfMissing must be fill or cancel, not '{value}'"), {{"value", if_missing}}));
    Reference<frame::XModel> model;
    if (frame.is() && frame->getController().is()) model = frame->getController()->getModel();
    if (!model.is()) throw Failure(_("no document is open"));
    if (!Reference<text::XTextDocument>(model, UNO_QUERY).is()) throw Failure(_("Fill the current document works on a Writer document"));
    // 1. The document as a template: its tags checked before anything is asked (a document
    // without any says so at once, not after a data file was chosen).
    TempDir tmp;
    std::string src = tmp.path + "/current.odt", out = tmp.path + "/filled.odt";
    {
        uno::Sequence<beans::PropertyValue> store(1);
        store[0] = prop("FilterName", Any(OUString("writer8")));
        Reference<frame::XStorable>(model, UNO_QUERY_THROW)->storeToURL(ou(file_url(src)), store);
    }
    const std::string url = u8(model->getURL());
    const std::string title = url.empty() ? std::string(_("the current document")) : system_path(url);
    gongwen::Diagnostics diags;
    auto tmpl = gongwen::Template::compile(gongwen::Package::read_file(src), {}, diags);
    if (!tmpl->ok())
        throw Failure(std::string(_("the template has errors; the document was not changed:")) + "\n" + relabel(diags, src, title));
    if (tmpl->tags().empty()) throw Failure(_("This document has no {{…}} tags: there is nothing to fill."));
    const bool asked = data_file.empty();  // from the toolbar: the file, then where the result goes
    if (asked) {
        auto picked = pick_data_file(ctx);
        if (!picked) return _("cancelled");
        data_file = *picked;
    }
    const std::string data_name = fs::path(data_file).filename().string();

    // 2. The data, then the document rendered with it.
    nlohmann::json data;
    try {
        data = read_data_file(data_file);
    } catch (const gongwen::Error& e) {
        throw Failure(format(_("The data file {file} cannot be used; the document was not changed:"), {{"file", data_file}}) + "\n" +
                      e.diagnostics().to_string());
    } catch (const std::exception& e) {
        throw Failure(format(_("The data file {file} cannot be used; the document was not changed:"), {{"file", data_file}}) + "\n" + e.what());
    }
    if (!data.is_object())
        throw Failure(format(_("The data file {file} must hold one record (a JSON object {…}); the document was not changed"),
                             {{"file", data_file}}));

    gongwen::RenderOptions ro;
    ro.images = gongwen::image_source_for(data_file, false);  // image paths from the data file's folder
    ro.data_label = data_file;
    auto bytes = tmpl->render(data, ro, diags);
    if (!bytes) throw Failure(std::string(_("filling failed; the document was not changed:")) + "\n" + relabel(diags, src, title));

    // 3. Fields the data does not give: said before anything changes.
    const auto missing = missing_fields(diags);
    if (!missing.empty() && if_missing != "fill") {
        int answer = -1;
        if (if_missing.empty())
            answer = choose(ctx, window_of(frame), _("Fill the current document"),
                            format(_("Missing data: {fields}\nThe data file {file} has no value for them: they will be left blank."),
                                   {{"fields", joined(missing)}, {"file", data_name}}),
                            {_("Fill anyway"), _("Cancel")});
        if (answer != 0)
            return format(_("Missing data: {fields} — cancelled; the document was not changed"), {{"fields", joined(missing)}});
    }

    // 4. Where the result goes.
    if (mode.empty() && asked) {
        int answer = choose(ctx, window_of(frame), _("Fill the current document"),
                            format(_("Fill this document with the data of {file}:"), {{"file", data_name}}),
                            {_("Replace the current document"), _("Generate a new document"), _("Cancel")});
        if (answer != 0 && answer != 1) return _("cancelled");
        mode = answer == 0 ? "replace" : "new";
    }
    if (mode.empty()) mode = "replace";
    gongwen::write_file_atomically(out, *bytes, false);
    std::string stem = url.empty() ? std::string() : fs::path(system_path(url)).stem().string();
    std::string warnings = diags.empty() ? "" : "\n" + relabel(diags, src, title);
    if (mode == "new") {
        open_untitled(ctx, out, stem.empty() ? "" : format(_("{name} (filled)"), {{"name", stem}}));
        return _("filled") + warnings;
    }

    // 5. In place. A document saved in a file is the template: it gives way to an untitled copy
    // of itself in the same window first, so that Ctrl+S cannot write the filled text over it.
    std::string note;
    if (Reference<frame::XStorable>(model, UNO_QUERY_THROW)->hasLocation()) {
        std::string filter = filter_of(model);
        bool docx = filter == "MS Word 2007 XML";
        if (!docx) filter = "writer8";
        std::string copy = tmp.path + "/" + (stem.empty() ? "document" : stem) + (docx ? ".docx" : ".odt");
        uno::Sequence<beans::PropertyValue> store(1);
        store[0] = prop("FilterName", Any(ou(filter)));
        Reference<frame::XStorable>(model, UNO_QUERY_THROW)->storeToURL(ou(file_url(copy)), store);
        Reference<util::XModifiable> modified(model, UNO_QUERY);
        if (modified.is()) modified->setModified(false);  // its state is in the copy: no question on closing it
        uno::Sequence<beans::PropertyValue> load(2);
        load[0] = prop("AsTemplate", Any(true));
        load[1] = prop("SuggestedSaveAsName", Any(ou(format(_("{name} (filled)"), {{"name", stem}}))));
        auto loaded = Reference<frame::XComponentLoader>(frame, UNO_QUERY_THROW)->loadComponentFromURL(ou(file_url(copy)), "_self", 0, load);
        model.set(loaded, UNO_QUERY);
        if (!model.is()) throw Failure(_("LibreOffice could not open the generated document"));
        note = format(_("The filled document is a new, untitled one: {file} was not changed."), {{"file", title}});
    }
    std::string undo_note = replace_content(ctx, model, out);
    if (!undo_note.empty()) note += (note.empty() ? "" : "\n") + undo_note;
    return _("filled") + (note.empty() ? "" : "\n" + note) + warnings;
}

} // namespace gongwen_addin
