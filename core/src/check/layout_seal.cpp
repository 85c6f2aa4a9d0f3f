// gongwen check on the laid-out pages: the seal (印章, GB/T 9704 §7.3.5.1) — red, centred over
// the 发文机关署名 and 成文日期 so that they sit a little below its centre, its top within one line
// of the body (or 附件说明); a joint document's seals side by side in the type area, each over
// its organ's name, the last over the date too. Measured on the seal's ink: a patch of coloured
// ink at least 20 mm across by the signature (the PDF reader's colour blobs).
#include "check/layout_rules.hpp"

#include "check/text_rules.hpp"
#include "gongwen/i18n.hpp"

#include <algorithm>
#include <cmath>

namespace gongwen::pdfcheck {

using i18n::_;

namespace {

constexpr double kSealMinMm = 20;     // smaller coloured ink is no seal
constexpr double kCentreTolMm = 2;    // the seal's centre over the name's (and the date's)
constexpr double kRedShare = 0.6;     // of a seal's coloured ink, at least this much red

std::string date_text(const TextLine& l) {
    std::string out;
    for (char32_t c : l.text())
        if (c != U' ' && c != U'\u3000' && c != U'\u2002' && c != U'\u2005') out += to_utf8(std::u32string(1, c));
    return out;
}

} // namespace

void LayoutCheck::seal() {
    for (const auto& p : pdf_.pages) {
        std::vector<const TextLine*> lines = content(p);
        std::size_t i = 0;
        while (i < lines.size() && !check::text_matches("^(19|20)\\d{2}年\\d{1,2}月\\d{1,2}日$", date_text(*lines[i]))) ++i;
        if (i == lines.size()) continue;
        if (i == 0 || !p.rendered) return;  // the date alone (gbt-signature says so), or no ink read
        const TextLine& date = *lines[i];
        const TextLine& sig = *lines[i - 1];
        const TextLine* body = i >= 2 ? lines[i - 2] : nullptr;
        std::vector<const ColourBlob*> seals;
        for (const auto& b : p.colour_blobs)
            if (b.box.width() >= kSealMinMm && b.box.y1 - b.box.y0 >= kSealMinMm && b.box.y1 > sig.box.y0 - 60 && b.box.y0 < date.box.y1 + 60)
                seals.push_back(&b);
        if (seals.empty()) return;  // no seal picture: unsealed, or stamped by hand after printing
        std::sort(seals.begin(), seals.end(), [](const ColourBlob* a, const ColourBlob* b) { return a->box.x0 < b->box.x0; });
        const double line_mm = f_.pitch_pt * kMmPerPt;
        const double middle = (sig.box.y0 + date.box.y1) / 2;  // of the signature and the date
        for (std::size_t k = 0; k < seals.size(); ++k) {
            const ColourBlob& s = *seals[k];
            const double cx = s.box.centre_x(), cy = (s.box.y0 + s.box.y1) / 2, h = s.box.y1 - s.box.y0;
            const std::string at = mm(s.box.x0) + "–" + mm(s.box.x1) + " × " + mm(s.box.y0) + "–" + mm(s.box.y1);
            auto say = [&](const std::string& what) {
                deviation("gbt-seal-position", p.number, i18n::format(_("the seal at {box} mm: {what}"), {{"box", at}, {"what", what}}));
            };
            if (s.pixels > 0 && s.red < kRedShare * s.pixels)
                // xgettext:no-c-format
                say(i18n::format(_("its ink is not red ({share}% of it red); wants a red seal"),
                                 {{"share", static_cast<int>(100.0 * s.red / s.pixels + 0.5)}}));
            // Over its organ's name: the segment of the signature line nearest its centre.
            const Segment* name = &sig.segments.front();
            for (const auto& seg : sig.segments)
                if (std::fabs(seg.box.centre_x() - cx) < std::fabs(name->box.centre_x() - cx)) name = &seg;
            double off = cx - name->box.centre_x();
            if (std::fabs(off) > kCentreTolMm)
                say(i18n::format(off > 0 ? _("its centre is {off} mm right of the centre of '{name}'; wants it centred over the signature (± {tol} mm)")
                                         : _("its centre is {off} mm left of the centre of '{name}'; wants it centred over the signature (± {tol} mm)"),
                                 {{"off", mm(std::fabs(off))}, {"name", to_utf8(name->text)}, {"tol", mm(kCentreTolMm)}}));
            if (k + 1 == seals.size() && seals.size() > 1 && std::fabs(cx - date.box.centre_x()) > kCentreTolMm)
                say(i18n::format(_("the last seal's centre is {off} mm off the centre of the 成文日期; wants the last seal over the last name and the date"),
                                 {{"off", mm(cx - date.box.centre_x())}}));
            // The signature and the date a little below the seal's centre, inside it.
            double below = middle - cy;
            if (below < -0.5 || s.box.y1 < date.box.y1)
                say(i18n::format(_("the signature and date's middle ({middle} mm) is {d} mm above its centre ({centre} mm); wants them at its centre, a little below"),
                                 {{"middle", mm(middle)}, {"d", mm(-below)}, {"centre", mm(cy)}}));
            else if (below > h / 4 || s.box.y0 > sig.box.y0)
                say(i18n::format(_("its centre ({centre} mm) is {d} mm above the signature and date's middle ({middle} mm); wants them a little below its centre (at most {max} mm)"),
                                 {{"centre", mm(cy)}, {"d", mm(below)}, {"middle", mm(middle)}, {"max", mm(h / 4)}}));
            // Its top within one line of the body (or 附件说明) above the signature.
            if (body) {
                double gap = s.box.y0 - body->box.y1;
                if (gap > line_mm + f_.tolerance)
                    say(i18n::format(_("its top is {gap} mm below the last line above the signature ('{line}'); wants it within one line ({one} mm)"),
                                     {{"gap", mm(gap)}, {"line", to_utf8(body->text().substr(0, 12))}, {"one", mm(line_mm)}}));
                else if (gap < -f_.tolerance)
                    say(i18n::format(_("its top covers the line above the signature ('{line}') by {gap} mm; wants it under the text, within one line"),
                                     {{"line", to_utf8(body->text().substr(0, 12))}, {"gap", mm(-gap)}}));
            }
            if (s.box.x0 < f_.left - f_.tolerance || s.box.x1 > f_.right + f_.tolerance)
                say(_("it reaches outside the type area (28–184 mm)"));
            if (k > 0 && s.box.x0 <= seals[k - 1]->box.x1)
                say(_("it touches or overlaps the seal left of it; wants the seals of a joint document in a row, apart"));
        }
        // One seal: the signature in the sealed layout, the date 4 characters from the right.
        if (seals.size() == 1) {
            double edge = f_.right - date.box.x1;
            if (std::fabs(edge - 4 * f_.char3) > f_.tolerance)
                deviation("gbt-seal-position", p.number,
                          i18n::format(_("with a seal the 成文日期 ends 4 characters from the right (§7.3.5.1), {want} mm; it ends {got} mm from 184"),
                                       {{"want", mm(4 * f_.char3)}, {"got", mm(edge)}}));
        }
        return;
    }
}

} // namespace gongwen::pdfcheck
