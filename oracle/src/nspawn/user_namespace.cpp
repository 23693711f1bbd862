#include "ctrlab/oracle/user_namespace.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/siphash.hpp"

namespace ctrlab::oracle {
namespace {

// The range pick chooses from, and its key for hashing the machine name (systemd v252
// meson.build's container-uid-base-min/max, nspawn.c uid_shift_pick()).
constexpr std::uint32_t pick_min = 0x00080000;
constexpr std::uint32_t pick_max = 0x6FFF0000;
constexpr std::uint32_t range_mask = 0xFFFF0000;
constexpr SipHashKey pick_key = {0xe1, 0x56, 0xe0, 0xf0, 0x4a, 0xf0, 0x41, 0xaf,
                                 0x96, 0x41, 0xcf, 0x41, 0x33, 0x94, 0xff, 0x72};

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// parse_boolean(), for the words that are not digits (nspawn does not read digits as booleans).
std::optional<bool> boolean_word(std::string_view text) {
  for (const std::string_view word : {"yes", "y", "true", "t", "on"}) {
    if (text == word) return true;
  }
  for (const std::string_view word : {"no", "n", "false", "f", "off"}) {
    if (text == word) return false;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> decimal(std::string_view text) {
  std::uint32_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (!all_digits(text) || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// parse_userns_uid_range(): BASE[:RANGE], a valid uid (parse_uid(): decimal, not 65535 or
// 2^32-1) and a range that is not empty and does not run past 2^32-1.
UserNamespaceRequest fixed_range(std::string_view value) {
  UserNamespaceRequest request{.mode = UserNamespaceMode::fixed, .base = std::nullopt, .range = 0x10000,
                               .value = std::string(value), .refusal = std::nullopt};
  const auto colon = value.find(':');
  const auto base = decimal(value.substr(0, colon));
  const auto range = colon == std::string_view::npos ? std::optional<std::uint32_t>(0x10000) : decimal(value.substr(colon + 1));
  if (!base || *base == 0xFFFF || *base == std::numeric_limits<std::uint32_t>::max()) {
    request.refusal = "Failed to parse UID \"" + std::string(value) + "\": Invalid argument";
  } else if (!range) {
    request.refusal = "Failed to parse UID range \"" + std::string(value.substr(colon + 1)) + "\": Invalid argument";
  } else if (*range == 0 || *base > std::numeric_limits<std::uint32_t>::max() - *range) {
    request.refusal = "UID range cannot be empty or go beyond 4294967295.";
  } else {
    request.base = base;
    request.range = *range;
  }
  return request;
}

}  // namespace

// parse_private_users().
UserNamespaceRequest private_users_value(std::string_view value) {
  UserNamespaceRequest request{.mode = UserNamespaceMode::fixed, .base = std::nullopt, .range = 0x10000,
                               .value = std::string(value), .refusal = std::nullopt};
  if (value == "pick") {
    request.mode = UserNamespaceMode::pick;
  } else if (value == "identity") {
    request.base = 0;
  } else if (const auto boolean = all_digits(value) ? std::nullopt : boolean_word(value)) {
    if (!*boolean) request.mode = UserNamespaceMode::shared;
  } else {
    return fixed_range(value);
  }
  return request;
}

std::string to_string(const IdMapping& mapping) {
  return std::to_string(mapping.inside) + " " + std::to_string(mapping.outside) + " " + std::to_string(mapping.count);
}

std::optional<IdMapping> parse_id_mapping(std::string_view line) {
  std::array<std::uint32_t, 3> fields{};
  std::size_t at = 0;
  for (auto& field : fields) {
    while (at < line.size() && line[at] == ' ') ++at;
    const auto [end, error] = std::from_chars(line.data() + at, line.data() + line.size(), field);
    if (error != std::errc{}) return std::nullopt;
    at = static_cast<std::size_t>(end - line.data());
  }
  while (at < line.size() && (line[at] == ' ' || line[at] == '\n')) ++at;
  if (at != line.size()) return std::nullopt;
  return IdMapping{fields[0], fields[1], fields[2]};
}

UserNamespaceRequest user_namespace_request(const NspawnArguments& arguments) {
  UserNamespaceRequest request;
  for (const auto& [option, value] : arguments.options) {
    if (option == "-U") request = private_users_value("pick");
    // --private-users without a value is "yes".
    if (option == "private-users") request = private_users_value(value.empty() ? "yes" : value);
  }
  return request;
}

UserNamespaceRequest user_namespace_request(const Argv& nspawn_argv) {
  return user_namespace_request(read_nspawn_arguments(nspawn_argv));
}

std::uint32_t nspawn_hashed_uid_base(std::string_view machine) {
  // uid_t arithmetic: the hash's low 32 bits, reduced into the range, then 64K-aligned.
  const auto hash = static_cast<std::uint32_t>(siphash24(machine, pick_key));
  return (hash % (pick_max - pick_min) + pick_min) & range_mask;
}

ContainerUsers predict_container_users(const UserNamespaceRequest& request, std::string_view machine,
                                       std::uint32_t root_owner, bool hashed_base_contended) {
  ContainerUsers users;
  if (request.mode == UserNamespaceMode::shared) {
    users.basis = "no --private-users: the host's user namespace";
    return users;
  }
  users.own_namespace = true;
  if (request.refusal) {
    users.basis = "systemd-nspawn refuses --private-users=" + request.value;
    return users;
  }
  // determine_uid_shift(): without a base, the root directory's owner's 64K block.
  const std::uint32_t owners_base = root_owner & range_mask;
  if (request.mode == UserNamespaceMode::fixed) {
    users.uid_map = IdMapping{0, request.base.value_or(owners_base), request.range};
    users.basis = request.base ? "--private-users=" + request.value
                               : "--private-users=" + request.value + ": the root directory's owner's range";
    return users;
  }
  // uid_shift_pick(): the owner's block if it lies in pick's range (and is free), else the
  // machine name hashed (if free), else random draws.
  if (owners_base >= pick_min && owners_base <= pick_max) {
    users.uid_map = IdMapping{0, owners_base, 0x10000};
    users.basis = "pick: the root directory's owner's range";
  } else if (hashed_base_contended) {
    users.basis = "pick: another container's name hashes to the same range, so one of them gets a random one";
  } else {
    users.uid_map = IdMapping{0, nspawn_hashed_uid_base(machine), 0x10000};
    users.basis = "pick: the machine name hashed (the root directory is owned by uid " + std::to_string(root_owner) + ")";
  }
  return users;
}

}  // namespace ctrlab::oracle
