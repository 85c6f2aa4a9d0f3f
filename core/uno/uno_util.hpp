// Small conversions shared by the two UNO modules, the office bridge (core/bridge/) and the
// Writer add-in (addin/): UTF-8 std::string <-> OUString, paths <-> file URLs, a PropertyValue.
// Header-only: each module compiles it against the LibreOffice SDK; the core never includes it.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <osl/file.hxx>
#include <rtl/ustring.hxx>

#include <stdexcept>
#include <string>

namespace gongwen::uno_util {

inline rtl::OUString ou(const std::string& s) {
    return rtl::OStringToOUString(rtl::OString(s.c_str()), RTL_TEXTENCODING_UTF8);
}

inline std::string u8(const rtl::OUString& s) { return rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8).getStr(); }

/// file:///… for a system path; throws std::runtime_error for a path osl cannot take.
inline std::string file_url(const std::string& path) {
    rtl::OUString url;
    if (osl::FileBase::getFileURLFromSystemPath(ou(path), url) != osl::FileBase::E_None)
        throw std::runtime_error("not a usable path: " + path);
    return u8(url);
}

/// The system path of a file URL; "" when it is not one.
inline std::string system_path(const std::string& url) {
    rtl::OUString path;
    if (osl::FileBase::getSystemPathFromFileURL(ou(url), path) != osl::FileBase::E_None) return "";
    return u8(path);
}

inline com::sun::star::beans::PropertyValue prop(const char* name, const com::sun::star::uno::Any& value) {
    com::sun::star::beans::PropertyValue p;
    p.Name = rtl::OUString::createFromAscii(name);
    p.Value = value;
    return p;
}

} // namespace gongwen::uno_util
