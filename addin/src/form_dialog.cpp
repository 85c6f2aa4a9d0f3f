// The 新建公文 dialogs, built in code with the toolkit's dialog model (no .xdl to keep in step
// with the schema): the type picker, and the form that follows the type's fields page by page.
#include "form_dialog.hpp"
#include "dialog_kit.hpp"
#include "drafts.hpp"
#include "form_values.hpp"
#include "list_grid.hpp"
#include "seal_field.hpp"
#include "uno_util.hpp"

#include "gongwen/data.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/table.hpp"

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>
#include <rtl/ref.hxx>
#include <rtl/ustring.hxx>

#include <algorithm>
#include <filesystem>
#include <memory>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace fs = std::filesystem;
using namespace gongwen::uno_util;
using gongwen::FieldType;
using gongwen::i18n::_;
using gongwen::i18n::format;

namespace gongwen_addin {

namespace {

const sal_Int32 kRed = 0xC00000, kGrey = 0x808080;

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

// Where the fields go: pages filled to the height the screen allows.
struct Layout {
    int width = 0, height = 0, label_w = 100, field_x = 0, field_w = 0, bottom = 0;
    int pages = 1;
    std::vector<int> page_of, y_of;

    static int row_height(const gongwen::FieldSpec& f) {
        if (f.type == FieldType::list) return ListEditor::height(f) + 6;
        if (f.type == FieldType::seal) return SealField::height() + 4;
        return f.type == FieldType::multiline ? 44 : 16;
    }

    Layout(const std::vector<gongwen::FieldSpec>& fields, kit::Size screen) {
        // as wide and high as a good part of the screen allows, never less than the old fixed size
        width = std::clamp(screen.width * 7 / 10, 330, 600);
        height = std::clamp(screen.height * 85 / 100, 260, 640);
        if (screen.height > 0) height = std::min(height, std::max(260, screen.height - 20));
        field_x = 8 + label_w + 4;
        field_w = width - field_x - 8;
        bottom = height - 66;  // the messages and the buttons below
        int y = 8;
        for (const auto& f : fields) {
            int h = row_height(f);
            if (y + h > bottom && y > 8) {
                ++pages;
                y = 8;
            }
            page_of.push_back(pages);
            y_of.push_back(y);
            y += h;
        }
    }
};

class Form {
public:
    Form(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent,
         const gongwen::PluginManifest& type, const std::function<std::string(const nlohmann::json&)>& generate)
        : ctx_(ctx), parent_(parent), type_(type), fields_(type.fields), generate_(generate),
          layout_(fields_, kit::work_area(ctx, parent)),
          b_(ctx, format(_("New document — {type}"), {{"type", type.name.text()}}), layout_.width, layout_.height),
          lists_(fields_.size()), seals_(fields_.size()), placeholder_(fields_.size(), false) {}

    bool run() {
        // a draft left unfinished comes first, if the clerk wants it; else the remembered values
        FormValues start = form_values(fields_, keep::remembered(type_.id));
        nlohmann::json draft = keep::draft(type_.id);
        if (!draft.is_null()) {
            if (kit::ask_yes_no(ctx_, parent_, _("New document"),
                                format(_("A draft of 「{type}」 was left unfinished. Restore it?"), {{"type", type_.name.text()}})))
                start = form_values(fields_, draft);
            else
                keep::drop_draft(type_.id);
        }
        build();
        dialog_ = b_.create(parent_);
        attach();
        write_values(start);
        initial_ = read_values();
        // Esc and 取消 ask before anything typed is lost: Esc is taken before the dialog sees it
        // (a dialog closes itself on Esc by a close it posts, which a second execute() would meet)
        struct Unhook {  // the handler holds this form: gone with it, whatever ends the form
            rtl::Reference<kit::EscapeKey> key;
            ~Unhook() { key->remove(); }
        } esc{new kit::EscapeKey(ctx_, Reference<awt::XControl>(dialog_, UNO_QUERY), [this] {
            if (!asking_) cancel();
            return true;
        })};
        while (true) {
            dialog_->execute();
            if (done_ || cancelled_) break;
            // closed some other way (the window's close box): ask, and open it again on 否
            if (discard_ok()) break;
        }
        kit::dispose(dialog_);
        return done_;
    }

private:
    // nothing typed, or the clerk agrees to lose it (a draft is kept either way)
    bool discard_ok() {
        FormValues now = read_values();
        if (now == initial_ || is_blank(now)) return true;
        keep::save_draft(type_.id, form_data(fields_, now));
        asking_ = true;
        bool yes = kit::ask_yes_no(ctx_, parent_, _("New document"),
                                   std::string(_("Discard what you have typed?")) + "\n" +
                                       _("A draft is kept: the next 新建公文 of this type offers to restore it."),
                                   true);
        asking_ = false;
        return yes;
    }

