// pdf-reader.so: reads a PDF's pages for the layout check with poppler — glyph boxes grouped
// into lines and segments, the red and dark ink of rendered pages — and hands them to the core
// as JSON over a C boundary (check/pdf_reader_abi.h). Loaded only by the layout check.
#include "check/pdf_layout_json.hpp"
#include "check/pdf_pages.hpp"
#include "check/pdf_reader_abi.h"

#include <poppler-document.h>
#include <poppler-font.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <map>
#include <memory>
#include <regex>

namespace gongwen::pdfcheck {

namespace {

constexpr double kRenderDpi = 150;
constexpr double kRuleMinMm = 100;  // a run of ink this long is a rule, not a glyph's stroke

std::string strip_subset(const std::string& name) {
    auto plus = name.find('+');
    return plus == 6 ? name.substr(7) : name;
}

std::u32string decode_utf8(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}


Box to_mm(const poppler::rectf& r) {
    return {r.left() * kMmPerPt, r.top() * kMmPerPt, r.right() * kMmPerPt, r.bottom() * kMmPerPt};
}

// Glyphs sharing most of their height are on one line; gaps wider than ~0.8 em cut segments.
std::vector<TextLine> group_lines(std::vector<Glyph> glyphs) {
    std::sort(glyphs.begin(), glyphs.end(), [](const Glyph& a, const Glyph& b) {
        return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
    });
    struct Band {
        double y0, y1;
        std::vector<Glyph> glyphs;
    };
    std::vector<Band> bands;
    for (auto& pg : glyphs) {
        const Box& b = pg.box;
        Band* home = nullptr;
        for (auto it = bands.rbegin(); it != bands.rend() && !home; ++it) {
            double overlap = std::min(it->y1, b.y1) - std::max(it->y0, b.y0);
            double smaller = std::min(it->y1 - it->y0, b.y1 - b.y0);
            if (overlap > 0.5 * smaller) home = &*it;
        }
        if (!home) {
            bands.push_back({b.y0, b.y1, {}});
            home = &bands.back();
        }
        home->y0 = std::min(home->y0, b.y0);
        home->y1 = std::max(home->y1, b.y1);
        home->glyphs.push_back(std::move(pg));
    }
    std::vector<TextLine> lines;
    for (auto& band : bands) {
        std::sort(band.glyphs.begin(), band.glyphs.end(),
                  [](const Glyph& a, const Glyph& b) { return a.box.x0 < b.box.x0; });
        TextLine line;
        for (const auto& pg : band.glyphs) {
            double em = pg.size_pt * kMmPerPt;
            if (line.segments.empty() || pg.box.x0 - line.segments.back().box.x1 > 0.8 * em) {
                Segment s;
                s.box = pg.box;
                s.size_pt = pg.size_pt;
                s.font = pg.font;
                line.segments.push_back(s);
            }
            Segment& s = line.segments.back();
            s.text.push_back(pg.ch);
            s.glyphs.push_back(pg);
            s.box.x0 = std::min(s.box.x0, pg.box.x0);
            s.box.y0 = std::min(s.box.y0, pg.box.y0);
            s.box.x1 = std::max(s.box.x1, pg.box.x1);
            s.box.y1 = std::max(s.box.y1, pg.box.y1);
            line.size_pt = std::max(line.size_pt, pg.size_pt);
        }
        line.box = line.segments.front().box;
        for (const auto& s : line.segments) {
            line.box.x0 = std::min(line.box.x0, s.box.x0);
            line.box.y0 = std::min(line.box.y0, s.box.y0);
            line.box.x1 = std::max(line.box.x1, s.box.x1);
            line.box.y1 = std::max(line.box.y1, s.box.y1);
        }
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end(), [](const TextLine& a, const TextLine& b) { return a.box.y1 < b.box.y1; });
    return lines;
}

// Patches of coloured ink: the page cut into cells of about 1 mm, a cell coloured when it holds
// a saturated pixel, cells that (nearly) touch joined — a seal's ring, star and letters become one
// patch — and patches whose boxes overlap merged. Kept when at least 8 mm high and wide.
void colour_blobs(const poppler::image& img, double mm_per_px, Page& out) {
    const int cell = std::max(1, static_cast<int>(1.0 / mm_per_px + 0.5));
    const int cw = (img.width() + cell - 1) / cell, ch = (img.height() + cell - 1) / cell;
    std::vector<int> coloured(static_cast<std::size_t>(cw) * ch, 0), red(coloured.size(), 0);
    for (int y = 0; y < img.height(); ++y) {
        const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row());
        for (int x = 0; x < img.width(); ++x) {
            int b = row[4 * x], g = row[4 * x + 1], r = row[4 * x + 2];
            int hi = std::max({r, g, b}), lo = std::min({r, g, b});
            if (hi - lo < 80 || hi < 120) continue;
            std::size_t c = static_cast<std::size_t>(y / cell) * cw + x / cell;
            ++coloured[c];
            if (r > 150 && g < 110 && b < 110) ++red[c];
        }
    }
    std::vector<int> seen(coloured.size(), 0);
    std::vector<ColourBlob> blobs;
    for (int cy = 0; cy < ch; ++cy)
        for (int cx = 0; cx < cw; ++cx) {
            std::size_t start = static_cast<std::size_t>(cy) * cw + cx;
            if (!coloured[start] || seen[start]) continue;
            int x0 = cx, x1 = cx, y0 = cy, y1 = cy;
            ColourBlob blob;
            std::vector<std::size_t> stack{start};
            seen[start] = 1;
            while (!stack.empty()) {
                std::size_t c = stack.back();
                stack.pop_back();
                int x = static_cast<int>(c % cw), y = static_cast<int>(c / cw);
                x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
                blob.pixels += coloured[c];
                blob.red += red[c];
                for (int dy = -2; dy <= 2; ++dy)  // a gap of one cell still joins
                    for (int dx = -2; dx <= 2; ++dx) {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= cw || ny >= ch) continue;
                        std::size_t n = static_cast<std::size_t>(ny) * cw + nx;
                        if (coloured[n] && !seen[n]) seen[n] = 1, stack.push_back(n);
                    }
            }
            const double mm_cell = cell * mm_per_px;
            blob.box = {x0 * mm_cell, y0 * mm_cell, (x1 + 1) * mm_cell, (y1 + 1) * mm_cell};
            blobs.push_back(blob);
        }
    for (bool merged = true; merged;) {  // a star inside its ring: one seal
        merged = false;
        for (std::size_t i = 0; i < blobs.size() && !merged; ++i)
            for (std::size_t j = i + 1; j < blobs.size() && !merged; ++j) {
                Box& a = blobs[i].box;
                const Box& b = blobs[j].box;
                if (a.x0 > b.x1 || b.x0 > a.x1 || a.y0 > b.y1 || b.y0 > a.y1) continue;
                a = {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
                blobs[i].pixels += blobs[j].pixels;
                blobs[i].red += blobs[j].red;
                blobs.erase(blobs.begin() + static_cast<std::ptrdiff_t>(j));
                merged = true;
            }
    }
    for (const auto& b : blobs)
        if (b.box.x1 - b.box.x0 >= 8 && b.box.y1 - b.box.y0 >= 8) out.colour_blobs.push_back(b);
    std::sort(out.colour_blobs.begin(), out.colour_blobs.end(), [](const ColourBlob& a, const ColourBlob& b) { return a.box.y0 < b.box.y0; });
}

// Rows of red ink and long runs of red or dark ink, from one rendered page.
void measure_ink(const poppler::page& pg, Page& out) {
    poppler::page_renderer r;
    r.set_render_hints(0);  // no antialiasing: thin rules stay solid
    r.set_image_format(poppler::image::format_argb32);
    poppler::image img = r.render_page(&pg, kRenderDpi, kRenderDpi);
    if (!img.is_valid()) return;
    const double mm_per_px = 25.4 / kRenderDpi;
    const int min_run = static_cast<int>(kRuleMinMm / mm_per_px);
    auto add_row = [&](std::vector<InkBand>& bands, int y, int x0, int x1) {
        double top = y * mm_per_px, bottom = (y + 1) * mm_per_px;
        if (!bands.empty() && std::fabs(bands.back().y1 - top) < 1e-6) {
            bands.back().y1 = bottom;
            if (x1 - x0 > (bands.back().x1 - bands.back().x0) / mm_per_px) {
                bands.back().x0 = x0 * mm_per_px;
                bands.back().x1 = x1 * mm_per_px;
            }
        } else {
            bands.push_back({top, bottom, x0 * mm_per_px, x1 * mm_per_px});
        }
    };
    for (int y = 0; y < img.height(); ++y) {
        const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row());
        int red_best0 = 0, red_best1 = 0, dark_best0 = 0, dark_best1 = 0, red_start = -1, dark_start = -1;
        bool any_red = false;
        for (int x = 0; x <= img.width(); ++x) {
            bool red = false, dark = false;
            if (x < img.width()) {
                int b = row[4 * x], g = row[4 * x + 1], rr = row[4 * x + 2];  // BGRA in memory
                red = rr > 150 && g < 110 && b < 110;
                dark = rr < 110 && g < 110 && b < 110;
            }
            any_red = any_red || red;
            if (red && red_start < 0) red_start = x;
            if (!red && red_start >= 0) {
                if (x - red_start > red_best1 - red_best0) red_best0 = red_start, red_best1 = x;
                red_start = -1;
            }
            if (dark && dark_start < 0) dark_start = x;
            if (!dark && dark_start >= 0) {
                if (x - dark_start > dark_best1 - dark_best0) dark_best0 = dark_start, dark_best1 = x;
                dark_start = -1;
            }
        }
        if (any_red && out.red_top < 0) out.red_top = y * mm_per_px;
        if (red_best1 - red_best0 >= min_run) add_row(out.red_rules, y, red_best0, red_best1);
        if (dark_best1 - dark_best0 >= min_run) add_row(out.dark_rules, y, dark_best0, dark_best1);
    }
    colour_blobs(img, mm_per_px, out);
    // Each line's ink: the rows inside its box that hold a non-white pixel, looked for under its
    // full-width glyphs when it has some (Latin brackets and descenders reach lower).
    for (auto& line : out.lines) {
        std::vector<char> column(static_cast<std::size_t>(img.width()), 0);
        bool any_full = false;
        for (const auto& s : line.segments)
            for (const auto& g : s.glyphs) any_full = any_full || is_full_width(g.ch);
        for (const auto& s : line.segments)
            for (const auto& g : s.glyphs) {
                if (any_full && !is_full_width(g.ch)) continue;
                int gx0 = std::max(0, static_cast<int>(g.box.x0 / mm_per_px)), gx1 = std::min(img.width(), static_cast<int>(g.box.x1 / mm_per_px) + 1);
                for (int x = gx0; x < gx1; ++x) column[static_cast<std::size_t>(x)] = 1;
            }
        int y0 = std::max(0, static_cast<int>(line.box.y0 / mm_per_px)), y1 = std::min(img.height(), static_cast<int>(line.box.y1 / mm_per_px) + 1);
        for (int y = y0; y < y1; ++y) {
            const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row());
            bool ink = false;
            for (int x = 0; x < img.width() && !ink; ++x)
                ink = column[static_cast<std::size_t>(x)] && (row[4 * x] < 200 || row[4 * x + 1] < 200 || row[4 * x + 2] < 200);
            if (!ink) continue;
            if (line.ink_y0 < 0) line.ink_y0 = y * mm_per_px;
            line.ink_y1 = (y + 1) * mm_per_px;
        }
    }
    out.rendered = true;
}

