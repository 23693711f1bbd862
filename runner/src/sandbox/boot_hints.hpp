#pragma once

#include <string>

// Why a sandbox may fail to boot on this machine at this moment, in words, for the error
// message: what the machine lacks, not what ctrlab did wrong.
namespace ctrlab::runner::boot_hints {

// The machine's limit of inotify instances per user is shared by every process of root and
// of every user namespace root made (the sandboxes' too): a systemd that finds none free exits
// at once (inotify_init1: EMFILE) with nothing on its console. "" when there is room.
[[nodiscard]] std::string inotify_instances();

}  // namespace ctrlab::runner::boot_hints
