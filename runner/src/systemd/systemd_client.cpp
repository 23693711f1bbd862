#include "ctrlab/runner/systemd_client.hpp"

#include <sdbus-c++/sdbus-c++.h>

#include <array>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner {
namespace {

constexpr const char* systemd_service = "org.freedesktop.systemd1";
constexpr const char* manager_path = "/org/freedesktop/systemd1";
constexpr const char* manager_interface = "org.freedesktop.systemd1.Manager";
constexpr const char* unit_interface = "org.freedesktop.systemd1.Unit";
constexpr const char* service_interface = "org.freedesktop.systemd1.Service";
constexpr const char* properties_interface = "org.freedesktop.DBus.Properties";
constexpr const char* unit_path_prefix = "/org/freedesktop/systemd1/unit/";

PropertyValue to_property_value(const sdbus::Variant& variant) {
  const auto type = variant.peekValueType();
  if (type == "s" || type == "o") return variant.get<std::string>();
  if (type == "b") return variant.get<bool>();
  if (type == "i") return std::int64_t{variant.get<std::int32_t>()};
  if (type == "x") return variant.get<std::int64_t>();
  if (type == "u") return std::uint64_t{variant.get<std::uint32_t>()};
  if (type == "t") return variant.get<std::uint64_t>();
  if (type == "(uo)") {  // Job: (id, path), id 0 when no job is pending
    return std::uint64_t{std::get<0>(variant.get<sdbus::Struct<std::uint32_t, sdbus::ObjectPath>>())};
  }
  return std::monostate{};
}

template <typename Call>
auto bus_call(const std::string& operation, Call call) {
  try {
    return call();
  } catch (const sdbus::Error& error) {
    // sd-bus waits in ppoll, which a signal ends with EINTR whatever SA_RESTART says: a call cut
    // short by Ctrl-C is the interruption, not a failure of systemd.
    InterruptWatch::throw_if_received(operation);
    throw RunnerError(operation, error.getName() + ": " + error.getMessage());
  }
}

std::uint32_t job_id_of(const sdbus::ObjectPath& job) {
  const auto slash = job.rfind('/');
  return static_cast<std::uint32_t>(std::stoul(job.substr(slash + 1)));
}

}  // namespace

struct SystemdClient::Bus {
  std::unique_ptr<sdbus::IConnection> connection;
  std::unique_ptr<sdbus::IProxy> manager;
  std::map<std::string, std::string> unit_by_path;
  std::function<void(const JobRemoved&)> job_removed;
  std::function<void(const PropertiesChanged&)> properties_changed;

  std::string unit_path(const std::string& unit) {
    sdbus::ObjectPath path;
    bus_call("load unit " + unit, [&] {
      manager->callMethod("LoadUnit").onInterface(manager_interface).withArguments(unit).storeResultsTo(path);
    });
    unit_by_path[path] = unit;
    return path;
  }

  // The unit a PropertiesChanged came from; units not yet seen are asked for their Id.
  std::string unit_of(const std::string& path) {
    if (const auto known = unit_by_path.find(path); known != unit_by_path.end()) return known->second;
    const auto proxy = sdbus::createProxy(*connection, systemd_service, path);
    std::string id;
    try {
      id = proxy->getProperty("Id").onInterface(unit_interface).get<std::string>();
    } catch (const sdbus::Error&) {
      return {};
    }
    unit_by_path[path] = id;
    return id;
  }

  void on_properties_message(sdbus::Message& message) {
    if (!properties_changed) return;
    PropertiesChanged event;
    std::map<std::string, sdbus::Variant> changed;
    std::vector<std::string> invalidated;
    message >> event.interface >> changed >> invalidated;
    if (event.interface != unit_interface && event.interface != service_interface) return;
    event.unit = unit_of(message.getPath());
    for (const auto& [name, value] : changed) event.changed.emplace(name, to_property_value(value));
    properties_changed(event);
  }
};

SystemdClient::SystemdClient(const std::string& bus_address) : bus_(std::make_unique<Bus>()) {
  bus_call("connect to " + bus_address, [&] {
    bus_->connection = sdbus::createSessionBusConnectionWithAddress(bus_address);
    bus_->manager = sdbus::createProxy(*bus_->connection, systemd_service, manager_path);
    bus_->manager->uponSignal("JobRemoved")
        .onInterface(manager_interface)
        .call([bus = bus_.get()](std::uint32_t id, const sdbus::ObjectPath&, const std::string& unit,
                                 const std::string& result) {
          if (bus->job_removed) bus->job_removed(JobRemoved{id, unit, result});
        });
    bus_->manager->finishRegistration();
    bus_->connection->addMatch(std::string("type='signal',sender='") + systemd_service + "',interface='" +
                                   properties_interface + "',member='PropertiesChanged',path_namespace='" +
                                   std::string(unit_path_prefix, std::char_traits<char>::length(unit_path_prefix) - 1) +
                                   "'",
                               [bus = bus_.get()](sdbus::Message& message) { bus->on_properties_message(message); },
                               sdbus::floating_slot);
    // Without a subscriber systemd does not emit unit signals at all.
    bus_->manager->callMethod("Subscribe").onInterface(manager_interface);
  });
}

