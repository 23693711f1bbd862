#include "machine_commands.hpp"

#include <systemd/sd-bus.h>

#include <cstring>
#include <memory>
#include <string>

namespace ctrlab::probe {
namespace {

struct BusUnref {
  void operator()(sd_bus* bus) const { sd_bus_flush_close_unref(bus); }
};

// What machinectl prints for a failed TerminateMachine.
oracle::CommandOutcome refused(const sd_bus_error& error, int result) {
  const char* reason = sd_bus_error_is_set(&error) != 0 ? error.message : std::strerror(-result);
  return {1, std::string("Could not terminate machine: ") + reason};
}

}  // namespace

std::optional<oracle::CommandOutcome> run_machine_command(const oracle::Argv& argv) {
  if (argv.size() < 3 || argv[0] != "machinectl" || argv[1] != "terminate") return std::nullopt;
  sd_bus* raw = nullptr;
  if (const int opened = sd_bus_open_system(&raw); opened < 0) {
    return oracle::CommandOutcome{1, std::string("Failed to connect to bus: ") + std::strerror(-opened)};
  }
  const std::unique_ptr<sd_bus, BusUnref> bus(raw);
  oracle::CommandOutcome outcome;
  for (std::size_t i = 2; i < argv.size(); ++i) {
    sd_bus_error error = SD_BUS_ERROR_NULL;
    const int called = sd_bus_call_method(bus.get(), "org.freedesktop.machine1", "/org/freedesktop/machine1",
                                          "org.freedesktop.machine1.Manager", "TerminateMachine", &error, nullptr, "s",
                                          argv[i].c_str());
    if (called < 0) outcome = refused(error, called);  // machinectl goes on, and exits 1 at the end
    sd_bus_error_free(&error);
  }
  return outcome;
}

}  // namespace ctrlab::probe
