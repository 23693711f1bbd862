// The 2014 module (systemd.containers.<name>): one unit per container whose ExecStart runs
// nspawn directly on the container's system, and a preStart script; no networking.
#include "render/render.hpp"
#include "shell/shell_words.hpp"
#include "shell/systemd_exec_line.hpp"

namespace ctrlab::oracle::render {
namespace {

ContainerPrediction predict_container(const HostFacts& host, const ContainerSpec& spec) {
  ContainerPrediction container;
  const std::string& name = spec.name.value;
  container.unitName = "container-" + name;
  const std::string root = spec.root ? *spec.root : "/var/lib/containers/" + name;
  const std::string path = system_path(spec, container.notes);
  const std::string exec_start =
      host.package("systemd").value + "/bin/systemd-nspawn -M " + name + " -D " + root + " --bind-ro=/nix " + path + "/init";

  container.unit.description = "Container '" + name + "'";
  container.unit.serviceConfig.emplace("ExecStart", exec_start);
  container.unit.unitConfig.emplace("RequiresMountsFor", std::vector<std::string>{root});
  container.unit.wantedBy = std::vector<std::string>{"multi-user.target"};
  read_back_unit(container.unit, spec, container.notes);

  // The command systemd runs is the ExecStart= it reads (a line break in a value cuts it).
  const auto read = container.unit.serviceConfig.find("ExecStart");
  const std::string* exec_start_read =
      read != container.unit.serviceConfig.end() ? std::get_if<std::string>(&read->second) : nullptr;
  const shell::ExecLine exec = shell::split_exec_line(exec_start_read != nullptr ? *exec_start_read : std::string());
  if (exec.usesExpansion) {
    container.notes.push_back({"containers." + name,
                               "ExecStart holds % or $, which systemd expands as specifiers or variables; "
                               "the argv shows it unexpanded"});
  }
  container.nspawnArgv = exec.argv;
  // preStart: `mkdir -p -m 0755 ${root}/etc`, then touch os-release (the stand-ins create nothing).
  // (A line break in `root` adds commands.)
  container.hostOps.preStart =
      shell::source_commands("mkdir -p -m 0755 " + root + "/etc\ntouch " + root + "/etc/os-release");
  container.hostOps.start = std::vector<Argv>{exec.argv};
  // preStop: RTMIN+3 to the container's systemd, then `kill -0` once a second (180 at most)
  // until it has gone.
  container.hostOps.preStop = std::vector<Argv>{
      {"cat", "/sys/fs/cgroup/systemd/machine/" + name + ".nspawn/system/tasks"},
      {"kill", "-RTMIN+3", "$pid"},
      {"kill", "-0", "$pid"}};
  // The container runs its NixOS system's own init: there is no container-init script.
  container.containerOps = std::nullopt;
  add_value_notes(spec, {}, container.notes);  // 2014 writes no env file
  return container;
}

}  // namespace

void predict_module_2014(const Scenario& scenario, const ModuleRevision& /*module*/, Prediction& prediction) {
  for (const auto& [name, spec] : scenario.containers) {
    ContainerPrediction container = predict_container(scenario.host, spec);
    prediction.serviceNames.push_back(container.unitName);
    prediction.containers.emplace(name.value, std::move(container));
  }
}

}  // namespace ctrlab::oracle::render
