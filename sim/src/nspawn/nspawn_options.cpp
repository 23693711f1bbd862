#include <string_view>

#include "ctrlab/sim/nspawn.hpp"

namespace ctrlab::sim {
namespace {

std::optional<bool> parse_boolean(std::string_view text) {
  for (std::string_view yes : {"1", "yes", "y", "true", "t", "on"}) {
    if (text == yes) return true;
  }
  for (std::string_view no : {"0", "no", "n", "false", "f", "off"}) {
    if (text == no) return false;
  }
  return std::nullopt;
}

// What one option nspawn read means for the dynamics; returns why it is refused, if it is.
std::optional<std::string> apply(NspawnOptions& options, std::string_view name, std::string_view value) {
  if (name == "keep-unit") {
    options.keep_unit = true;
  } else if (name == "boot") {
    options.boot = true;
  } else if (name == "kill-signal") {
    const auto signal = oracle::parse_signal(value);
    if (!signal) return "cannot parse signal: " + std::string(value);
    options.kill_signal = signal;
  } else if (name == "register") {
    const auto registers = parse_boolean(value);
    if (!registers) return "--register= expects a boolean, got '" + std::string(value) + "'";
    options.registers_machine = *registers;
  } else if (name == "notify-ready") {
    const auto ready = parse_boolean(value);
    if (!ready) return "--notify-ready= expects a boolean, got '" + std::string(value) + "'";
    options.notify_ready = *ready;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Signal> NspawnOptions::effective_kill_signal() const {
  if (kill_signal) return kill_signal;
  if (boot) return signals::rtmin_plus_3;
  return std::nullopt;
}

NspawnOptions nspawn_options_from_argv(const oracle::Argv& argv) {
  return nspawn_options_from(oracle::read_nspawn_arguments(argv));
}

NspawnOptions nspawn_options_from(const oracle::NspawnArguments& arguments) {
  NspawnOptions options;
  if (arguments.refusal) {
    options.argv_error = arguments.refusal;
    return options;
  }
  for (const auto& [name, value] : arguments.options) {
    if (auto refusal = apply(options, name, value)) {
      options.argv_error = std::move(refusal);
      break;
    }
  }
  return options;
}

}  // namespace ctrlab::sim