// A line that is a date alone (2023年7月5日): the 成文日期, under which the seal goes.
bool holds_date_line(const Page& p) {
    static const std::regex date("^(19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日$");
    for (const auto& l : p.lines) {
        std::string t;
        for (char32_t c : l.text())
            if (c != U' ' && c != U'\u3000' && c != U'\u2002' && c != U'\u2005') t += to_utf8(std::u32string(1, c));
        if (std::regex_match(t, date)) return true;
    }
    return false;
}

bool mentions_edition_block(const Page& p) {
    for (const auto& l : p.lines) {
        std::string t = l.utf8();
        if (t.find("抄送") != std::string::npos || t.find("印发") != std::string::npos) return true;
    }
    return false;
}

} // namespace

// Empty pages vector and `why` set when poppler cannot open the file.
PdfLayout read_with_poppler(const std::string& pdf_path, const std::vector<int>& render, std::string& why) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf_path));
    if (!doc || doc->is_locked()) {
        why = doc ? "the PDF is encrypted" : "poppler cannot open it as a PDF";
        return {};
    }
    PdfLayout out;
    for (const auto& f : doc->fonts()) out.fonts.push_back({strip_subset(f.name()), f.is_embedded()});
    const int n = doc->pages();
    for (int i = 0; i < n; ++i) {
        std::unique_ptr<poppler::page> pg(doc->create_page(i));
        Page page;
        page.number = i + 1;
        if (!pg) {
            out.pages.push_back(page);
            continue;
        }
        poppler::rectf media = pg->page_rect(poppler::media_box);
        page.width_mm = media.width() * kMmPerPt;
        page.height_mm = media.height() * kMmPerPt;
        std::vector<Glyph> glyphs;
        for (const auto& tb : pg->text_list(poppler::page::text_list_include_font)) {
            auto utf8 = tb.text().to_utf8();
            std::u32string chars = decode_utf8(std::string(utf8.begin(), utf8.end()));
            double size = tb.get_font_size();
            for (std::size_t k = 0; k < chars.size(); ++k) {
                Glyph g;
                g.ch = chars[k];
                g.box = to_mm(tb.char_bbox(k));
                g.size_pt = size;
                g.font = strip_subset(tb.get_font_name(static_cast<int>(k)));
                glyphs.push_back(std::move(g));
            }
        }
        page.lines = group_lines(std::move(glyphs));
        bool wanted = std::find(render.begin(), render.end(), i + 1) != render.end() ||
                      (i == n - 1 && std::find(render.begin(), render.end(), -1) != render.end()) ||
                      mentions_edition_block(page) || holds_date_line(page);
        if (wanted) measure_ink(*pg, page);
        out.pages.push_back(std::move(page));
    }
    return out;
}

} // namespace gongwen::pdfcheck

extern "C" {

__attribute__((visibility("default"))) unsigned gongwen_pdf_reader_abi(void) { return GONGWEN_PDF_READER_ABI; }

__attribute__((visibility("default"))) char* gongwen_pdf_read_layout(const char* path, const int* render, size_t render_count, char* err,
                                                                     size_t errlen) {
    auto fail = [&](const std::string& why) -> char* {
        if (err && errlen) std::snprintf(err, errlen, "%s", why.c_str());
        return nullptr;
    };
    try {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);  // the caller reports
        std::string why;
        auto layout = gongwen::pdfcheck::read_with_poppler(path, std::vector<int>(render, render + render_count), why);
        if (!why.empty()) return fail(why);
        std::string json = gongwen::pdfcheck::layout_to_json(layout).dump();
        char* out = static_cast<char*>(std::malloc(json.size() + 1));
        if (!out) return fail("out of memory");
        std::memcpy(out, json.c_str(), json.size() + 1);
        return out;
    } catch (const std::exception& e) {
        return fail(e.what());
    } catch (...) {
        return fail("unexpected failure");
    }
}

__attribute__((visibility("default"))) void gongwen_pdf_reader_free(char* json) { std::free(json); }

}
