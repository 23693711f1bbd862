#pragma once

#include <string>

#include "ctrlab/reports/suite_report.hpp"

namespace ctrlab::reports {

// A diff row as one line of plain text, e.g.
//   changed   routes[main].default: via 10.0.0.1 -> (absent)
[[nodiscard]] std::string diff_line(const DiffRow& row);

// Every failing aspect of a case, with its diff lines, as plain text.
[[nodiscard]] std::string failing_aspects_text(const CaseReport& report);

// The one-line reason a case failed: the failing aspects' summaries joined.
[[nodiscard]] std::string failure_headline(const CaseReport& report);

}  // namespace ctrlab::reports
