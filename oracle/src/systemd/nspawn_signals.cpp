#include "ctrlab/oracle/nspawn_signals.hpp"

namespace ctrlab::oracle {

NspawnSignalEffect nspawn_signal_effect(Signal signal) {
  if (signal == signals::terminate || signal == signals::interrupt) return NspawnSignalEffect::orderly_shutdown;
  if (signal == signals::child || signal == signals::window_change) return NspawnSignalEffect::container_keeps_running;
  switch (default_action(signal)) {
    case DefaultAction::terminate:
    case DefaultAction::core_dump:
      return NspawnSignalEffect::dies;
    case DefaultAction::ignore:
    case DefaultAction::stop:
    case DefaultAction::resume:
      break;
  }
  return NspawnSignalEffect::container_keeps_running;
}

}  // namespace ctrlab::oracle
