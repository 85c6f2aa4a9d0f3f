// What the 新建公文 form holds, apart from its controls: the values of the fields (a list field's
// rows of cells), to and from data; dates as a clerk types them; the problems of the data by
// field, to mark them.
#pragma once

#include "gongwen/plugin.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongwen_addin {

/// One field's value in the form: `text` for a scalar field (a date as the clerk sees it), a
/// list field's `rows` (one cell per column; one cell for a list of plain lines), or a `seal`
/// field's `image` as the engine takes it (docs/image-tags.md): null for none, true for stamped
/// by hand, a whole path, or an object {path|data, width, height, alt} — never text.
struct FieldValue {
    std::string text;
    std::vector<std::vector<std::string>> rows;
    nlohmann::json image;
    bool operator==(const FieldValue& o) const { return text == o.text && rows == o.rows && image == o.image; }
    bool operator!=(const FieldValue& o) const { return !(*this == o); }
};
using FormValues = std::vector<FieldValue>;

/// The form's values as data: empty fields and empty rows left out, dates in ISO form
/// (2023-07-05) when they can be read, else as typed (validation then says why).
nlohmann::json form_data(const std::vector<gongwen::FieldSpec>& fields, const FormValues& values);
/// Data (keys by name or label, a spreadsheet row too) as form values; absent fields get their
/// default. Dates shown as 2023年7月5日. A seal's relative path is made whole from `folder` (the
/// data file's; "": left as it is).
FormValues form_values(const std::vector<gongwen::FieldSpec>& fields, const nlohmann::json& data,
                       const std::string& folder = "");
/// A seal value as the form shows it: the file's path, "stamped by hand", "picture in the data"; "" for none.
std::string image_label(const nlohmann::json& image);
/// Nothing typed in any field.
bool is_blank(const FormValues& values);

/// A date as typed — 2023-07-05, 2023/7/5, 2023年7月5日, 20240510, or 6月30日 (this year) — in
/// ISO form; nothing when it is none of these.
std::optional<std::string> date_input(const std::string& typed, int this_year);
/// 2023-07-05 (or any form date_input reads) as 2023年7月5日; other text as it is.
std::string date_display(const std::string& text, int this_year);
int current_year();

/// Problems (one a line, as the engine words them) by the field they name (「label」), in the
/// order of the fields; lines naming no field under index fields.size().
std::map<std::size_t, std::vector<std::string>> problems_by_field(const std::vector<gongwen::FieldSpec>& fields,
                                                                  const std::string& problems);
/// The schema's check of the form's data (no template, no plugin): the problems, one a line.
std::string check_form(const std::vector<gongwen::FieldSpec>& fields, const FormValues& values);

} // namespace gongwen_addin
