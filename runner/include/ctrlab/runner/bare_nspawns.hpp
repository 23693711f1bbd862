#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/runner/payload.hpp"

// The bare baseline of a mass start: every container's predicted systemd-nspawn argv, same
// root, same probe, same payload, run as the only command of a transient Type=notify service
// with a delegated cgroup (nspawn needs both), all started at once. No module unit, no
// ExecStartPre=/ExecStartPost=, no target, nothing observed: what the containers cost without
// the module around them.
namespace ctrlab::runner {

class Sandbox;
class SystemdClient;

struct BareStart {
  std::string container;
  std::optional<std::chrono::microseconds> ready;  // from the first start request until its job was done
  std::string result;                              // the start job's: done, failed, timeout...
};

struct BareRun {
  std::vector<BareStart> starts;  // in the prediction's order of containers
  std::chrono::microseconds all_done{0};     // until every start job had ended, done or not
  std::chrono::microseconds all_stopped{0};  // until every unit had stopped again
};

// Installs what the argvs need, starts them, waits until every start job has ended (at most
// `timeout`), stops them and takes everything back. Throws RunnerError (Interrupted on a signal,
// after which the sandbox is taken down as a whole).
[[nodiscard]] BareRun run_bare_nspawns(const Sandbox& sandbox, SystemdClient& systemd,
                                       const oracle::Prediction& prediction, Payload payload,
                                       std::chrono::milliseconds timeout);

}  // namespace ctrlab::runner
