#include "ctrlab/oracle/nspawn_arguments.hpp"

#include <unordered_map>

namespace ctrlab::oracle {
namespace {

enum class Takes { nothing, value, optional_value };

struct NspawnOption {
  std::string_view long_name;
  char short_name;  // '\0' if none
  Takes takes;
};

// systemd-nspawn v252's options (parse_argv()), so that values are never mistaken for options.
constexpr NspawnOption nspawn_options[] = {
    {"help", 'h', Takes::nothing}, {"version", '\0', Takes::nothing}, {"directory", 'D', Takes::value},
    {"template", '\0', Takes::value}, {"ephemeral", 'x', Takes::nothing}, {"user", 'u', Takes::value},
    {"private-network", '\0', Takes::nothing}, {"as-pid2", 'a', Takes::nothing}, {"boot", 'b', Takes::nothing},
    {"uuid", '\0', Takes::value}, {"read-only", '\0', Takes::nothing}, {"capability", '\0', Takes::value},
    {"ambient-capability", '\0', Takes::value}, {"drop-capability", '\0', Takes::value},
    {"no-new-privileges", '\0', Takes::value}, {"link-journal", '\0', Takes::value}, {"bind", '\0', Takes::value},
    {"bind-ro", '\0', Takes::value}, {"tmpfs", '\0', Takes::value}, {"overlay", '\0', Takes::value},
    {"overlay-ro", '\0', Takes::value}, {"inaccessible", '\0', Takes::value}, {"machine", 'M', Takes::value},
    {"hostname", '\0', Takes::value}, {"slice", 'S', Takes::value}, {"setenv", 'E', Takes::value},
    {"selinux-context", 'Z', Takes::value}, {"selinux-apifs-context", 'L', Takes::value},
    {"quiet", 'q', Takes::nothing}, {"share-system", '\0', Takes::nothing}, {"register", '\0', Takes::value},
    {"keep-unit", '\0', Takes::nothing}, {"network-interface", '\0', Takes::value},
    {"network-macvlan", '\0', Takes::value}, {"network-ipvlan", '\0', Takes::value},
    {"network-veth", 'n', Takes::nothing}, {"network-veth-extra", '\0', Takes::value},
    {"network-bridge", '\0', Takes::value}, {"network-zone", '\0', Takes::value},
    {"network-namespace-path", '\0', Takes::value}, {"personality", '\0', Takes::value}, {"image", 'i', Takes::value},
    {"volatile", '\0', Takes::optional_value}, {"port", 'p', Takes::value}, {"property", '\0', Takes::value},
    {"private-users", '\0', Takes::optional_value}, {"private-users-chown", '\0', Takes::nothing},
    {"private-users-ownership", '\0', Takes::value}, {"kill-signal", '\0', Takes::value},
    {"settings", '\0', Takes::value}, {"chdir", '\0', Takes::value}, {"pivot-root", '\0', Takes::value},
    {"notify-ready", '\0', Takes::value}, {"root-hash", '\0', Takes::value}, {"root-hash-sig", '\0', Takes::value},
    {"verity-data", '\0', Takes::value}, {"system-call-filter", '\0', Takes::value}, {"rlimit", '\0', Takes::value},
    {"oom-score-adjust", '\0', Takes::value}, {"cpu-affinity", '\0', Takes::value},
    {"resolv-conf", '\0', Takes::value}, {"timezone", '\0', Takes::value}, {"console", '\0', Takes::value},
    {"pipe", '\0', Takes::nothing}, {"oci-bundle", '\0', Takes::value}, {"no-pager", '\0', Takes::nothing},
    {"set-credential", '\0', Takes::value}, {"load-credential", '\0', Takes::value},
    {"bind-user", '\0', Takes::value}, {"suppress-sync", '\0', Takes::value},
};
// Short options without a long name: -j (--link-journal=try-guest), -U (--private-users=pick), -P (--pipe).
constexpr std::string_view short_flags_without_long = "jUP";

// Exact names are looked up by hash: every prediction reads one argv per container.
const NspawnOption* exact_long_option(std::string_view name) {
  static const auto index = [] {
    std::unordered_map<std::string_view, const NspawnOption*> by_name;
    for (const auto& option : nspawn_options) by_name.emplace(option.long_name, &option);
    return by_name;
  }();
  const auto found = index.find(name);
  return found == index.end() ? nullptr : found->second;
}

// An exact name, else the one option it abbreviates (getopt_long's unambiguous prefixes).
const NspawnOption* find_long_option(std::string_view name, bool& ambiguous) {
  ambiguous = false;
  if (const auto* exact = exact_long_option(name)) return exact;
  const NspawnOption* prefix_match = nullptr;
  for (const auto& option : nspawn_options) {
    if (!option.long_name.starts_with(name)) continue;
    if (prefix_match != nullptr) ambiguous = true;
    prefix_match = &option;
  }
  return ambiguous ? nullptr : prefix_match;
}

const NspawnOption* find_short_option(char name) {
  for (const auto& option : nspawn_options) {
    if (option.short_name == name) return &option;
  }
  return nullptr;
}

class ArgvReader {
 public:
  explicit ArgvReader(const Argv& argv) : argv_(argv) {}

