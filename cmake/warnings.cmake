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

# Paths the tests and tools read, known at configure time.
set(CTRLAB_SOURCE_DIR "${PROJECT_SOURCE_DIR}")
# The ground truth the oracle is held against: the workplace's shared folder when it is beside
# the checkout (it may hold more cases), else the copy committed under tests/data.
if(EXISTS "${PROJECT_SOURCE_DIR}/../shared/groundtruth/cases")
  set(default_shared_dir "${PROJECT_SOURCE_DIR}/../shared")
else()
  set(default_shared_dir "${PROJECT_SOURCE_DIR}/tests/data")
endif()
set(CTRLAB_SHARED_DIR "${default_shared_dir}" CACHE PATH "A folder holding groundtruth/cases/*.json")
