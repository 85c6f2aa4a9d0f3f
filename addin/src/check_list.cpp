// vnd.gongwen:Check — the GB/T 9704 check of the document being edited, as `gongwen check`
// makes it: the XML of a stored copy, and the pages LibreOffice lays out (a PDF of the document
// as it is on screen), measured by the layout rules. Shown as a list: what, where, what the
// standard wants; a double-click (or 转到) selects the place in the document.
#include "addin_common.hpp"
#include "dialog_kit.hpp"
#include "commands.hpp"
#include "uno_util.hpp"

#include "gongwen/check.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include <com/sun/star/awt/MouseEvent.hpp>
#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XMouseListener.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/awt/grid/DefaultGridColumnModel.hpp>
#include <com/sun/star/awt/grid/DefaultGridDataModel.hpp>
#include <com/sun/star/awt/grid/XGridControl.hpp>
#include <com/sun/star/awt/grid/XGridRowSelection.hpp>
#include <com/sun/star/awt/grid/XGridSelectionListener.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/view/XLineCursor.hpp>
#include <com/sun/star/text/XPageCursor.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/text/XTextViewCursor.hpp>
#include <com/sun/star/text/XTextViewCursorSupplier.hpp>
#include <com/sun/star/util/XSearchable.hpp>
#include <com/sun/star/util/XSearchDescriptor.hpp>
#include <com/sun/star/view/SelectionType.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/implbase3.hxx>
#include <rtl/ref.hxx>

#include <algorithm>
#include <functional>

using namespace com::sun::star;
using rtl::OUString;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;
using namespace gongwen::uno_util;
using gongwen::i18n::_;
using gongwen::i18n::format;
using gongwen::i18n::N_;