SystemdClient::~SystemdClient() = default;

void SystemdClient::reload() {
  bus_call("reload systemd", [&] {
    // A reload re-reads every unit file; give it far longer than the default call timeout.
    auto call = bus_->manager->createMethodCall(manager_interface, "Reload");
    bus_->manager->callMethod(call, 120'000'000);
  });
}

std::uint32_t SystemdClient::start_unit(const std::string& unit, const std::string& mode) {
  sdbus::ObjectPath job;
  bus_call("start " + unit, [&] {
    bus_->manager->callMethod("StartUnit").onInterface(manager_interface).withArguments(unit, mode).storeResultsTo(job);
  });
  return job_id_of(job);
}

std::uint32_t SystemdClient::stop_unit(const std::string& unit, const std::string& mode) {
  sdbus::ObjectPath job;
  bus_call("stop " + unit, [&] {
    bus_->manager->callMethod("StopUnit").onInterface(manager_interface).withArguments(unit, mode).storeResultsTo(job);
  });
  return job_id_of(job);
}

void SystemdClient::reset_failed_unit(const std::string& unit) {
  bus_call("reset-failed " + unit, [&] {
    bus_->manager->callMethod("ResetFailedUnit").onInterface(manager_interface).withArguments(unit);
  });
}

void SystemdClient::ref_unit(const std::string& unit) {
  const auto proxy = sdbus::createProxy(*bus_->connection, systemd_service, bus_->unit_path(unit));
  bus_call("reference " + unit, [&] { proxy->callMethod("Ref").onInterface(unit_interface); });
}

void SystemdClient::unref_unit(const std::string& unit) {
  const auto proxy = sdbus::createProxy(*bus_->connection, systemd_service, bus_->unit_path(unit));
  bus_call("drop the reference to " + unit, [&] { proxy->callMethod("Unref").onInterface(unit_interface); });
}

std::uint32_t SystemdClient::start_transient_notify_service(const std::string& unit, const std::vector<std::string>& argv) {
  using ExecCommand = sdbus::Struct<std::string, std::vector<std::string>, bool>;
  using Property = sdbus::Struct<std::string, sdbus::Variant>;
  using AuxUnit = sdbus::Struct<std::string, std::vector<Property>>;
  const std::vector<Property> properties = {
      {"Type", sdbus::Variant(std::string("notify"))},
      {"Delegate", sdbus::Variant(true)},
      // As systemd's own systemd-nspawn@.service and NixOS's container@ unit: SIGTERM to nspawn
      // alone, which turns it into the container's shutdown signal. SIGTERM to every process
      // of the container would reach its init directly (a systemd re-executes on it) and the
      // stop would wait for its timeout.
      {"KillMode", sdbus::Variant(std::string("mixed"))},
      {"ExecStart", sdbus::Variant(std::vector<ExecCommand>{{argv.front(), argv, false}})},
  };
  sdbus::ObjectPath job;
  bus_call("start transient " + unit, [&] {
    bus_->manager->callMethod("StartTransientUnit")
        .onInterface(manager_interface)
        .withArguments(unit, std::string("replace"), properties, std::vector<AuxUnit>{})
        .storeResultsTo(job);
  });
  return job_id_of(job);
}

void SystemdClient::kill_unit(const std::string& unit, int signal) {
  bus_call("kill " + unit, [&] {
    bus_->manager->callMethod("KillUnit").onInterface(manager_interface).withArguments(unit, std::string("all"), signal);
  });
}

