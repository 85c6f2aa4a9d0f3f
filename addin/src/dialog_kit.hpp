// The toolkit pieces the 新建公文 dialogs are built from: a dialog model filled in code (no .xdl
// to keep in step with the schema), listeners from lambdas, and a yes/no question.
#pragma once

#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XFocusListener.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XKeyHandler.hpp>
#include <com/sun/star/awt/XTextListener.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/awt/grid/XGridSelectionListener.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase1.hxx>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gongwen_addin::kit {

namespace css = com::sun::star;
using css::uno::Reference;

/// Sizes and places are in the toolkit's "app font" units (about a quarter of a character wide,
/// an eighth high), so the dialogs follow the office's font.
struct Size {
    int width = 0, height = 0;
};

/// The dialog model and its controls, by name.
class Builder {
public:
    Builder(const Reference<css::uno::XComponentContext>& ctx, const std::string& title, int width, int height);

    Reference<css::beans::XPropertySet> add(const char* kind, const std::string& name, int x, int y, int w, int h, int step = 0);
    Reference<css::beans::XPropertySet> label(const std::string& name, const std::string& text, int x, int y, int w, int h,
                                              int step = 0);
    Reference<css::beans::XPropertySet> edit(const std::string& name, int x, int y, int w, int h, int step = 0);
    Reference<css::beans::XPropertySet> button(const std::string& name, const std::string& text, int x, int y, int w,
                                               short type = 0, int step = 0);
    /// A drop-down list (`dropdown`) or a list box showing its items.
    Reference<css::beans::XPropertySet> list(const std::string& name, const std::vector<std::string>& items, int x, int y,
                                             int w, int step = 0, bool dropdown = true, int h = 12);

    /// Makes the dialog (in the middle of `parent`); controls can still be read by name after.
    Reference<css::awt::XDialog> create(const Reference<css::awt::XWindowPeer>& parent);
    Reference<css::beans::XPropertySet> props(const std::string& name);
    Reference<css::beans::XPropertySet> dialog_props();
    bool has(const std::string& name);
    /// The live control of a model (after create).
    Reference<css::awt::XControl> control(const std::string& name);
    void on_click(const std::string& button, const Reference<css::awt::XActionListener>& l, const std::string& command);
    void focus(const std::string& name);

private:
    Reference<css::uno::XComponentContext> ctx_;
    Reference<css::lang::XMultiServiceFactory> model_;
    Reference<css::awt::XControl> control_;
};

/// The size of the screen's work area (without panels) in app font units, as `parent` measures
/// them; nothing known: 0×0.
Size work_area(const Reference<css::uno::XComponentContext>& ctx, const Reference<css::awt::XWindowPeer>& parent);

int selected(const Reference<css::beans::XPropertySet>& list);
void select(const Reference<css::beans::XPropertySet>& list, int index);
void set_text(const Reference<css::beans::XPropertySet>& p, const std::string& text);
std::string text_of(const Reference<css::beans::XPropertySet>& p);
void set_items(const Reference<css::beans::XPropertySet>& list, const std::vector<std::string>& items);

/// A file from the file dialog, with the filter `title` (`patterns`, e.g. "*.png;*.jpg") and one for
/// all files, opened in the folder last chosen under `folder_key` (which this choice then updates);
/// nothing when cancelled.
std::optional<std::string> pick_file(const Reference<css::uno::XComponentContext>& ctx, const std::string& title,
                                     const std::string& patterns, const std::string& folder_key);

/// Disposes a dialog that has been closed. LibreOffice 7.4's grid control frees its accessibility
/// object in the middle of that object's own dispose when nothing else holds it (valgrind: a write
/// to freed memory in libacclo under VCLXWindow::dispose; the heap breaks later, "free(): corrupted
/// unsorted chunks"). That object exists once anything — a screen reader, a test, our own Esc
/// handler before — asked the dialog for its children. The children's accessibility objects, every
/// page's, are held here until the dispose is over.
void dispose(const Reference<css::uno::XInterface>& dialog);

/// A yes/no question in a message box; false when answered no, closed, or with no window.
bool ask_yes_no(const Reference<css::uno::XComponentContext>& ctx, const Reference<css::awt::XWindowPeer>& parent,
                const std::string& title, const std::string& message, bool default_no = false);

// Listeners from functions; an exception never reaches the toolkit.
class Clicks : public cppu::WeakImplHelper1<css::awt::XActionListener> {
public:
    explicit Clicks(std::function<void(const std::string&)> f) : f_(std::move(f)) {}
    void SAL_CALL actionPerformed(const css::awt::ActionEvent& e) override;
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::function<void(const std::string&)> f_;
};

class Picks : public cppu::WeakImplHelper1<css::awt::XItemListener> {
public:
    explicit Picks(std::function<void()> f) : f_(std::move(f)) {}
    void SAL_CALL itemStateChanged(const css::awt::ItemEvent&) override;
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::function<void()> f_;
};

class Edits : public cppu::WeakImplHelper1<css::awt::XTextListener> {
public:
    explicit Edits(std::function<void()> f) : f_(std::move(f)) {}
    void SAL_CALL textChanged(const css::awt::TextEvent&) override;
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::function<void()> f_;
};

/// Focus gained (true) and lost (false).
class Focus : public cppu::WeakImplHelper1<css::awt::XFocusListener> {
public:
    explicit Focus(std::function<void(bool)> f) : f_(std::move(f)) {}
    void SAL_CALL focusGained(const css::awt::FocusEvent&) override;
    void SAL_CALL focusLost(const css::awt::FocusEvent&) override;
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::function<void(bool)> f_;
};

class RowPicks : public cppu::WeakImplHelper1<css::awt::grid::XGridSelectionListener> {
public:
    explicit RowPicks(std::function<void()> f) : f_(std::move(f)) {}
    void SAL_CALL selectionChanged(const css::awt::grid::GridSelectionEvent&) override;
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::function<void()> f_;
};

/// Esc on a dialog, seen before the dialog sees it: a handler of the whole toolkit (the
/// application's key handlers come before any window's own keys), in place from construction to
/// destruction. `f` is asked only while `dialog` is the active window and none of its drop-downs is
/// open; it returns true when it took the key (the dialog then never closes on it by itself).
class EscapeKey : public cppu::WeakImplHelper1<css::awt::XKeyHandler> {
public:
    EscapeKey(const Reference<css::uno::XComponentContext>& ctx, const Reference<css::awt::XControl>& dialog,
              std::function<bool()> f);
    void remove();
    sal_Bool SAL_CALL keyPressed(const css::awt::KeyEvent& e) override;
    sal_Bool SAL_CALL keyReleased(const css::awt::KeyEvent& e) override;
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    Reference<css::uno::XInterface> toolkit_;
    Reference<css::awt::XControl> dialog_;
    std::function<bool()> f_;
    bool swallow_release_ = false;
};

} // namespace gongwen_addin::kit
