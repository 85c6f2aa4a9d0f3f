# The LibreOffice SDK (Debian: libreoffice-dev): C++ UNO headers generated with cppumaker at build
# time, and the URE libraries. Defines GONGWEN_HAVE_LO_SDK and, when found, the interface target
# gongwen_uno (flags, include folders, libraries) and the target uno_headers that generates the
# office API's headers. Everything else builds without it.
option(GONGWEN_WITH_LIBREOFFICE "Build the office bridge and the add-in (needs libreoffice-dev)" ON)
set(LO_ROOT /usr/lib/libreoffice CACHE PATH "LibreOffice's installation folder")
find_program(LO_CPPUMAKER cppumaker HINTS ${LO_ROOT}/sdk/bin NO_DEFAULT_PATH)
find_path(LO_INCLUDE_DIR sal/config.h HINTS /usr/include/libreoffice ${LO_ROOT}/sdk/include)
find_file(LO_TYPES_RDB types.rdb HINTS ${LO_ROOT}/program NO_DEFAULT_PATH)
find_file(LO_OFFAPI_RDB offapi.rdb HINTS ${LO_ROOT}/program/types NO_DEFAULT_PATH)
set(_lo_libs)
foreach(lib uno_cppuhelpergcc3 uno_cppu uno_sal uno_salhelpergcc3)
  find_library(LO_LIB_${lib} ${lib} HINTS ${LO_ROOT}/sdk/lib NO_DEFAULT_PATH)
  list(APPEND _lo_libs LO_LIB_${lib})
endforeach()

set(GONGWEN_HAVE_LO_SDK ${GONGWEN_WITH_LIBREOFFICE})
foreach(v LO_CPPUMAKER LO_INCLUDE_DIR LO_TYPES_RDB LO_OFFAPI_RDB ${_lo_libs})
  if(GONGWEN_HAVE_LO_SDK AND NOT ${v})
    set(GONGWEN_HAVE_LO_SDK OFF)
    message(STATUS "LibreOffice SDK: ${v} not found (install libreoffice-dev); the office bridge and add-in are not built")
  endif()
endforeach()

if(GONGWEN_HAVE_LO_SDK)
  set(LO_PROGRAM_DIR ${LO_ROOT}/program)
  set(LO_GENERATED_INCLUDE ${PROJECT_BINARY_DIR}/uno-headers)
  # The whole office API (about a second); -O is joined to its folder or cppumaker cannot write.
  add_custom_command(OUTPUT ${LO_GENERATED_INCLUDE}/com/sun/star/frame/Desktop.hpp
    COMMAND ${CMAKE_COMMAND} -E make_directory ${LO_GENERATED_INCLUDE}
    COMMAND ${LO_CPPUMAKER} -Gc -O${LO_GENERATED_INCLUDE} ${LO_TYPES_RDB} ${LO_OFFAPI_RDB}
    DEPENDS ${LO_TYPES_RDB} ${LO_OFFAPI_RDB}
    COMMENT "cppumaker: C++ headers of the LibreOffice API")
  add_custom_target(uno_headers DEPENDS ${LO_GENERATED_INCLUDE}/com/sun/star/frame/Desktop.hpp)

  add_library(gongwen_uno INTERFACE)
  target_include_directories(gongwen_uno SYSTEM INTERFACE ${LO_GENERATED_INCLUDE} ${LO_INCLUDE_DIR})
  target_compile_definitions(gongwen_uno INTERFACE UNX GCC LINUX CPPU_ENV=gcc3
    LO_PROGRAM_DIR="${LO_PROGRAM_DIR}")
  set(_lo_paths)
  foreach(v ${_lo_libs})
    list(APPEND _lo_paths ${${v}})
  endforeach()
  target_link_libraries(gongwen_uno INTERFACE ${_lo_paths})
  message(STATUS "LibreOffice SDK: ${LO_ROOT} (office bridge and add-in enabled)")
endif()