    void cancel() {
        if (!discard_ok()) return;
        cancelled_ = true;
        dialog_->endExecute();
    }

    std::string id(std::size_t i) const { return std::to_string(i); }
    bool is_edit(std::size_t i) const {
        return fields_[i].type != FieldType::list && fields_[i].type != FieldType::choice && fields_[i].type != FieldType::seal;
    }

    void build() {
        b_.dialog_props()->setPropertyValue("Step", Any(sal_Int32(1)));
        const int fx = layout_.field_x, fw = layout_.field_w;
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            const auto& f = fields_[i];
            int page = layout_.page_of[i], y = layout_.y_of[i];
            std::string label = (f.required ? "* " : "") + (f.label.text().empty() ? f.name : f.label.text());
            b_.label("label" + id(i), label, 8, y + 2, layout_.label_w, f.type == FieldType::list ? 24 : 12, page);
            Reference<beans::XPropertySet> c;
            std::string help = f.help.text();
            if (f.type == FieldType::list) {
                lists_[i] = std::make_unique<ListEditor>(b_, f, id(i), fx, y, fw, page);
                c = b_.props(lists_[i]->grid());
            } else if (f.type == FieldType::seal) {
                seals_[i] = std::make_unique<SealField>(ctx_, b_, f, id(i), fx, y, fw, page);
                c = b_.props(seals_[i]->box());
            } else if (f.type == FieldType::choice) {
                std::vector<std::string> items = {""};
                items.insert(items.end(), f.choices.begin(), f.choices.end());
                c = b_.list("field" + id(i), items, fx, y, fw, page);
                c->setPropertyValue("LineCount", Any(sal_Int16(std::min<std::size_t>(items.size(), 12))));
            } else if (f.type == FieldType::date) {
                // a date field: its calendar drops down; typed dates are read as a clerk writes them
                c = b_.add("com.sun.star.awt.UnoControlDateFieldModel", "field" + id(i), fx, y, std::min(fw, 120), 12, page);
                c->setPropertyValue("Dropdown", Any(true));
                c->setPropertyValue("StrictFormat", Any(false));
                // the calendar writes and reads 2023-07-05 (DIN 5008, whatever the locale); out of
                // the box the date reads 2023年7月5日 (entered(), left())
                c->setPropertyValue("DateFormat", Any(sal_Int16(11)));
                help += (help.empty() ? "" : "\n") + std::string(_("a date, e.g. 2023年7月5日 or 20230705"));
            } else {
                bool tall = f.type == FieldType::multiline;
                c = b_.edit("field" + id(i), fx, y, fw, tall ? 40 : 12, page);
                if (tall) {
                    c->setPropertyValue("MultiLine", Any(true));
                    c->setPropertyValue("VScroll", Any(true));
                }
            }
            if (!help.empty()) c->setPropertyValue("HelpText", Any(ou(help)));
        }
        const int w = layout_.width, y0 = layout_.bottom + 2;
        b_.label("status", "", 8, y0, (w - 16) * 6 / 10, 10);
        auto marks = b_.label("pagemarks", "", 8 + (w - 16) * 6 / 10, y0, (w - 16) * 4 / 10, 10);
        marks->setPropertyValue("TextColor", Any(kRed));
        marks->setPropertyValue("Align", Any(sal_Int16(2)));
        auto problems = b_.list("problems", {}, 8, y0 + 12, w - 16, 0, false, 30);
        problems->setPropertyValue("TextColor", Any(kRed));
        problems->setPropertyValue("HelpText", Any(ou(_("Double-click a problem to go to its field"))));
        const int by = layout_.height - 20;
        b_.button("prev", _("~Previous page"), 8, by, 52);
        b_.button("next", _("~Next page"), 64, by, 52);
        b_.label("page", "1 / " + std::to_string(layout_.pages), 120, by + 3, 30, 10);
        b_.button("load", _("Load data…"), w - 8 - 48 - 4 - 50 - 4 - 62, by, 62);
        auto gen = b_.button("generate", _("Generate"), w - 8 - 48 - 4 - 50, by, 50);
        gen->setPropertyValue("DefaultButton", Any(true));
        b_.button("cancel", _("Cancel"), w - 8 - 48, by, 48);
    }

