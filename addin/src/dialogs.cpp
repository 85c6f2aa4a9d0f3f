// What the add-in's commands share (addin_common.hpp).
#include "addin_common.hpp"
#include "dialog_kit.hpp"
#include "uno_util.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include <com/sun/star/awt/PosSize.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <cppuhelper/implbase1.hxx>
#include <rtl/ref.hxx>

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;
using namespace gongwen::uno_util;
using gongwen::i18n::_;
namespace fs = std::filesystem;

namespace gongwen_addin {

TempDir::TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "gongwen-addin-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw Failure(_("cannot create a temporary folder"));
    path = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
}

gongwen::PluginCatalog catalog() {
    std::error_code ec;
    fs::path here = boost::dll::this_line_location(ec).parent_path();
    std::vector<std::pair<std::string, std::string>> roots;
    roots.emplace_back((here / "plugins").string(), "extension");
    for (auto& r : gongwen::plugin_search_path())
        if (r.second != "builtin") roots.push_back(r);  // "builtin" is relative to soffice.bin here
    return gongwen::discover_plugins(roots);
}

std::string arg(const uno::Sequence<beans::PropertyValue>& args, const char* name) {
    for (const auto& a : args) {
        OUString v;
        if (a.Name.equalsAscii(name) && (a.Value >>= v)) return u8(v);
    }
    return "";
}

Reference<lang::XComponent> open_untitled(const Reference<uno::XComponentContext>& ctx, const std::string& path,
                                          const std::string& name) {
    Reference<frame::XComponentLoader> loader(frame::Desktop::create(ctx), UNO_QUERY_THROW);
    std::vector<beans::PropertyValue> props{prop("AsTemplate", Any(true))};  // untitled: saved where the user wants
    // The window's title and the name Save As proposes (the filter it proposes is the one the
    // document was read with, kept in its arguments: DOCX stays DOCX).
    if (!name.empty()) props.push_back(prop("SuggestedSaveAsName", Any(ou(name))));
    // A DOCX as Word lays it out: LibreOffice would read "no hanging punctuation" as hanging (a
    // 。 past the margin, 检查格式 on our own document red, and a DOCX saved from here hanging in
    // Word too); the copy it reads says the opposite, and its export then writes it right.
    const bool docx = path.size() > 5 && path.compare(path.size() - 5, 5, ".docx") == 0;
    const fs::path p(path);
    const std::string load = gongwen::libreoffice_input(path, (p.parent_path() / "libreoffice").string(), p.filename().string());
    auto doc = loader->loadComponentFromURL(ou(file_url(load)), "_blank", 0,
                                            uno::Sequence<beans::PropertyValue>(props.data(), static_cast<sal_Int32>(props.size())));
    if (!doc.is()) throw Failure(_("LibreOffice could not open the generated document"));
    keep_format_on_save_as(ctx, doc, docx, name);
    return doc;
}

Reference<awt::XWindowPeer> window_of(const Reference<frame::XFrame>& frame) {
    return frame.is() ? Reference<awt::XWindowPeer>(frame->getContainerWindow(), UNO_QUERY) : nullptr;
}

void centre(const Reference<awt::XControl>& dialog, const Reference<awt::XWindowPeer>& parent) {
    Reference<awt::XWindow> d(dialog, UNO_QUERY), p(parent, UNO_QUERY);
    if (!d.is() || !p.is()) return;
    awt::Rectangle pr = p->getPosSize(), dr = d->getPosSize();
    d->setPosSize(pr.X + std::max(0, (pr.Width - dr.Width) / 2), pr.Y + std::max(0, (pr.Height - dr.Height) / 3), 0, 0,
                  awt::PosSize::POS);
}

namespace {

class Pressed : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    explicit Pressed(int* answer) : answer_(answer) {}
    Reference<awt::XDialog> dialog;
    void SAL_CALL actionPerformed(const awt::ActionEvent& e) override {
        *answer_ = e.ActionCommand.toInt32();
        if (dialog.is()) dialog->endExecute();
    }
    void SAL_CALL disposing(const lang::EventObject&) override { dialog.clear(); }

private:
    int* answer_;
};

