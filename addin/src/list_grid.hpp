// A list field in the 新建公文 form: its rows in a grid with a labelled column per field of a
// record, and under it a row editor — a box per column (a drop-down for a choice column, a box
// of several lines for a multi-line one) with 添加 / 修改 / 删除 / 上移 / 下移. Enter in a
// one-line box adds the row (the editor is then the dialog's default, not 生成).
#pragma once

#include "dialog_kit.hpp"
#include "gongwen/plugin.hpp"

#include <functional>
#include <string>
#include <vector>

namespace gongwen_addin {

class ListEditor {
public:
    using Rows = std::vector<std::vector<std::string>>;

    /// The controls of list field `field` (named by `id`), at x, y, w wide, on page `step`.
    ListEditor(kit::Builder& b, const gongwen::FieldSpec& field, const std::string& id, int x, int y, int w, int step);
    /// The height the editor of `field` takes.
    static int height(const gongwen::FieldSpec& field);

    /// After the dialog is made: the buttons to `clicks` (commands add<id>, set<id>, …), the
    /// grid's selection, the boxes' focus. `editing(true)` when a one-line box of the editor gets
    /// the focus (Enter must add the row), `editing(false)` when it loses it.
    void attach(const css::uno::Reference<css::awt::XActionListener>& clicks, std::function<void(bool)> editing);
    /// Runs a command of this editor's buttons; false when it is not one of them.
    bool command(const std::string& cmd);

    const Rows& rows() const { return rows_; }
    void set_rows(const Rows& rows);
    /// Called after every change of the rows.
    std::function<void()> changed;
    /// The name of the grid control (the field's control).
    std::string grid() const { return "field" + id_; }

private:
    std::size_t cells() const;
    std::string cell_name(std::size_t k) const { return "cell" + id_ + "_" + std::to_string(k); }
    std::vector<std::string> read_cells();
    void write_cells(const std::vector<std::string>& cells);
    void show();
    int selected_row();
    void select_row(int row);

    kit::Builder& b_;
    const gongwen::FieldSpec& field_;
    std::string id_;
    Rows rows_;
};

} // namespace gongwen_addin
