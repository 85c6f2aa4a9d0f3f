// Save As of a new (untitled) document in the format it was made in. LibreOffice preselects the
// filter a document was read with only when the document has a file; an untitled one gets the
// default (ODT) whatever it was made as. So, until the document has a file of its own, Save and
// Save As of its window ask here: the file dialog with DOCX and ODT, the made format chosen, the
// name proposed. Once stored, LibreOffice's own commands take over again.
#include "addin_common.hpp"
#include "uno_util.hpp"

#include "gongwen/i18n.hpp"

#include <com/sun/star/frame/XDispatchProviderInterception.hpp>
#include <com/sun/star/frame/XDispatchProviderInterceptor.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>
#include <cppuhelper/implbase2.hxx>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using namespace gongwen::uno_util;

namespace gongwen_addin {

namespace {

const char kDocx[] = "Word 2007–365 (.docx)";
const char kOdt[] = "ODF (.odt)";

class SaveAs : public cppu::WeakImplHelper2<frame::XDispatchProviderInterceptor, frame::XDispatch> {
public:
    SaveAs(const Reference<uno::XComponentContext>& ctx, const Reference<frame::XModel>& model, bool docx, const std::string& name)
        : ctx_(ctx), model_(model), docx_(docx), name_(name) {}

    // XDispatchProvider
    Reference<frame::XDispatch> SAL_CALL queryDispatch(const util::URL& url, const OUString& target, sal_Int32 flags) override {
        if ((url.Complete == ".uno:SaveAs" || url.Complete == ".uno:Save") && untitled()) return this;
        return slave_.is() ? slave_->queryDispatch(url, target, flags) : nullptr;
    }
    uno::Sequence<Reference<frame::XDispatch>> SAL_CALL queryDispatches(const uno::Sequence<frame::DispatchDescriptor>& d) override {
        uno::Sequence<Reference<frame::XDispatch>> out(d.getLength());
        for (sal_Int32 i = 0; i < d.getLength(); ++i) out[i] = queryDispatch(d[i].FeatureURL, d[i].FrameName, d[i].SearchFlags);
        return out;
    }
    // XDispatchProviderInterceptor
    Reference<frame::XDispatchProvider> SAL_CALL getSlaveDispatchProvider() override { return slave_; }
    void SAL_CALL setSlaveDispatchProvider(const Reference<frame::XDispatchProvider>& p) override { slave_ = p; }
    Reference<frame::XDispatchProvider> SAL_CALL getMasterDispatchProvider() override { return master_; }
    void SAL_CALL setMasterDispatchProvider(const Reference<frame::XDispatchProvider>& p) override { master_ = p; }

    // XDispatch
    void SAL_CALL dispatch(const util::URL& url, const uno::Sequence<beans::PropertyValue>& args) override {
        if (!untitled() || !ask_and_store()) {
            // stored already (or the dialog failed): LibreOffice's own command
            if (!untitled() && slave_.is()) {
                auto d = slave_->queryDispatch(url, "", 0);
                if (d.is()) d->dispatch(url, args);
            }
        }
    }
    void SAL_CALL addStatusListener(const Reference<frame::XStatusListener>& l, const util::URL& url) override {
        if (!l.is()) return;
        frame::FeatureStateEvent e;
        e.Source = static_cast<cppu::OWeakObject*>(this);
        e.FeatureURL = url;
        e.IsEnabled = true;
        l->statusChanged(e);
    }
    void SAL_CALL removeStatusListener(const Reference<frame::XStatusListener>&, const util::URL&) override {}

private:
    bool untitled() {
        Reference<frame::XStorable> s(model_.get(), UNO_QUERY);
        return s.is() && !s->hasLocation();
    }

    // The dialog, then the file. False when it could not be shown (LibreOffice's command then).
    bool ask_and_store() {
        try {
            auto picker = ui::dialogs::FilePicker::createWithMode(ctx_, ui::dialogs::TemplateDescription::FILESAVE_AUTOEXTENSION);
            Reference<ui::dialogs::XFilterManager> filters(picker, UNO_QUERY);
            if (!filters.is()) return false;
            filters->appendFilter(ou(kDocx), "*.docx");
            filters->appendFilter(ou(kOdt), "*.odt");
            filters->setCurrentFilter(ou(docx_ ? kDocx : kOdt));
            if (!name_.empty()) picker->setDefaultName(ou(name_ + (docx_ ? ".docx" : ".odt")));
            if (picker->execute() != ui::dialogs::ExecutableDialogResults::OK) return true;  // cancelled
            auto files = picker->getSelectedFiles();
            if (files.getLength() == 0) return true;
            const bool docx = filters->getCurrentFilter() == ou(kDocx);
            OUString url = files[0];
            const char* ext = docx ? ".docx" : ".odt";
            if (!url.endsWithIgnoreAsciiCase(OUString::createFromAscii(ext))) url += OUString::createFromAscii(ext);
            uno::Sequence<beans::PropertyValue> store(1);
            store[0] = prop("FilterName", Any(OUString(docx ? OUString("MS Word 2007 XML") : OUString("writer8"))));
            Reference<frame::XStorable>(model_.get(), uno::UNO_QUERY_THROW)->storeAsURL(url, store);
            return true;
        } catch (const uno::Exception&) {
            return false;
        }
    }

    Reference<uno::XComponentContext> ctx_;
    uno::WeakReference<frame::XModel> model_;
    bool docx_;
    std::string name_;
    Reference<frame::XDispatchProvider> slave_, master_;
};

} // namespace

void keep_format_on_save_as(const Reference<uno::XComponentContext>& ctx, const Reference<lang::XComponent>& doc, bool docx,
                            const std::string& name) {
    try {
        Reference<frame::XModel> model(doc, UNO_QUERY);
        if (!model.is() || !model->getCurrentController().is()) return;
        Reference<frame::XDispatchProviderInterception> frame(model->getCurrentController()->getFrame(), UNO_QUERY);
        if (frame.is()) frame->registerDispatchProviderInterceptor(new SaveAs(ctx, model, docx, name));
    } catch (const uno::Exception&) {
        // LibreOffice's own Save As then
    }
}

} // namespace gongwen_addin
