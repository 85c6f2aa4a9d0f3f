// The 新建公文 dialogs, built in code with the toolkit's dialog model (no .xdl to keep in step
// with the schema): the form follows the type's fields, page by page.
#include "form_dialog.hpp"
#include "uno_util.hpp"

#include "gongwen/data.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/table.hpp"
#include "gongwen/text.hpp"

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>
#include <cppuhelper/implbase1.hxx>
#include <osl/file.hxx>
#include <rtl/ustring.hxx>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace fs = std::filesystem;
using namespace gongwen::uno_util;
using gongwen::i18n::_;
using gongwen::i18n::format;

namespace gongwen_addin {

namespace {

std::string trim(const std::string& s) { return std::string(gongwen::text::trim(s)); }

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}

std::string scalar_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

// The dialog model and its controls, by name.
class Builder {
public:
    Builder(const Reference<uno::XComponentContext>& ctx, const std::string& title, int width, int height) : ctx_(ctx) {
        model_.set(ctx->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx),
                   UNO_QUERY_THROW);
        Reference<beans::XPropertySet> p(model_, UNO_QUERY_THROW);
        p->setPropertyValue("Title", Any(ou(title)));
        p->setPropertyValue("Width", Any(sal_Int32(width)));
        p->setPropertyValue("Height", Any(sal_Int32(height)));
        p->setPropertyValue("PositionX", Any(sal_Int32(60)));
        p->setPropertyValue("PositionY", Any(sal_Int32(40)));
    }

    Reference<beans::XPropertySet> add(const char* kind, const std::string& name, int x, int y, int w, int h,
                                       int step = 0) {
        Reference<beans::XPropertySet> p(model_->createInstance(OUString::createFromAscii(kind)), UNO_QUERY_THROW);
        p->setPropertyValue("PositionX", Any(sal_Int32(x)));
        p->setPropertyValue("PositionY", Any(sal_Int32(y)));
        p->setPropertyValue("Width", Any(sal_Int32(w)));
        p->setPropertyValue("Height", Any(sal_Int32(h)));
        p->setPropertyValue("Step", Any(sal_Int32(step)));
        Reference<container::XNameContainer>(model_, UNO_QUERY_THROW)->insertByName(ou(name), Any(p));
        return p;
    }
    Reference<beans::XPropertySet> label(const std::string& name, const std::string& text, int x, int y, int w, int h,
                                         int step = 0) {
        auto p = add("com.sun.star.awt.UnoControlFixedTextModel", name, x, y, w, h, step);
        p->setPropertyValue("Label", Any(ou(text)));
        p->setPropertyValue("MultiLine", Any(true));
        return p;
    }
    Reference<beans::XPropertySet> button(const std::string& name, const std::string& text, int x, int y, int w,
                                          sal_Int16 type = 0) {
        auto p = add("com.sun.star.awt.UnoControlButtonModel", name, x, y, w, 14);
        p->setPropertyValue("Label", Any(ou(text)));
        p->setPropertyValue("PushButtonType", Any(type));
        return p;
    }
    Reference<beans::XPropertySet> list(const std::string& name, const std::vector<std::string>& items, int x, int y,
                                        int w, int step = 0) {
        auto p = add("com.sun.star.awt.UnoControlListBoxModel", name, x, y, w, 12, step);
        uno::Sequence<OUString> seq(static_cast<sal_Int32>(items.size()));
        for (std::size_t i = 0; i < items.size(); ++i) seq[static_cast<sal_Int32>(i)] = ou(items[i]);
        p->setPropertyValue("StringItemList", Any(seq));
        p->setPropertyValue("Dropdown", Any(true));
        return p;
    }

