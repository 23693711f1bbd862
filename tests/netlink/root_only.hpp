#pragma once

#include <unistd.h>

#include <boost/test/unit_test.hpp>

// These tests create network namespaces: they need root (CI runs as root).
namespace ctrlab::testing {

inline boost::test_tools::assertion_result running_as_root(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result result(::geteuid() == 0);
  result.message() << "needs root to create network namespaces";
  return result;
}

}  // namespace ctrlab::testing