    void attach() {
        Reference<awt::XActionListener> clicks(new kit::Clicks([this](const std::string& cmd) { on_command(cmd); }));
        for (const char* name : {"prev", "next", "load", "generate", "cancel"}) b_.on_click(name, clicks, name);
        Reference<awt::XListBox> problems(b_.control("problems"), UNO_QUERY);
        if (problems.is()) problems->addActionListener(new kit::Clicks([this](const std::string&) { go_to_problem(); }));
        show_problems({});
        Reference<awt::XTextListener> edits(new kit::Edits([this] {
            if (!quiet_) refresh();
        }));
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            if (lists_[i]) {
                lists_[i]->changed = [this] { refresh(); };
                lists_[i]->attach(clicks, [this](bool editing) {
                    b_.props("generate")->setPropertyValue("DefaultButton", Any(!editing));
                });
                continue;
            }
            if (seals_[i]) {
                seals_[i]->changed = [this] { refresh(); };
                seals_[i]->problem = [this](const std::string& text) { say(text, true); };
                seals_[i]->attach(clicks);
                continue;
            }
            auto control = b_.control("field" + id(i));
            if (fields_[i].type == FieldType::choice) {
                Reference<awt::XListBox>(control, UNO_QUERY_THROW)->addItemListener(new kit::Picks([this] { refresh(); }));
                continue;
            }
            Reference<awt::XTextComponent>(control, UNO_QUERY_THROW)->addTextListener(edits);
            Reference<awt::XWindow>(control, UNO_QUERY_THROW)->addFocusListener(new kit::Focus([this, i](bool in) {
                in ? entered(i) : left(i);
            }));
        }
    }

    // ---- placeholders: the field's example, grey, while the box is empty and has no focus
    void placeholder_on(std::size_t i) {
        const auto& ex = fields_[i].example;
        if (ex.is_null() || placeholder_[i] || !is_edit(i)) return;
        auto p = b_.props("field" + id(i));
        if (!kit::text_of(p).empty()) return;
        quiet_ = true;
        kit::set_text(p, ex.is_string() ? ex.get<std::string>() : ex.dump());
        p->setPropertyValue("TextColor", Any(kGrey));
        quiet_ = false;
        placeholder_[i] = true;
    }
    void placeholder_off(std::size_t i) {
        if (!placeholder_[i]) return;
        auto p = b_.props("field" + id(i));
        quiet_ = true;
        kit::set_text(p, "");
        p->setPropertyValue("TextColor", Any());
        quiet_ = false;
        placeholder_[i] = false;
    }
    // a box entered: the example gone; a date as the calendar reads it (2023-07-05), so that the
    // calendar opens at it
    void entered(std::size_t i) {
        placeholder_off(i);
        if (fields_[i].type != FieldType::date) return;
        auto p = b_.props("field" + id(i));
        if (auto d = date_input(kit::text_of(p), current_year())) kit::set_text(p, *d);
    }
    // a box left: a date shown the one way, the example back in an empty box
    void left(std::size_t i) {
        auto p = b_.props("field" + id(i));
        if (fields_[i].type == FieldType::date && !placeholder_[i]) {
            std::string t = kit::text_of(p), shown = date_display(t, current_year());
            if (shown != t) kit::set_text(p, shown);
        }
        placeholder_on(i);
    }