    // Makes the dialog; listeners go on buttons by name.
    Reference<awt::XDialog> create(const Reference<awt::XWindowPeer>& parent) {
        control_.set(ctx_->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx_),
                     UNO_QUERY_THROW);
        control_->setModel(Reference<awt::XControlModel>(model_, UNO_QUERY_THROW));
        control_->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(ctx_), UNO_QUERY_THROW), parent);
        return Reference<awt::XDialog>(control_, UNO_QUERY_THROW);
    }
    void on_click(const std::string& button, const Reference<awt::XActionListener>& l, const std::string& command) {
        Reference<awt::XButton> b(Reference<awt::XControlContainer>(control_, UNO_QUERY_THROW)->getControl(ou(button)),
                                  UNO_QUERY_THROW);
        b->setActionCommand(ou(command));
        b->addActionListener(l);
    }
    Reference<beans::XPropertySet> props(const std::string& name) {
        return Reference<beans::XPropertySet>(
            Reference<container::XNameContainer>(model_, UNO_QUERY_THROW)->getByName(ou(name)), UNO_QUERY_THROW);
    }
    Reference<beans::XPropertySet> dialog_props() { return Reference<beans::XPropertySet>(model_, UNO_QUERY_THROW); }

private:
    Reference<uno::XComponentContext> ctx_;
    Reference<lang::XMultiServiceFactory> model_;
    Reference<awt::XControl> control_;
};

int selected(const Reference<beans::XPropertySet>& list) {
    uno::Sequence<sal_Int16> sel;
    list->getPropertyValue("SelectedItems") >>= sel;
    return sel.getLength() > 0 ? sel[0] : -1;
}

void select(const Reference<beans::XPropertySet>& list, int index) {
    uno::Sequence<sal_Int16> sel(1);
    sel[0] = static_cast<sal_Int16>(index);
    list->setPropertyValue("SelectedItems", Any(sel));
}

class Clicks : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    explicit Clicks(std::function<void(const std::string&)> f) : f_(std::move(f)) {}
    void SAL_CALL actionPerformed(const awt::ActionEvent& e) override {
        try {
            f_(u8(e.ActionCommand));
        } catch (...) {
            // a listener must not throw into the toolkit
        }
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    std::function<void(const std::string&)> f_;
};

class Picks : public cppu::WeakImplHelper1<awt::XItemListener> {
public:
    explicit Picks(std::function<void()> f) : f_(std::move(f)) {}
    void SAL_CALL itemStateChanged(const awt::ItemEvent&) override {
        try {
            f_();
        } catch (...) {
        }
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    std::function<void()> f_;
};

std::string config_file(const std::string& type) {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    fs::path base = xdg && *xdg ? fs::path(xdg) : fs::path(home ? home : "/tmp") / ".config";
    return (base / "gongwen" / "addin" / (type + ".json")).string();
}

// The engine's problems (already in the user's language, one a line) for the form: the first few.
std::string for_form(const std::string& problems) {
    std::vector<std::string> lines;
    for (const std::string& line : split(problems, '\n'))
        if (!trim(line).empty()) lines.push_back("• " + line);
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < 3; ++i) out += lines[i] + "\n";
    if (lines.size() > 3) {
        std::size_t more = lines.size() - 3;
        out += format(gongwen::i18n::P_("… and {n} more problem (the fields in red, on the other pages too)",
                                        "… and {n} more problems (the fields in red, on the other pages too)", more),
                      {{"n", more}});
    }
    return out;
}

} // namespace

nlohmann::json form_data(const std::vector<gongwen::FieldSpec>& fields, const std::vector<std::string>& texts) {
    nlohmann::json data = nlohmann::json::object();
    for (std::size_t i = 0; i < fields.size() && i < texts.size(); ++i) {
        const auto& f = fields[i];
        std::string t = f.type == gongwen::FieldType::multiline ? texts[i] : trim(texts[i]);
        if (trim(t).empty()) continue;
        if (f.type != gongwen::FieldType::list) {
            data[f.name] = t;
            continue;
        }
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& line : split(t, '\n')) {
            if (trim(line).empty()) continue;
            if (f.columns.empty()) {
                rows.push_back(trim(line));
                continue;
            }
            nlohmann::json row = nlohmann::json::object();
            auto cells = split(line, '|');
            for (std::size_t c = 0; c < cells.size() && c < f.columns.size(); ++c)
                if (!trim(cells[c]).empty()) row[f.columns[c].name] = trim(cells[c]);
            rows.push_back(row);
        }
        data[f.name] = rows;
    }
    return data;
}

