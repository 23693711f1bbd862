#include "scenario/settle_check.hpp"

#include "ctrlab/runner/systemd_client.hpp"
#include "ctrlab/runner/unit_recorder.hpp"
#include "scenario/observe.hpp"

namespace ctrlab::runner {

bool is_at_rest(const oracle::UnitStateChange& state) {
  return state.active_state == "inactive" || state.active_state == "failed";
}

SettleCheck::SettleCheck(const Sandbox& sandbox, SystemdClient& systemd, const UnitRecorder& recorder,
                         const std::vector<InstalledUnit>& units)
    : sandbox_(sandbox), systemd_(systemd), recorder_(recorder), units_(units) {}

bool SettleCheck::all_settled() {
  for (const auto& unit : units_) {
    if (settled_.contains(unit.unit)) continue;
    const auto generation = recorder_.generation(unit.unit);
    const auto seen = seen_generation_.find(unit.unit);
    if (seen != seen_generation_.end() && seen->second == generation && !reports_changed_) continue;
    seen_generation_[unit.unit] = generation;
    if (settled(unit)) settled_.insert(unit.unit);
  }
  reports_changed_ = false;
  return settled_.size() == units_.size();
}

std::vector<std::string> SettleCheck::unsettled() const {
  std::vector<std::string> names;
  for (const auto& unit : units_) {
    if (!settled_.contains(unit.unit)) names.push_back(unit.unit);
  }
  return names;
}

bool SettleCheck::settled(const InstalledUnit& unit) {
  if (recorder_.job_pending(unit.unit)) return false;
  const auto& state = recorder_.current_state(unit.unit);
  if (state.active_state == "active") return probe_stays_up(unit);
  if (!is_at_rest(state)) return false;
  // A failed unit may be about to restart; systemd's reply comes after every signal it sent
  // before, so its state now is the truth.
  const auto now = systemd_.status(unit.unit);
  return (now.active_state == "inactive" || now.active_state == "failed") && !now.job_pending &&
         now.sub_state != "auto-restart";
}

bool SettleCheck::probe_stays_up(const InstalledUnit& unit) const {
  const auto report = observe::latest_probe_report(sandbox_, unit.probe_state_dir);
  return report && report->up && unit.script.for_boot(report->boot).action == oracle::BootAction::stay_up;
}

}  // namespace ctrlab::runner
