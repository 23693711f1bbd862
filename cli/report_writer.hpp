#pragma once

#include <filesystem>
#include <vector>

#include "ctrlab/reports/suite_report.hpp"

namespace ctrlab::cli {

// Writes a suite's report files into `directory`: junit.xml, report.json, report.html,
// summary.md. Returns the paths written. Used by `ctrlab report` and `ctrlab run`.
std::vector<std::filesystem::path> write_report_files(const reports::SuiteReport& report,
                                                      const std::filesystem::path& directory);

}  // namespace ctrlab::cli