UnitStatus SystemdClient::status(const std::string& unit) {
  const auto path = bus_->unit_path(unit);
  const auto proxy = sdbus::createProxy(*bus_->connection, systemd_service, path);
  std::map<std::string, sdbus::Variant> unit_properties;
  std::map<std::string, sdbus::Variant> service_properties;
  bus_call("read the properties of " + unit, [&] {
    proxy->callMethod("GetAll").onInterface(properties_interface).withArguments(unit_interface).storeResultsTo(unit_properties);
    if (unit.ends_with(".service")) {
      proxy->callMethod("GetAll").onInterface(properties_interface).withArguments(service_interface).storeResultsTo(service_properties);
    }
  });
  const auto get = [](const auto& properties, const char* name, auto fallback) {
    using T = decltype(fallback);
    const auto found = properties.find(name);
    return found == properties.end() ? fallback : found->second.template get<T>();
  };
  UnitStatus status;
  status.load_state = get(unit_properties, "LoadState", std::string());
  status.active_state = get(unit_properties, "ActiveState", std::string());
  status.sub_state = get(unit_properties, "SubState", std::string());
  status.active_enter_usec = get(unit_properties, "ActiveEnterTimestampMonotonic", std::uint64_t{0});
  status.inactive_exit_usec = get(unit_properties, "InactiveExitTimestampMonotonic", std::uint64_t{0});
  status.state_change_usec = get(unit_properties, "StateChangeTimestampMonotonic", std::uint64_t{0});
  const auto job = unit_properties.find("Job");
  if (job != unit_properties.end()) {
    const auto pending = job->second.get<sdbus::Struct<std::uint32_t, sdbus::ObjectPath>>();
    status.job_pending = std::get<0>(pending) != 0;
  }
  status.result = get(service_properties, "Result", std::string());
  status.n_restarts = get(service_properties, "NRestarts", std::uint32_t{0});
  status.exec_main_code = get(service_properties, "ExecMainCode", std::int32_t{0});
  status.exec_main_status = get(service_properties, "ExecMainStatus", std::int32_t{0});
  status.main_pid = get(service_properties, "MainPID", std::uint32_t{0});
  return status;
}

std::vector<std::string> SystemdClient::list_units(const std::vector<std::string>& patterns) {
  using UnitRow = sdbus::Struct<std::string, std::string, std::string, std::string, std::string, std::string,
                                sdbus::ObjectPath, std::uint32_t, std::string, sdbus::ObjectPath>;
  std::vector<UnitRow> rows;
  bus_call("list units", [&] {
    bus_->manager->callMethod("ListUnitsByPatterns")
        .onInterface(manager_interface)
        .withArguments(std::vector<std::string>{}, patterns)
        .storeResultsTo(rows);
  });
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(std::get<0>(row));
  return names;
}

std::vector<std::pair<std::uint32_t, std::string>> SystemdClient::list_jobs() {
  using JobRow = sdbus::Struct<std::uint32_t, std::string, std::string, std::string, sdbus::ObjectPath,
                               sdbus::ObjectPath>;
  std::vector<JobRow> rows;
  bus_call("list jobs", [&] { bus_->manager->callMethod("ListJobs").onInterface(manager_interface).storeResultsTo(rows); });
  std::vector<std::pair<std::uint32_t, std::string>> jobs;
  for (const auto& row : rows) jobs.emplace_back(std::get<0>(row), std::get<1>(row));
  return jobs;
}

void SystemdClient::on_job_removed(std::function<void(const JobRemoved&)> handler) {
  bus_->job_removed = std::move(handler);
}

void SystemdClient::on_properties_changed(std::function<void(const PropertiesChanged&)> handler) {
  bus_->properties_changed = std::move(handler);
}

bool SystemdClient::dispatch() {
  bool any = false;
  bus_call("process D-Bus messages", [&] {
    while (bus_->connection->processPendingRequest()) any = true;
  });
  return any;
}

pollfd SystemdClient::poll_entry() const {
  const auto data = bus_->connection->getEventLoopPollData();
  return pollfd{data.fd, data.events, 0};
}

std::chrono::steady_clock::time_point SystemdClient::wake_up_by(std::chrono::steady_clock::time_point deadline) const {
  const auto data = bus_->connection->getEventLoopPollData();
  if (data.timeout_usec == UINT64_MAX) return deadline;
  // steady_clock is CLOCK_MONOTONIC, the clock sd-bus states its timeout in.
  const auto bus_time = std::chrono::steady_clock::time_point(std::chrono::microseconds(data.timeout_usec));
  return std::min(deadline, bus_time);
}

bool SystemdClient::run_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    dispatch();
    if (done()) return true;
    // done() may itself call systemd, which queues the signals that arrive meanwhile.
    if (dispatch()) continue;
    std::array<pollfd, 1> fds{poll_entry()};
    const auto wake = wake_up_by(deadline);
    if (sys::wait_for(fds, std::max(wake, std::chrono::steady_clock::now() + std::chrono::microseconds(1)),
                      "wait for systemd") == sys::WaitOutcome::deadline &&
        std::chrono::steady_clock::now() >= deadline) {
      dispatch();
      return done();
    }
  }
}

}  // namespace ctrlab::runner