std::vector<std::string> form_texts(const std::vector<gongwen::FieldSpec>& fields, const nlohmann::json& given) {
    // Keys may be names or labels, in table rows too: the core's one rule, as batch and generate.
    // A spreadsheet's row too: a list of lines in one cell is split as batch splits it.
    const nlohmann::json data = gongwen::table_row_data(fields, given);
    std::vector<std::string> texts;
    for (const auto& f : fields) {
        const nlohmann::json* v = nullptr;
        if (data.is_object()) {
            auto it = data.find(f.name);
            if (it != data.end()) v = &*it;
        }
        if (!v || v->is_null()) v = &f.default_value;
        std::string t;
        if (v->is_array()) {
            for (const auto& row : *v) {
                std::string line;
                if (row.is_object()) {
                    for (std::size_t c = 0; c < f.columns.size(); ++c) {
                        if (c) line += " | ";
                        auto it = row.find(f.columns[c].name);
                        if (it != row.end()) line += scalar_text(*it);
                    }
                } else {
                    line = scalar_text(row);
                }
                t += (t.empty() ? "" : "\n") + line;
            }
        } else {
            t = scalar_text(*v);
        }
        texts.push_back(t);
    }
    return texts;
}

std::optional<std::string> pick_data_file(const Reference<uno::XComponentContext>& ctx) {
    auto picker = ui::dialogs::FilePicker::createWithMode(ctx, 0);
    Reference<ui::dialogs::XFilterManager> filters(picker, UNO_QUERY);
    if (filters.is()) {
        filters->appendFilter(ou(_("Data (JSON, XLSX, CSV)")), "*.json;*.xlsx;*.csv");
        filters->appendFilter("*.*", "*");
    }
    if (picker->execute() != ui::dialogs::ExecutableDialogResults::OK) return std::nullopt;
    auto files = picker->getSelectedFiles();
    if (files.getLength() == 0) return std::nullopt;
    return system_path(u8(files[0]));
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
    for (const auto& m : catalog.plugins) names.push_back(m.name.text() + "  (" + m.id + ")");
    Builder b(ctx, _("New document — choose the type"), 230, 112);
    b.label("l1", _("Document type:"), 8, 8, 214, 10);
    auto types = b.add("com.sun.star.awt.UnoControlListBoxModel", "types", 8, 20, 214, 56);
    uno::Sequence<OUString> seq(static_cast<sal_Int32>(names.size()));
    for (std::size_t i = 0; i < names.size(); ++i) seq[static_cast<sal_Int32>(i)] = ou(names[i]);
    types->setPropertyValue("StringItemList", Any(seq));
    if (!names.empty()) select(types, 0);
    b.label("l2", _("Format:"), 8, 82, 30, 10);
    auto format = b.list("format", {"DOCX (Word)", "ODT (LibreOffice)"}, 40, 80, 80);
    select(format, 0);
    auto ok = b.button("ok", _("Next"), 130, 92, 44, awt::PushButtonType_OK);
    ok->setPropertyValue("DefaultButton", Any(true));
    b.button("cancel", _("Cancel"), 178, 92, 44, awt::PushButtonType_CANCEL);
    auto dialog = b.create(parent);
    if (dialog->execute() != ui::dialogs::ExecutableDialogResults::OK) return std::nullopt;
    int t = selected(types);
    if (t < 0 || t >= static_cast<int>(catalog.plugins.size())) return std::nullopt;
    return TypeChoice{&catalog.plugins[static_cast<std::size_t>(t)], selected(format) == 1 ? "odt" : "docx"};
}

