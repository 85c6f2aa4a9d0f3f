// A `seal` field in the 新建公文 form: the picture's file (PNG, JPEG or SVG, chosen in a file
// dialog and checked at once), or "stamped by hand" (no picture: true), or none. The value is the
// engine's image value (docs/image-tags.md), never text.
#pragma once

#include "dialog_kit.hpp"
#include "gongwen/plugin.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace gongwen_addin {

class SealField {
public:
    /// The controls of seal field `field` (named by `id`), at x, y, w wide, on page `step`.
    SealField(const css::uno::Reference<css::uno::XComponentContext>& ctx, kit::Builder& b, const gongwen::FieldSpec& field,
              const std::string& id, int x, int y, int w, int step);
    static int height() { return 28; }

    /// After the dialog is made: its buttons to `clicks` (commands pickimg<id>, noimg<id>), the
    /// check box to its own listener.
    void attach(const css::uno::Reference<css::awt::XActionListener>& clicks);
    /// Runs a command of this field's buttons; false when it is not one of them.
    bool command(const std::string& cmd);

    const nlohmann::json& value() const { return value_; }
    void set(const nlohmann::json& value);
    /// Called after every change of the value.
    std::function<void()> changed;
    /// A picture that cannot be used, said (the form shows it in red); "" when it is one.
    std::function<void(const std::string&)> problem;
    /// The name of the box showing the value (the field's control).
    std::string box() const { return "field" + id_; }

private:
    void show();

    css::uno::Reference<css::uno::XComponentContext> ctx_;
    kit::Builder& b_;
    const gongwen::FieldSpec& field_;
    std::string id_;
    nlohmann::json value_;
    bool quiet_ = false;
};

} // namespace gongwen_addin
