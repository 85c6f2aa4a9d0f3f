// The toolkit pieces of the 新建公文 dialogs (dialog_kit.hpp).
#include "dialog_kit.hpp"
#include "drafts.hpp"
#include "gongwen/i18n.hpp"
#include "uno_util.hpp"

#include <com/sun/star/accessibility/AccessibleRole.hpp>
#include <com/sun/star/accessibility/AccessibleStateType.hpp>
#include <com/sun/star/accessibility/XAccessible.hpp>
#include <com/sun/star/accessibility/XAccessibleContext.hpp>
#include <com/sun/star/accessibility/XAccessibleStateSet.hpp>
#include <com/sun/star/awt/Key.hpp>
#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/XExtendedToolkit.hpp>
#include <com/sun/star/awt/MessageBoxResults.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XUnitConversion.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>
#include <com/sun/star/util/MeasureUnit.hpp>

#include <algorithm>
#include <filesystem>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;
using namespace gongwen::uno_util;

namespace gongwen_addin::kit {

Builder::Builder(const Reference<uno::XComponentContext>& ctx, const std::string& title, int width, int height) : ctx_(ctx) {
    model_.set(ctx->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx),
               UNO_QUERY_THROW);
    Reference<beans::XPropertySet> p(model_, UNO_QUERY_THROW);
    p->setPropertyValue("Title", Any(ou(title)));
    p->setPropertyValue("Width", Any(sal_Int32(width)));
    p->setPropertyValue("Height", Any(sal_Int32(height)));
}

Reference<beans::XPropertySet> Builder::add(const char* kind, const std::string& name, int x, int y, int w, int h, int step) {
    Reference<beans::XPropertySet> p(model_->createInstance(OUString::createFromAscii(kind)), UNO_QUERY_THROW);
    p->setPropertyValue("PositionX", Any(sal_Int32(x)));
    p->setPropertyValue("PositionY", Any(sal_Int32(y)));
    p->setPropertyValue("Width", Any(sal_Int32(w)));
    p->setPropertyValue("Height", Any(sal_Int32(h)));
    p->setPropertyValue("Step", Any(sal_Int32(step)));
    Reference<container::XNameContainer>(model_, UNO_QUERY_THROW)->insertByName(ou(name), Any(p));
    return p;
}

Reference<beans::XPropertySet> Builder::label(const std::string& name, const std::string& text, int x, int y, int w, int h,
                                              int step) {
    auto p = add("com.sun.star.awt.UnoControlFixedTextModel", name, x, y, w, h, step);
    p->setPropertyValue("Label", Any(ou(text)));
    p->setPropertyValue("MultiLine", Any(true));
    return p;
}

Reference<beans::XPropertySet> Builder::edit(const std::string& name, int x, int y, int w, int h, int step) {
    return add("com.sun.star.awt.UnoControlEditModel", name, x, y, w, h, step);
}

Reference<beans::XPropertySet> Builder::button(const std::string& name, const std::string& text, int x, int y, int w,
                                               short type, int step) {
    auto p = add("com.sun.star.awt.UnoControlButtonModel", name, x, y, w, 14, step);
    p->setPropertyValue("Label", Any(ou(text)));
    p->setPropertyValue("PushButtonType", Any(type));
    return p;
}

Reference<beans::XPropertySet> Builder::list(const std::string& name, const std::vector<std::string>& items, int x, int y,
                                             int w, int step, bool dropdown, int h) {
    auto p = add("com.sun.star.awt.UnoControlListBoxModel", name, x, y, w, h, step);
    set_items(p, items);
    p->setPropertyValue("Dropdown", Any(dropdown));
    return p;
}

