// A `seal` field in the 新建公文 form (seal_field.hpp).
#include "seal_field.hpp"
#include "drafts.hpp"
#include "form_values.hpp"
#include "uno_util.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/image.hpp"

#include <com/sun/star/awt/XCheckBox.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>

#include <filesystem>
#include <optional>

using namespace com::sun::star;
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

// A picture file from the file dialog, opened in the folder of the last one; nothing when cancelled.
std::optional<std::string> pick_image_file(const Reference<uno::XComponentContext>& ctx) {
    return kit::pick_file(ctx, _("Pictures (PNG, JPEG, SVG)"), "*.png;*.jpg;*.jpeg;*.svg", "image-folder");
}

} // namespace

SealField::SealField(const Reference<uno::XComponentContext>& ctx, kit::Builder& b, const gongwen::FieldSpec& field,
                     const std::string& id, int x, int y, int w, int step)
    : ctx_(ctx), b_(b), field_(field), id_(id) {
    auto shown = b_.edit(box(), x, y, w - 4 - 60, 12, step);
    shown->setPropertyValue("ReadOnly", Any(true));
    b_.button("pickimg" + id_, _("Choose picture…"), x + w - 60, y, 60, 0, step);
    auto hand = b_.add("com.sun.star.awt.UnoControlCheckBoxModel", "hand" + id_, x, y + 15, w - 4 - 60, 12, step);
    hand->setPropertyValue("Label", Any(ou(_("Stamped by hand (no picture)"))));
    b_.button("noimg" + id_, _("No seal"), x + w - 60, y + 15, 60, 0, step);
}

void SealField::attach(const Reference<awt::XActionListener>& clicks) {
    b_.on_click("pickimg" + id_, clicks, "pickimg" + id_);
    b_.on_click("noimg" + id_, clicks, "noimg" + id_);
    Reference<awt::XCheckBox>(b_.control("hand" + id_), UNO_QUERY_THROW)->addItemListener(new kit::Picks([this] {
        if (quiet_) return;
        sal_Int16 state = 0;
        b_.props("hand" + id_)->getPropertyValue("State") >>= state;
        if (state == 1) value_ = true;
        else if (value_.is_boolean()) value_ = nullptr;
        show();
        if (changed) changed();
    }));
    show();
}

bool SealField::command(const std::string& cmd) {
    if (cmd == "noimg" + id_) {
        value_ = nullptr;
    } else if (cmd == "pickimg" + id_) {
        auto file = pick_image_file(ctx_);
        if (!file) return true;
        try {
            gongwen::load_image(*file, gongwen::ImageSource{});  // a whole, decodable PNG/JPEG/SVG, or said now
        } catch (const gongwen::ImageError& e) {
            if (problem) problem(format(_("{file}: {message}"), {{"file", fs::path(*file).filename().string()}, {"message", std::string(e.what())}}));
            return true;
        }
        if (problem) problem("");
        value_ = *file;
    } else {
        return false;
    }
    show();
    if (changed) changed();
    return true;
}

void SealField::set(const nlohmann::json& value) {
    value_ = value;
    show();
}

void SealField::show() {
    quiet_ = true;
    kit::set_text(b_.props(box()), image_label(value_));
    b_.props("hand" + id_)->setPropertyValue("State", Any(sal_Int16(value_.is_boolean() && value_.get<bool>() ? 1 : 0)));
    b_.props("pickimg" + id_)->setPropertyValue("Enabled", Any(!value_.is_boolean()));
    quiet_ = false;
}

} // namespace gongwen_addin
