#include <iostream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../report_writer.hpp"
#include "commands.hpp"
#include "ctrlab/reports/formats.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab report SHARD.json... --out DIR [--name NAME]

Merges the report.json files of a suite's shards (each written by `ctrlab run`) into one
report and writes it as junit.xml, report.json, report.html and summary.md in DIR.

options:
  --out DIR      where to write the report files (created if needed)
  --name NAME    the suite's name in the merged report (default: the first shard's)

Exit codes: 0 the merged suite passed, 1 a case failed or errored, 2 bad usage or a shard
that is not a ctrlab report (the message names the JSON path).
)";

reports::SuiteReport read_shard(const std::string& path) {
  try {
    return reports::suite_from_json(nlohmann::json::parse(read_text_file(path)));
  } catch (const nlohmann::json::parse_error& error) {
    throw reports::ReportError(path, "a JSON document (" + std::string(error.what()) + ")");
  }
}

int run_report(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--out", "--name"}, .flags = {}});
  if (args.positionals().empty()) throw UsageError("give at least one report.json to merge");
  const auto out = args.value("--out");
  if (!out) throw UsageError("--out DIR is required");
  std::vector<reports::SuiteReport> shards;
  try {
    for (const auto& path : args.positionals()) shards.push_back(read_shard(path));
    auto merged = reports::merge_shards(shards);
    if (const auto name = args.value("--name")) merged.name = *name;
    for (const auto& path : write_report_files(merged, *out)) std::cout << "wrote " << path.string() << '\n';
    const auto counts = reports::count_cases(merged);
    std::cout << counts.passed << " passed, " << counts.failed << " failed, " << counts.errors << " errors, "
              << counts.skipped << " skipped\n";
    return counts.failed + counts.errors == 0 ? exit_ok : exit_mismatch;
  } catch (const reports::ReportError& error) {
    std::cerr << "ctrlab report: " << error.what() << '\n';
    return exit_input_error;
  } catch (const FileError& error) {
    std::cerr << "ctrlab report: " << error.what() << '\n';
    return exit_input_error;
  }
}

}  // namespace

Command report_command() {
  return {"report", "merge suite shards and write JUnit XML, JSON, HTML and Markdown", help, run_report};
}

}  // namespace ctrlab::cli