bool fill_form(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent,
               const gongwen::PluginManifest& type, const std::function<std::string(const nlohmann::json&)>& generate) {
    const auto& fields = type.fields;
    const int per_page = 11, row_h = 16, tall_h = 40, width = 330;
    // Pages of fields: a multiline text takes the room of 3 rows, a list (its rows, the cells of
    // a row and the add/change/remove buttons) 4.
    std::vector<int> page_of(fields.size()), y_of(fields.size());
    int page = 1, y = 8, used = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        bool tall = fields[i].type == gongwen::FieldType::multiline, list = fields[i].type == gongwen::FieldType::list;
        int cost = list ? 4 : tall ? 3 : 1;
        if (used + cost > per_page && used > 0) {
            ++page;
            y = 8;
            used = 0;
        }
        page_of[i] = page;
        y_of[i] = y;
        y += list ? tall_h + 20 : tall ? tall_h + 4 : row_h;
        used += cost;
    }
    const int pages = page, form_h = 8 + per_page * row_h;
    Builder b(ctx, format(_("New document — {type}"), {{"type", type.name.text()}}), width, form_h + 62);
    b.dialog_props()->setPropertyValue("Step", Any(sal_Int32(1)));

    nlohmann::json last;
    try {
        if (fs::exists(config_file(type.id))) last = gongwen::read_json_file(config_file(type.id));
    } catch (...) {
        last = nullptr;  // a damaged memory of last values is forgotten, not an error
    }
    std::vector<std::string> texts = form_texts(fields, last);
    // A list field's rows, each "cell | cell | …", shown in its list box.
    std::vector<std::vector<std::string>> rows(fields.size());
    auto rows_of = [](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& line : split(text, '\n'))
            if (!trim(line).empty()) out.push_back(trim(line));
        return out;
    };
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& f = fields[i];
        std::string id = std::to_string(i);
        bool tall = f.type == gongwen::FieldType::multiline || f.type == gongwen::FieldType::list;
        std::string hint;
        if (f.type == gongwen::FieldType::date) hint = _(" (e.g. 2023-07-05)");
        if (f.type == gongwen::FieldType::list && !f.columns.empty()) {
            hint = "（";
            for (std::size_t k = 0; k < f.columns.size(); ++k)
                hint += (k ? " | " : "") + std::string(f.columns[k].required ? "*" : "") + f.columns[k].label.text();
            hint += "）";
        }
        b.label("label" + id, (f.required ? "* " : "") + f.label.text() + (f.label.text().empty() ? f.name : "") + hint,
                8, y_of[i] + 2, 110, tall ? tall_h : 12, page_of[i]);
        Reference<beans::XPropertySet> c;
        if (f.type == gongwen::FieldType::list) {
            // the rows, then one box per column (one for a plain list) and 添加 / 修改 / 删除
            rows[i] = rows_of(texts[i]);
            c = b.list("field" + id, rows[i], 122, y_of[i], width - 130, page_of[i]);
            c->setPropertyValue("Dropdown", Any(false));
            c->setPropertyValue("Height", Any(sal_Int32(tall_h)));
            std::size_t n = std::max<std::size_t>(1, f.columns.size());
            int cells_w = width - 130 - 3 * 34, cell_w = cells_w / static_cast<int>(n);
            for (std::size_t k = 0; k < n; ++k) {
                auto cell = b.add("com.sun.star.awt.UnoControlEditModel", "cell" + id + "_" + std::to_string(k),
                                  122 + static_cast<int>(k) * cell_w, y_of[i] + tall_h + 3, cell_w - 2, 12, page_of[i]);
                std::string tip = f.columns.empty() ? f.label.text() : f.columns[k].label.text();
                if (!f.columns.empty() && !f.columns[k].help.text().empty()) tip += "：" + f.columns[k].help.text();
                cell->setPropertyValue("HelpText", Any(ou(tip)));
            }
            int bx = 122 + cells_w;
            for (const char* what : {"add", "set", "del"}) {
                auto btn = b.add("com.sun.star.awt.UnoControlButtonModel", std::string(what) + id, bx, y_of[i] + tall_h + 2,
                                 32, 14, page_of[i]);
                btn->setPropertyValue("Label", Any(ou(what[0] == 'a' ? _("Add") : what[0] == 's' ? _("Change") : _("Remove"))));
                bx += 34;
            }
        } else if (f.type == gongwen::FieldType::choice) {
            std::vector<std::string> items = {""};
            items.insert(items.end(), f.choices.begin(), f.choices.end());
            c = b.list("field" + id, items, 122, y_of[i], width - 130, page_of[i]);
            for (std::size_t k = 0; k < f.choices.size(); ++k)
                if (f.choices[k] == texts[i]) select(c, static_cast<int>(k + 1));
        } else {
            c = b.add("com.sun.star.awt.UnoControlEditModel", "field" + id, 122, y_of[i], width - 130, tall ? tall_h : 12,
                      page_of[i]);
            if (tall) {
                c->setPropertyValue("MultiLine", Any(true));
                c->setPropertyValue("VScroll", Any(true));
            }
            c->setPropertyValue("Text", Any(ou(texts[i])));
        }
        std::string help = f.help.text();
        if (!help.empty()) c->setPropertyValue("HelpText", Any(ou(help)));
    }
    auto messages = b.label("messages", "", 8, form_h + 2, width - 16, 36);
    messages->setPropertyValue("TextColor", Any(sal_Int32(0xC00000)));
    b.button("prev", _("Previous page"), 8, form_h + 42, 44);
    b.button("next", _("Next page"), 56, form_h + 42, 44);
    auto pageno = b.label("page", "1 / " + std::to_string(pages), 104, form_h + 45, 30, 10);
    b.button("load", _("Load data…"), 138, form_h + 42, 58);
    auto gen = b.button("generate", _("Generate"), 220, form_h + 42, 50);
    gen->setPropertyValue("DefaultButton", Any(true));
    b.button("cancel", _("Cancel"), 274, form_h + 42, 48, awt::PushButtonType_CANCEL);
    auto dialog = b.create(parent);

    auto show_rows = [&](std::size_t i) {
        uno::Sequence<OUString> seq(static_cast<sal_Int32>(rows[i].size()));
        for (std::size_t k = 0; k < rows[i].size(); ++k) seq[static_cast<sal_Int32>(k)] = ou(rows[i][k]);
        b.props("field" + std::to_string(i))->setPropertyValue("StringItemList", Any(seq));
    };
    auto cells = [&](std::size_t i) { return std::max<std::size_t>(1, fields[i].columns.size()); };
    auto cell = [&](std::size_t i, std::size_t k) { return b.props("cell" + std::to_string(i) + "_" + std::to_string(k)); };
    // 添加 / 修改 / 删除 on a list field's rows
    auto edit_rows = [&](char what, std::size_t i) {
        std::string line;
        bool any = false;
        for (std::size_t k = 0; k < cells(i); ++k) {
            OUString t;
            cell(i, k)->getPropertyValue("Text") >>= t;
            std::string v = trim(u8(t));
            for (auto& ch : v)
                if (ch == '|') ch = '/';  // | separates the cells
            any = any || !v.empty();
            line += (k ? " | " : "") + v;
        }
        int sel = selected(b.props("field" + std::to_string(i)));
        if (what == 'a' && any) rows[i].push_back(line);
        if (what == 's' && any && sel >= 0 && sel < static_cast<int>(rows[i].size())) rows[i][static_cast<std::size_t>(sel)] = line;
        if (what == 'd' && sel >= 0 && sel < static_cast<int>(rows[i].size())) rows[i].erase(rows[i].begin() + sel);
        if (what != 's')
            for (std::size_t k = 0; k < cells(i); ++k) cell(i, k)->setPropertyValue("Text", Any(OUString()));
        show_rows(i);
    };
    // choosing a row puts its cells in the boxes, to change it
    auto pick_row = [&](std::size_t i) {
        int sel = selected(b.props("field" + std::to_string(i)));
        if (sel < 0 || sel >= static_cast<int>(rows[i].size())) return;
        auto parts = split(rows[i][static_cast<std::size_t>(sel)], '|');
        for (std::size_t k = 0; k < cells(i); ++k)
            cell(i, k)->setPropertyValue("Text", Any(ou(k < parts.size() ? trim(parts[k]) : "")));
    };
    auto read_texts = [&] {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            auto c = b.props("field" + std::to_string(i));
            if (fields[i].type == gongwen::FieldType::list) {
                std::string t;
                for (const auto& r : rows[i]) t += r + "\n";
                out.push_back(t);
            } else if (fields[i].type == gongwen::FieldType::choice) {
                int s = selected(c);
                out.push_back(s > 0 ? fields[i].choices[static_cast<std::size_t>(s - 1)] : "");
            } else {
                OUString t;
                c->getPropertyValue("Text") >>= t;
                out.push_back(u8(t));
            }
        }
        return out;
    };
    auto write_texts = [&](const std::vector<std::string>& t) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            auto c = b.props("field" + std::to_string(i));
            if (fields[i].type == gongwen::FieldType::list) {
                rows[i] = rows_of(t[i]);
                show_rows(i);
            } else if (fields[i].type == gongwen::FieldType::choice) {
                select(c, 0);
                for (std::size_t k = 0; k < fields[i].choices.size(); ++k)
                    if (fields[i].choices[k] == t[i]) select(c, static_cast<int>(k + 1));
            } else {
                c->setPropertyValue("Text", Any(ou(t[i])));
            }
        }
    };
    auto show = [&](const std::string& text) {
        messages->setPropertyValue("Label", Any(ou(text)));
        // the fields the messages name turn red
        for (std::size_t i = 0; i < fields.size(); ++i) {
            bool named = !text.empty() && text.find("「" + fields[i].label.text() + "」") != std::string::npos;
            b.props("label" + std::to_string(i))->setPropertyValue("TextColor", named ? Any(sal_Int32(0xC00000)) : Any());
        }
    };
    int current = 1;
    bool done = false;
    Reference<awt::XActionListener> clicks(new Clicks([&](const std::string& cmd) {
        for (const char* what : {"add", "set", "del"}) {
            std::string w = what;
            if (cmd.compare(0, w.size(), w) == 0 && cmd.size() > w.size() && std::isdigit(static_cast<unsigned char>(cmd[w.size()]))) {
                edit_rows(w[0], std::stoul(cmd.substr(w.size())));
                return;
            }
        }
        if (cmd == "prev" || cmd == "next") {
            current = std::max(1, std::min(pages, current + (cmd == "next" ? 1 : -1)));
            b.dialog_props()->setPropertyValue("Step", Any(sal_Int32(current)));
            pageno->setPropertyValue("Label", Any(ou(std::to_string(current) + " / " + std::to_string(pages))));
        } else if (cmd == "load") {
            auto file_opt = pick_data_file(ctx);
            if (!file_opt) return;
            std::string file = *file_opt;
            try {
                nlohmann::json data = read_data_file(file);
                write_texts(form_texts(fields, data));
                show(format(_("loaded {file}"), {{"file", file}}));
            } catch (const gongwen::Error& e) {
                std::string text;
                for (const auto& d : e.diagnostics().items()) text += d.message + "\n";
                show(for_form(text));
            } catch (const std::exception& e) {
                show(e.what());
            }
        } else if (cmd == "generate") {
            nlohmann::json data = form_data(fields, read_texts());
            std::string problems = generate(data);
            if (!problems.empty()) {
                show(for_form(problems));
                return;
            }
            try {
                fs::create_directories(fs::path(config_file(type.id)).parent_path());
                std::ofstream(config_file(type.id)) << data.dump(2);
            } catch (...) {
                // remembering is a convenience: a read-only home does not stop the document
            }
            done = true;
            dialog->endExecute();
        }
    }));
    for (const char* name : {"prev", "next", "load", "generate"}) b.on_click(name, clicks, name);
    Reference<awt::XControlContainer> controls(Reference<awt::XControl>(dialog, UNO_QUERY_THROW), UNO_QUERY_THROW);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].type != gongwen::FieldType::list) continue;
        std::string id = std::to_string(i);
        for (const char* what : {"add", "set", "del"}) b.on_click(what + id, clicks, what + id);
        Reference<awt::XListBox> lb(controls->getControl(ou("field" + id)), UNO_QUERY_THROW);
        lb->addItemListener(new Picks([&, i] { pick_row(i); }));
    }
    dialog->execute();
    return done;
}

} // namespace gongwen_addin