namespace gongwen_addin {

namespace {

// What each rule is about, and what the standard wants (GB/T 9704-2012), in the user's words.
struct Rule {
    const char* code;
    const char* what;
    const char* wants;
};
const Rule kRules[] = {
    {"gbt-page-size", N_("Paper"), N_("A4, 210 mm × 297 mm (§5.2)")},
    {"gbt-margin", N_("Margins"), N_("top 37 mm, left 28 mm, type area 156 mm × 225 mm (§5.2)")},
    {"gbt-body-font", N_("Body font"), N_("the body in 3号仿宋 (16 pt), black (§5.2)")},
    {"gbt-body-size", N_("Body size"), N_("the body in 3号 (16 pt) (§5.2)")},
    {"gbt-grid", N_("Lines and characters"), N_("22 lines a page, 28 characters a line, filling the type area (§5.2)")},
    {"gbt-title-font", N_("Title"), N_("the title in 2号小标宋 (22 pt), centred (§7.3.1)")},
    {"gbt-title-size", N_("Title"), N_("the title in 2号小标宋 (22 pt), centred (§7.3.1)")},
    {"gbt-title", N_("Title"), N_("the title in 2号小标宋 (22 pt), 2 blank lines below the red rule, centred (§7.3.1)")},
    {"gbt-organ-mark", N_("Organ mark"), N_("the 发文机关标志 centred, red, 小标宋; its top 35 mm below the type area's top (§7.2.4)")},
    {"gbt-red-rule", N_("Red rule"), N_("a red rule as wide as the type area, 4 mm below the 发文字号 (§7.2.6)")},
    {"gbt-doc-number", N_("Document number"), N_("机关代字〔2023〕5号: the full year in 〔〕, no 第, no leading zeros (§7.2.5)")},
    {"gbt-date", N_("Date"), N_("Arabic digits, full year, no padding: 2023年7月5日 (§7.3.5)")},
    {"gbt-signature", N_("Signature and date"), N_("the date 4 characters in from the right, the organ centred above it (§7.3.5)")},
    {"gbt-heading-keep", N_("Headings"), N_("a heading stays with the paragraph after it, not alone at a page's foot (§7.3.5)")},
    {"gbt-attachment", N_("Attachments"), N_("附件说明 2 characters in below the body; each attachment on a new page, 附件N at the top left (§7.3.4)")},
    {"gbt-edition-block", N_("End block (版记)"), N_("on the last (even) page, its last rule on the type area's bottom edge; 4号仿宋 (§7.4)")},
    {"gbt-page-number", N_("Page numbers"), N_("4号 digits between em dashes, — 1 —, 7 mm below the type area; odd pages right, even left (§7.5)")},
};

const Rule* rule_of(const std::string& code) {
    for (const auto& r : kRules)
        if (code == r.code) return &r;
    return nullptr;
}

bool ends_with(const std::string& s, const char* tail) {
    std::string t(tail);
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

bool body_part(const std::string& part) { return part == "word/document.xml" || part == "content.xml"; }

// Where a deviation is, in the user's words.
std::string where(const gongwen::Diagnostic& d) {
    if (d.page > 0) return format(_("page {n}"), {{"n", d.page}});
    if (body_part(d.part) && d.paragraph > 0) return format(_("paragraph {n}"), {{"n", d.paragraph}});
    if (d.part.find("header") != std::string::npos || d.part.find("footer") != std::string::npos) return _("header or footer");
    if (ends_with(d.part, "styles.xml")) return _("styles (the whole document)");
    if (d.code == "gbt-margin" || d.code == "gbt-page-size" || d.code == "gbt-grid") return _("page style (Format ▸ Page Style)");
    return _("the whole document");
}

struct Row {
    std::string what, where, problem, wants;
    int page = 0, paragraph = 0;
};

std::vector<Row> rows_of(const gongwen::Diagnostics& all) {
    std::vector<Row> rows;
    for (const auto& d : all.items()) {
        Row r;
        const Rule* rule = rule_of(d.code);
        r.what = rule ? _(rule->what) : std::string(_("Other"));
        r.wants = rule ? _(rule->wants) : "";
        r.where = where(d);
        r.problem = d.message;
        r.page = d.page;
        r.paragraph = body_part(d.part) ? d.paragraph : 0;
        rows.push_back(std::move(r));
    }
    return rows;
}

// The n-th paragraph of the body (1-based), tables' cells included, in the order the check counts.
Reference<text::XTextRange> nth_paragraph(const Reference<text::XText>& text, int& n) {
    Reference<container::XEnumerationAccess> ea(text, UNO_QUERY);
    if (!ea.is()) return nullptr;
    auto e = ea->createEnumeration();
    while (e->hasMoreElements()) {
        Any x = e->nextElement();
        Reference<text::XTextTable> table(x, UNO_QUERY);
        if (table.is()) {
            for (const OUString& name : table->getCellNames()) {
                Reference<text::XText> cell(table->getCellByName(name), UNO_QUERY);
                if (!cell.is()) continue;
                if (auto r = nth_paragraph(cell, n); r.is()) return r;
            }
            continue;
        }
        if (--n == 0) return Reference<text::XTextRange>(x, UNO_QUERY);
    }
    return nullptr;
}

// Selects a row's place: its paragraph, or the top of its page.
void go_to(const Reference<frame::XModel>& model, const Row& row) {
    Reference<frame::XController> controller = model->getCurrentController();
    if (!controller.is()) return;
    if (row.paragraph > 0) {
        int n = row.paragraph;
        auto range = nth_paragraph(Reference<text::XTextDocument>(model, UNO_QUERY_THROW)->getText(), n);
        Reference<view::XSelectionSupplier> sel(controller, UNO_QUERY);
        if (range.is() && sel.is()) {
            sel->select(Any(range));
            return;
        }
    }
    if (row.page > 0) {
        Reference<text::XTextViewCursorSupplier> vcs(controller, UNO_QUERY);
        if (!vcs.is()) return;
        // The line the message quotes (“你单位开展了…”), when it is on that page.
        if (auto at = row.problem.find("\xE2\x80\x9C"); at != std::string::npos) {  // “
            std::string quoted = row.problem.substr(at + 3);
            quoted = quoted.substr(0, std::min(quoted.find("\xE2\x80\xA6"), quoted.find("\xE2\x80\x9D")));  // … ”
            Reference<util::XSearchable> searchable(model, UNO_QUERY);
            Reference<view::XSelectionSupplier> sel(controller, UNO_QUERY);
            if (!quoted.empty() && searchable.is() && sel.is()) {
                auto search = searchable->createSearchDescriptor();
                search->setSearchString(ou(quoted));
                Reference<text::XTextRange> found(searchable->findFirst(search), UNO_QUERY);
                while (found.is()) {
                    sel->select(Any(found));
                    Reference<text::XPageCursor> pc(vcs->getViewCursor(), UNO_QUERY);
                    if (pc.is() && pc->getPage() == row.page) return;
                    found.set(searchable->findNext(found, search), UNO_QUERY);
                }
            }
        }
        Reference<text::XPageCursor> page(vcs->getViewCursor(), UNO_QUERY);
        if (page.is() && page->jumpToPage(static_cast<sal_Int16>(row.page))) {
            page->jumpToStartOfPage();
            // the first line of the page selected, to show where
            Reference<text::XTextViewCursor> vc = vcs->getViewCursor();
            Reference<view::XLineCursor> line(vc, UNO_QUERY);
            if (line.is()) line->gotoEndOfLine(true);
        }
    }
}

class ListEvents : public cppu::WeakImplHelper3<awt::XMouseListener, awt::XActionListener, awt::grid::XGridSelectionListener> {
public:
    ListEvents(Reference<awt::grid::XGridControl> grid, std::function<void(int)> go, std::function<void(int)> show)
        : grid_(std::move(grid)), go_(std::move(go)), show_(std::move(show)) {}
    void SAL_CALL selectionChanged(const awt::grid::GridSelectionEvent& e) override {
        if (e.SelectedRowIndexes.getLength() > 0) show_(e.SelectedRowIndexes[0]);
    }
    void SAL_CALL mousePressed(const awt::MouseEvent& e) override {
        if (e.ClickCount != 2) return;
        int row = grid_->getRowAtPoint(e.X, e.Y);
        if (row >= 0) go_(row);
    }
    void SAL_CALL mouseReleased(const awt::MouseEvent&) override {}
    void SAL_CALL mouseEntered(const awt::MouseEvent&) override {}
    void SAL_CALL mouseExited(const awt::MouseEvent&) override {}
    void SAL_CALL actionPerformed(const awt::ActionEvent&) override {  // 转到
        Reference<awt::grid::XGridRowSelection> s(grid_, UNO_QUERY);
        int row = grid_->getCurrentRow();
        if (s.is() && s->getSelectedRows().getLength() > 0) row = s->getSelectedRows()[0];
        if (row >= 0) go_(row);
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    Reference<awt::grid::XGridControl> grid_;
    std::function<void(int)> go_, show_;
};

void show_list(const Reference<uno::XComponentContext>& ctx, const Reference<awt::XWindowPeer>& parent,
               const Reference<frame::XModel>& model, const std::string& summary, const std::vector<Row>& rows) {
    Reference<lang::XMultiServiceFactory> dm(
        ctx->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx), UNO_QUERY_THROW);
    const int W = 500, H = 280;
    Reference<beans::XPropertySet> dp(dm, UNO_QUERY_THROW);
    dp->setPropertyValue("Title", Any(ou(_("Check Layout — GB/T 9704-2012"))));
    dp->setPropertyValue("Width", Any(sal_Int32(W)));
    dp->setPropertyValue("Height", Any(sal_Int32(H)));
    dp->setPropertyValue("Sizeable", Any(true));
    Reference<container::XNameContainer> controls(dm, UNO_QUERY_THROW);
    auto add = [&](const char* kind, const char* name, int x, int y, int w, int h) {
        Reference<beans::XPropertySet> p(dm->createInstance(OUString::createFromAscii(kind)), UNO_QUERY_THROW);
        p->setPropertyValue("PositionX", Any(sal_Int32(x)));
        p->setPropertyValue("PositionY", Any(sal_Int32(y)));
        p->setPropertyValue("Width", Any(sal_Int32(w)));
        p->setPropertyValue("Height", Any(sal_Int32(h)));
        controls->insertByName(OUString::createFromAscii(name), Any(p));
        return p;
    };
    auto label = add("com.sun.star.awt.UnoControlFixedTextModel", "summary", 6, 6, W - 12, 10);
    label->setPropertyValue("Label", Any(ou(summary + "  " + _("Double-click a line to select its place in the document."))));

    auto columns = awt::grid::DefaultGridColumnModel::create(ctx);
    const std::pair<std::string, int> heads[] = {{_("Item"), 50}, {_("Where"), 45}, {_("Found"), 220}, {_("GB/T 9704 wants"), 170}};
    for (const auto& [title, width] : heads) {
        auto c = columns->createColumn();
        c->setTitle(ou(title));
        c->setColumnWidth(width);
        c->setFlexibility(width > 100 ? 1 : 0);
        columns->addColumn(c);
    }
    auto data = awt::grid::DefaultGridDataModel::create(ctx);
    for (const Row& r : rows) {
        uno::Sequence<Any> cells(4);
        cells[0] <<= ou(r.what);
        cells[1] <<= ou(r.where);
        cells[2] <<= ou(r.problem);
        cells[3] <<= ou(r.wants);
        data->addRow(Any(), cells);
    }
    auto grid = add("com.sun.star.awt.grid.UnoControlGridModel", "list", 6, 20, W - 12, H - 92);
    // the chosen line whole: a cell shows only what fits
    auto detail = add("com.sun.star.awt.UnoControlEditModel", "detail", 6, H - 68, W - 12, 42);
    detail->setPropertyValue("MultiLine", Any(true));
    detail->setPropertyValue("ReadOnly", Any(true));
    detail->setPropertyValue("VScroll", Any(true));
    auto detail_of = [&](const Row& r) {
        return r.what + " · " + r.where + "\n" + r.problem + (r.wants.empty() ? "" : "\n" + std::string(_("GB/T 9704 wants")) + ": " + r.wants);
    };
    if (!rows.empty()) detail->setPropertyValue("Text", Any(ou(detail_of(rows.front()))));
    grid->setPropertyValue("ColumnModel", Any(columns));
    grid->setPropertyValue("GridDataModel", Any(data));
    grid->setPropertyValue("ShowRowHeader", Any(false));
    grid->setPropertyValue("ShowColumnHeader", Any(true));
    grid->setPropertyValue("SelectionModel", Any(view::SelectionType_SINGLE));
    grid->setPropertyValue("HScroll", Any(false));
    grid->setPropertyValue("VScroll", Any(true));
    grid->setPropertyValue("UseGridLines", Any(true));
    auto go = add("com.sun.star.awt.UnoControlButtonModel", "go", W - 116, H - 20, 52, 14);
    go->setPropertyValue("Label", Any(ou(_("~Go to"))));
    auto close = add("com.sun.star.awt.UnoControlButtonModel", "close", W - 58, H - 20, 52, 14);
    close->setPropertyValue("Label", Any(ou(_("~Close"))));
    close->setPropertyValue("PushButtonType", Any(sal_Int16(awt::PushButtonType_CANCEL)));
    close->setPropertyValue("DefaultButton", Any(true));

    Reference<awt::XControl> dialog(ctx->getServiceManager()->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx),
                                    UNO_QUERY_THROW);
    dialog->setModel(Reference<awt::XControlModel>(dm, UNO_QUERY_THROW));
    dialog->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(ctx), UNO_QUERY_THROW), parent);
    centre(dialog, parent);
    Reference<awt::XControlContainer> container(dialog, UNO_QUERY_THROW);
    Reference<awt::grid::XGridControl> grid_control(container->getControl("list"), UNO_QUERY_THROW);
    rtl::Reference<ListEvents> events(new ListEvents(
        grid_control,
        [&](int row) {
            if (row >= 0 && row < static_cast<int>(rows.size())) go_to(model, rows[static_cast<std::size_t>(row)]);
        },
        [&](int row) {
            if (row >= 0 && row < static_cast<int>(rows.size()))
                detail->setPropertyValue("Text", Any(ou(detail_of(rows[static_cast<std::size_t>(row)]))));
        }));
    Reference<awt::grid::XGridRowSelection>(grid_control, UNO_QUERY_THROW)
        ->addSelectionListener(Reference<awt::grid::XGridSelectionListener>(events.get()));
    Reference<awt::XWindow>(grid_control, UNO_QUERY_THROW)->addMouseListener(Reference<awt::XMouseListener>(events.get()));
    Reference<awt::XButton>(container->getControl("go"), UNO_QUERY_THROW)->addActionListener(Reference<awt::XActionListener>(events.get()));
    Reference<awt::XDialog>(dialog, UNO_QUERY_THROW)->execute();
    kit::dispose(dialog);
}

} // namespace

