// The unit as systemd reads it back from the file NixOS writes, and a warning naming each
// directive a spec value injected into it, or changed.
#include "render/render.hpp"
#include "scenario/json_node.hpp"
#include "shell/systemd_unit_file.hpp"

namespace ctrlab::oracle::render {
namespace {

using scenario::child_path;

// The spec option whose value a directive carries; the module's constants carry none.
struct CarrierOption {
  std::string_view directive;
  std::string_view option;  // "": the container's name (in paths the module derives from it)
};
constexpr CarrierOption carrier_options[] = {
    {"TimeoutStartSec", "timeoutStartSec"}, {"DeviceAllow", "allowedDevices"}, {"ExecStart", "path"}};

std::string option_path(const ContainerSpec& spec, std::string_view directive) {
  const std::string base = child_path("containers", spec.name.value);
  for (const auto& carrier : carrier_options) {
    if (carrier.directive == directive && !carrier.option.empty()) return child_path(base, carrier.option);
  }
  return base;
}

// Long values are cut in messages; the prediction itself holds them whole.
std::string shown(std::string_view text) {
  constexpr std::size_t limit = 120;
  return text.size() > limit ? std::string(text.substr(0, limit)) + "..." : std::string(text);
}

}  // namespace

void read_back_unit(UnitDefinition& unit, const ContainerSpec& spec, std::vector<RenderNote>& notes) {
  if (shell::reads_as_written(unit.unitConfig) && shell::reads_as_written(unit.serviceConfig)) return;
  shell::UnitFileReading reading = shell::read_unit_sections(unit.unitConfig, unit.serviceConfig);
  for (const auto& injected : reading.injected) {
    notes.push_back({option_path(spec, injected.carrier),
                     "holds a line break: NixOS writes it into the unit file as it is (" + injected.carrier +
                         "=...), and systemd reads the line after the break as a directive of its own: [" +
                         injected.section + "] " + injected.key + "=" + shown(injected.value) +
                         " (line injection; the predicted unit is what systemd reads)",
                     true});
  }
  for (const auto& altered : reading.altered) {
    const std::string directive = "[" + altered.section + "] " + altered.key + "=";
    notes.push_back({option_path(spec, altered.key),
                     altered.readAs ? "systemd reads the module's " + directive + shown(*altered.readAs) +
                                          ": a trailing backslash joined the next line to it"
                                    : "systemd does not read the module's " + directive +
                                          " directive: a value before it ends in a backslash or opens another "
                                          "section, so its line joins another or lands elsewhere",
                     true});
  }
  if (reading.loadFailure) {
    notes.push_back({child_path("containers", spec.name.value),
                     "systemd refuses to load the unit file: " + *reading.loadFailure, true});
  }
  unit.unitConfig = std::move(reading.unitConfig);
  unit.serviceConfig = std::move(reading.serviceConfig);
}

}  // namespace ctrlab::oracle::render
