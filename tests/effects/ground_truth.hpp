#pragma once

#include <boost/test/unit_test.hpp>

#include <string>

#include "ctrlab/oracle/prediction.hpp"

// The rendering of a ground-truth case (tests/data/groundtruth/cases/CASE.json, or the folder the
// build's CTRLAB_SHARED_DIR names; see tests/data/groundtruth/README.md): what the real module
// rendered, as the effects model's input. Only the fields the network effects use are read:
// nspawnArgv, hostOps and containerOps.
namespace ctrlab::testing {

// A test that reads a case says so with this precondition: without the file the test is
// skipped, and says why, instead of passing without checking anything.
[[nodiscard]] boost::unit_test::decorator::precondition ground_truth_case(const std::string& case_file);

// Throws std::runtime_error when the case is not there (see ground_truth_case()).
[[nodiscard]] oracle::Prediction ground_truth_rendering(const std::string& case_file);

}  // namespace ctrlab::testing
