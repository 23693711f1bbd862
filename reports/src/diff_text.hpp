#pragma once

#include <string>

#include "ctrlab/reports/suite_report.hpp"

namespace ctrlab::reports {

// Every failing aspect of a case, with its differences as the oracle says them, as plain text.
[[nodiscard]] std::string failing_aspects_text(const CaseReport& report);

// The one-line reason a case failed: the failing aspects' summaries joined.
[[nodiscard]] std::string failure_headline(const CaseReport& report);

}  // namespace ctrlab::reports
