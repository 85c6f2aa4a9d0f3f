// The commands of the 公文 toolbar that work on the document being edited.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <string>

namespace gongwen_addin {

/// vnd.gongwen:Fill (fill.cpp): the {{…}} tags of the frame's document rendered with a data
/// file. Arguments: DataFile (JSON, XLSX, CSV; asked for when absent), Mode (replace|new; asked
/// when the data file was asked for, else replace), IfMissing (fill|cancel: what to do when the
/// data lacks fields the document uses; asked when absent). The data and the template are read
/// and rendered before anything changes. Replace is one undo step; a document saved in a file
/// is first replaced by an untitled copy, so that the template is never overwritten. Returns
/// the message for the user; throws Failure / gongwen::Error.
std::string fill_current(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                         const com::sun::star::uno::Reference<com::sun::star::frame::XFrame>& frame,
                         const com::sun::star::uno::Sequence<com::sun::star::beans::PropertyValue>& args);

/// vnd.gongwen:Check (check_list.cpp): the GB/T 9704 check of the frame's document, its XML
/// and the pages as LibreOffice lays them out (the same checks as `gongwen check`), shown as a
/// list (what, where, what the standard wants); a double-click selects the place. Returns the
/// deviations as text (the dispatch's result).
std::string check_current(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                          const com::sun::star::uno::Reference<com::sun::star::frame::XFrame>& frame);

} // namespace gongwen_addin
