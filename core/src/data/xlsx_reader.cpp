// XLSX rows for `gongwen batch`: one worksheet of an Office Open XML workbook, read through
// Package (the zip, with its limits) and pugixml. Only the cell values matter here: the value a
// formula last computed is what the user saw, so it is what we take; no formula is evaluated.
#include "gongwen/table.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/text.hpp"
#include "data/xlsx_formats.hpp"
#include "formats/opc.hpp"
#include "xml_problem.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>

namespace gongwen {
namespace {

namespace opc = detail::opc;

using i18n::_;

// ---- XML helpers. Generators differ in prefixes (<x:row> is valid), so names match by local part.

std::string_view local(const char* name) {
    std::string_view n(name);
    auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node n, std::string_view name) {
    for (pugi::xml_node c : n.children())
        if (local(c.name()) == name) return c;
    return {};
}

template <class F>
void each(pugi::xml_node n, std::string_view name, F&& f) {
    for (pugi::xml_node c : n.children())
        if (c.type() == pugi::node_element && local(c.name()) == name) f(c);
}

// The relationship id of a <sheet>: the r:id attribute, whatever its prefix.
std::string rel_id(pugi::xml_node n) {
    for (pugi::xml_attribute a : n.attributes()) {
        std::string_view name(a.name());
        if (name.size() > 3 && name.substr(name.size() - 3) == ":id") return a.value();
    }
    return {};
}

// Why pugixml refused a part: its own description() in English, else the words the template
// compiler uses for the same statuses (the same messages, so one translation).
std::string xml_problem(const pugi::xml_parse_result& r) {
    if (i18n::language() == i18n::Language::english) return r.description();
    return detail::xml_problem(r.status);
}

pugi::xml_document load(const Package& pkg, const std::string& part) {
    const PackageEntry* e = pkg.find(part);
    if (!e || !e->has_data) throw Error("bad-xlsx", pkg.label(), i18n::format(_("the workbook has no part '{part}'"), {{"part", part}}));
    pugi::xml_document doc;
    // parse_ws_pcdata keeps a rich-text run that is a single space.
    pugi::xml_parse_result r = doc.load_buffer(e->data.data(), e->data.size(), pugi::parse_default | pugi::parse_ws_pcdata);
    if (!r)
        throw Error("bad-xlsx", pkg.label(),
                    i18n::format(_("part '{part}' is not well-formed XML at byte {offset}: {reason}"),
                                 {{"part", part}, {"offset", static_cast<long long>(r.offset)}, {"reason", xml_problem(r)}}));
    return doc;
}

// ---- Text. OOXML escapes characters XML cannot carry as _xHHHH_ (Excel writes CR as _x000D_).

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

void append_unescaped(std::string& out, std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
            std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i) + 2, s.begin() + static_cast<std::ptrdiff_t>(i) + 6,
                        [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
            append_utf8(out, static_cast<std::uint32_t>(std::stoul(std::string(s.substr(i + 2, 4)), nullptr, 16)));
            i += 6;
        } else {
            out += s[i];
        }
    }
}

// The text of an <si> or <is>: plain <t>, or rich-text runs <r><t> joined; phonetic <rPh> skipped.
std::string string_item(pugi::xml_node si) {
    std::string out;
    for (pugi::xml_node c : si.children()) {
        if (local(c.name()) == "t") append_unescaped(out, c.child_value());
        else if (local(c.name()) == "r") append_unescaped(out, child(c, "t").child_value());
    }
    return out;
}

std::string trim(std::string_view s) { return std::string(text::trim(s)); }

// ---- Number formats (xlsx_formats.cpp).

using namespace detail::xlsx;

// ---- Cell references.

std::string column_letters(int col) {
    std::string s;
    for (; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
    return s;
}

// "AB12" -> column 28, row 12. False when malformed or past XFD1048576.
bool parse_ref(std::string_view ref, int& col, int& row) {
    std::size_t i = 0;
    col = 0;
    while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) && col <= 16384)
        col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i++])) - 'A' + 1);
    auto r = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
    return i > 0 && col <= 16384 && r.ec == std::errc() && r.ptr == ref.data() + ref.size() && row >= 1 && row <= 1048576;
}

