#pragma once

#include <string>
#include <utility>

#include "ctrlab/reports/suite_report.hpp"

inline ctrlab::reports::CaseReport sample_case(std::string scenario, std::string revision,
                                               ctrlab::reports::CaseStatus status, double seconds, std::string cause) {
  ctrlab::reports::CaseReport report;
  report.scenario = std::move(scenario);
  report.revision = std::move(revision);
  report.status = status;
  report.seconds = seconds;
  report.cause = std::move(cause);
  return report;
}

// A small suite with one case of each status, used by every format's tests.
inline ctrlab::reports::SuiteReport sample_report() {
  using namespace ctrlab::reports;
  using ctrlab::oracle::AspectStatus;
  using ctrlab::oracle::DiffKind;
  auto passed = sample_case("nixos-tests/bridge", "2022", CaseStatus::passed, 1.5, "");
  passed.aspects = {{"argv", AspectStatus::passed, "as predicted", {},
                     {{DiffKind::changed, "container webserver", "argv[0]", "/nix/store/x-systemd/bin/systemd-nspawn",
                       "/usr/bin/systemd-nspawn"}}}};
  passed.adaptations = {{"container-init is the ctrlab probe", "the NixOS stage 2 is not available here"}};
  passed.timeline = {{"container@webserver.service", "observed", 0, 412.0, 412.0, "ready", 1},
                     {"container@webserver.service", "predicted", 0, 380.0, 380.0, "ready", 1}};
  auto failed = sample_case("nixos-tests/ip", "2021", CaseStatus::failed, 2.25, "routes: 1 route differs");
  failed.aspects = {{"argv", AspectStatus::passed, "as predicted", {}, {}},
                    {"reachability", AspectStatus::not_observed, "not observed", {}, {}},
                    {"routes", AspectStatus::failed, "1 route differs",
                     {{DiffKind::missing, "container webserver4", "routes[default via 10.231.136.1 dev eth0]", "present", ""},
                      {DiffKind::changed, "host", "routes[10.231.136.2 dev ve-webserver4] <scope>", "link", "host"}},
                     {}}};
  failed.adaptations = passed.adaptations;  // the same adaptation in two cases: once in the suite's JUnit properties
  failed.journal = {{"container@webserver4.service", "Starting container@webserver4.service...\nip: RTNETLINK answers: File exists\n"}};
  failed.log = {"12 ms: installed", "340 ms: settled"};
  const auto errored = sample_case("options/bad", "2018", CaseStatus::error, 0.1, "sandbox did not boot: <timeout & retry>");
  const auto skipped = sample_case("options/ephemeral", "2018", CaseStatus::skipped, 0, "revision 2018 has no option ephemeral");
  return {"scenarios", "2026-11-22T20:00:00Z", "ci-runner", "0.1.0", {passed, failed, errored, skipped}};
}

// The same suite, its passing case with a warning from the prediction.
inline ctrlab::reports::SuiteReport sample_report_with_a_warning() {
  auto report = sample_report();
  report.cases[0].warnings = {"containers.webserver.timeoutStartSec: holds a line break: <injected> & more"};
  return report;
}
