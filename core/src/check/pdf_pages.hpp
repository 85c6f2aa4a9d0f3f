// The laid-out pages of a PDF as the layout check sees them: text lines (from poppler's text
// boxes) and ink (rendered pixels). Every figure is in mm from the page's top-left corner.
#pragma once

#include <string>
#include <vector>

namespace gongwen::pdfcheck {

constexpr double kMmPerPt = 25.4 / 72.0;

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // left, top, right, bottom (mm)
    double width() const { return x1 - x0; }
    double centre_x() const { return (x0 + x1) / 2; }
};

/// One glyph: its character (UTF-32) and its box.
struct Glyph {
    char32_t ch = 0;
    Box box;
    double size_pt = 0;
    std::string font;  ///< subset prefix removed
};

/// A run of glyphs on a line with no gap wider than about one character inside it.
struct Segment {
    std::u32string text;
    std::vector<Glyph> glyphs;
    Box box;
    double size_pt = 0;  ///< the font size poppler reports for its first glyph
    std::string font;    ///< the font name of its first glyph, subset prefix removed
};

/// A text line: glyphs whose boxes share a vertical band, left to right, cut into segments.
struct TextLine {
    std::vector<Segment> segments;
    Box box;
    double size_pt = 0;  ///< the largest font size on the line
    double ink_y0 = -1, ink_y1 = -1;  ///< top and bottom of its ink (rendered pages only)
    std::u32string text() const;   ///< every glyph, no separators
    std::string utf8() const;      ///< text() as UTF-8
    std::string font() const;      ///< the font of most glyphs
    std::size_t glyph_count() const;
    /// The bottom of the glyph boxes in `font` (their descent line), or of all glyphs.
    double bottom_in(const std::string& font) const;
};

/// A horizontal band of ink rows of one kind (red, or dark rules).
struct InkBand {
    double y0 = 0, y1 = 0;  ///< top and bottom (mm)
    double x0 = 0, x1 = 0;  ///< extent of the widest run in the band (mm)
};

/// A patch of coloured ink (saturated pixels, nearly touching): a seal, a coloured picture, the
/// red organ mark. Only patches at least 8 mm high and wide are kept.
struct ColourBlob {
    Box box;
    int pixels = 0;  ///< coloured pixels in it
    int red = 0;     ///< of them red (the organ mark's and a seal's red)
};

struct Page {
    int number = 0;  ///< 1-based
    double width_mm = 0, height_mm = 0;
    std::vector<TextLine> lines;  ///< top to bottom
    bool rendered = false;        ///< the ink fields below were measured
    double red_top = -1;          ///< top of the first red ink, -1 when none
    std::vector<InkBand> red_rules;   ///< red rows with a run at least 100 mm long
    std::vector<InkBand> dark_rules;  ///< dark rows with a run at least 100 mm long
    std::vector<ColourBlob> colour_blobs;  ///< top to bottom
};

struct FontUse {
    std::string name;  ///< as in the PDF, subset prefix removed
    bool embedded = false;
};

struct PdfLayout {
    std::vector<Page> pages;
    std::vector<FontUse> fonts;
};

/// Reads the text of every page and renders the pages listed in `render` (1-based; -1 = the
/// last page; pages that mention 抄送/印发 or hold a 成文日期 line too) for their ink, through the PDF reader module
/// (check/pdf_module.cpp). Throws gongwen::Error naming `label`: no-pdf-reader when the module
/// is missing, layout-unreadable when the PDF cannot be read.
PdfLayout read_pdf_layout(const std::string& pdf_path, const std::string& label, const std::vector<int>& render);

std::string to_utf8(const std::u32string& s);
/// A full-width character: CJK ideographs, kana, full-width forms and CJK punctuation.
bool is_full_width(char32_t c);

} // namespace gongwen::pdfcheck
