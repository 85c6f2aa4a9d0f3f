// What the add-in's commands share (protocol_handler.cpp, fill.cpp, check_list.cpp): the failure
// a user reads, a temp folder, dispatch arguments, untitled documents, and a question with
// buttons named for what they do.
#pragma once

#include "gongwen/plugin.hpp"

#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace gongwen_addin {

namespace css = com::sun::star;

/// A failure a user must read: shown in a message box and returned as the dispatch's result.
struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A folder of our own, removed when done.
struct TempDir {
    std::string path;
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

/// The plugins bundled in the extension (next to this library), then the usual search path.
gongwen::PluginCatalog catalog();

/// A dispatch argument by name ("" when not given).
std::string arg(const css::uno::Sequence<css::beans::PropertyValue>& args, const char* name);

/// Opens `path` in a new window as an untitled document. `name` (no extension) is its title
/// and the name Save As proposes; the format it was opened in (DOCX or ODT) is the filter
/// Save As keeps.
css::uno::Reference<css::lang::XComponent> open_untitled(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                                         const std::string& path, const std::string& name);

/// Until the document has a file, its window's Save and Save As offer DOCX and ODT with `docx`'s
/// chosen and `name` proposed (save_as.cpp): LibreOffice would preselect ODT for any untitled one.
void keep_format_on_save_as(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                            const css::uno::Reference<css::lang::XComponent>& doc, bool docx, const std::string& name);

/// A question with one button per answer, named for what it does (the first is the default,
/// Esc cancels). Returns the index of the button pressed, -1 when cancelled or when there is no
/// window to ask in (a headless office cancels every dialog).
int choose(const css::uno::Reference<css::uno::XComponentContext>& ctx, const css::uno::Reference<css::awt::XWindowPeer>& parent,
           const std::string& title, const std::string& message, const std::vector<std::string>& buttons);

/// Puts a dialog whose peer exists in the middle of its parent window (without a window manager
/// a dialog otherwise opens at the top-left corner of the screen).
void centre(const css::uno::Reference<css::awt::XControl>& dialog, const css::uno::Reference<css::awt::XWindowPeer>& parent);

/// The frame's window, the parent of dialogs.
css::uno::Reference<css::awt::XWindowPeer> window_of(const css::uno::Reference<css::frame::XFrame>& frame);

} // namespace gongwen_addin
