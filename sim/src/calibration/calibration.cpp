#include "ctrlab/sim/calibration.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "ctrlab/sim/input_error.hpp"

namespace ctrlab::sim {
namespace {

constexpr std::array<std::string_view, phase_count> phase_names = {
    "manager_job", "manager_event", "start_pre", "nspawn_setup", "init_until_ready",
    "start_post",  "exec_stop",     "stop_post", "shutdown",     "teardown",
};

// A week: anything longer is a unit mistake (milliseconds written as seconds).
constexpr double longest_seconds = 7 * 24 * 3600.0;

std::string one_of(const std::set<std::string>& allowed) {
  std::string text;
  for (const auto& key : allowed) text += (text.empty() ? "" : ", ") + key;
  return text;
}

void reject_unknown_keys(const nlohmann::json& object, const std::set<std::string>& allowed, const std::string& path) {
  for (const auto& [key, value] : object.items()) {
    if (!allowed.contains(key)) {
      throw InputError(path + "." + key, "unknown key; expected one of " + one_of(allowed));
    }
  }
}

const nlohmann::json& require_object(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) throw InputError(path, "expected an object");
  return value;
}

std::string read_string(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) throw InputError(path, "expected a string");
  return value.get<std::string>();
}

Duration read_seconds(const nlohmann::json& value, const std::string& path) {
  if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0 ||
      value.get<double>() > longest_seconds) {
    throw InputError(path, "expected a number of seconds between 0 and 604800 (a week)");
  }
  return Duration(static_cast<Duration::rep>(std::llround(value.get<double>() * 1e6)));
}

// More than a container's boot could keep runnable at once on any machine the simulator is for.
constexpr std::int64_t most_processes = 4096;

unsigned read_processes(const nlohmann::json& value, const std::string& path) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1 || value.get<std::int64_t>() > most_processes) {
    throw InputError(path, "expected a whole number of processes from 1 to 4096");
  }
  return static_cast<unsigned>(value.get<std::int64_t>());
}

PhaseCost read_phase(const nlohmann::json& value, const std::string& path) {
  require_object(value, path);
  reject_unknown_keys(value, {"cpu_seconds", "latency_seconds", "processes", "serial_cpu_seconds", "serial_wait_seconds"}, path);
  PhaseCost cost;
  if (value.contains("serial_cpu_seconds")) {
    cost.serial = read_seconds(value.at("serial_cpu_seconds"), path + ".serial_cpu_seconds");
  }
  if (value.contains("serial_wait_seconds")) {
    cost.serial_wait = read_seconds(value.at("serial_wait_seconds"), path + ".serial_wait_seconds");
  }
  if (value.contains("processes")) cost.processes = read_processes(value.at("processes"), path + ".processes");
  if (value.contains("cpu_seconds")) cost.cpu = read_seconds(value.at("cpu_seconds"), path + ".cpu_seconds");
  if (value.contains("latency_seconds")) {
    cost.latency = read_seconds(value.at("latency_seconds"), path + ".latency_seconds");
  }
  return cost;
}

void read_phases(const nlohmann::json& value, Calibration& calibration) {
  const std::string path = "$.phases";
  require_object(value, path);
  const std::set<std::string> allowed(phase_names.begin(), phase_names.end());
  reject_unknown_keys(value, allowed, path);
  for (std::size_t index = 0; index < phase_count; ++index) {
    const std::string name(phase_names[index]);
    if (value.contains(name)) calibration.phases[index] = read_phase(value.at(name), path + "." + name);
  }
}

unsigned read_cores(const nlohmann::json& value) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1 || value.get<std::int64_t>() > 65536) {
    throw InputError("$.cores", "expected a whole number of cores from 1 to 65536");
  }
  return static_cast<unsigned>(value.get<std::int64_t>());
}

double read_spread(const nlohmann::json& value) {
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() >= 1) {
    throw InputError("$.spread", "expected a number from 0 (no variation) up to, not including, 1");
  }
  return value.get<double>();
}

std::uint64_t read_seed(const nlohmann::json& value) {
  if (!value.is_number_unsigned()) throw InputError("$.seed", "expected a non-negative integer");
  return value.get<std::uint64_t>();
}

}  // namespace

std::string_view to_string(Phase phase) { return phase_names[static_cast<std::size_t>(phase)]; }

Calibration parse_calibration(std::string_view json_text) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError("$", std::string("not valid JSON: ") + error.what());
  }
  require_object(root, "$");
  reject_unknown_keys(root, {"name", "description", "source", "cores", "spread", "seed", "crowding_cpu_seconds", "phases"},
                      "$");
  Calibration calibration;
  if (root.contains("name")) calibration.name = read_string(root.at("name"), "$.name");
  if (root.contains("description")) calibration.description = read_string(root.at("description"), "$.description");
  if (root.contains("source")) calibration.source = read_string(root.at("source"), "$.source");
  if (root.contains("cores")) calibration.cores = read_cores(root.at("cores"));
  if (root.contains("spread")) calibration.spread = read_spread(root.at("spread"));
  if (root.contains("seed")) calibration.seed = read_seed(root.at("seed"));
  if (root.contains("crowding_cpu_seconds")) {
    calibration.crowding_cpu = read_seconds(root.at("crowding_cpu_seconds"), "$.crowding_cpu_seconds");
  }
  if (!root.contains("phases")) throw InputError("$.phases", "missing; it holds what each phase costs");
  read_phases(root.at("phases"), calibration);
  return calibration;
}

nlohmann::json calibration_document(const Calibration& calibration) {
  const auto seconds = [](Duration span) { return static_cast<double>(span.count()) / 1e6; };
  nlohmann::json phases = nlohmann::json::object();
  for (std::size_t index = 0; index < phase_count; ++index) {
    const auto& cost = calibration.phases[index];
    auto& phase = phases[std::string(phase_names[index])];
    phase = {{"cpu_seconds", seconds(cost.cpu)}, {"latency_seconds", seconds(cost.latency)}};
    if (cost.processes != 1) phase["processes"] = cost.processes;
    if (cost.serial.count() != 0) phase["serial_cpu_seconds"] = seconds(cost.serial);
    if (cost.serial_wait.count() != 0) phase["serial_wait_seconds"] = seconds(cost.serial_wait);
  }
  return {{"name", calibration.name},     {"description", calibration.description}, {"source", calibration.source},
          {"cores", calibration.cores},   {"spread", calibration.spread},           {"seed", calibration.seed},
          {"crowding_cpu_seconds", seconds(calibration.crowding_cpu)}, {"phases", phases}};
}

}  // namespace ctrlab::sim
