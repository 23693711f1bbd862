# ctrlab_add_part(NAME [DEPENDS libs...] [PRIVATE_DEPENDS libs...]): one library per top-level
# folder, built from its src/, exposing its include/.
function(ctrlab_add_part name)
  cmake_parse_arguments(P "" "" "DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(ctrlab_${name} STATIC ${sources})
  target_include_directories(ctrlab_${name} PUBLIC include PRIVATE src)
  target_link_libraries(ctrlab_${name} PUBLIC ${P_DEPENDS} PRIVATE ctrlab_flags ${P_PRIVATE_DEPENDS})
endfunction()