// Characters of a UTF-8 string (a CJK one is about as wide as two Latin ones: counted twice).
int width_of(const std::string& s) {
    int w = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) w += c >= 0xE0 ? 2 : 1;
    return w;
}

} // namespace

int choose(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent, const std::string& title,
           const std::string& message, const std::vector<std::string>& buttons) {
    if (!parent.is()) return -1;
    Reference<lang::XMultiServiceFactory> model(
        ctx->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx), UNO_QUERY_THROW);
    // Sizes in the dialog's units (about a quarter of a character wide, an eighth high).
    int lines = 1, longest = 0, cur = 0;
    for (std::size_t i = 0; i <= message.size(); ++i) {
        if (i == message.size() || message[i] == '\n') {
            longest = std::max(longest, width_of(message.substr(i - cur, cur)));
            if (i < message.size()) ++lines;
            cur = 0;
        } else {
            ++cur;
        }
    }
    std::vector<int> bw;
    int buttons_w = 0;
    for (const auto& b : buttons) {
        bw.push_back(std::max(50, width_of(b) * 4 + 14));
        buttons_w += bw.back() + 4;
    }
    const int w = std::min(420, std::max({200, longest * 4 + 20, buttons_w + 12}));
    const int text_h = std::min(300, lines * 9 + 4);
    const int h = text_h + 38;
    Reference<beans::XPropertySet> dp(model, UNO_QUERY_THROW);
    dp->setPropertyValue("Title", Any(ou(title)));
    dp->setPropertyValue("Width", Any(sal_Int32(w)));
    dp->setPropertyValue("Height", Any(sal_Int32(h)));
    Reference<container::XNameContainer> controls(model, UNO_QUERY_THROW);
    auto add = [&](const char* kind, const std::string& name, int x, int y, int cw, int ch) {
        Reference<beans::XPropertySet> p(model->createInstance(OUString::createFromAscii(kind)), UNO_QUERY_THROW);
        p->setPropertyValue("PositionX", Any(sal_Int32(x)));
        p->setPropertyValue("PositionY", Any(sal_Int32(y)));
        p->setPropertyValue("Width", Any(sal_Int32(cw)));
        p->setPropertyValue("Height", Any(sal_Int32(ch)));
        controls->insertByName(ou(name), Any(p));
        return p;
    };
    auto text = add("com.sun.star.awt.UnoControlFixedTextModel", "message", 8, 8, w - 16, text_h);
    text->setPropertyValue("Label", Any(ou(message)));
    text->setPropertyValue("MultiLine", Any(true));
    int x = w - 8 - buttons_w + 4;
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        auto b = add("com.sun.star.awt.UnoControlButtonModel", "b" + std::to_string(i), x, h - 22, bw[i], 14);
        b->setPropertyValue("Label", Any(ou(buttons[i])));
        if (i == 0) b->setPropertyValue("DefaultButton", Any(true));
        x += bw[i] + 4;
    }
    Reference<awt::XControl> dialog(ctx->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx),
                                    UNO_QUERY_THROW);
    dialog->setModel(Reference<awt::XControlModel>(model, UNO_QUERY_THROW));
    dialog->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(ctx), UNO_QUERY_THROW), parent);
    centre(dialog, parent);
    int answer = -1;
    Reference<awt::XDialog> d(dialog, UNO_QUERY_THROW);
    rtl::Reference<Pressed> listener(new Pressed(&answer));
    listener->dialog = d;
    Reference<awt::XControlContainer> container(dialog, UNO_QUERY_THROW);
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        Reference<awt::XButton> b(container->getControl(ou("b" + std::to_string(i))), UNO_QUERY_THROW);
        b->setActionCommand(OUString::number(static_cast<sal_Int32>(i)));
        b->addActionListener(Reference<awt::XActionListener>(listener.get()));
    }
    if (buttons.size() > 0) {
        Reference<awt::XWindow> first(container->getControl("b0"), UNO_QUERY);
        if (first.is()) first->setFocus();
    }
    d->execute();
    listener->dialog.clear();
    kit::dispose(dialog);
    return answer;
}

} // namespace gongwen_addin