Reference<awt::XDialog> Builder::create(const Reference<awt::XWindowPeer>& parent) {
    // in the middle of the parent window (a dialog's place is relative to it)
    Reference<awt::XWindow> pw(parent, UNO_QUERY);
    Reference<awt::XUnitConversion> conv(parent, UNO_QUERY);
    if (pw.is() && conv.is()) {
        awt::Rectangle r = pw->getPosSize();
        awt::Size units = conv->convertSizeToLogic(awt::Size(r.Width, r.Height), util::MeasureUnit::APPFONT);
        auto p = dialog_props();
        sal_Int32 w = 0, h = 0;
        p->getPropertyValue("Width") >>= w;
        p->getPropertyValue("Height") >>= h;
        p->setPropertyValue("PositionX", Any(sal_Int32(std::max<sal_Int32>(0, (units.Width - w) / 2))));
        p->setPropertyValue("PositionY", Any(sal_Int32(std::max<sal_Int32>(0, (units.Height - h) / 2))));
    }
    control_.set(ctx_->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx_),
                 UNO_QUERY_THROW);
    control_->setModel(Reference<awt::XControlModel>(model_, UNO_QUERY_THROW));
    control_->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(ctx_), UNO_QUERY_THROW), parent);
    return Reference<awt::XDialog>(control_, UNO_QUERY_THROW);
}

Reference<beans::XPropertySet> Builder::props(const std::string& name) {
    return Reference<beans::XPropertySet>(Reference<container::XNameContainer>(model_, UNO_QUERY_THROW)->getByName(ou(name)),
                                          UNO_QUERY_THROW);
}

Reference<beans::XPropertySet> Builder::dialog_props() { return Reference<beans::XPropertySet>(model_, UNO_QUERY_THROW); }

bool Builder::has(const std::string& name) {
    return Reference<container::XNameContainer>(model_, UNO_QUERY_THROW)->hasByName(ou(name));
}

Reference<awt::XControl> Builder::control(const std::string& name) {
    return Reference<awt::XControlContainer>(control_, UNO_QUERY_THROW)->getControl(ou(name));
}

void Builder::on_click(const std::string& button, const Reference<awt::XActionListener>& l, const std::string& command) {
    Reference<awt::XButton> b(control(button), UNO_QUERY_THROW);
    b->setActionCommand(ou(command));
    b->addActionListener(l);
}

void Builder::focus(const std::string& name) {
    Reference<awt::XWindow> w(control(name), UNO_QUERY);
    if (w.is()) w->setFocus();
}

Size work_area(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent) {
    try {
        Reference<awt::XUnitConversion> conv(parent, UNO_QUERY);
        if (!conv.is()) return {};
        awt::Rectangle r = Reference<awt::XToolkit>(awt::Toolkit::create(ctx), UNO_QUERY_THROW)->getWorkArea();
        if (r.Width <= 0 || r.Height <= 0) {
            Reference<awt::XWindow> pw(parent, UNO_QUERY);
            if (pw.is()) r = pw->getPosSize();
        }
        awt::Size s = conv->convertSizeToLogic(awt::Size(r.Width, r.Height), util::MeasureUnit::APPFONT);
        return {s.Width, s.Height};
    } catch (const uno::Exception&) {
        return {};
    }
}

int selected(const Reference<beans::XPropertySet>& list) {
    uno::Sequence<sal_Int16> sel;
    list->getPropertyValue("SelectedItems") >>= sel;
    return sel.getLength() > 0 ? sel[0] : -1;
}

void select(const Reference<beans::XPropertySet>& list, int index) {
    uno::Sequence<sal_Int16> sel(index < 0 ? 0 : 1);
    if (index >= 0) sel[0] = static_cast<sal_Int16>(index);
    list->setPropertyValue("SelectedItems", Any(sel));
}

void set_text(const Reference<beans::XPropertySet>& p, const std::string& text) { p->setPropertyValue("Text", Any(ou(text))); }

std::string text_of(const Reference<beans::XPropertySet>& p) {
    OUString t;
    p->getPropertyValue("Text") >>= t;
    return u8(t);
}

void set_items(const Reference<beans::XPropertySet>& list, const std::vector<std::string>& items) {
    uno::Sequence<OUString> seq(static_cast<sal_Int32>(items.size()));
    for (std::size_t i = 0; i < items.size(); ++i) seq[static_cast<sal_Int32>(i)] = ou(items[i]);
    list->setPropertyValue("StringItemList", Any(seq));
}

