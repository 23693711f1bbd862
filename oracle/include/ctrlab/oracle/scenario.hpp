#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ctrlab/oracle/behaviour.hpp"
#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/revision.hpp"

// The input model: a scenario file as ctrlab reads it (see parse.hpp). Container options
// keep the NixOS module's own names. Every option is `Defined<T>`: empty when the spec does
// not define it (Nix's `isDefined` is false and the revision's default applies), so that a
// revision lacking an option refuses the spec only when the spec really defines it.
namespace ctrlab::oracle {

// An option the spec defined (has a value) or left to the module's default (nullopt).
template <class T>
using Defined = std::optional<T>;

// The value of a `types.nullOr T` option: nullopt is Nix's `null`.
template <class T>
using NullOr = std::optional<T>;

// A name in `containers.<name>`; ordered bytewise, as Nix orders attribute names.
struct ContainerName {
  std::string value;
  friend auto operator<=>(const ContainerName&, const ContainerName&) = default;
};

// A network interface name as the module passes it on (interfaces, macvlans, extraVeths keys).
struct InterfaceName {
  std::string value;
  friend auto operator<=>(const InterfaceName&, const InterfaceName&) = default;
};

// A Nix store path, e.g. /nix/store/<32 chars>-systemd.
struct StorePath {
  std::string value;
  friend auto operator<=>(const StorePath&, const StorePath&) = default;
};

// One entry of `forwardPorts`. The ports are any integer, as 2018-2022 type them (types.int);
// 2025's types.port refuses one outside 0-65535 (render/option_types.cpp).
struct ForwardPort {
  Defined<std::string> protocol;               // default "tcp"
  std::int64_t hostPort = 0;                   // required
  Defined<NullOr<std::int64_t>> containerPort;  // default null: the same as hostPort
};

// The module's `networkOptions`: the container's own veth, and each of `extraVeths`.
struct NetworkOptions {
  Defined<NullOr<std::string>> hostBridge;
  Defined<std::vector<ForwardPort>> forwardPorts;
  Defined<NullOr<std::string>> hostAddress;
  Defined<NullOr<std::string>> hostAddress6;
  Defined<NullOr<std::string>> localAddress;
  Defined<NullOr<std::string>> localAddress6;
  Defined<NullOr<std::string>> localMacAddress;  // 2025: the container side's MAC
};

// `privateUsers` (2025): "no", "identity", "pick" or the first UID of the container's range, as
// the spec gives it; the module's type (ints.u32 or one of the three names) is the module's to
// check, so a value it refuses is kept here (render/option_types.cpp).
struct PrivateUsers {
  std::variant<std::string, std::int64_t> value = std::string("no");