  NspawnArguments read() {
    for (i_ = 1; i_ < argv_.size() && !parsed_.refusal; ++i_) {
      const std::string_view word = argv_[i_];
      if (word == "--") {
        if (i_ + 1 < argv_.size()) command_at(i_ + 1);
        break;
      }
      if (word.size() < 2 || word[0] != '-') {  // "+": options end at the first non-option
        command_at(i_);
        break;
      }
      if (word.starts_with("--")) {
        read_long(word);
      } else {
        read_short_cluster(word);
      }
    }
    return std::move(parsed_);
  }

 private:
  void refuse(std::string message) { parsed_.refusal = std::move(message); }

  void command_at(std::size_t index) {
    parsed_.command_index = index;
    parsed_.command = argv_[index];
  }

  void read_long(std::string_view word) {
    const std::size_t equals = word.find('=');
    const std::string_view name = word.substr(2, equals == std::string_view::npos ? std::string_view::npos : equals - 2);
    bool ambiguous = false;
    const NspawnOption* option = find_long_option(name, ambiguous);
    if (option == nullptr) {
      return refuse(ambiguous ? "option '" + std::string(word) + "' is ambiguous"
                              : "unrecognized option '" + std::string(word) + "'");
    }
    std::string_view value;
    if (equals != std::string_view::npos) {
      if (option->takes == Takes::nothing) {
        return refuse("option '--" + std::string(option->long_name) + "' doesn't allow an argument");
      }
      value = word.substr(equals + 1);
    } else if (option->takes == Takes::value) {
      if (i_ + 1 >= argv_.size()) return refuse("option '--" + std::string(option->long_name) + "' requires an argument");
      value = argv_[++i_];
    }
    parsed_.options.emplace_back(option->long_name, value);
  }

  // A cluster of short options; one taking a value ends it (the rest of the word, or the next).
  void read_short_cluster(std::string_view word) {
    for (std::size_t at = 1; at < word.size(); ++at) {
      const char letter = word[at];
      if (const auto flag = short_flags_without_long.find(letter); flag != std::string_view::npos) {
        parsed_.options.emplace_back(short_only_names[flag], std::string_view{});
        continue;
      }
      const NspawnOption* option = find_short_option(letter);
      if (option == nullptr) return refuse(std::string("invalid option -- '") + letter + "'");
      if (option->takes != Takes::value) {
        parsed_.options.emplace_back(option->long_name, std::string_view{});
        continue;
      }
      std::string_view value = word.substr(at + 1);
      if (value.empty()) {
        if (i_ + 1 >= argv_.size()) return refuse(std::string("option requires an argument -- '") + letter + "'");
        value = argv_[++i_];
      }
      parsed_.options.emplace_back(option->long_name, value);
      return;
    }
  }

  static constexpr std::string_view short_only_names[] = {"-j", "-U", "-P"};  // as in short_flags_without_long

  const Argv& argv_;
  std::size_t i_ = 1;
  NspawnArguments parsed_;
};

}  // namespace

NspawnArguments read_nspawn_arguments(const Argv& argv) { return ArgvReader(argv).read(); }

NspawnArgumentsByContainer read_nspawn_arguments(const Prediction& prediction) {
  NspawnArgumentsByContainer arguments;
  for (const auto& [name, container] : prediction.containers) {
    arguments.emplace_hint(arguments.end(), name, read_nspawn_arguments(container.nspawnArgv));
  }
  return arguments;
}

}  // namespace ctrlab::oracle
