#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ctrlab/runner/installation.hpp"

namespace ctrlab::runner {

class Sandbox;
class SystemdClient;
class UnitRecorder;

// When the units of a scenario have settled: each is up with a probe that stays up, or at
// rest with nothing more to come. A unit is looked at again only when systemd reported a
// change for it or a probe wrote a report.
class SettleCheck {
 public:
  SettleCheck(const Sandbox& sandbox, SystemdClient& systemd, const UnitRecorder& recorder,
              const std::vector<InstalledUnit>& units);

  void reports_changed() { reports_changed_ = true; }
  bool all_settled();
  [[nodiscard]] std::vector<std::string> unsettled() const;

 private:
  bool settled(const InstalledUnit& unit);
  bool probe_stays_up(const InstalledUnit& unit) const;

  const Sandbox& sandbox_;
  SystemdClient& systemd_;
  const UnitRecorder& recorder_;
  const std::vector<InstalledUnit>& units_;
  std::set<std::string> settled_;
  std::map<std::string, std::uint64_t> seen_generation_;
  bool reports_changed_ = false;
};

// Inactive or failed: no process runs for the unit.
[[nodiscard]] bool is_at_rest(const oracle::UnitStateChange& state);

}  // namespace ctrlab::runner