// A sheet name as a formula would write it: quoted when it holds spaces or punctuation.
std::string sheet_ref(const std::string& name) {
    bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                 std::all_of(name.begin(), name.end(), [](char c) {
                     auto u = static_cast<unsigned char>(c);
                     return u >= 0x80 || std::isalnum(u) || c == '_' || c == '.';
                 });
    if (plain) return name;
    std::string q = "'";
    for (char c : name) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

// ---- The workbook.

struct Sheet {
    std::string name, part;
};

struct Workbook {
    std::string part;
    std::vector<Sheet> sheets;
    bool date1904 = false;
    std::vector<opc::Relationship> rels;
};

Workbook open_workbook(const Package& pkg) {
    Workbook wb;
    // The package's officeDocument relationship names the workbook (formats/opc.hpp, the one
    // reader of relationships); xl/workbook.xml when the package has none.
    wb.part = opc::main_part(pkg);
    if (wb.part.empty()) wb.part = "xl/workbook.xml";
    pugi::xml_document doc = load(pkg, wb.part);
    pugi::xml_node root = doc.document_element();
    if (local(root.name()) != "workbook")
        throw Error("bad-xlsx", pkg.label(), i18n::format(_("part '{part}' is not a workbook (is the file an .xlsx?)"), {{"part", wb.part}}));
    std::string d1904 = child(root, "workbookPr").attribute("date1904").value();
    wb.date1904 = d1904 == "1" || d1904 == "true";
    wb.rels = opc::relationships(pkg, wb.part);
    each(child(root, "sheets"), "sheet", [&](pugi::xml_node s) {
        const opc::Relationship* rel = opc::find_by_id(wb.rels, rel_id(s));
        std::string name = s.attribute("name").value();
        if (!rel || rel->external)
            throw Error("bad-xlsx", pkg.label(), i18n::format(_("sheet '{sheet}' has no relationship in the workbook"), {{"sheet", name}}));
        wb.sheets.push_back({name, rel->part});
    });
    if (wb.sheets.empty()) throw Error("bad-xlsx", pkg.label(), _("the workbook has no sheets"));
    return wb;
}

std::string related_part(const Workbook& wb, std::string_view type) {
    const opc::Relationship* rel = opc::find_by_type(wb.rels, type);
    return rel ? rel->part : std::string();
}

std::vector<std::string> shared_strings(const Package& pkg, const Workbook& wb) {
    std::vector<std::string> out;
    std::string part = related_part(wb, "sharedStrings");
    if (part.empty()) return out;
    pugi::xml_document doc = load(pkg, part);
    each(doc.document_element(), "si", [&](pugi::xml_node si) { out.push_back(string_item(si)); });
    return out;
}

// How each cell style (an index into cellXfs) shows numbers.
std::vector<Shown> cell_styles(const Package& pkg, const Workbook& wb) {
    std::vector<Shown> out;
    std::string part = related_part(wb, "styles");
    if (part.empty()) return out;
    pugi::xml_document doc = load(pkg, part);
    pugi::xml_node root = doc.document_element();
    std::map<int, Shown> custom;
    each(child(root, "numFmts"), "numFmt", [&](pugi::xml_node f) {
        custom[f.attribute("numFmtId").as_int()] = custom_format(f.attribute("formatCode").value());
    });
    each(child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) {
        int id = xf.attribute("numFmtId").as_int();
        auto c = custom.find(id);
        out.push_back(c != custom.end() ? c->second : builtin_format(id));
    });
    return out;
}

} // namespace

std::vector<std::string> xlsx_sheet_names(const Package& pkg) {
    std::vector<std::string> names;
    for (const auto& s : open_workbook(pkg).sheets) names.push_back(s.name);
    return names;
}

