// ctrlab: test and simulate NixOS declarative containers. Dispatches to one command.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "args.hpp"
#include "command.hpp"
#include "exit_codes.hpp"
#include "version.hpp"

namespace ctrlab::cli {
namespace {

void print_overview(std::ostream& out) {
  out << "usage: ctrlab COMMAND [ARGS...]\n\n"
         "Tests and simulates NixOS declarative containers (containers.<name>).\n\n"
         "commands:\n";
  for (const auto& command : all_commands()) {
    out << "  " << command.name << std::string(12 - std::min<std::size_t>(11, command.name.size()), ' ')
        << command.summary << '\n';
  }
  out << "\nRun 'ctrlab COMMAND --help' for a command's options.\n"
         "Exit codes: 0 as predicted, 1 a verdict failed, 2 bad usage or input,\n"
         "            3 the environment cannot do it, 4 interrupted, 70 internal error.\n";
}

const Command* find_command(std::string_view name) {
  for (const auto& command : all_commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& arg : args) {
    if (arg == "--") return false;
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

int dispatch(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    if (argv.size() >= 2 && argv[0] == "help") {
      if (const auto* command = find_command(argv[1])) {
        std::cout << command->help;
        return exit_ok;
      }
    }
    print_overview(argv.empty() ? std::cerr : std::cout);
    return argv.empty() ? exit_input_error : exit_ok;
  }
  if (argv[0] == "--version") {
    std::cout << "ctrlab " << ctrlab_version << '\n';
    return exit_ok;
  }
  const Command* command = find_command(argv[0]);
  if (command == nullptr) {
    std::cerr << "ctrlab: unknown command '" << argv[0] << "'\n\n";
    print_overview(std::cerr);
    return exit_input_error;
  }
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  if (wants_help(rest)) {
    std::cout << command->help;
    return exit_ok;
  }
  try {
    return command->run(rest);
  } catch (const UsageError& error) {
    std::cerr << "ctrlab " << command->name << ": " << error.what() << "\nRun 'ctrlab " << command->name
              << " --help' for usage.\n";
    return exit_input_error;
  }
}

}  // namespace
}  // namespace ctrlab::cli

int main(int argc, char** argv) {
  try {
    return ctrlab::cli::dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& error) {
    std::cerr << "ctrlab: internal error: " << error.what() << '\n';
    return ctrlab::cli::exit_internal;
  }
}
