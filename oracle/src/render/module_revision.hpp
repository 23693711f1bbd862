#pragma once

#include <span>
#include <string>
#include <string_view>

#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "nix/indented_string.hpp"

// What distinguishes the module revisions, as data. The declarative module (2018, 2021,
// 2022, 2025) is rendered by one code path reading these fields; 2014 is a different module
// altogether (one unit per container, no scripts but preStart) with its own renderer.
namespace ctrlab::oracle::render {

struct ContainerConfig;
struct RenderContext;

// When the start, preStart and postStart scripts set up the container's veth pair.
enum class VethCondition {
  private_network,  // 2018: [ "$PRIVATE_NETWORK" = 1 ]
  any_address,      // 2021: any of HOST_ADDRESS(6), LOCAL_ADDRESS(6) non-empty
};

// How the start script gathers nspawn's network flags (its variable extraFlags).
enum class StartFlags {
  word_split,  // a string expanded unquoted: bash splits every value in it at white space
  array,       // 2025: a bash array expanded as "${extraFlags[@]}": each flag stays one word
};

// How the start script binds /nix into the container.
enum class NixBinds {
  source_only,       // --bind-ro=/nix/store
  with_destination,  // 2025: --bind-ro=/nix/store:/nix/store, idmapped (":idmap") for private users
};

// The text of /etc/<configurationName>/<name>.conf.
using EnvFileWriter = std::string (*)(const RenderContext&, const ContainerConfig&);

struct ModuleRevision {
  Revision revision;
  std::string_view optionPrefix;                  // containers live at this option path
  std::span<const std::string_view> options;      // the container options it declares
  std::span<const std::string_view> networkOptions;  // its networkOptions (extraVeths take them too)
  std::span<const std::string_view> unitPath;     // the packages it puts on the unit's path
  std::span<const std::string_view> initEnvironment;  // the variables the start script --setenv's
  std::string_view killSignal;                    // serviceConfig.KillSignal
  bool nspawnKillSignal = false;                  // --kill-signal=SIGRTMIN+3
  std::string_view capabilitySeparator;           // how additionalCapabilities are joined
  VethCondition vethCondition = VethCondition::private_network;
  StartFlags startFlags = StartFlags::word_split;
  NixBinds nixBinds = NixBinds::source_only;
  bool startMakesUsrBin = false;                  // the start script makes $root/usr/bin first
  bool startChmodsAfterMkdir = false;             // mkdir -p, then chmod (not mkdir -p -m)
  bool extraNspawnFlagsLast = false;              // EXTRA_NSPAWN_FLAGS just before the init (a user's flag wins)
  bool postStartQuotes = false;                   // postStart quotes an extra veth's name and bridge, and
                                                  // the addresses it reads from the env file
  std::string_view tunAccess;                     // DeviceAllow's modifier for /dev/net/tun
  bool strictShellChecks = false;                 // enableStrictShellChecks: errexit, nounset, pipefail,
                                                  // and a script `bash -n` refuses fails the build
  bool requiresBindMounts = false;                // RequiresMountsFor= names the bind mounts' paths
  bool waitsForInterfaces = false;                // autoStart: wants/after the moved interfaces' .device units
  bool assertsNameHasNoUnderscore = false;        // the container config asserts the name has no `_`
  bool portsAreU16 = false;                       // forwardPorts' ports are types.port, not types.int
  bool privateNetworkFlag = false;                // --private-network when PRIVATE_NETWORK=1
  bool extraVethsNeedPrivateNetwork = false;      // postStart and init set up extraVeths only when PRIVATE_NETWORK=1
  bool templateMountsAsList = false;             // the template unit's RequiresMountsFor is a list
  bool hostBringsExtraVethUp = false;             // postStart: ip link set dev VETH up (unbridged)
  bool postStartRecordsLeader = false;            // postStart ends with machinectl show, preStop signals it
  bool ephemeralAndTimeout = false;               // ephemeral, timeoutStartSec, RuntimeDirectory
  bool restartOnChange = false;                   // autoStart: restartIfChanged + env file trigger (else reloadIfChanged)
  bool assertsNameLength = false;                 // the container config asserts name length on old kernels
  bool stateVersionDirectories = false;           // /etc/nixos-containers etc. from stateVersion 22.05
  bool removedPkgsOption = false;                 // `pkgs` throws
  // The start script adds --personality=x86 after the interfaces and macvlans when the host is
  // x86_64-linux and the profile's `system` file says i686-linux (2018 on; still in 2025,
  // nixos-containers.nix 00ef614e).
  bool personalityOf32BitProfile = false;
  std::string_view runDirectory;                  // created by the start script
  std::string_view ephemeralRunDirectory;         // root of an ephemeral container
  EnvFileWriter writeEnvFile = nullptr;
  const nix::IndentedString* envFile = nullptr;   // the template writeEnvFile fills (2018-2022)
  const nix::IndentedString* containerInit = nullptr;
  // What the revision changed in the container init's text beyond `containerInit`. ctrlab does
  // not reproduce that text (its store path's hash may differ from Nix's anyway); this makes the
  // path differ from the older revision's, as Nix's does.
  std::string_view containerInitChange;
  const nix::IndentedString* initExtraVeth = nullptr;
  const nix::IndentedString* reloadContainer = nullptr;

  [[nodiscard]] bool declares(std::string_view option) const;
  [[nodiscard]] bool declares_network_option(std::string_view option) const;
};

[[nodiscard]] const ModuleRevision& module_revision(Revision revision);

// Where a revision keeps a host's containers (2022 moves them at stateVersion 22.05).
struct Directories {
  std::string configurationName;  // "containers" or "nixos-containers" (below /etc)
  std::string state;              // /var/lib/containers or /var/lib/nixos-containers
};
[[nodiscard]] Directories directories(const ModuleRevision& module, const HostFacts& host);

// Names bound in the module text templates (module_text.hpp).
namespace slot {
enum Value : std::size_t {
  path,
  hostBridge,
  hostPort,
  hostAddress,
  hostAddress6,
  localAddress,
  localAddress6,
  interfaces,
  macvlans,
  extraNspawnFlags,
  name,
  runtimeShell,
  extraVeths,
  nixosContainer,
  value_count
};
enum Condition : std::size_t {
  privateNetwork,
  hasHostBridge,
  hasForwardPorts,
  hasHostAddress,
  hasHostAddress6,
  hasLocalAddress,
  hasLocalAddress6,
  autoStart,
  condition_count
};
}  // namespace slot

}  // namespace ctrlab::oracle::render
