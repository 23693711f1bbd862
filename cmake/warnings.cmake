# Project-wide compiler flags: warnings (errors in CI) and the sanitizer build.
add_library(ctrlab_flags INTERFACE)
target_compile_options(ctrlab_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(CTRLAB_WERROR)
  target_compile_options(ctrlab_flags INTERFACE -Werror)
endif()
if(CTRLAB_SANITIZE)
  target_compile_options(ctrlab_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(ctrlab_flags INTERFACE -fsanitize=address,undefined)
endif()
if(CTRLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CTRLAB_FUZZ needs clang (libFuzzer); use the fuzz preset")
  endif()
  # Coverage for libFuzzer in everything the fuzz target links; the target adds the fuzzer's main.
  target_compile_options(ctrlab_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()
