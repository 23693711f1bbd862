#include "ctrlab/suite/selection.hpp"

#include <algorithm>
#include <charconv>

namespace ctrlab::suite {
namespace {

std::optional<std::size_t> whole_number(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Shard Shard::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto index = whole_number(text.substr(0, slash));
  const auto count = slash == std::string_view::npos ? std::nullopt : whole_number(text.substr(slash + 1));
  if (!index || !count || *count == 0 || *index == 0 || *index > *count) {
    throw SelectionError("--shard takes I/N with 1 <= I <= N (e.g. 2/4), not '" + std::string(text) + "'");
  }
  return {*index, *count};
}

std::vector<bool> Shard::holds(const std::vector<std::string>& names) const {
  std::vector<std::size_t> order(names.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
  std::vector<bool> held(names.size(), false);
  for (std::size_t place = index - 1; place < order.size(); place += count) held[order[place]] = true;
  return held;
}

void Selection::set_filter(const std::string& pattern) {
  try {
    filter.emplace(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    throw SelectionError("--filter takes a regular expression (ECMAScript), not '" + pattern + "': " + error.what());
  }
}

std::string case_name(const std::string& scenario, oracle::Revision revision) {
  return scenario + "/" + std::string(oracle::to_string(revision));
}

bool Selection::takes(const std::string& scenario, oracle::Revision r) const {
  if (revision && r != *revision) return false;
  const auto name = case_name(scenario, r);
  return !filter || std::regex_search(name, *filter);
}

bool Selection::takes(const std::string& scenario) const {
  return !filter || std::regex_search(scenario, *filter);
}

}  // namespace ctrlab::suite
