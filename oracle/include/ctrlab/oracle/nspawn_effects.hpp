#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/mac.hpp"
#include "ctrlab/oracle/naming.hpp"
#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/prediction.hpp"

// What systemd-nspawn (v252) makes of its command line: which links it creates, with which
// names and MACs, what it moves, which ports it forwards, how it treats the root, what it runs
// in the container — or why it refuses the command line. Read from the rendered argv, so it also judges options a user
// put in extraFlags (e.g. --network-veth-extra implying --private-network).
namespace ctrlab::oracle {

// --network-veth (ve-), --network-bridge (vb-, joined to the bridge and set up),
// --network-zone (vb-, joined to vz-ZONE, created if missing).
struct NspawnVeth {
  NspawnLinkName host_name;
  std::optional<MacAddress> host_mac;  // nullopt without a machine-id
  std::string container_name{nspawn_container_veth_name};
  std::optional<MacAddress> container_mac;
  std::optional<std::string> bridge;  // the bridge it joins (vz-ZONE for a zone)
  bool zone = false;                  // the bridge is nspawn's zone bridge
};

// --network-veth-extra=HOST[:CONTAINER]: never shortened, left down.
struct NspawnExtraVeth {
  std::string host_name;
  std::string container_name;
  std::optional<MacAddress> host_mac;
  std::optional<MacAddress> container_mac;
};

// --network-macvlan=PARENT / --network-ipvlan=PARENT: created in the container directly.
struct NspawnMacvlan {
  NspawnLinkName name;
  std::string parent;
  LinkKind kind = LinkKind::macvlan;
  std::optional<MacAddress> mac;  // macvlans only; an ipvlan shares its parent's
};

// --port=[tcp:|udp:]HOST[:CONTAINER].
struct NspawnPort {
  std::string protocol = "tcp";
  std::uint16_t host_port = 0;
  std::uint16_t container_port = 0;
};

// --personality=ARCH: the execution domain nspawn gives the container (personality(2)). On an
// x86-64 machine, the one ctrlab models and runs on, nspawn takes the architecture names of the
// machine itself ("x86-64": PER_LINUX) and of its secondary architecture ("x86": PER_LINUX32)
// and refuses any other (systemd v252 personality_from_string(), nspawn.c ARG_PERSONALITY).
enum class Personality { native, x86_32 };
// What `uname -m` says in the container: PER_LINUX32 makes the kernel report i686.
[[nodiscard]] std::string_view uname_machine(Personality personality);

// What nspawn makes of the container's root before it runs anything (mount_all()).
struct NspawnRootPlan {
  std::string directory;       // -D
  bool read_only = false;      // --read-only: the root is made read-only before the API mounts
  bool volatile_root = false;  // --volatile=yes|state|overlay: the root is a tmpfs or an overlay
};

struct NspawnNetworkPlan {
  std::string machine;  // -M; else the directory's basename
  NspawnRootPlan root;
  // The first word after the options: what nspawn runs as the container's PID 1.
  std::optional<std::string> command;
  bool private_network = false;
  std::optional<NspawnVeth> veth;
  std::vector<NspawnExtraVeth> extra_veths;
  std::vector<NspawnMacvlan> macvlans;  // macvlans and ipvlans, in argv order
  std::vector<std::string> moved_interfaces;
  std::vector<NspawnPort> ports;
  std::optional<std::string> network_namespace_path;
  Personality personality = Personality::native;  // the last --personality
  // nspawn refuses the command line (and exits 1 before creating anything): its message.
  std::optional<std::string> refusal;
};

// What nspawn makes of an argv it read (read_nspawn_arguments()).
[[nodiscard]] NspawnNetworkPlan plan_nspawn_network(const NspawnArguments& arguments,
                                                    const std::optional<MachineId>& machine_id,
                                                    NamingScheme scheme = NamingScheme::long_hash);
// The same for an nspawn argv (argv[0] included), read as systemd-nspawn's getopt_long would,
// up to the first non-option (the command to run in the container).
[[nodiscard]] NspawnNetworkPlan plan_nspawn_network(const Argv& nspawn_argv, const std::optional<MachineId>& machine_id,
                                                    NamingScheme scheme = NamingScheme::long_hash);

}  // namespace ctrlab::oracle