DataTable read_xlsx(const Package& pkg, const TableOptions& opts) {
    Workbook wb = open_workbook(pkg);
    const Sheet* sheet = &wb.sheets.front();
    if (!opts.sheet.empty()) {
        auto it = std::find_if(wb.sheets.begin(), wb.sheets.end(), [&](const Sheet& s) { return s.name == opts.sheet; });
        if (it == wb.sheets.end()) {
            std::string list;
            // TRANSLATORS: between the names of sheets in "the sheets are: {sheets}"
            for (const auto& s : wb.sheets) list += (list.empty() ? "" : _(", ")) + s.name;
            throw Error("unknown-sheet", pkg.label(),
                        i18n::format(_("no sheet named '{sheet}'; the sheets are: {sheets}"), {{"sheet", opts.sheet}, {"sheets", list}}));
        }
        sheet = &*it;
    }
    std::vector<std::string> strings = shared_strings(pkg, wb);
    std::vector<Shown> styles = cell_styles(pkg, wb);
    pugi::xml_document doc = load(pkg, sheet->part);
    pugi::xml_node data = child(doc.document_element(), "sheetData");
    if (!data)
        throw Error("bad-xlsx", pkg.label(), i18n::format(_("sheet '{sheet}' holds no cells (is it a chart sheet?)"), {{"sheet", sheet->name}}));

    DataTable t;
    t.label = opts.sheet.empty() ? pkg.label() : pkg.label() + ":" + sheet->name;
    const std::string where = pkg.label() + ":" + sheet_ref(sheet->name) + "!";
    t.cell_prefix = where;
    auto place = [&](int col, int row) { return where + column_letters(col) + std::to_string(row); };

    // One cell's value; null when empty.
    auto value = [&](pugi::xml_node c, int col, int row) -> nlohmann::json {
        std::string type = c.attribute("t").value();
        pugi::xml_node v = child(c, "v");
        std::string text = v.child_value();
        if (type == "inlineStr") return trim(string_item(child(c, "is")));
        if (!v) {
            if (child(c, "f"))
                throw Error("bad-cell", place(col, row),
                            _("holds a formula that was never calculated; open the file in Excel or LibreOffice and save it"));
            return nullptr;
        }
        if (type == "s") {
            unsigned long i = 0;
            auto r = std::from_chars(text.data(), text.data() + text.size(), i);
            if (r.ec != std::errc() || i >= strings.size())
                throw Error("bad-xlsx", place(col, row), i18n::format(_("refers to shared string {index}, which does not exist"), {{"index", text}}));
            return trim(strings[i]);
        }
        if (type == "str" || type == "d") return trim(text);  // a formula's text result; an ISO date
        if (type == "b") return text == "1" || text == "true";
        if (type == "e")
            throw Error("bad-cell", place(col, row),
                        i18n::format(child(c, "f") ? _("holds the formula error {error}") : _("holds the error value {error}"),
                                     {{"error", text}}));
        double d = 0;
        std::string num = trim(text);
        auto r = std::from_chars(num.data(), num.data() + num.size(), d);
        if (r.ec != std::errc() || r.ptr != num.data() + num.size() || !std::isfinite(d))
            throw Error("bad-xlsx", place(col, row), i18n::format(_("holds '{value}', which is not a number"), {{"value", text}}));
        std::size_t s = c.attribute("s").as_uint();
        // Serials past 9999-12-31 or before the epoch Excel shows as ####; keep those numbers.
        if (s < styles.size() && styles[s] != Shown::number && d >= 0 && d < 2958466)
            if (auto iso = serial_to_iso(d, styles[s], wb.date1904)) return *iso;
        if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) return static_cast<std::int64_t>(d);
        return d;
    };

    std::map<int, std::string> header;  // column -> name
    int header_row = 0, last_row = 0;
    for (pugi::xml_node r : data.children()) {
        if (local(r.name()) != "row") continue;
        int row = r.attribute("r") ? r.attribute("r").as_int() : last_row + 1;  // r is optional
        if (row < 1 || row > 1048576) throw Error("bad-xlsx", where + std::to_string(last_row + 1), i18n::format(_("a row has the bad number {number}"), {{"number", r.attribute("r").value()}}));
        last_row = row;
        std::map<int, nlohmann::json> cells;
        int last_col = 0;
        for (pugi::xml_node c : r.children()) {
            if (local(c.name()) != "c") continue;
            int col = last_col + 1, ref_row = row;
            if (c.attribute("r") && !parse_ref(c.attribute("r").value(), col, ref_row))
                throw Error("bad-xlsx", where + std::to_string(row), i18n::format(_("a cell has the bad reference '{ref}'"), {{"ref", c.attribute("r").value()}}));
            last_col = col;
            nlohmann::json v = value(c, col, row);
            if (!v.is_null() && !(v.is_string() && v.get_ref<const std::string&>().empty())) cells[col] = std::move(v);
        }
        if (cells.empty()) continue;  // an empty row, or cells that only carry formatting

        if (!header_row) {
            header_row = row;
            std::map<std::string, int> seen;
            for (auto& [col, v] : cells) {
                std::string name = v.is_string() ? v.get<std::string>() : v.is_boolean() ? (v.get<bool>() ? "TRUE" : "FALSE") : v.dump();
                auto [it, fresh] = seen.emplace(name, col);
                if (!fresh)
                    throw Error("bad-header", place(col, row),
                                i18n::format(_("the column name \"{name}\" repeats {cell}"),
                                             {{"name", name}, {"cell", column_letters(it->second) + std::to_string(row)}}));
                header[col] = name;
                t.columns.push_back(name);
                t.column_refs.push_back(column_letters(col));
            }
            continue;
        }
        nlohmann::json obj = nlohmann::json::object();
        for (auto& [col, v] : cells) {
            auto h = header.find(col);
            if (h == header.end())
                throw Error("bad-cell", place(col, row),
                            i18n::format(_("holds a value but column {column} has no name in the header (row {row})"),
                                         {{"column", column_letters(col)}, {"row", header_row}}));
            obj[h->second] = std::move(v);
        }
        if (t.rows.size() >= opts.max_rows)
            throw Error("too-many-rows", place(1, row),
                        i18n::format(i18n::P_("more than {n} row (raise it with --max-rows)", "more than {n} rows (raise it with --max-rows)",
                                              opts.max_rows),
                                     {{"n", opts.max_rows}}));
        t.rows.push_back(std::move(obj));
        t.row_numbers.push_back(row);
    }
    if (!header_row) throw Error("bad-xlsx", where + "A1", _("the sheet is empty: its first row must name the columns"));
    return t;
}

} // namespace gongwen
