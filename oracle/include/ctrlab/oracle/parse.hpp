#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/input_error.hpp"
#include "ctrlab/oracle/scenario.hpp"

// Reading a scenario file into the input model, with validation.
//
// The file is a JSON object:
//   description  string, optional
//   revisions    array of "2014" | "2018" | "2021" | "2022" | "2025", optional (default: all five)
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
//                "exit" | "reboot" | "poweroff" | "hang-before-ready" | "exit-before-ready" |
//                "notify-from-child", "code": N (the exits only), "afterMs": N,
//                "ignoreKillSignal": bool }, ... ] }
//   profiles     object, optional: container name -> { "system": string }, what the container's
//                system profile's `system` file holds (default: host.system)
namespace ctrlab::oracle {

// Bad input (input_error.hpp): the JSON path, the expected form and the problem. The scenario
// parser's name for the oracle's one input error type.
using ScenarioError = InputError;

// What a scenario's JSON text may hold (scenario files come from pull requests: untrusted).
// Each bound is checked while the text is read, before anything is built from it, so that
// the work and memory a scenario costs grow with its size and no further; more is a
// ScenarioError naming where the limit was passed. The file size (64 MiB) is the
// command line's to check, as it reads the file.
struct InputLimits {
  // Arrays and objects inside each other (the document itself is level 1). NixOS
  // configurations nest a few levels; a `config` that nests deeper is refused, never
  // recursed into.
  static constexpr std::size_t max_depth = 128;
  // Keys of one object, elements of one array (100 000 containers are benchmarked).
  static constexpr std::size_t max_members = 100'000;
  // Values in the whole document, scalars, arrays and objects alike (100 000 containers with
  // addresses and a forwarded port each take about 1.2 million).
  static constexpr std::size_t max_values = 2'000'000;
  // Containers in a scenario: as many as one object may hold. Predicting them costs time and
  // memory in proportion (bench/README.md, "Prediction at scale").
  static constexpr std::size_t max_containers = max_members;
  // Network entries in all: the host's interfaces and their addresses, and each container's
  // forwardPorts, extraVeths, macvlans, interfaces and extraFlags entries.
  static constexpr std::size_t max_network_entries = 200'000;
  // Links that may share a segment (an L2 broadcast domain) with many others: containers and
  // extraVeths on a hostBridge, macvlans, and extraFlags entries (any flag may make nspawn
  // create such a link). The reachability model walks a segment from each sender on it, which
  // grows with the square of the segment; this bounds that part to about a second.
  static constexpr std::size_t max_shared_segment_entries = 1'000;
};

struct ParseOptions {
  // An option no module revision has is a ScenarioError (naming the nearest known option).
  // When false it is kept in ContainerSpec::definitions instead, so that predict() can show
  // how the module itself refuses it.
  bool rejectUnknownOptions = true;
};

// Throws ScenarioError for anything invalid; never anything else for bad input.
// parse_scenario_file also refuses text outside InputLimits, a NUL byte anywhere in the text
// or in a string (Nix strings cannot hold one), and numbers beyond a double's range.
[[nodiscard]] Scenario parse_scenario(const nlohmann::json& document, const ParseOptions& options = {});
[[nodiscard]] Scenario parse_scenario_file(std::string_view text, const ParseOptions& options = {});

}  // namespace ctrlab::oracle