    FormValues read_values() {
        FormValues out(fields_.size());
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            if (lists_[i]) {
                out[i].rows = lists_[i]->rows();
            } else if (seals_[i]) {
                out[i].image = seals_[i]->value();
            } else if (fields_[i].type == FieldType::choice) {
                int s = kit::selected(b_.props("field" + id(i)));
                out[i].text = s > 0 ? fields_[i].choices[static_cast<std::size_t>(s - 1)] : "";
            } else if (!placeholder_[i]) {
                out[i].text = kit::text_of(b_.props("field" + id(i)));
            }
        }
        return out;
    }

    void write_values(const FormValues& v) {
        quiet_ = true;
        for (std::size_t i = 0; i < fields_.size() && i < v.size(); ++i) {
            auto p = b_.props("field" + id(i));
            if (lists_[i]) {
                lists_[i]->set_rows(v[i].rows);
            } else if (seals_[i]) {
                seals_[i]->set(v[i].image);
            } else if (fields_[i].type == FieldType::choice) {
                const auto& ch = fields_[i].choices;
                auto it = std::find(ch.begin(), ch.end(), v[i].text);
                kit::select(p, it == ch.end() ? 0 : static_cast<int>(it - ch.begin()) + 1);
            } else {
                placeholder_off(i);
                kit::set_text(p, v[i].text);
                placeholder_on(i);
            }
        }
        quiet_ = false;
        refresh();
    }

    // ---- problems: every field named turns red with its problems as its tooltip, the pages
    // that hold them are named, the list below says them all (double-click: to the field)
    void show_problems(const std::string& problems) {
        auto by_field = problems_by_field(fields_, problems);
        std::vector<std::string> items;
        std::vector<int> pages;
        problem_fields_.clear();
        for (std::size_t i = 0; i <= fields_.size(); ++i) {
            auto it = by_field.find(i);
            bool bad = it != by_field.end();
            if (i < fields_.size()) {
                b_.props("label" + id(i))->setPropertyValue("TextColor", bad ? Any(kRed) : Any());
                std::string tip = bad ? join(it->second, "\n") : fields_[i].help.text();
                b_.props("label" + id(i))->setPropertyValue("HelpText", Any(ou(tip)));
                if (bad && std::find(pages.begin(), pages.end(), layout_.page_of[i]) == pages.end())
                    pages.push_back(layout_.page_of[i]);
            }
            if (!bad) continue;
            for (const auto& line : it->second) {
                items.push_back(i < fields_.size() ? format(_("page {page}: {problem}"), {{"page", layout_.page_of[i]}, {"problem", line}})
                                                   : line);
                problem_fields_.push_back(i);
            }
        }
        kit::set_items(b_.props("problems"), items);
        std::sort(pages.begin(), pages.end());
        std::string marks;
        for (int p : pages) marks += (marks.empty() ? "" : "、") + std::to_string(p);
        b_.props("pagemarks")->setPropertyValue(
            "Label", Any(ou(pages.empty() ? "" : format(_("problems on page {pages}"), {{"pages", marks}}))));
        b_.props("problems")->setPropertyValue("EnableVisible", Any(!items.empty()));
    }

    void refresh() {
        if (checked_) show_problems(check_form(fields_, read_values()));
    }

    void go_to_page(int page) {
        current_ = std::clamp(page, 1, layout_.pages);
        b_.dialog_props()->setPropertyValue("Step", Any(sal_Int32(current_)));
        b_.props("page")->setPropertyValue("Label", Any(ou(std::to_string(current_) + " / " + std::to_string(layout_.pages))));
    }

    void go_to_field(std::size_t i) {
        if (i >= fields_.size()) return;
        go_to_page(layout_.page_of[i]);
        b_.focus(lists_[i] ? lists_[i]->grid() : "field" + id(i));
    }

    void go_to_problem() {
        int s = kit::selected(b_.props("problems"));
        if (s >= 0 && s < static_cast<int>(problem_fields_.size())) go_to_field(problem_fields_[static_cast<std::size_t>(s)]);
    }

    void on_command(const std::string& cmd) {
        for (auto& l : lists_)
            if (l && l->command(cmd)) return;
        for (auto& seal : seals_)
            if (seal) {
                asking_ = true;  // its file dialog takes Esc
                bool mine = seal->command(cmd);
                asking_ = false;
                if (mine) return;
            }
        if (cmd == "prev" || cmd == "next") {
            go_to_page(current_ + (cmd == "next" ? 1 : -1));
        } else if (cmd == "load") {
            asking_ = true;
            load();
            asking_ = false;
        } else if (cmd == "cancel") {
            cancel();
        } else if (cmd == "generate") {
            nlohmann::json data = form_data(fields_, read_values());
            std::string problems = generate_(data);
            if (!problems.empty()) {
                checked_ = true;
                keep::save_draft(type_.id, data);  // what was typed survives a failed 生成
                show_problems(problems);
                if (!problem_fields_.empty()) go_to_field(problem_fields_.front());
                return;
            }
            keep::remember(type_, data);
            keep::drop_draft(type_.id);
            done_ = true;
            dialog_->endExecute();
        }
    }

    // a line under the fields: red for a problem
    void say(const std::string& text, bool bad) {
        auto status = b_.props("status");
        status->setPropertyValue("Label", Any(ou(text)));
        status->setPropertyValue("TextColor", bad ? Any(kRed) : Any());
    }

    void load() {
        auto file = pick_data_file(ctx_);
        if (!file) return;
        auto status = b_.props("status");
        try {
            // a seal's path relative to the data file: from its folder
            write_values(form_values(fields_, read_data_file(*file), fs::path(*file).parent_path().string()));
            say(format(_("loaded {file}"), {{"file", fs::path(*file).filename().string()}}), false);
        } catch (const gongwen::Error& e) {
            std::string text;
            for (const auto& d : e.diagnostics().items()) text += d.message + " ";
            status->setPropertyValue("Label", Any(ou(text)));
            status->setPropertyValue("TextColor", Any(kRed));
        } catch (const std::exception& e) {
            status->setPropertyValue("Label", Any(ou(e.what())));
            status->setPropertyValue("TextColor", Any(kRed));
        }
    }

    Reference<uno::XComponentContext> ctx_;
    Reference<awt::XWindowPeer> parent_;
    const gongwen::PluginManifest& type_;
    const std::vector<gongwen::FieldSpec>& fields_;
    std::function<std::string(const nlohmann::json&)> generate_;
    Layout layout_;
    kit::Builder b_;
    Reference<awt::XDialog> dialog_;
    std::vector<std::unique_ptr<ListEditor>> lists_;
    std::vector<std::unique_ptr<SealField>> seals_;
    std::vector<bool> placeholder_;
    std::vector<std::size_t> problem_fields_;
    FormValues initial_;
    int current_ = 1;
    bool done_ = false, cancelled_ = false, checked_ = false, quiet_ = false, asking_ = false;
};

} // namespace

