#include "render/module_revision.hpp"

#include <algorithm>
#include <array>

#include "nix/nix_version.hpp"
#include "render/module_text.hpp"

namespace ctrlab::oracle::render {
namespace {

constexpr std::array<std::string_view, slot::value_count> value_names = {
    "path",     "hostBridge",       "hostPort", "hostAddress",  "hostAddress6", "localAddress",   "localAddress6",
    "interfaces", "macvlans", "extraNspawnFlags", "name", "runtimeShell", "extraVeths", "nixosContainer"};
constexpr std::array<std::string_view, slot::condition_count> condition_names = {
    "privateNetwork",  "hasHostBridge",   "hasForwardPorts",  "hasHostAddress",
    "hasHostAddress6", "hasLocalAddress", "hasLocalAddress6", "autoStart"};

nix::IndentedString compile(std::string_view text) {
  return nix::IndentedString::compile(text, value_names, condition_names);
}

constexpr std::array<std::string_view, 3> options_2014 = {"config", "path", "root"};
constexpr std::array<std::string_view, 19> options_2018 = {
    "additionalCapabilities", "allowedDevices", "autoStart",     "bindMounts",   "config",
    "enableTun",              "extraFlags",     "extraVeths",    "forwardPorts", "hostAddress",
    "hostAddress6",           "hostBridge",     "interfaces",    "localAddress", "localAddress6",
    "macvlans",               "path",           "privateNetwork", "tmpfs"};
constexpr std::array<std::string_view, 23> options_2021 = {
    "additionalCapabilities", "allowedDevices", "autoStart",     "bindMounts",    "config",         "enableTun",
    "ephemeral",              "extraFlags",     "extraVeths",    "forwardPorts",  "hostAddress",    "hostAddress6",
    "hostBridge",             "interfaces",     "localAddress",  "localAddress6", "macvlans",       "nixpkgs",
    "path",                   "pkgs",           "privateNetwork", "timeoutStartSec", "tmpfs"};

struct Templates {
  nix::IndentedString envFile2018 = compile(module_text::env_file_2018);
  nix::IndentedString envFile2021 = compile(module_text::env_file_2021);
  nix::IndentedString init2018 = compile(module_text::container_init_2018);
  nix::IndentedString init2021 = compile(module_text::container_init_2021);
  nix::IndentedString initVeth2018 = compile(module_text::init_extra_veth_2018);
  nix::IndentedString initVeth2021 = compile(module_text::init_extra_veth_2021);
  nix::IndentedString reload2018 = compile(module_text::reload_container_2018);
  nix::IndentedString reload2021 = compile(module_text::reload_container_2021);
};

const Templates& templates() {
  static const Templates compiled;
  return compiled;
}

ModuleRevision make_2014() {
  ModuleRevision m{};
  m.revision = Revision::r2014;
  m.optionPrefix = "systemd.containers";
  m.options = options_2014;
  return m;
}

ModuleRevision make_2018() {
  ModuleRevision m{};
  m.revision = Revision::r2018;
  m.optionPrefix = "containers";
  m.options = options_2018;
  m.iprouteName = "iproute";
  m.killSignal = "WINCH";
  m.capabilitySeparator = " ";
  m.vethCondition = VethCondition::private_network;
  m.extraVethsNeedPrivateNetwork = true;
  m.templateMountsAsList = true;
  m.postStartRecordsLeader = true;
  m.runDirectory = "/run/containers";
  m.envFile = &templates().envFile2018;
  m.containerInit = &templates().init2018;
  m.initExtraVeth = &templates().initVeth2018;
  m.reloadContainer = &templates().reload2018;
  return m;
}

ModuleRevision make_2021() {
  ModuleRevision m{};
  m.revision = Revision::r2021;
  m.optionPrefix = "containers";
  m.options = options_2021;
  m.iprouteName = "iproute2";
  m.killSignal = "TERM";
  m.nspawnKillSignal = true;
  m.capabilitySeparator = ",";
  m.vethCondition = VethCondition::any_address;
  m.privateNetworkFlag = true;
  m.hostBringsExtraVethUp = true;
  m.ephemeralAndTimeout = true;
  m.restartOnChange = true;
  m.assertsNameLength = true;
  m.removedPkgsOption = true;
  m.runDirectory = "/run/containers";
  m.ephemeralRunDirectory = "/run/containers";
  m.envFile = &templates().envFile2021;
  m.containerInit = &templates().init2021;
  m.initExtraVeth = &templates().initVeth2021;
  m.reloadContainer = &templates().reload2021;
  return m;
}

// 2022 is 2021 with the directories moved for stateVersion >= 22.05.
ModuleRevision make_2022() {
  ModuleRevision m = make_2021();
  m.revision = Revision::r2022;
  m.stateVersionDirectories = true;
  m.runDirectory = "/run/nixos-containers";
  m.ephemeralRunDirectory = "/run/nixos-containers";
  return m;
}

}  // namespace

bool ModuleRevision::declares(std::string_view option) const {
  return std::binary_search(options.begin(), options.end(), option);  // the lists are sorted
}

const ModuleRevision& module_revision(Revision revision) {
  static const std::array<ModuleRevision, 4> revisions = {make_2014(), make_2018(), make_2021(), make_2022()};
  return revisions[static_cast<std::size_t>(revision)];
}

Directories directories(const ModuleRevision& module, const HostFacts& host) {
  const bool prefixed = module.stateVersionDirectories && nix::version_at_least(host.stateVersion, "22.05");
  const std::string name = prefixed ? "nixos-containers" : "containers";
  return {name, "/var/lib/" + name};
}

}  // namespace ctrlab::oracle::render
