#include <algorithm>
#include <array>
#include <string_view>

#include "ctrlab/sim/nspawn.hpp"

namespace ctrlab::sim {
namespace {

enum class Argument { none, required, optional };

struct LongOption {
  std::string_view name;
  Argument argument;
};

// nspawn v252's long options (parse_argv()), with whether they take an argument.
constexpr std::array<LongOption, 70> long_options = {{
    {"help", Argument::none},
    {"version", Argument::none},
    {"directory", Argument::required},
    {"template", Argument::required},
    {"ephemeral", Argument::none},
    {"user", Argument::required},
    {"private-network", Argument::none},
    {"as-pid2", Argument::none},
    {"boot", Argument::none},
    {"uuid", Argument::required},
    {"read-only", Argument::none},
    {"capability", Argument::required},
    {"ambient-capability", Argument::required},
    {"drop-capability", Argument::required},
    {"no-new-privileges", Argument::required},
    {"link-journal", Argument::required},
    {"bind", Argument::required},
    {"bind-ro", Argument::required},
    {"tmpfs", Argument::required},
    {"overlay", Argument::required},
    {"overlay-ro", Argument::required},
    {"inaccessible", Argument::required},
    {"machine", Argument::required},
    {"hostname", Argument::required},
    {"slice", Argument::required},
    {"setenv", Argument::required},
    {"selinux-context", Argument::required},
    {"selinux-apifs-context", Argument::required},
    {"quiet", Argument::none},
    {"share-system", Argument::none},
    {"register", Argument::required},
    {"keep-unit", Argument::none},
    {"network-interface", Argument::required},
    {"network-macvlan", Argument::required},
    {"network-ipvlan", Argument::required},
    {"network-veth", Argument::none},
    {"network-veth-extra", Argument::required},
    {"network-bridge", Argument::required},
    {"network-zone", Argument::required},
    {"network-namespace-path", Argument::required},
    {"personality", Argument::required},
    {"image", Argument::required},
    {"volatile", Argument::optional},
    {"port", Argument::required},
    {"property", Argument::required},
    {"private-users", Argument::optional},
    {"private-users-chown", Argument::optional},
    {"private-users-ownership", Argument::required},
    {"kill-signal", Argument::required},
    {"settings", Argument::required},
    {"chdir", Argument::required},
    {"pivot-root", Argument::required},
    {"notify-ready", Argument::required},
    {"root-hash", Argument::required},
    {"root-hash-sig", Argument::required},
    {"verity-data", Argument::required},
    {"system-call-filter", Argument::required},
    {"rlimit", Argument::required},
    {"oom-score-adjust", Argument::required},
    {"cpu-affinity", Argument::required},
    {"resolv-conf", Argument::required},
    {"timezone", Argument::required},
    {"console", Argument::required},
    {"pipe", Argument::none},
    {"oci-bundle", Argument::required},
    {"no-pager", Argument::none},
    {"set-credential", Argument::required},
    {"load-credential", Argument::required},
    {"bind-user", Argument::required},
    {"suppress-sync", Argument::required},
}};

// nspawn's short options: "+hD:u:abL:M:jS:Z:qi:xp:nUE:P".
constexpr std::string_view short_without_argument = "habjqxnUP";
constexpr std::string_view short_with_argument = "DuLMSZipE";

std::optional<bool> parse_boolean(std::string_view text) {
  for (std::string_view yes : {"1", "yes", "y", "true", "t", "on"}) {
    if (text == yes) return true;
  }
  for (std::string_view no : {"0", "no", "n", "false", "f", "off"}) {
    if (text == no) return false;
  }
  return std::nullopt;
}

// An exact name, else the one option it abbreviates (getopt_long's unambiguous prefixes).
const LongOption* find_long_option(std::string_view name) {
  for (const auto& option : long_options) {
    if (option.name == name) return &option;
  }
  const LongOption* match = nullptr;
  for (const auto& option : long_options) {
    if (!option.name.starts_with(name)) continue;
    if (match != nullptr) return nullptr;  // ambiguous
    match = &option;
  }
  return match;
}

class ArgvReader {
 public:
  explicit ArgvReader(const oracle::Argv& argv) : argv_(argv) {}

  NspawnOptions read() {
    for (index_ = 1; index_ < argv_.size() && !options_.argv_error; ++index_) {
      const std::string& word = argv_[index_];
      if (word == "--") break;
      if (word.size() < 2 || word[0] != '-') break;  // "+" in the optstring: stop at the command
      if (word[1] == '-') {
        read_long(std::string_view(word).substr(2));
      } else {
        read_short_cluster(std::string_view(word).substr(1));
      }
    }
    return options_;
  }

 private:
  void fail(const std::string& message) { options_.argv_error = message; }

  std::optional<std::string> next_word() {
    if (index_ + 1 >= argv_.size()) return std::nullopt;
    return argv_[++index_];
  }

  void read_long(std::string_view text) {
    const auto equals = text.find('=');
    const std::string_view name = text.substr(0, equals);
    const LongOption* option = find_long_option(name);
    if (option == nullptr) return fail("unrecognized or ambiguous option '--" + std::string(name) + "'");
    std::optional<std::string> value;
    if (equals != std::string_view::npos) {
      if (option->argument == Argument::none) {
        return fail("option '--" + std::string(option->name) + "' doesn't allow an argument");
      }
      value = std::string(text.substr(equals + 1));
    } else if (option->argument == Argument::required) {
      value = next_word();
      if (!value) return fail("option '--" + std::string(option->name) + "' requires an argument");
    }
    apply(option->name, value);
  }

  void read_short_cluster(std::string_view letters) {
    for (std::size_t i = 0; i < letters.size(); ++i) {
      const char letter = letters[i];
      if (short_without_argument.find(letter) != std::string_view::npos) {
        if (letter == 'b') apply("boot", std::nullopt);
        continue;
      }
      if (short_with_argument.find(letter) != std::string_view::npos) {
        if (i + 1 < letters.size()) return;  // the rest of the word is the argument
        if (!next_word()) return fail(std::string("option requires an argument -- '") + letter + "'");
        return;
      }
      return fail(std::string("invalid option -- '") + letter + "'");
    }
  }

  void apply(std::string_view name, const std::optional<std::string>& value) {
    if (name == "keep-unit") {
      options_.keep_unit = true;
    } else if (name == "boot") {
      options_.boot = true;
    } else if (name == "kill-signal") {
      const auto signal = parse_signal(*value);
      if (!signal) return fail("cannot parse signal: " + *value);
      options_.kill_signal = signal;
    } else if (name == "register") {
      const auto registers = parse_boolean(*value);
      if (!registers) return fail("--register= expects a boolean, got '" + *value + "'");
      options_.registers_machine = *registers;
    } else if (name == "notify-ready") {
      const auto ready = parse_boolean(*value);
      if (!ready) return fail("--notify-ready= expects a boolean, got '" + *value + "'");
      options_.notify_ready = *ready;
    }
  }

  const oracle::Argv& argv_;
  std::size_t index_ = 1;
  NspawnOptions options_;
};

}  // namespace

std::optional<Signal> NspawnOptions::effective_kill_signal() const {
  if (kill_signal) return kill_signal;
  if (boot) return signals::rtmin_plus_3;
  return std::nullopt;
}

NspawnOptions nspawn_options_from_argv(const oracle::Argv& argv) { return ArgvReader(argv).read(); }

}  // namespace ctrlab::sim
