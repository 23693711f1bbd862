#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/prediction.hpp"

// The user namespace systemd-nspawn 252 gives a container (--private-users=, -U): whether it
// has one of its own, and which ids of its host (the namespace nspawn runs in) it maps. From
// systemd v252 src/nspawn/nspawn.c: parse_private_users(), determine_uid_shift(),
// uid_shift_pick(), setup_uid_map().
namespace ctrlab::oracle {

// One line of /proc/PID/uid_map (nspawn writes gid_map the same): the container's ids
// [inside, inside + count) are its host's [outside, outside + count).
struct IdMapping {
  std::uint32_t inside = 0;
  std::uint32_t outside = 0;
  std::uint32_t count = 0;
  friend bool operator==(const IdMapping&, const IdMapping&) = default;
};
// "0 1824915456 65536", the fields as the kernel prints them (without its padding).
[[nodiscard]] std::string to_string(const IdMapping& mapping);
// A line of /proc/PID/uid_map (three numbers, the kernel pads them with spaces); nullopt if it is not one.
[[nodiscard]] std::optional<IdMapping> parse_id_mapping(std::string_view line);

// How the last --private-users= (or -U) of an argv asks for the container's ids.
enum class UserNamespaceMode {
  shared,  // none, or a false boolean: the container stays in its host's user namespace
  fixed,   // yes, identity or BASE[:RANGE]: the range given, or the root directory's owner's
  pick,    // pick or -U: a free range nspawn chooses
};

struct UserNamespaceRequest {
  UserNamespaceMode mode = UserNamespaceMode::shared;
  std::optional<std::uint32_t> base;  // fixed with a base given (identity: 0); else the root's owner decides
  std::uint32_t range = 0x10000;
  std::string value;  // the option's value as given ("pick" for -U); "" when there is none
  // nspawn refuses the value (exit 1 before anything is created); nullopt when it takes it.
  std::optional<std::string> refusal;
};
// The last --private-users= (or -U) of an nspawn argv, as nspawn reads it.
[[nodiscard]] UserNamespaceRequest user_namespace_request(const NspawnArguments& arguments);
[[nodiscard]] UserNamespaceRequest user_namespace_request(const Argv& nspawn_argv);
// One --private-users= value ("yes" for the option without one).
[[nodiscard]] UserNamespaceRequest private_users_value(std::string_view value);

// Where pick looks when the root directory's owner gives no usable base: the machine name
// hashed (SipHash-2-4 with nspawn's fixed key) into [0x00080000, 0x6FFF0000), 64K-aligned.
[[nodiscard]] std::uint32_t nspawn_hashed_uid_base(std::string_view machine);

// What the container runs with, as predicted.
struct ContainerUsers {
  bool own_namespace = false;
  // With a namespace of its own, the one line nspawn writes to its uid_map, in its host's ids;
  // nullopt where nspawn's choice depends on what the model does not know (see `basis`).
  std::optional<IdMapping> uid_map;
  std::string basis;  // where the mapping comes from, in words
};

// `root_owner`: the uid owning the container's root directory (the NixOS start script and the
// runner make it as root: 0). `hashed_base_contended`: another container of the same host
// hashes to the same base, so which of them gets it (the other draws a range at random)
// depends on the order they start in.
[[nodiscard]] ContainerUsers predict_container_users(const UserNamespaceRequest& request, std::string_view machine,
                                                     std::uint32_t root_owner, bool hashed_base_contended);

}  // namespace ctrlab::oracle
