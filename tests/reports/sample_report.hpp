#pragma once

#include "ctrlab/reports/suite_report.hpp"

// A small suite with one case of each status, used by every format's tests.
inline ctrlab::reports::SuiteReport sample_report() {
  using namespace ctrlab::reports;
  using ctrlab::oracle::AspectStatus;
  using ctrlab::oracle::DiffKind;
  CaseReport passed{"nixos-tests/bridge", "2022", CaseStatus::passed, 1.5, "",
                    {{"argv", AspectStatus::passed, "as predicted", {},
                      {{DiffKind::changed, "container webserver", "argv[0]", "/nix/store/x-systemd/bin/systemd-nspawn",
                        "/usr/bin/systemd-nspawn"}}}},
                    {{"container-init is the ctrlab probe", "the NixOS stage 2 is not available here"}},
                    {{"container@webserver.service", "observed", 0, 412.0, 412.0, "active"},
                     {"container@webserver.service", "predicted", 0, 380.0, 380.0, "active"}},
                    {}};
  CaseReport failed{"nixos-tests/ip", "2021", CaseStatus::failed, 2.25, "",
                    {{"argv", AspectStatus::passed, "as predicted", {}, {}},
                     {"reachability", AspectStatus::not_observed, "not observed", {}, {}},
                     {"routes", AspectStatus::failed, "1 route differs",
                      {{DiffKind::missing, "container webserver4", "routes[default via 10.231.136.1 dev eth0]", "present", ""},
                       {DiffKind::changed, "host", "routes[10.231.136.2 dev ve-webserver4] <scope>", "link", "host"}},
                      {}}},
                    {},
                    {},
                    {}};
  CaseReport errored{"options/bad", "2018", CaseStatus::error, 0.1, "sandbox did not boot: <timeout & retry>", {}, {}, {}, {}};
  CaseReport skipped{"options/ephemeral", "2018", CaseStatus::skipped, 0, "revision 2018 has no option ephemeral", {}, {}, {}, {}};
  return {"scenarios", "2026-11-22T20:00:00Z", "ci-runner", {passed, failed, errored, skipped}};
}

// The same suite, its passing case with a warning from the prediction.
inline ctrlab::reports::SuiteReport sample_report_with_a_warning() {
  auto report = sample_report();
  report.cases[0].warnings = {"containers.webserver.timeoutStartSec: holds a line break: <injected> & more"};
  return report;
}
