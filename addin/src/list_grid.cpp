// A list field's grid and row editor (list_grid.hpp).
#include "list_grid.hpp"
#include "uno_util.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/text.hpp"

#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/awt/grid/XGridColumnModel.hpp>
#include <com/sun/star/awt/grid/XGridRowSelection.hpp>
#include <com/sun/star/awt/grid/XMutableGridDataModel.hpp>
#include <com/sun/star/view/SelectionType.hpp>

#include <algorithm>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;
using namespace gongwen::uno_util;
using gongwen::i18n::_;

namespace gongwen_addin {

namespace {

const int kGrid = 70, kLabel = 9, kLine = 12, kTall = 30, kButton = 40;
const char* const kCommands[] = {"add", "set", "del", "up", "down"};

bool tall(const gongwen::FieldSpec& f) {
    return std::any_of(f.columns.begin(), f.columns.end(),
                       [](const gongwen::FieldSpec& c) { return c.type == gongwen::FieldType::multiline; });
}

std::string trim(const std::string& s) { return std::string(gongwen::text::trim(s)); }

// A column's share of the width: a multi-line column twice a one-line one.
int weight(const gongwen::FieldSpec& c) { return c.type == gongwen::FieldType::multiline ? 2 : 1; }

} // namespace

int ListEditor::height(const gongwen::FieldSpec& field) { return kGrid + 3 + kLabel + (tall(field) ? kTall : 14); }

ListEditor::ListEditor(kit::Builder& b, const gongwen::FieldSpec& field, const std::string& id, int x, int y, int w, int step)
    : b_(b), field_(field), id_(id) {
    const int inner = w - kButton - 4;
    // the grid: a labelled column per field of a record (one for a list of plain lines)
    auto g = b.add("com.sun.star.awt.grid.UnoControlGridModel", grid(), x, y, inner, kGrid, step);
    g->setPropertyValue("ShowRowHeader", Any(false));
    g->setPropertyValue("ShowColumnHeader", Any(true));
    g->setPropertyValue("HScroll", Any(false));
    g->setPropertyValue("VScroll", Any(true));
    g->setPropertyValue("SelectionModel", Any(view::SelectionType_SINGLE));
    Reference<awt::grid::XGridColumnModel> columns;
    g->getPropertyValue("ColumnModel") >>= columns;
    std::vector<gongwen::FieldSpec> cols = field.columns;
    if (cols.empty()) {
        gongwen::FieldSpec one;
        one.label = field.label;
        cols.push_back(one);
    }
    int total = 0;
    for (const auto& c : cols) total += weight(c);
    for (const auto& c : cols) {
        auto col = columns->createColumn();
        col->setTitle(ou((c.required ? "* " : "") + c.label.text()));
        col->setColumnWidth((inner - 8) * weight(c) / total);
        col->setFlexibility(weight(c));
        col->setResizeable(true);
        if (!c.help.text().empty()) col->setHelpText(ou(c.help.text()));
        columns->addColumn(col);
    }
    // the buttons beside the grid
    int by = y;
    for (const char* what : {"up", "down", "del", "set"}) {
        std::string text = what[0] == 'u' ? _("Move ~up") : what[0] == 'd' && what[1] == 'o' ? _("Move ~down")
                         : what[0] == 'd' ? _("Remove") : _("Change");
        b.button(std::string(what) + id, text, x + inner + 4, by, kButton, 0, step);
        by += 16;
    }
    // the row editor: a labelled box per column, 添加 at its end
    const int ey = y + kGrid + 3, ch = tall(field) ? kTall : kLine;
    int cx = x, room = inner - 3 * static_cast<int>(cols.size() - 1);
    for (std::size_t k = 0; k < cols.size(); ++k) {
        const auto& c = cols[k];
        int cw = room * weight(c) / total;
        std::string name = cell_name(k);
        b.label("clabel" + id + "_" + std::to_string(k), (c.required ? "* " : "") + c.label.text() + "：", cx, ey, cw, kLabel,
                step);
        Reference<beans::XPropertySet> box;
        if (c.type == gongwen::FieldType::choice) {
            std::vector<std::string> items = {""};
            items.insert(items.end(), c.choices.begin(), c.choices.end());
            box = b.list(name, items, cx, ey + kLabel, cw, step);
            box->setPropertyValue("LineCount", Any(sal_Int16(std::min<std::size_t>(items.size(), 12))));
        } else {
            box = b.edit(name, cx, ey + kLabel, cw, c.type == gongwen::FieldType::multiline ? ch : kLine, step);
            if (c.type == gongwen::FieldType::multiline) {
                box->setPropertyValue("MultiLine", Any(true));
                box->setPropertyValue("VScroll", Any(true));
            }
        }
        std::string tip = c.help.text();
        if (c.type == gongwen::FieldType::date) tip += (tip.empty() ? "" : "；") + std::string(_("a date, e.g. 2023年7月5日 or 20230705"));
        if (!tip.empty()) box->setPropertyValue("HelpText", Any(ou(tip)));
        cx += cw + 3;
    }
    b.button("add" + id, _("~Add"), x + inner + 4, ey + kLabel, kButton, 0, step);
}

void ListEditor::attach(const Reference<awt::XActionListener>& clicks, std::function<void(bool)> editing) {
    for (const char* what : kCommands) b_.on_click(what + id_, clicks, what + id_);
    Reference<awt::grid::XGridRowSelection> sel(b_.control(grid()), UNO_QUERY);
    if (sel.is()) sel->addSelectionListener(new kit::RowPicks([this] {
        int r = selected_row();
        if (r >= 0) write_cells(rows_[static_cast<std::size_t>(r)]);
    }));
    // Enter in a one-line box adds the row: 添加 is the default button while such a box has the focus
    Reference<awt::XFocusListener> focus(new kit::Focus([this, editing](bool in) {
        b_.props("add" + id_)->setPropertyValue("DefaultButton", Any(in));
        if (editing) editing(in);
    }));
    std::vector<gongwen::FieldSpec> cols = field_.columns;
    for (std::size_t k = 0; k < cells(); ++k) {
        if (k < cols.size() && cols[k].type == gongwen::FieldType::multiline) continue;  // Enter: a new line
        Reference<awt::XWindow> w(b_.control(cell_name(k)), UNO_QUERY);
        if (w.is()) w->addFocusListener(focus);
    }
}

std::size_t ListEditor::cells() const { return std::max<std::size_t>(1, field_.columns.size()); }

std::vector<std::string> ListEditor::read_cells() {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < cells(); ++k) {
        auto p = b_.props(cell_name(k));
        if (k < field_.columns.size() && field_.columns[k].type == gongwen::FieldType::choice) {
            int s = kit::selected(p);
            out.push_back(s > 0 ? field_.columns[k].choices[static_cast<std::size_t>(s - 1)] : "");
        } else {
            std::string t = kit::text_of(p);
            bool multi = k < field_.columns.size() && field_.columns[k].type == gongwen::FieldType::multiline;
            out.push_back(multi ? t : trim(t));
        }
    }
    return out;
}

