#include "ctrlab/runner/sandbox_limits.hpp"

namespace ctrlab::runner::sandbox_limits {
namespace {

// What systemd-nspawn 252 does inside the sandbox for a container whose user namespace maps
// its ids above 0 (measured in the sandbox, see sandbox_limits.hpp).
std::string why_a_shifted_range_cannot_run(const std::string& name, const oracle::UserNamespaceRequest& request) {
  const std::string head = "container " + name + " runs with a user namespace of its own whose ids start above 0 (--private-users=" +
                           (request.value.empty() ? "pick" : request.value) + "), which systemd-nspawn 252 cannot set up inside the sandbox host, "
                           "itself in a user namespace: ";
  const std::string devices =
      "it must create the container's /dev/null with mknod(), which needs CAP_MKNOD in the machine's initial user "
      "namespace (\"mknod(.../dev/null) failed: Operation not permitted\"), and falls back to bind-mounting the "
      "sandbox's node only for a range starting at 0";
  if (request.mode != oracle::UserNamespaceMode::pick) return head + devices;
  return head +
         "pick implies --private-users-ownership=auto, so it first idmaps the container's root, which the kernel refuses "
         "on the sandbox's root, a file system of the machine's user namespace (\"Failed to set up ID mapped mounts: "
         "Operation not permitted\"); on a tmpfs of the sandbox's own, files it creates through that mount get uid "
         "0x7ffffffe, which the sandbox cannot map beside nspawn's own idmapped /usr (\"Value too large for defined "
         "data type\"); and past both, " + devices;
}

}  // namespace

std::optional<std::string> why_it_cannot_run(const oracle::Expectation& expected) {
  for (const auto& [name, container] : expected.rendering.containers) {
    if (container.nspawnArgv.empty()) {
      return "container " + name + "'s start script stops before it runs systemd-nspawn (bash cannot read it); the "
             "runner runs the start script's commands as an ExecStartPre= line and nspawn's argv as ExecStart=, so it "
             "has no ExecStart= to give such a unit";
    }
    const auto effects = expected.effects.containers.find(name);
    if (effects == expected.effects.containers.end() || !effects->second.users) continue;
    const auto& users = *effects->second.users;
    // A map nspawn cannot predict here is pick's (random draws): above 0 all the same.
    if (users.own_namespace && (!users.uid_map || users.uid_map->outside != 0)) {
      return why_a_shifted_range_cannot_run(name, oracle::user_namespace_request(container.nspawnArgv));
    }
  }
  return std::nullopt;
}

}  // namespace ctrlab::runner::sandbox_limits
