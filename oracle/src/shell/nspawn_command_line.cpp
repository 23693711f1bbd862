#include "shell/nspawn_command_line.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

namespace ctrlab::oracle::shell {
namespace {

enum class Argument { none, required, optional };

struct LongOption {
  std::string_view name;
  Argument argument;
  char short_name;  // '\0' when it has none
};

// systemd-nspawn 252's option table.
constexpr std::array<LongOption, 67> long_options = {{
    {"help", Argument::none, 'h'},
    {"version", Argument::none, '\0'},
    {"directory", Argument::required, 'D'},
    {"template", Argument::required, '\0'},
    {"ephemeral", Argument::none, 'x'},
    {"user", Argument::required, 'u'},
    {"private-network", Argument::none, '\0'},
    {"as-pid2", Argument::none, 'a'},
    {"boot", Argument::none, 'b'},
    {"uuid", Argument::required, '\0'},
    {"read-only", Argument::none, '\0'},
    {"capability", Argument::required, '\0'},
    {"ambient-capability", Argument::required, '\0'},
    {"drop-capability", Argument::required, '\0'},
    {"no-new-privileges", Argument::required, '\0'},
    {"link-journal", Argument::required, '\0'},
    {"bind", Argument::required, '\0'},
    {"bind-ro", Argument::required, '\0'},
    {"tmpfs", Argument::required, '\0'},
    {"overlay", Argument::required, '\0'},
    {"overlay-ro", Argument::required, '\0'},
    {"inaccessible", Argument::required, '\0'},
    {"machine", Argument::required, 'M'},
    {"hostname", Argument::required, '\0'},
    {"slice", Argument::required, 'S'},
    {"setenv", Argument::required, 'E'},
    {"selinux-context", Argument::required, 'Z'},
    {"selinux-apifs-context", Argument::required, 'L'},
    {"quiet", Argument::none, 'q'},
    {"share-system", Argument::none, '\0'},
    {"register", Argument::required, '\0'},
    {"keep-unit", Argument::none, '\0'},
    {"network-interface", Argument::required, '\0'},
    {"network-macvlan", Argument::required, '\0'},
    {"network-ipvlan", Argument::required, '\0'},
    {"network-veth", Argument::none, 'n'},
    {"network-veth-extra", Argument::required, '\0'},
    {"network-bridge", Argument::required, '\0'},
    {"network-zone", Argument::required, '\0'},
    {"network-namespace-path", Argument::required, '\0'},
    {"personality", Argument::required, '\0'},
    {"image", Argument::required, 'i'},
    {"oci-bundle", Argument::required, '\0'},
    {"volatile", Argument::optional, '\0'},
    {"port", Argument::required, 'p'},
    {"property", Argument::required, '\0'},
    {"private-users", Argument::optional, '\0'},
    {"private-users-chown", Argument::none, '\0'},
    {"private-users-ownership", Argument::required, '\0'},
    {"kill-signal", Argument::required, '\0'},
    {"settings", Argument::required, '\0'},
    {"chdir", Argument::required, '\0'},
    {"pivot-root", Argument::required, '\0'},
    {"notify-ready", Argument::required, '\0'},
    {"root-hash", Argument::required, '\0'},
    {"root-hash-sig", Argument::required, '\0'},
    {"verity-data", Argument::required, '\0'},
    {"system-call-filter", Argument::required, '\0'},
    {"rlimit", Argument::required, '\0'},
    {"oom-score-adjust", Argument::required, '\0'},
    {"cpu-affinity", Argument::required, '\0'},
    {"resolv-conf", Argument::required, '\0'},
    {"timezone", Argument::required, '\0'},
    {"console", Argument::required, '\0'},
    {"pipe", Argument::none, 'P'},
    {"set-credential", Argument::required, '\0'},
    {"load-credential", Argument::required, '\0'},
}};

// getopt's short option string: "+hD:u:abL:M:jS:Z:qi:xp:nUE:P".
constexpr std::string_view short_with_value = "DuLMSZipE";
constexpr std::string_view short_without_value = "habjqxnUP";

const std::unordered_map<std::string_view, const LongOption*>& options_by_name() {
  static const auto index = [] {
    std::unordered_map<std::string_view, const LongOption*> by_name;
    for (const auto& option : long_options) by_name.emplace(option.name, &option);
    return by_name;
  }();
  return index;
}

// Exact name, else a unique prefix (getopt_long accepts abbreviations).
const LongOption* find_long_option(std::string_view name) {
  const auto& index = options_by_name();
  if (const auto exact = index.find(name); exact != index.end()) return exact->second;
  const LongOption* prefix_match = nullptr;
  int prefix_matches = 0;
  for (const auto& option : long_options) {
    if (option.name == name) return &option;
    if (option.name.starts_with(name)) {
      prefix_match = &option;
      ++prefix_matches;
    }
  }
  return prefix_matches == 1 ? prefix_match : nullptr;
}

void record_setenv(NspawnCommandLine& line, std::string_view assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos) return;  // nspawn then passes the host's value through
  line.setenv.emplace_back(assignment.substr(0, equals), assignment.substr(equals + 1));
}

}  // namespace