std::string check_current(const Reference<uno::XComponentContext>& ctx, const Reference<frame::XFrame>& frame) {
    Reference<frame::XModel> model;
    if (frame.is() && frame->getController().is()) model = frame->getController()->getModel();
    if (!model.is()) throw Failure(_("no document is open"));
    TempDir tmp;
    const std::string url = u8(model->getURL());
    const std::string title = url.empty() ? std::string(_("the current document")) : system_path(url);
    // The XML check on LibreOffice's own format, whatever the file is: a DOCX that LibreOffice
    // writes anew renames its styles (the title style is no longer found), its ODT keeps them.
    std::string src = tmp.path + "/current.odt", pdf = tmp.path + "/current.pdf";
    Reference<frame::XStorable> storable(model, UNO_QUERY_THROW);
    uno::Sequence<beans::PropertyValue> store(1);
    store[0] = prop("FilterName", Any(OUString("writer8")));
    storable->storeToURL(ou(file_url(src)), store);
    gongwen::Diagnostics all = gongwen::check_gbt9704(gongwen::Package::read_file(src));
    // The pages as LibreOffice lays them out: the document as it is, to PDF, as `gongwen check` does.
    std::string layout_note;
    if (gongwen::layout_check_available()) {
        store[0] = prop("FilterName", Any(OUString("writer_pdf_Export")));
        storable->storeToURL(ou(file_url(pdf)), store);
        try {
            all.append(gongwen::check_gbt9704_layout(pdf, title));
        } catch (const gongwen::Error& e) {
            all.append(e.diagnostics());
        }
    } else {
        layout_note = _("The pages were not measured: the add-in's PDF reader (pdf-reader.so, poppler-cpp) is missing.");
    }
    auto rows = rows_of(all);
    std::string summary =
        rows.empty() ? std::string(_("GB/T 9704-2012: no deviation found"))
                     : format(gongwen::i18n::P_("GB/T 9704-2012: {n} deviation:", "GB/T 9704-2012: {n} deviations:", rows.size()), {{"n", rows.size()}});
    std::string text = summary;
    for (const auto& r : rows)
        text += "\n" + (r.wants.empty() ? format(_("{what} · {where}: {found}"), {{"what", r.what}, {"where", r.where}, {"found", r.problem}})
                                        : format(_("{what} · {where}: {found} (wants: {wants})"),
                                                 {{"what", r.what}, {"where", r.where}, {"found", r.problem}, {"wants", r.wants}}));
    if (!layout_note.empty()) text += "\n" + layout_note;
    Reference<awt::XWindowPeer> parent = window_of(frame);
    if (!rows.empty() && parent.is()) {
        try {
            show_list(ctx, parent, model, summary + (layout_note.empty() ? "" : " " + layout_note), rows);
        } catch (const uno::Exception&) {
            // no window to show it in (headless): the dispatch result carries the list
        }
    }
    return text;
}

} // namespace gongwen_addin
