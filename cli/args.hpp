#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ctrlab::cli {

// A usage error: the message says what was wrong and how the command is used.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a command accepts: options that take a value, and flags that do not.
struct OptionSpec {
  std::set<std::string> valued;  // e.g. "--revision"
  std::set<std::string> flags;   // e.g. "--json"
};

// Parsed command-line arguments: `--name value`, `--name=value`, flags, positionals.
// Unknown options are a UsageError naming the closest known one.
class Args {
 public:
  Args(const std::vector<std::string>& argv, const OptionSpec& spec);

  [[nodiscard]] bool flag(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> value(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> values(std::string_view name) const;
  [[nodiscard]] const std::vector<std::string>& positionals() const { return positionals_; }

  // The option's value parsed as a non-negative integer, or a UsageError naming the option.
  [[nodiscard]] std::optional<long long> integer(std::string_view name) const;
  [[nodiscard]] std::optional<double> number(std::string_view name) const;

 private:
  std::set<std::string, std::less<>> flags_;
  std::multimap<std::string, std::string, std::less<>> values_;
  std::vector<std::string> positionals_;
};

}  // namespace ctrlab::cli