void ListEditor::write_cells(const std::vector<std::string>& cells_in) {
    for (std::size_t k = 0; k < cells(); ++k) {
        std::string v = k < cells_in.size() ? cells_in[k] : "";
        auto p = b_.props(cell_name(k));
        if (k < field_.columns.size() && field_.columns[k].type == gongwen::FieldType::choice) {
            const auto& ch = field_.columns[k].choices;
            auto it = std::find(ch.begin(), ch.end(), v);
            kit::select(p, it == ch.end() ? 0 : static_cast<int>(it - ch.begin()) + 1);
        } else {
            kit::set_text(p, v);
        }
    }
}

int ListEditor::selected_row() {
    Reference<awt::grid::XGridRowSelection> sel(b_.control(grid()), UNO_QUERY);
    if (!sel.is()) return -1;
    auto rows = sel->getSelectedRows();
    if (rows.getLength() == 0 || rows[0] < 0 || rows[0] >= static_cast<sal_Int32>(rows_.size())) return -1;
    return rows[0];
}

void ListEditor::select_row(int row) {
    Reference<awt::grid::XGridRowSelection> sel(b_.control(grid()), UNO_QUERY);
    if (!sel.is()) return;
    sel->deselectAllRows();
    if (row >= 0 && row < static_cast<int>(rows_.size())) sel->selectRow(row);
}

void ListEditor::show() {
    Reference<awt::grid::XMutableGridDataModel> data;
    b_.props(grid())->getPropertyValue("GridDataModel") >>= data;
    if (!data.is()) return;
    data->removeAllRows();
    for (const auto& row : rows_) {
        uno::Sequence<Any> cells_seq(static_cast<sal_Int32>(cells()));
        for (std::size_t k = 0; k < cells(); ++k) {
            std::string v = k < row.size() ? row[k] : "";
            std::replace(v.begin(), v.end(), '\n', ' ');
            cells_seq[static_cast<sal_Int32>(k)] <<= ou(v);
        }
        data->addRow(Any(), cells_seq);
    }
}

void ListEditor::set_rows(const Rows& rows) {
    rows_ = rows;
    for (auto& r : rows_) r.resize(cells());
    show();
    write_cells({});
}

bool ListEditor::command(const std::string& cmd) {
    std::string what;
    for (const char* w : kCommands)
        if (cmd == w + id_) what = w;
    if (what.empty()) return false;
    int sel = selected_row();
    if (what == "add" || what == "set") {
        auto cells_now = read_cells();
        bool any = std::any_of(cells_now.begin(), cells_now.end(), [](const std::string& c) { return !trim(c).empty(); });
        if (!any) return true;
        if (what == "add") {
            rows_.push_back(cells_now);
            sel = -1;
        } else if (sel >= 0) {
            rows_[static_cast<std::size_t>(sel)] = cells_now;
        }
        if (what == "add") write_cells({});
    } else if (what == "del" && sel >= 0) {
        rows_.erase(rows_.begin() + sel);
        sel = -1;
        write_cells({});
    } else if ((what == "up" && sel > 0) || (what == "down" && sel >= 0 && sel + 1 < static_cast<int>(rows_.size()))) {
        int other = what == "up" ? sel - 1 : sel + 1;
        std::swap(rows_[static_cast<std::size_t>(sel)], rows_[static_cast<std::size_t>(other)]);
        sel = other;
    } else {
        return true;
    }
    show();
    select_row(sel);
    if (what == "add") b_.focus(cell_name(0));
    if (changed) changed();
    return true;
}

} // namespace gongwen_addin
