#include "ctrlab/sim/nspawn.hpp"

namespace ctrlab::sim {

NspawnReaction nspawn_reaction(const ContainerEnd& end, const NspawnOptions& options) {
  switch (end.how) {
    case InitEnd::exited:
      // 133 is nspawn's own "please restart me"; a payload exiting with it must not fake that.
      return {false, end.status == nspawn_force_restart_status ? nspawn_failure_status : end.status};
    case InitEnd::powered_off:
      return {false, 0};
    case InitEnd::rebooted:
      // With --keep-unit nspawn asks the service manager for a full restart (it may have
      // unit properties to flush); otherwise it simply runs the container again itself.
      if (options.keep_unit) return {false, nspawn_force_restart_status};
      return {true, 0};
    case InitEnd::killed:
      return {false, nspawn_failure_status};
  }
  return {false, nspawn_failure_status};
}

}  // namespace ctrlab::sim
