#pragma once

#include <span>
#include <string>
#include <string_view>

#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "nix/indented_string.hpp"

// What distinguishes the module revisions, as data. The declarative module (2018, 2021,
// 2022) is rendered by one code path reading these fields; 2014 is a different module
// altogether (one unit per container, no scripts but preStart) with its own renderer.
namespace ctrlab::oracle::render {

// When the start, preStart and postStart scripts set up the container's veth pair.
enum class VethCondition {
  private_network,  // 2018: [ "$PRIVATE_NETWORK" = 1 ]
  any_address,      // 2021: any of HOST_ADDRESS(6), LOCAL_ADDRESS(6) non-empty
};

struct ModuleRevision {
  Revision revision;
  std::string_view optionPrefix;                  // containers live at this option path
  std::span<const std::string_view> options;      // the container options it declares
  std::string_view iprouteName;                   // the package on the unit's path
  std::string_view killSignal;                    // serviceConfig.KillSignal
  bool nspawnKillSignal = false;                  // --kill-signal=SIGRTMIN+3
  std::string_view capabilitySeparator;           // how additionalCapabilities are joined
  VethCondition vethCondition = VethCondition::private_network;
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
  std::string_view runDirectory;                  // created by the start script
  std::string_view ephemeralRunDirectory;         // root of an ephemeral container
  const nix::IndentedString* envFile = nullptr;
  const nix::IndentedString* containerInit = nullptr;
  const nix::IndentedString* initExtraVeth = nullptr;
  const nix::IndentedString* reloadContainer = nullptr;

  [[nodiscard]] bool declares(std::string_view option) const;
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
