#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What each container runs once the module's container-side steps are done: what "booting"
// costs in a run.
namespace ctrlab::runner {

enum class Payload {
  // ctrlab's probe stays the init: READY=1 at once, then it behaves as the scenario says.
  probe,
  // The probe execs this machine's systemd as the container's init, booting from the sandbox's
  // /usr bound read-only into the container's root, with the preset "disable *" in its /etc:
  // only what /usr wants statically runs, as in the sandbox host itself. What a small NixOS
  // container's boot costs, with readiness as the revision's rules say (Type=notify, nspawn's
  // --notify-ready).
  systemd,
};

[[nodiscard]] std::string_view to_string(Payload payload);
[[nodiscard]] std::optional<Payload> parse_payload(std::string_view text);

// The init the systemd payload execs, inside the container, with its command line (a container's
// systemd reads its own command line where a machine's reads the kernel's).
[[nodiscard]] std::vector<std::string> systemd_payload_init();

// What the systemd payload adds to a container's root besides the bound /usr: the links a
// merged-/usr system has at its top (name -> target), and a preset that enables nothing, so that
// only what /usr wants statically runs (the distribution's presets would enable every installed
// service, as they would in the sandbox host).
struct RootLink {
  std::string name;
  std::string target;
};
[[nodiscard]] const std::vector<RootLink>& systemd_payload_root_links();
inline constexpr std::string_view systemd_payload_preset_file = "etc/systemd/system-preset/00-ctrlab.preset";
inline constexpr std::string_view systemd_payload_preset = "disable *\n";

}  // namespace ctrlab::runner
