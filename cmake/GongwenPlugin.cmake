# gongwen_add_plugin(<id>
#     [SOURCES file.cpp ...]        C++ hooks (gongwen/plugin_sdk.hpp): builds lib<id>.so
#     MANIFEST plugin.json          the manifest
#     [FILES path ...]              templates and other files; a folder named *.docx or *.odt
#                                   is a template kept as XML and is packed into that file
#     [OUTPUT_DIR dir])             where the plugin folder is assembled (default: <build>/<id>)
# Assembles a complete plugin folder that `GONGWEN_PLUGIN_PATH=<folder>` (or installing it to
# <prefix>/share/gongwen/plugins) makes available to gongwen. Needs neither libzip nor pugixml.
function(gongwen_add_plugin id)
  cmake_parse_arguments(PARSE_ARGV 1 GP "" "MANIFEST;OUTPUT_DIR;INSTALL_DESTINATION" "SOURCES;FILES")
  if(NOT GP_MANIFEST)
    message(FATAL_ERROR "gongwen_add_plugin(${id}): MANIFEST is required")
  endif()
  if(NOT GP_OUTPUT_DIR)
    set(GP_OUTPUT_DIR ${CMAKE_BINARY_DIR}/${id})
  endif()
  set(outputs)

  get_filename_component(manifest ${GP_MANIFEST} ABSOLUTE)
  get_filename_component(base ${manifest} DIRECTORY)  # FILES land at their path relative to the manifest
  add_custom_command(OUTPUT ${GP_OUTPUT_DIR}/plugin.json
    COMMAND ${CMAKE_COMMAND} -E copy ${manifest} ${GP_OUTPUT_DIR}/plugin.json
    DEPENDS ${manifest} COMMENT "Plugin ${id}: manifest")
  list(APPEND outputs ${GP_OUTPUT_DIR}/plugin.json)

  foreach(item IN LISTS GP_FILES)
    get_filename_component(abs ${item} ABSOLUTE)
    if(IS_DIRECTORY ${abs})
      file(GLOB_RECURSE files RELATIVE ${base} CONFIGURE_DEPENDS ${abs}/*)
    else()
      file(RELATIVE_PATH files ${base} ${abs})
    endif()
    set(packed)
    foreach(rel IN LISTS files)
      if(rel MATCHES "^(.*\\.(docx|odt))/")
        list(APPEND packed ${CMAKE_MATCH_1})
      else()
        add_custom_command(OUTPUT ${GP_OUTPUT_DIR}/${rel}
          COMMAND ${CMAKE_COMMAND} -E copy ${base}/${rel} ${GP_OUTPUT_DIR}/${rel}
          DEPENDS ${base}/${rel})
        list(APPEND outputs ${GP_OUTPUT_DIR}/${rel})
      endif()
    endforeach()
    list(REMOVE_DUPLICATES packed)
    foreach(folder IN LISTS packed)
      file(GLOB_RECURSE parts CONFIGURE_DEPENDS ${base}/${folder}/*)
      get_filename_component(parent ${GP_OUTPUT_DIR}/${folder} DIRECTORY)
      add_custom_command(OUTPUT ${GP_OUTPUT_DIR}/${folder}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${parent}
        COMMAND Gongwen::gongwen pack ${base}/${folder} -o ${GP_OUTPUT_DIR}/${folder} --force
        DEPENDS ${parts} Gongwen::gongwen COMMENT "Plugin ${id}: packing ${folder}")
      list(APPEND outputs ${GP_OUTPUT_DIR}/${folder})
    endforeach()
  endforeach()
  add_custom_target(gongwen_plugin_${id}_files ALL DEPENDS ${outputs})
  set_property(GLOBAL APPEND PROPERTY GONGWEN_PLUGIN_TARGETS gongwen_plugin_${id}_files)

  if(GP_SOURCES)
    add_library(gongwen_plugin_${id} MODULE ${GP_SOURCES})
    target_link_libraries(gongwen_plugin_${id} PRIVATE Gongwen::sdk)
    set_target_properties(gongwen_plugin_${id} PROPERTIES
      OUTPUT_NAME ${id} PREFIX "lib" SUFFIX ".so"
      LIBRARY_OUTPUT_DIRECTORY ${GP_OUTPUT_DIR}
      CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
    add_dependencies(gongwen_plugin_${id} gongwen_plugin_${id}_files)
    set_property(GLOBAL APPEND PROPERTY GONGWEN_PLUGIN_TARGETS gongwen_plugin_${id})
  endif()

  if(GP_INSTALL_DESTINATION)
    install(DIRECTORY ${GP_OUTPUT_DIR}/ DESTINATION ${GP_INSTALL_DESTINATION}/${id} USE_SOURCE_PERMISSIONS)
  endif()
endfunction()
