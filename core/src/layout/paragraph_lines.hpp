// The paragraphs of a DOCX as the page follower measures them: properties resolved through the
// style chain, and the lines a text takes at ICU's line-break opportunities (pagination.cpp).
#pragma once

#include <pugixml.hpp>

#include <string>
#include <utility>

namespace gongwen::layout {

constexpr double kTwip = 1.0 / 20;  // points

// What a paragraph's properties say, resolved through its style chain and the defaults.
struct ParagraphProps {
    double line_pt = 0;          // exact or at-least height of a line; 0: single spacing
    bool line_exact = false;
    double before_pt = 0, after_pt = 0;
    double left_pt = 0, right_pt = 0, first_pt = 0;  // first: first-line indent (negative: hanging)
    bool keep_next = false, page_break_before = false, widow_control = false;
    double font_pt = 10, letter_pt = 0;
};

/// An attribute as a number, `fallback` when absent.
double num(pugi::xml_node n, const char* attribute, double fallback = 0);

/// A paragraph's and a run's own properties over `p`.
void apply_ppr(pugi::xml_node ppr, ParagraphProps& p);
void apply_rpr(pugi::xml_node rpr, ParagraphProps& p);

/// The styles part: a paragraph style's properties through its chain, a table style's borders
/// and cell margins.
class Styles {
public:
    explicit Styles(const pugi::xml_document& doc) : root_(doc.child("w:styles")) {}
    ParagraphProps paragraph(const std::string& style_id) const;
    pugi::xml_node table_borders(const std::string& style_id) const;
    /// Cell margins of a table style (top+bottom, left+right), in points.
    std::pair<double, double> cell_margins(const std::string& style_id) const;

private:
    pugi::xml_node root_;
};

/// The lines a text takes in a paragraph: greedy filling at ICU's line-break opportunities.
int count_lines(const std::string& utf8, const ParagraphProps& p, double width_pt);

} // namespace gongwen::layout
