#pragma once

#include <string>

#include "ctrlab/reports/suite_report.hpp"

// A case's findings as plain text, shared by the formats that show text (JUnit, Markdown).
namespace ctrlab::reports {

// Every failing aspect of a case, with its differences as the oracle says them, as plain text.
[[nodiscard]] std::string failing_aspects_text(const CaseReport& report);

// What a person reads below a case that did not pass: its units' journals, then the runner's
// log, each line indented under its heading ("journal of container@web.service:").
[[nodiscard]] std::string journal_and_log_text(const CaseReport& report);

}  // namespace ctrlab::reports
