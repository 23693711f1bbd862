#include "suite_input.hpp"

#include <algorithm>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/suite/selection.hpp"
#include "files.hpp"
#include "prediction_document.hpp"
#include "revision_option.hpp"
#include "scenario_files.hpp"

namespace ctrlab::cli {
namespace {

suite::Selection selection_of(const Args& args) {
  suite::Selection selection;
  try {
    if (const auto pattern = args.value("--filter")) selection.set_filter(*pattern);
  } catch (const suite::SelectionError& error) {
    throw UsageError(error.what());
  }
  if (const auto text = args.value("--revision")) {
    selection.revision = revision_value("--revision", *text);
  }
  return selection;
}

std::optional<suite::Shard> shard_of(const Args& args) {
  try {
    if (const auto shard = args.value("--shard")) return suite::Shard::parse(*shard);
  } catch (const suite::SelectionError& error) {
    throw UsageError(error.what());
  }
  return std::nullopt;
}

// Keeps this shard's part of the cases selected, an unreadable scenario counting as one case.
void keep_shard(const suite::Shard& shard, SuiteInput& input) {
  std::vector<std::string> names;
  for (const auto& c : input.cases) names.push_back(suite::case_name(c.name, c.revision));
  for (const auto& unreadable : input.unreadable) names.push_back(unreadable.scenario);
  const auto held = shard.holds(names);
  SuiteInput kept;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!held[i]) continue;
    if (i < input.cases.size()) {
      kept.cases.push_back(std::move(input.cases[i]));
    } else {
      kept.unreadable.push_back(std::move(input.unreadable[i - input.cases.size()]));
    }
  }
  input = std::move(kept);
}

}  // namespace

SuiteInput load_suite(const Args& args) {
  const auto selection = selection_of(args);
  const auto root = args.value("--root");
  const auto files = find_scenario_files(args.positionals(), root ? std::optional<std::filesystem::path>(*root) : std::nullopt);
  refuse_duplicate_names(files);
  SuiteInput input;
  for (const auto& file : files) {
    oracle::Scenario scenario;
    try {
      scenario = load_scenario(file.path);
    } catch (const oracle::ScenarioError& error) {
      if (selection.takes(file.name)) input.unreadable.push_back(suite::unreadable_scenario(file.name, file.path.string() + ": " + error.what()));
      continue;
    } catch (const FileError& error) {
      if (selection.takes(file.name)) input.unreadable.push_back(suite::unreadable_scenario(file.name, error.what()));
      continue;
    }
    auto revisions = scenario.revisions;
    std::sort(revisions.begin(), revisions.end());
    for (const auto revision : revisions) {
      if (selection.takes(file.name, revision)) input.cases.push_back({file.name, scenario, revision});
    }
  }
  if (const auto shard = shard_of(args)) keep_shard(*shard, input);
  return input;
}

}  // namespace ctrlab::cli
