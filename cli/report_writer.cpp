#include "report_writer.hpp"

#include "ctrlab/reports/formats.hpp"
#include "files.hpp"

namespace ctrlab::cli {

std::vector<std::filesystem::path> write_report_files(const reports::SuiteReport& report,
                                                      const std::filesystem::path& directory) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"junit.xml", reports::junit_xml(report)},
      {"report.json", reports::to_json(report).dump(1) + "\n"},
      {"report.html", reports::html_page(report)},
      {"summary.md", reports::markdown_summary(report)},
  };
  std::vector<std::filesystem::path> written;
  for (const auto& [name, text] : files) {
    write_text_file(directory / name, text);
    written.push_back(directory / name);
  }
  return written;
}

}  // namespace ctrlab::cli