std::optional<std::string> pick_data_file(const Reference<uno::XComponentContext>& ctx) {
    return kit::pick_file(ctx, _("Data (JSON, XLSX, CSV)"), "*.json;*.xlsx;*.csv", "folder");
}

nlohmann::json read_data_file(const std::string& file) {
    if (file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0) return gongwen::read_json_file(file);
    auto table = gongwen::read_table(file);  // a spreadsheet: its first row
    if (table.rows.empty()) throw std::runtime_error(format(_("{file}: no rows"), {{"file", file}}));
    return table.rows.front();
}

std::optional<TypeChoice> pick_type(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent,
                                    const gongwen::PluginCatalog& catalog) {
    std::vector<std::string> names;
    int last = 0;
    for (std::size_t i = 0; i < catalog.plugins.size(); ++i) {
        names.push_back(catalog.plugins[i].name.text() + "  (" + catalog.plugins[i].id + ")");
        if (catalog.plugins[i].id == keep::choice("type")) last = static_cast<int>(i);
    }
    kit::Builder b(ctx, _("New document — choose the type"), 260, 150);
    b.label("l1", _("Document type:"), 8, 8, 244, 10);
    auto types = b.list("types", names, 8, 20, 244, 0, false, 56);
    if (!names.empty()) kit::select(types, last);
    auto description = b.label("description", "", 8, 80, 244, 36);
    auto describe = [&] {
        int t = kit::selected(types);
        description->setPropertyValue(
            "Label", Any(ou(t >= 0 && t < static_cast<int>(names.size()) ? catalog.plugins[static_cast<std::size_t>(t)].description.text()
                                                                         : std::string())));
    };
    describe();
    b.label("l2", _("Format:"), 8, 122, 30, 10);
    auto format_list = b.list("format", {"DOCX (Word)", "ODT (LibreOffice)"}, 40, 120, 80);
    kit::select(format_list, keep::choice("format") == "odt" ? 1 : 0);
    auto ok = b.button("ok", _("Next"), 160, 132, 44, awt::PushButtonType_OK);
    ok->setPropertyValue("DefaultButton", Any(true));
    b.button("cancel", _("Cancel"), 208, 132, 44, awt::PushButtonType_CANCEL);
    auto dialog = b.create(parent);
    bool chosen = false;
    Reference<awt::XListBox> list(b.control("types"), UNO_QUERY_THROW);
    list->addItemListener(new kit::Picks(describe));
    list->addActionListener(new kit::Clicks([&](const std::string&) {  // a double-click goes on
        chosen = true;
        dialog->endExecute();
    }));
    bool ok_pressed = dialog->execute() == ui::dialogs::ExecutableDialogResults::OK;
    int t = kit::selected(types);
    std::string fmt = kit::selected(format_list) == 1 ? "odt" : "docx";
    // gone from the screen before the next question (a draft to restore) opens over its place
    Reference<awt::XWindow>(dialog, UNO_QUERY_THROW)->setVisible(false);
    kit::dispose(dialog);
    if (!(ok_pressed || chosen) || t < 0 || t >= static_cast<int>(catalog.plugins.size())) return std::nullopt;
    keep::set_choice("type", catalog.plugins[static_cast<std::size_t>(t)].id);
    keep::set_choice("format", fmt);
    return TypeChoice{&catalog.plugins[static_cast<std::size_t>(t)], fmt};
}

bool fill_form(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent,
               const gongwen::PluginManifest& type, const std::function<std::string(const nlohmann::json&)>& generate) {
    Form form(ctx, parent, type, generate);
    return form.run();
}

} // namespace gongwen_addin
