#include "scenario/container_name.hpp"

#include <algorithm>

namespace ctrlab::oracle::scenario {
namespace {

// Nix's store path name characters, plus those makeUnit replaces before it names the path.
bool buildable_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("+-._?=@:\\").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<std::string> container_name_problem(std::string_view name) {
  if (name.empty()) return "the name is empty (the unit would be container@.service, the template itself)";
  if (name == "." || name == "..") {
    return "\"" + std::string(name) + "\" would make the container's directories that folder or its parent";
  }
  if (name.size() > max_container_name_length) {
    return "the name has " + std::to_string(name.size()) + " characters: its unit's store path name would exceed "
           "Nix's 211";
  }
  const auto bad = std::find_if_not(name.begin(), name.end(), buildable_character);
  if (bad != name.end()) {
    const auto byte = static_cast<unsigned char>(*bad);
    const std::string shown = byte >= 0x20 && byte < 0x7f ? "'" + std::string(1, *bad) + "'"
                                                          : "byte " + std::to_string(byte);
    return "the name holds " + shown + ", which a Nix store path name cannot (nor a systemd unit name)";
  }
  return std::nullopt;
}

}  // namespace ctrlab::oracle::scenario
