#pragma once

// IPv6 duplicate address detection, turned off in the probe's own network namespace before the
// container-side commands add addresses: accept_dad=0 for all links, for new ones, and for each
// link there already is. Best effort: where the container shares the sandbox's namespace,
// /proc/sys is read-only to it and the runner has turned detection off there already.
namespace ctrlab::probe {

void turn_off_address_detection();

}  // namespace ctrlab::probe
