// The page model as JSON: how the PDF reader module (core/pdf/) hands the pages to the core.
// Fonts are listed once and glyphs name them by index; a glyph is [code point, x0, y0, x1, y1,
// size, font].
#pragma once

#include "check/pdf_pages.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace gongwen::pdfcheck {

inline nlohmann::json layout_to_json(const PdfLayout& layout) {
    using nlohmann::json;
    std::map<std::string, int> font_index;
    json names = json::array();
    auto index_of = [&](const std::string& f) {
        auto [it, added] = font_index.emplace(f, static_cast<int>(font_index.size()));
        if (added) names.push_back(f);
        return it->second;
    };
    auto box = [](const Box& b) { return json::array({b.x0, b.y0, b.x1, b.y1}); };
    auto band = [](const InkBand& b) { return json::array({b.y0, b.y1, b.x0, b.x1}); };
    json fonts = json::array(), pages = json::array();
    for (const auto& f : layout.fonts) fonts.push_back({f.name, f.embedded});
    for (const auto& p : layout.pages) {
        json lines = json::array(), red = json::array(), dark = json::array();
        for (const auto& b : p.red_rules) red.push_back(band(b));
        for (const auto& b : p.dark_rules) dark.push_back(band(b));
        for (const auto& l : p.lines) {
            json segs = json::array();
            for (const auto& s : l.segments) {
                json glyphs = json::array();
                for (const auto& g : s.glyphs)
                    glyphs.push_back({static_cast<std::uint32_t>(g.ch), g.box.x0, g.box.y0, g.box.x1, g.box.y1, g.size_pt, index_of(g.font)});
                segs.push_back({{"box", box(s.box)}, {"size", s.size_pt}, {"font", index_of(s.font)}, {"glyphs", glyphs}});
            }
            lines.push_back({{"box", box(l.box)}, {"size", l.size_pt}, {"ink", {l.ink_y0, l.ink_y1}}, {"segments", segs}});
        }
        json blobs = json::array();
        for (const auto& b : p.colour_blobs) blobs.push_back({b.box.x0, b.box.y0, b.box.x1, b.box.y1, b.pixels, b.red});
        pages.push_back({{"number", p.number}, {"size", {p.width_mm, p.height_mm}}, {"rendered", p.rendered}, {"red_top", p.red_top},
                         {"red_rules", red}, {"dark_rules", dark}, {"blobs", blobs}, {"lines", lines}});
    }
    return {{"fonts", fonts}, {"font_names", names}, {"pages", pages}};
}

inline PdfLayout layout_from_json(const nlohmann::json& j) {
    PdfLayout out;
    std::vector<std::string> names = j.at("font_names").get<std::vector<std::string>>();
    auto font = [&](const nlohmann::json& i) { return names.at(i.get<std::size_t>()); };
    auto box = [](const nlohmann::json& a) { return Box{a[0].get<double>(), a[1].get<double>(), a[2].get<double>(), a[3].get<double>()}; };
    auto band = [](const nlohmann::json& a) { return InkBand{a[0].get<double>(), a[1].get<double>(), a[2].get<double>(), a[3].get<double>()}; };
    for (const auto& f : j.at("fonts")) out.fonts.push_back({f[0].get<std::string>(), f[1].get<bool>()});
    for (const auto& pj : j.at("pages")) {
        Page p;
        p.number = pj.at("number").get<int>();
        p.width_mm = pj.at("size")[0].get<double>();
        p.height_mm = pj.at("size")[1].get<double>();
        p.rendered = pj.at("rendered").get<bool>();
        p.red_top = pj.at("red_top").get<double>();
        for (const auto& b : pj.at("red_rules")) p.red_rules.push_back(band(b));
        for (const auto& b : pj.at("dark_rules")) p.dark_rules.push_back(band(b));
        if (pj.contains("blobs"))  // a reader module older than the seal check has none
            for (const auto& b : pj["blobs"])
                p.colour_blobs.push_back({box(b), b[4].get<int>(), b[5].get<int>()});
        for (const auto& lj : pj.at("lines")) {
            TextLine l;
            l.box = box(lj.at("box"));
            l.size_pt = lj.at("size").get<double>();
            l.ink_y0 = lj.at("ink")[0].get<double>();
            l.ink_y1 = lj.at("ink")[1].get<double>();
            for (const auto& sj : lj.at("segments")) {
                Segment s;
                s.box = box(sj.at("box"));
                s.size_pt = sj.at("size").get<double>();
                s.font = font(sj.at("font"));
                for (const auto& g : sj.at("glyphs")) {
                    Glyph gl;
                    gl.ch = static_cast<char32_t>(g[0].get<std::uint32_t>());
                    gl.box = Box{g[1].get<double>(), g[2].get<double>(), g[3].get<double>(), g[4].get<double>()};
                    gl.size_pt = g[5].get<double>();
                    gl.font = font(g[6]);
                    s.text.push_back(gl.ch);
                    s.glyphs.push_back(std::move(gl));
                }
                l.segments.push_back(std::move(s));
            }
            p.lines.push_back(std::move(l));
        }
        out.pages.push_back(std::move(p));
    }
    return out;
}

} // namespace gongwen::pdfcheck
