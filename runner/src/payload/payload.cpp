#include "ctrlab/runner/payload.hpp"

namespace ctrlab::runner {

std::string_view to_string(Payload payload) { return payload == Payload::systemd ? "systemd" : "probe"; }

std::optional<Payload> parse_payload(std::string_view text) {
  if (text == "probe") return Payload::probe;
  if (text == "systemd") return Payload::systemd;
  return std::nullopt;
}

// No first-boot questions: the container has no console to ask on (the sandbox boots the same way).
std::vector<std::string> systemd_payload_init() { return {"/usr/lib/systemd/systemd", "systemd.firstboot=off"}; }

const std::vector<RootLink>& systemd_payload_root_links() {
  static const std::vector<RootLink> links = {
      {"bin", "usr/bin"}, {"sbin", "usr/sbin"}, {"lib", "usr/lib"}, {"lib64", "usr/lib64"}};
  return links;
}

}  // namespace ctrlab::runner
