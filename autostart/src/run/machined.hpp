#pragma once

namespace ctrlab::runner {
class SystemdClient;
}

namespace ctrlab::autostart {

// systemd-machined starts when the first container registers with it: about a second on this
// machine kind, once per boot of the sandbox. Started before anything is measured, so that
// every run measures the same thing (the figures describe a host whose machined is up, as it is
// after its first container). Throws runner::RunnerError when it does not start.
void start_machined(runner::SystemdClient& systemd);

}  // namespace ctrlab::autostart