std::optional<std::string> pick_file(const Reference<uno::XComponentContext>& ctx, const std::string& title,
                                     const std::string& patterns, const std::string& folder_key) {
    auto picker = ui::dialogs::FilePicker::createWithMode(ctx, 0);
    Reference<ui::dialogs::XFilterManager> filters(picker, UNO_QUERY);
    if (filters.is()) {
        filters->appendFilter(ou(title), ou(patterns));
        filters->appendFilter(ou(gongwen::i18n::_("All files (*.*)")), ou("*"));
    }
    std::string folder = keep::choice(folder_key);
    std::error_code ec;
    if (!folder.empty() && std::filesystem::is_directory(folder, ec)) picker->setDisplayDirectory(ou(file_url(folder)));
    if (picker->execute() != ui::dialogs::ExecutableDialogResults::OK) return std::nullopt;
    auto files = picker->getSelectedFiles();
    if (files.getLength() == 0) return std::nullopt;
    std::string path = system_path(u8(files[0]));
    keep::set_choice(folder_key, std::filesystem::path(path).parent_path().string());
    return path;
}

void dispose(const Reference<uno::XInterface>& dialog) {
    std::vector<Reference<accessibility::XAccessible>> held;
    try {
        Reference<awt::XControl> control(dialog, UNO_QUERY);
        // step 0 shows every page's controls (the closed dialog itself stays off the screen), so
        // that each control window is among the dialog's accessible children
        Reference<beans::XPropertySet> model(control.is() ? control->getModel() : nullptr, UNO_QUERY);
        if (model.is()) model->setPropertyValue("Step", Any(sal_Int32(0)));
        Reference<accessibility::XAccessible> acc(control.is() ? control->getPeer() : nullptr, UNO_QUERY);
        Reference<accessibility::XAccessibleContext> c(acc.is() ? acc->getAccessibleContext() : nullptr);
        const sal_Int32 n = c.is() ? c->getAccessibleChildCount() : 0;
        for (sal_Int32 i = 0; i < n; ++i) held.push_back(c->getAccessibleChild(i));
    } catch (const uno::Exception&) {
        // nothing held: the dispose below is what it was without this
    }
    Reference<lang::XComponent>(dialog, UNO_QUERY_THROW)->dispose();
}  // the held objects are released here, after the dispose

bool ask_yes_no(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent,
                const std::string& title, const std::string& message, bool default_no) {
    try {
        if (!parent.is()) return false;
        Reference<awt::XMessageBoxFactory> factory(awt::Toolkit::create(ctx), UNO_QUERY);
        if (!factory.is()) return false;
        sal_Int32 buttons = awt::MessageBoxButtons::BUTTONS_YES_NO |
                            (default_no ? awt::MessageBoxButtons::DEFAULT_BUTTON_NO : awt::MessageBoxButtons::DEFAULT_BUTTON_YES);
        auto box = factory->createMessageBox(parent, awt::MessageBoxType_QUERYBOX, buttons, ou(title), ou(message));
        return box.is() && box->execute() == awt::MessageBoxResults::YES;
    } catch (const uno::Exception&) {
        return false;
    }
}

void Clicks::actionPerformed(const awt::ActionEvent& e) {
    try {
        f_(u8(e.ActionCommand));
    } catch (...) {
        // a listener must not throw into the toolkit
    }
}

void Picks::itemStateChanged(const awt::ItemEvent&) {
    try {
        f_();
    } catch (...) {
    }
}

void Edits::textChanged(const awt::TextEvent&) {
    try {
        f_();
    } catch (...) {
    }
}

void Focus::focusGained(const awt::FocusEvent&) {
    try {
        f_(true);
    } catch (...) {
    }
}

void Focus::focusLost(const awt::FocusEvent&) {
    try {
        f_(false);
    } catch (...) {
    }
}