  // The module's `toString cfg.privateUsers`: the name, or the number in decimal.
  [[nodiscard]] std::string text() const;
  // "pick" or a number above 0: the unit then gets /dev/net/tun for a private network.
  [[nodiscard]] bool maps_users() const;
};

// One entry of `bindMounts`; `name` is its attribute name (the default mount point).
struct BindMount {
  std::string name;
  Defined<std::string> mountPoint;
  Defined<NullOr<std::string>> hostPath;  // default null
  Defined<bool> isReadOnly;               // default true
};

// `bindMounts`: an attribute set, or (accepted by 2018's `loaOf` only) a list.
struct BindMounts {
  bool givenAsList = false;
  std::vector<BindMount> entries;  // as the spec lists them (attribute sets: sorted by name)
};

// One entry of `allowedDevices`.
struct AllowedDevice {
  std::string node;      // e.g. /dev/net/tun
  std::string modifier;  // e.g. rw
};

// A top-level container option the spec defined, as Nix would print its definition in an
// error message (lib.generators.toPretty), and whether any module revision knows the name.
struct OptionDefinition {
  std::vector<std::string> loc;  // option path below containers.<name>, e.g. {"ephemeral"}
  std::string prettyValue;       // e.g. `true`, `"2min"`, `[ "a" ]`; its first lines only (what
                                 // Nix shows of it), however large the value
  bool knownOption = true;       // false: no revision has it (kept only by lenient parsing)
  std::string suggestion;        // nearest known name, for unknown options
};

// Something the parser accepted but does not render, e.g. a container's `config`.
struct ParseNote {
  std::string jsonPath;
  std::string message;
};

// One `containers.<name>` entry, with the module's option names.
struct ContainerSpec {
  ContainerName name;
  NetworkOptions network;  // hostBridge, forwardPorts, hostAddress(6), localAddress(6)
  Defined<bool> privateNetwork;
  Defined<bool> enableTun;
  Defined<bool> ephemeral;
  Defined<bool> autoStart;
  Defined<std::string> path;             // types.path
  Defined<std::string> root;             // 2014 only
  Defined<std::string> timeoutStartSec;  // 2021+
  Defined<std::vector<InterfaceName>> interfaces;
  Defined<std::vector<InterfaceName>> macvlans;
  Defined<std::vector<std::string>> tmpfs;
  Defined<std::vector<std::string>> extraFlags;
  Defined<std::vector<std::string>> additionalCapabilities;
  Defined<std::map<InterfaceName, NetworkOptions>> extraVeths;  // sorted by name, as Nix iterates
  Defined<BindMounts> bindMounts;
  Defined<std::vector<AllowedDevice>> allowedDevices;
  Defined<PrivateUsers> privateUsers;              // 2025, default "no"
  Defined<NullOr<std::string>> networkNamespace;  // 2025, types.nullOr types.path
  Defined<NullOr<std::string>> flake;             // 2025: a flake URI instead of `path`
  Defined<bool> copyResolvConf;                   // 2025, default true
  Defined<bool> restartIfChanged;                 // 2025, default true
  bool configDefined = false;   // `config` was given: ctrlab cannot evaluate it, so ignores it
  bool nixpkgsDefined = false;  // `nixpkgs` was given (2021+): only affects `config`
  bool specialArgsDefined = false;  // `specialArgs` was given (2025): only affects `config`
  bool pkgsDefined = false;     // `pkgs` was given: removed in 2021, the module throws

  // Every top-level option the spec defined (sorted by name), and in lenient parsing the
  // unknown ones below it too: what Nix reports when a revision lacks an option.
  std::vector<OptionDefinition> definitions;
};

// Facts about the host the module is evaluated for. Defaults are documented in parse.hpp.
struct HostFacts {
  std::string stateVersion = "22.05";  // system.stateVersion
  std::string kernelVersion = "6.1";   // boot.kernelPackages.kernel.version
  std::string system = "x86_64-linux";  // nixpkgs.localSystem.system
  // The store paths of the packages the module references, by package name: systemd, bash,
  // iproute2, iproute (2018), nixos-container, coreutils, findutils, gnugrep, gnused.
  std::map<std::string, StorePath> packages;
  std::optional<std::string> machineId;  // 32 lowercase hex digits, as in /etc/machine-id
  bool virtualisationContainers = false;  // virtualisation.containers.enable (2022's warning)
  HostNetwork network;  // host.network: the host's own interfaces (host_network.hpp)

  // The store path of a package: the given one, else ctrlab's documented default.
  [[nodiscard]] StorePath package(const std::string& name) const;
};

// What a container's system profile holds, where the module's start script looks
// (${SYSTEM_PATH:-/nix/var/nix/profiles/per-container/NAME/system}): the platform its NixOS
// system was built for, as the profile's `system` file names it.
struct ContainerProfile {
  std::string system;  // e.g. "i686-linux"
};

struct Scenario {
  std::optional<std::string> description;
  std::vector<Revision> revisions{all_revisions.begin(), all_revisions.end()};  // the ones it applies to
  HostFacts host;
  std::map<ContainerName, ContainerSpec> containers;
  std::map<ContainerName, ProbeScript> probes;
  std::map<ContainerName, ContainerProfile> profiles;  // a container not listed: the host's system
  std::vector<ParseNote> notes;  // what was accepted but is not rendered

  // What the container's profile's `system` file says: its profile's, else the host's system.
  [[nodiscard]] const std::string& profile_system(const ContainerName& container) const;
};

// The default store path ctrlab assumes for a package the scenario does not list:
// /nix/store/<32 base-32 chars derived from the name>-<name>.
[[nodiscard]] StorePath default_package_path(const std::string& name);

}  // namespace ctrlab::oracle
