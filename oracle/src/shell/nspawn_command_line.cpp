#include "shell/nspawn_command_line.hpp"

#include "ctrlab/oracle/nspawn_arguments.hpp"

namespace ctrlab::oracle::shell {
namespace {

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

NspawnCommandLine read_nspawn_command_line(const Argv& argv) {
  NspawnCommandLine line;
  auto arguments = read_nspawn_arguments(argv);
  line.problem = std::move(arguments.refusal);
  line.commandIndex = arguments.command_index;
  line.setenv.reserve(10);
  for (const auto& [name, value] : arguments.options) {
    if (name == "setenv") record_setenv(line, value);
  }
  return line;
}

}  // namespace ctrlab::oracle::shell