std::string_view NspawnCommandLine::environment(std::string_view name) const {
  for (auto it = setenv.rbegin(); it != setenv.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return {};
}

namespace {

// Reads argv as nspawn's getopt_long does, calling on_option(long name, value) for each
// option (a short option by its long name); returns where the command starts, if anywhere.
template <class OnOption>
std::optional<std::size_t> read_options(const Argv& argv, std::optional<std::string>& problem, OnOption on_option) {
  std::size_t i = 1;
  for (; i < argv.size(); ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.size() < 2 || arg.front() != '-') break;  // the command starts here
    if (arg.starts_with("--")) {
      const auto equals = arg.find('=');
      const auto name = arg.substr(2, equals == std::string_view::npos ? std::string_view::npos : equals - 2);
      const LongOption* option = find_long_option(name);
      if (option == nullptr) {
        problem = "unrecognized or ambiguous option '" + std::string(arg) + "'";
        return std::nullopt;
      }
      std::string_view value;
      if (equals != std::string_view::npos) {
        if (option->argument == Argument::none) {
          problem = "option '--" + std::string(option->name) + "' doesn't allow an argument";
          return std::nullopt;
        }
        value = arg.substr(equals + 1);
      } else if (option->argument == Argument::required) {
        if (i + 1 >= argv.size()) {
          problem = "option '" + std::string(arg) + "' requires an argument";
          return std::nullopt;
        }
        value = argv[++i];
      }
      on_option(option->name, value);
      continue;
    }
    // A cluster of short options, the last of which may take a value.
    for (std::size_t c = 1; c < arg.size(); ++c) {
      const char letter = arg[c];
      const bool takes_value = short_with_value.find(letter) != std::string_view::npos;
      if (!takes_value && short_without_value.find(letter) == std::string_view::npos) {
        problem = "invalid option -- '" + std::string(1, letter) + "'";
        return std::nullopt;
      }
      const auto* option = std::find_if(long_options.begin(), long_options.end(),
                                        [&](const LongOption& each) { return each.short_name == letter; });
      const std::string_view name = option != long_options.end() ? option->name : std::string_view{};
      if (!takes_value) {
        on_option(name, std::string_view{});
        continue;
      }
      std::string_view value = arg.substr(c + 1);
      if (value.empty()) {
        if (i + 1 >= argv.size()) {
          problem = "option requires an argument -- '" + std::string(1, letter) + "'";
          return std::nullopt;
        }
        value = argv[++i];
      }
      on_option(name, value);
      break;
    }
  }
  if (i < argv.size()) return i;
  return std::nullopt;
}

}  // namespace

NspawnCommandLine read_nspawn_command_line(const Argv& argv) {
  NspawnCommandLine line;
  line.setenv.reserve(10);
  line.commandIndex = read_options(argv, line.problem, [&](std::string_view name, std::string_view value) {
    if (name == "setenv") record_setenv(line, value);
  });
  return line;
}

NspawnOptions read_nspawn_options(const Argv& argv) {
  NspawnOptions options;
  options.commandIndex = read_options(argv, options.problem, [&](std::string_view name, std::string_view value) {
    options.given.emplace_back(name, value);
  });
  return options;
}

}  // namespace ctrlab::oracle::shell
