#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/input_error.hpp"
#include "ctrlab/oracle/scenario.hpp"

// Reading a scenario file into the input model, with validation.
//
// The file is a JSON object:
//   description  string, optional
//   revisions    array of "2014" | "2018" | "2021" | "2022", optional (default: all four)
//   host         object, optional:
//                  stateVersion   string, default "22.05"
//                  kernelVersion  string, default "6.1"
//                  system         string, default "x86_64-linux"
//                  packages       object: package name -> absolute store path; a package not
//                                 listed defaults to /nix/store/<hash of its name>-<name>
//                  machineId      32 lowercase hex digits, optional
//                  virtualisationContainers  bool, default false (virtualisation.containers.enable)
//                  network        object, optional: the host's own interfaces (host_network.hpp)
//   containers   object: name -> the module's options (also as `nix eval --json` prints a
//                NixOS system's config.containers; `config` and `nixpkgs` are accepted and
//                not rendered, which a ParseNote says)
//   probe        object, optional: container name -> { "boots": [ { "action": "stay-up" |
//                "exit" | "reboot" | "poweroff" | "hang-before-ready", "code": N (exit only),
//                "afterMs": N, "ignoreKillSignal": bool }, ... ] }
namespace ctrlab::oracle {

// Bad input (input_error.hpp): the JSON path, the expected form and the problem. The scenario
// parser's name for the oracle's one input error type.
using ScenarioError = InputError;

struct ParseOptions {
  // An option no module revision has is a ScenarioError (naming the nearest known option).
  // When false it is kept in ContainerSpec::definitions instead, so that predict() can show
  // how the module itself refuses it.
  bool rejectUnknownOptions = true;
};

// Throws ScenarioError for anything invalid; never anything else for bad input.
[[nodiscard]] Scenario parse_scenario(const nlohmann::json& document, const ParseOptions& options = {});
[[nodiscard]] Scenario parse_scenario_file(std::string_view text, const ParseOptions& options = {});

}  // namespace ctrlab::oracle
