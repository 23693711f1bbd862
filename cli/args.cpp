#include "args.hpp"

#include <algorithm>
#include <charconv>

namespace ctrlab::cli {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_option_message(const std::string& name, const OptionSpec& spec) {
  std::string best;
  std::size_t best_distance = 4;  // suggest only names that are close
  for (const auto* set : {&spec.valued, &spec.flags}) {
    for (const auto& known : *set) {
      const auto d = edit_distance(name, known);
      if (d < best_distance) {
        best_distance = d;
        best = known;
      }
    }
  }
  std::string message = "unknown option '" + name + "'";
  if (!best.empty()) message += "; did you mean '" + best + "'?";
  return message;
}

}  // namespace

Args::Args(const std::vector<std::string>& argv, const OptionSpec& spec) {
  bool only_positionals = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (only_positionals || arg.size() < 2 || arg[0] != '-') {
      positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    const auto eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    if (spec.flags.contains(name)) {
      if (eq != std::string::npos) throw UsageError("option '" + name + "' takes no value");
      flags_.insert(name);
    } else if (spec.valued.contains(name)) {
      if (eq != std::string::npos) {
        values_.emplace(name, arg.substr(eq + 1));
      } else if (i + 1 < argv.size()) {
        values_.emplace(name, argv[++i]);
      } else {
        throw UsageError("option '" + name + "' needs a value");
      }
    } else {
      throw UsageError(unknown_option_message(name, spec));
    }
  }
}

bool Args::flag(std::string_view name) const { return flags_.contains(name); }

std::optional<std::string> Args::value(std::string_view name) const {
  const auto [first, last] = values_.equal_range(name);
  if (first == last) return std::nullopt;
  return std::prev(last)->second;  // the last one given wins, as in most tools
}

std::vector<std::string> Args::values(std::string_view name) const {
  std::vector<std::string> out;
  const auto [first, last] = values_.equal_range(name);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

std::optional<long long> Args::integer(std::string_view name) const {
  const auto text = value(name);
  if (!text) return std::nullopt;
  long long parsed = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
  if (error != std::errc{} || end != text->data() + text->size() || parsed < 0) {
    throw UsageError("option '" + std::string(name) + "' expects a non-negative integer, got '" + *text + "'");
  }
  return parsed;
}

std::optional<double> Args::number(std::string_view name) const {
  const auto text = value(name);
  if (!text) return std::nullopt;
  try {
    std::size_t used = 0;
    const double parsed = std::stod(*text, &used);
    if (used == text->size() && parsed >= 0) return parsed;
  } catch (const std::exception&) {
  }
  throw UsageError("option '" + std::string(name) + "' expects a non-negative number, got '" + *text + "'");
}

}  // namespace ctrlab::cli
