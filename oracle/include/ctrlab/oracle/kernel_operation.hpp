#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "ctrlab/oracle/address.hpp"
#include "ctrlab/oracle/mac.hpp"
#include "ctrlab/oracle/prediction.hpp"

// The `ip` commands the module's scripts run, parsed the way iproute2 (6.1) parses them, so
// that the effects model and the runner's netlink layer agree on what each one asks the
// kernel, and both report refusals with iproute2's own words and exit status.
namespace ctrlab::oracle {

// What a command did, as the calling shell sees it: exit status and its stderr line
// (empty on success). iproute2: 1 for a device it cannot resolve or an address it cannot
// parse, 2 for an error the kernel returned, 255 for an invalid argument.
struct CommandOutcome {
  int exit_status = 0;
  std::string message;

  [[nodiscard]] bool ok() const { return exit_status == 0; }
  [[nodiscard]] static CommandOutcome success() { return {}; }
  friend bool operator==(const CommandOutcome&, const CommandOutcome&) = default;
};

// `ip link set [dev] NAME [up|down] [name NEW] [address MAC] [master BR|nomaster]`. iproute2
// sends one RTM_NEWLINK; the kernel applies the name, then the MAC, then the flags, then the
// master (do_setlink()).
struct LinkSetCommand {
  std::string device;
  std::optional<std::string> new_name;
  std::optional<bool> up;
  std::optional<std::string> master;  // an empty string means `nomaster`
  std::optional<MacAddress> address = std::nullopt;  // (initialised: callers may leave it out)
};

// `ip link del [dev] NAME`.
struct LinkDeleteCommand {
  std::string device;
};

// `ip [-4|-6] addr add PREFIX dev NAME`; a PREFIX without /N is a host address (/32, /128).
struct AddressAddCommand {
  IpPrefix local;
  std::string device;
};

// `ip [-4|-6] route add (PREFIX|default) [via GATEWAY] [dev NAME] [onlink] [metric N]`.
struct RouteAddCommand {
  IpPrefix destination;
  std::optional<IpAddress> gateway;
  std::optional<std::string> device;
  bool onlink = false;
  std::optional<std::uint32_t> metric;
};

using IpCommand = std::variant<LinkSetCommand, LinkDeleteCommand, AddressAddCommand, RouteAddCommand>;

// How ctrlab reads one argv.
struct ParsedCommand {
  enum class Status {
    modelled,    // an `ip` command ctrlab models: `command` holds it
    refused,     // iproute2 refuses it before asking the kernel: `refusal` says how
    unmodelled,  // an `ip` command ctrlab does not model: `note` says why
    not_ip,      // not an `ip` command (machinectl, mkdir, stage-2-init, ...)
  };
  Status status = Status::not_ip;
  std::optional<IpCommand> command;
  CommandOutcome refusal;
  std::string note;
};

// True for "ip" and any path ending in "/ip".
[[nodiscard]] bool is_ip_program(std::string_view program);
[[nodiscard]] ParsedCommand parse_ip_command(const Argv& argv);

// What iproute2 prints for a name it cannot resolve: `Cannot find device "NAME"`, exit 1.
[[nodiscard]] CommandOutcome cannot_find_device(std::string_view name);
// What iproute2 prints for a `master` it cannot resolve: exit 255.
[[nodiscard]] CommandOutcome device_does_not_exist(std::string_view name);
// What iproute2 prints for an error the kernel returns: "Error: MSG." when the kernel sent
// an extended-ack message, else "RTNETLINK answers: STRERROR"; exit 2.
[[nodiscard]] CommandOutcome kernel_refusal(int error_number, std::string_view extended_ack_message = {});

}  // namespace ctrlab::oracle
