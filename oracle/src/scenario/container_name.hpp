#pragma once

#include <optional>
#include <string>
#include <string_view>

// Which names `containers.<name>` can have. NixOS's option is attrsOf: any string evaluates.
// What refuses a name is building the system: the container's unit is written by systemd-lib's
// makeUnit into the store path `unit-container-NAME.service` (`@`, `:` and `\` made `-`), and
// a store path name holds only letters, digits and + - . _ ? =, at most 211 characters. ctrlab refuses those names, and two that NixOS builds but that would
// take the container's directories outside their parent: "." and ".." (its state directory
// /var/lib/nixos-containers/NAME would be that folder or its parent; nspawn refuses them as
// machine names anyway). Names NixOS builds but nspawn or the kernel refuse at run time
// (`a_b`, a leading hyphen, long names) are accepted and predicted as failing there.
namespace ctrlab::oracle::scenario {

// Longest name: "unit-container-" + NAME + ".service" within Nix's 211 characters.
inline constexpr std::size_t max_container_name_length = 211 - std::string_view("unit-container-.service").size();

// Why NixOS cannot build a container of this name (or why ctrlab refuses it), or nullopt.
[[nodiscard]] std::optional<std::string> container_name_problem(std::string_view name);

// The expected form, for messages.
inline constexpr std::string_view container_name_form =
    "a container name of 1 to 188 letters, digits and + - . _ ? = @ : \\ (it becomes part of a Nix store path "
    "name), not \".\" or \"..\"";

}  // namespace ctrlab::oracle::scenario
