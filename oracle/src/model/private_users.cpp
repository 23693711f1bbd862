#include <string>
#include <variant>

#include "ctrlab/oracle/scenario.hpp"

namespace ctrlab::oracle {

std::string PrivateUsers::text() const {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  return std::get<std::string>(value);
}

// The unit's test (nixpkgs nixos/modules/virtualisation/nixos-containers.nix at 00ef614e):
// "pick", or an integer above 0. The start script tests the env file's value the same way
// (render/scripts.cpp).
bool PrivateUsers::maps_users() const {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number > 0;
  return std::get<std::string>(value) == "pick";
}

}  // namespace ctrlab::oracle
