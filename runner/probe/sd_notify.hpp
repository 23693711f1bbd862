#pragma once

#include <string_view>

namespace ctrlab::probe {

// Sends one sd_notify message to $NOTIFY_SOCKET with our credentials attached, as
// systemd-nspawn --notify-ready=yes requires of the container's PID 1. Returns false when
// there is no $NOTIFY_SOCKET or the send failed (errno says why).
bool notify(std::string_view message);

// The same message sent by a child process of ours (its own pid in the credentials), which then
// exits: what an init does that leaves readiness to a helper. Returns whether the child sent it.
bool notify_from_a_child(std::string_view message);

}  // namespace ctrlab::probe
