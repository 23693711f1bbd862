#pragma once

#include "ctrlab/oracle/exit_status.hpp"
#include "ctrlab/oracle/nspawn_signals.hpp"
#include "ctrlab/oracle/signal.hpp"

// The simulator speaks the oracle's systemd vocabulary (signals, exit statuses, what nspawn does
// with a signal): the same names, not copies.
namespace ctrlab::sim {

using oracle::DefaultAction;
using oracle::ExitCode;
using oracle::ExitStatusSet;
using oracle::ProcessExit;
using oracle::Signal;
namespace signals = oracle::signals;

}  // namespace ctrlab::sim
