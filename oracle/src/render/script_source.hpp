#pragma once

#include <string>

#include "render/container_config.hpp"
#include "render/module_revision.hpp"

// The lines of the module's scripts that values are written into, as the revision writes them
// (nixos-containers.nix: renderExtraVeth in the container init and postStart, preStart's
// `ip link del`, the start script's extraFlags and the options of its `exec systemd-nspawn`).
// bash reads them as part of their script: a value it cannot read stops the script there
// (script_reading.hpp), or (2025) fails the build (script_check.cpp).
namespace ctrlab::oracle::render {

// concatStringsSep SEPARATOR (additionalCapabilities ++ optional enableTun "CAP_NET_ADMIN").
[[nodiscard]] std::string capability_words(const ContainerConfig& cfg, std::string_view separator);

// preStart: `ip link del dev NAME 2> /dev/null || true `.
[[nodiscard]] std::string pre_start_extra_veth_source(const std::string& name);
// postStart's block for one extra veth: comments, echo and the ip commands.
[[nodiscard]] std::string post_start_extra_veth_source(const ModuleRevision& module, const std::string& name,
                                                       const NetworkOptions& veth);
// The container init's block for one extra veth.
[[nodiscard]] std::string init_extra_veth_source(const std::string& name, const NetworkOptions& veth);
// The start script's `extraFlags+=" --network-veth-extra=NAME ..."` ("" without extra veths).
[[nodiscard]] std::string start_extra_veth_flags_source(const ContainerConfig& cfg);
// The start script's `exec systemd-nspawn ...` with the option a value is written into:
// --capability="..." (additionalCapabilities, enableTun) or --tmpfs=... ("" without it).
[[nodiscard]] std::string start_exec_capability_source(const ModuleRevision& module, const ContainerConfig& cfg);
[[nodiscard]] std::string start_exec_tmpfs_source(const ContainerConfig& cfg);

}  // namespace ctrlab::oracle::render