void RowPicks::selectionChanged(const awt::grid::GridSelectionEvent&) {
    try {
        f_();
    } catch (...) {
    }
}

namespace {

// One of the dialog's drop-down boxes shows its list (Esc is then the list's, to close it). Only
// the drop-down boxes' own accessibility objects are asked (their list showing is the sign: 7.4
// says no EXPANDED), not the whole dialog's: a key press should not build the grids' too (which,
// unheld, broke the heap when the form was disposed; see dispose()).
bool list_dropped(const Reference<awt::XControl>& dialog) {
    Reference<awt::XControlContainer> box(dialog, UNO_QUERY);
    if (!box.is()) return false;
    const auto controls = box->getControls();
    for (const auto& control : controls) {
        Reference<beans::XPropertySet> model(control.is() ? control->getModel() : nullptr, UNO_QUERY);
        if (!model.is()) continue;
        auto info = model->getPropertySetInfo();
        bool drop = false;
        if (info.is() && info->hasPropertyByName("Dropdown")) model->getPropertyValue("Dropdown") >>= drop;
        if (!drop) continue;
        Reference<accessibility::XAccessible> acc(control->getPeer(), UNO_QUERY);
        Reference<accessibility::XAccessibleContext> c(acc.is() ? acc->getAccessibleContext() : nullptr);
        if (!c.is()) continue;
        sal_Int32 n = std::min<sal_Int32>(c->getAccessibleChildCount(), 8);
        for (sal_Int32 i = 0; i < n; ++i) {
            Reference<accessibility::XAccessible> child = c->getAccessibleChild(i);
            Reference<accessibility::XAccessibleContext> cc(child.is() ? child->getAccessibleContext() : nullptr);
            if (!cc.is() || cc->getAccessibleRole() != accessibility::AccessibleRole::LIST) continue;
            auto states = cc->getAccessibleStateSet();
            if (states.is() && states->contains(accessibility::AccessibleStateType::SHOWING)) return true;
        }
    }
    return false;
}

} // namespace

// XExtendedToolkit is marked deprecated but has no successor for application-wide key handlers
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
EscapeKey::EscapeKey(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XControl>& dialog,
                     std::function<bool()> f)
    : toolkit_(awt::Toolkit::create(ctx), UNO_QUERY), dialog_(dialog), f_(std::move(f)) {
    Reference<awt::XExtendedToolkit> tk(toolkit_, UNO_QUERY);
    if (tk.is()) tk->addKeyHandler(this);
}

void EscapeKey::remove() {
    try {
        Reference<awt::XExtendedToolkit> tk(toolkit_, UNO_QUERY);
        if (tk.is()) tk->removeKeyHandler(this);
    } catch (const uno::Exception&) {
    }
    toolkit_.clear();
    f_ = nullptr;  // what it called may be gone
}

sal_Bool EscapeKey::keyPressed(const awt::KeyEvent& e) {
    if (e.KeyCode != awt::Key::ESCAPE || e.Modifiers != 0 || !toolkit_.is() || !f_) return false;
    try {
        Reference<awt::XExtendedToolkit> tk(toolkit_, UNO_QUERY);
        Reference<uno::XInterface> active(tk.is() ? tk->getActiveTopWindow() : nullptr, UNO_QUERY);
        Reference<uno::XInterface> mine(dialog_.is() ? dialog_->getPeer() : nullptr, UNO_QUERY);
        if (!active.is() || active != mine) return false;  // another window's Esc (a question, a picker)
        if (list_dropped(dialog_)) return false;
        swallow_release_ = f_();
        return swallow_release_;
    } catch (...) {
        return false;  // a listener must not throw into the toolkit
    }
}

#pragma GCC diagnostic pop

sal_Bool EscapeKey::keyReleased(const awt::KeyEvent& e) {
    bool mine = swallow_release_ && e.KeyCode == awt::Key::ESCAPE;
    swallow_release_ = false;
    return mine;
}

} // namespace gongwen_addin::kit
