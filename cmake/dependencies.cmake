# Third-party packages, all from Debian 12 (tools/install-deps installs them).
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBNL REQUIRED IMPORTED_TARGET libnl-3.0 libnl-route-3.0)
pkg_check_modules(LIBSYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
find_package(sdbus-c++ REQUIRED)
if(CTRLAB_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Boost.Test suite helper: one executable per module suite, run by ctest.
# LABELS: "unit" for pure tests, "root" for integration tests that need root and real namespaces.
function(ctrlab_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} Boost::unit_test_framework ctrlab_flags)
  target_compile_definitions(${name} PRIVATE
    BOOST_TEST_DYN_LINK
    CTRLAB_SOURCE_DIR="${CTRLAB_SOURCE_DIR}"
    CTRLAB_SHARED_DIR="${CTRLAB_SHARED_DIR}")
  add_test(NAME ${name} COMMAND ${name} --log_level=test_suite --report_level=short)
  if(T_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}")
  endif()
endfunction()
