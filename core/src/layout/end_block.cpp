// Placing the GB/T 9704 end block (see end_block.hpp).
#include "layout/end_block.hpp"

#include "layout/pagination.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"

#include <cstdio>
#include <cstdlib>

namespace gongwen::layout {

bool uses_end_block(const nlohmann::json& prepared) {
    return prepared.is_object() && prepared.contains("版记换页") && prepared.contains("版记空白页");
}

void settle_end_block(const Template& docx, nlohmann::json& prepared, const RenderOptions& options) {
    prepared["版记换页"] = false;
    prepared["版记空白页"] = false;
    Diagnostics scratch;  // the real render reports what there is to report
    // The two parts the pages depend on, rendered without packaging them.
    std::optional<std::string> document = docx.render_part("word/document.xml", prepared, options, scratch);
    std::optional<std::string> styles = docx.render_part("word/styles.xml", prepared, options, scratch);
    if (!document || !styles) return;
    PageEstimate e = estimate_pages(*document, *styles);
    bool room = e.last_used_pt + e.floating_pt <= e.page_pt;
    // GONGWEN_DEBUG_LAYOUT=1 prints the estimate (read once: this runs for every document of a batch).
    static const bool debug = std::getenv("GONGWEN_DEBUG_LAYOUT") != nullptr;
    if (debug)
        std::fprintf(stderr, "layout: %d pages, %.1f of %.1f pt used, end block %.1f pt\n", e.pages, e.last_used_pt, e.page_pt,
                     e.floating_pt);
    if (e.pages % 2 == 1) {
        prepared["版记换页"] = true;  // the next page is even
    } else if (!room) {
        prepared["版记空白页"] = true;  // a blank page, then the 版记's (the template's last section)
    }
}

} // namespace gongwen::layout
