#include "ctrlab/runner/sandbox_limits.hpp"

#include "ctrlab/oracle/nspawn_arguments.hpp"

namespace ctrlab::runner::sandbox_limits {
namespace {

// nspawn 252's --private-users= values that leave the container in its parent's user namespace:
// the false booleans (digits are a UID shift, "0" included, and do make a user namespace).
bool shares_the_user_namespace(std::string_view value) {
  return value == "no" || value == "false" || value == "off" || value == "n" || value == "f";
}

// The --private-users= (or -U) the container's nspawn is given last, as nspawn reads its argv.
std::optional<std::string> private_users_of(const oracle::Argv& argv) {
  std::optional<std::string> last;
  for (const auto& [option, value] : oracle::read_nspawn_arguments(argv).options) {
    if (option == "-U") last = "pick";
    if (option == "private-users") last = std::string(value.empty() ? "yes" : value);
  }
  return last;
}

}  // namespace

std::optional<std::string> why_it_cannot_run(const oracle::Expectation& expected) {
  for (const auto& [name, container] : expected.rendering.containers) {
    if (container.nspawnArgv.empty()) {
      return "container " + name + "'s start script stops before it runs systemd-nspawn (bash cannot read it); the "
             "runner runs the start script's commands as an ExecStartPre= line and nspawn's argv as ExecStart=, so it "
             "has no ExecStart= to give such a unit";
    }
    const auto private_users = private_users_of(container.nspawnArgv);
    if (private_users && !shares_the_user_namespace(*private_users)) {
      return "container " + name + " runs with a user namespace of its own (--private-users=" + *private_users +
             "), which the sandbox host cannot give it: the sandbox runs in a user namespace itself, and "
             "systemd-nspawn 252 inside it cannot create the nested container's device nodes";
    }
  }
  return std::nullopt;
}

}  // namespace ctrlab::runner::sandbox_limits
