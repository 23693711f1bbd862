#include "ctrlab/oracle/judge.hpp"

#include <algorithm>

#include "aspect_diffs.hpp"

namespace ctrlab::oracle {
namespace {

bool explains(const SandboxAdaptation& adaptation, Aspect aspect, const Difference& difference) {
  const auto matches = [](const std::optional<std::string>& wanted, const std::string& actual) {
    return !wanted || *wanted == actual;
  };
  return adaptation.aspect == aspect && (adaptation.subject.empty() || adaptation.subject == difference.subject) &&
         (adaptation.field.empty() || adaptation.field == difference.field) &&
         matches(adaptation.predicted, difference.predicted) && matches(adaptation.observed, difference.observed);
}

std::string count_text(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// Sorts an aspect's differences into failures and adapted ones, and sets its status.
AspectVerdict conclude(Aspect aspect, std::vector<Difference> differences, std::vector<std::string> notes,
                       const std::vector<SandboxAdaptation>& adaptations, std::string compared) {
  AspectVerdict verdict;
  verdict.aspect = aspect;
  verdict.notes = std::move(notes);
  for (auto& difference : differences) {
    const bool adapted = std::any_of(adaptations.begin(), adaptations.end(),
                                     [&](const SandboxAdaptation& each) { return explains(each, aspect, difference); });
    (adapted ? verdict.adapted : verdict.differences).push_back(std::move(difference));
  }
  verdict.status = verdict.differences.empty() ? AspectStatus::passed : AspectStatus::failed;
  verdict.summary = verdict.differences.empty() ? "as predicted in " + compared
                                                : count_text(verdict.differences.size(), "difference", "differences") + " in " + compared;
  if (!verdict.adapted.empty()) verdict.summary += ", " + count_text(verdict.adapted.size(), "adapted difference", "adapted differences");
  return verdict;
}

AspectVerdict not_observed(Aspect aspect) {
  AspectVerdict verdict;
  verdict.aspect = aspect;
  verdict.status = AspectStatus::not_observed;
  verdict.summary = "the runner did not observe it";
  return verdict;
}

std::string container_subject(const std::string& name) { return "container " + name; }

using NamespaceDiff = std::vector<Difference> (*)(const std::string&, const NamespaceState&, const NamespaceState&);

// One network aspect over every namespace, plus the host after stop when observed.
AspectVerdict judge_network_aspect(Aspect aspect, NamespaceDiff diff, const NetworkEffects& effects,
                                   const Observation& observed) {
  if (!observed.network) return not_observed(aspect);
  std::vector<Difference> differences;
  std::size_t compared = 1;
  differences = diff("host", effects.running.host, observed.network->host);
  for (const auto& [name, predicted] : effects.running.containers) {
    const auto seen = observed.network->containers.find(name);
    if (seen == observed.network->containers.end()) {
      // A missing namespace is one difference, reported once (under links).
      if (aspect == Aspect::links) {
        differences.push_back({DiffKind::missing, container_subject(name), "network namespace",
                               std::to_string(predicted.links.size()) + " links", ""});
      }
      continue;
    }
    ++compared;
    for (auto& each : diff(container_subject(name), predicted, seen->second)) differences.push_back(std::move(each));
  }
  for (const auto& [name, seen] : observed.network->containers) {
    if (!effects.running.containers.contains(name) && aspect == Aspect::links) {
      differences.push_back({DiffKind::unexpected, container_subject(name), "network namespace", "",
                             std::to_string(seen.links.size()) + " links"});
    }
  }
  if (observed.host_after_stop) {
    ++compared;
    for (auto& each : diff("host after stop", effects.host_after_stop, *observed.host_after_stop)) differences.push_back(std::move(each));
  }
  return conclude(aspect, std::move(differences), {}, observed.adaptations, count_text(compared, "namespace", "namespaces"));
}

// A per-container aspect: `compare` returns false when the container did not observe it.
template <class Compare>
AspectVerdict judge_per_container(Aspect aspect, const Observation& observed, Compare compare) {
  std::vector<Difference> differences;
  std::vector<std::string> notes;
  std::size_t compared = 0;
  for (const auto& [name, container] : observed.containers) {
    if (compare(name, container, differences, notes)) ++compared;
  }
  if (compared == 0) return not_observed(aspect);
  return conclude(aspect, std::move(differences), std::move(notes), observed.adaptations,
                  count_text(compared, "container", "containers"));
}

AspectVerdict judge_argv(const Expectation& expected, const Observation& observed) {
  return judge_per_container(Aspect::argv, observed,
                             [&](const std::string& name, const ContainerObservation& seen, auto& differences, auto&) {
                               if (!seen.nspawn_argv) return false;
                               const auto rendering = expected.rendering.containers.find(name);
                               const Argv none;
                               auto found = judging::diff_argv(container_subject(name),
                                                               rendering == expected.rendering.containers.end() ? none : rendering->second.nspawnArgv,
                                                               *seen.nspawn_argv);
                               differences.insert(differences.end(), found.begin(), found.end());
                               return true;
                             });
}

AspectVerdict judge_operations(const Expectation& expected, const Observation& observed) {
  return judge_per_container(Aspect::operations, observed,
                             [&](const std::string& name, const ContainerObservation& seen, auto& differences, auto& notes) {
                               if (!seen.operations) return false;
                               const auto effects = expected.effects.containers.find(name);
                               const std::vector<PredictedOperation> none;
                               auto found = judging::diff_operations(
                                   container_subject(name), effects == expected.effects.containers.end() ? none : effects->second.operations,
                                   *seen.operations, notes);
                               differences.insert(differences.end(), found.begin(), found.end());
                               return true;
                             });
}

AspectVerdict judge_unit_properties(const Expectation& expected, const Observation& observed) {
  return judge_per_container(Aspect::unit_properties, observed,
                             [&](const std::string& name, const ContainerObservation& seen, auto& differences, auto& notes) {
                               const auto rendering = expected.rendering.containers.find(name);
                               if (!seen.unit_properties || rendering == expected.rendering.containers.end()) return false;
                               auto found = judging::diff_unit_properties(container_subject(name), name, rendering->second.unit,
                                                                          *seen.unit_properties, notes);
                               differences.insert(differences.end(), found.begin(), found.end());
                               return true;
                             });
}

AspectVerdict judge_unit_history(const Expectation& expected, const Observation& observed, const JudgeOptions& options) {
  return judge_per_container(Aspect::unit_history, observed,
                             [&](const std::string& name, const ContainerObservation& seen, auto& differences, auto& notes) {
                               const auto predicted = expected.unit_histories.find(name);
                               if (!seen.unit_history || predicted == expected.unit_histories.end()) return false;
                               auto found = judging::diff_unit_history(container_subject(name), predicted->second,
                                                                       *seen.unit_history, options, notes);
                               differences.insert(differences.end(), found.begin(), found.end());
                               const auto stop = expected.stop_outcomes.find(name);
                               if (seen.stop_outcome && stop != expected.stop_outcomes.end()) {
                                 auto stopped = judging::diff_stop_outcome(container_subject(name), stop->second, *seen.stop_outcome);
                                 differences.insert(differences.end(), stopped.begin(), stopped.end());
                               }
                               return true;
                             });
}

AspectVerdict judge_reachability(const Expectation& expected, const Observation& observed) {
  if (!observed.reachability) return not_observed(Aspect::reachability);
  std::vector<std::string> notes;
  auto differences = judging::diff_reachability(expected.effects.reachability, *observed.reachability, notes);
  return conclude(Aspect::reachability, std::move(differences), std::move(notes), observed.adaptations,
                  count_text(expected.effects.reachability.size(), "probe", "probes"));
}

AspectVerdict judge_filesystem(const Expectation& expected, const Observation& observed) {
  const auto& predicted = expected.filesystems;
  return judge_per_container(Aspect::filesystem, observed,
                             [&](const std::string& name, const ContainerObservation& seen, auto& differences, auto&) {
                               const auto filesystem = predicted.find(name);
                               if (!seen.filesystem || filesystem == predicted.end()) return false;
                               auto found = judging::diff_filesystem(container_subject(name), filesystem->second, *seen.filesystem);
                               differences.insert(differences.end(), found.begin(), found.end());
                               return true;
                             });
}

// The machine the container's init saw against the one nspawn's personality gives it.
AspectVerdict judge_platform(const Expectation& expected, const Observation& observed) {
  return judge_per_container(Aspect::platform, observed,
                             [&](const std::string& name, const ContainerObservation& seen, auto& differences, auto&) {
                               const auto effects = expected.effects.containers.find(name);
                               if (!seen.machine) return false;
                               const std::string predicted =
                                   effects == expected.effects.containers.end() ? "" : effects->second.machine.value_or("");
                               if (predicted != *seen.machine) {
                                 differences.push_back({predicted.empty() ? DiffKind::unexpected : DiffKind::changed,
                                                        container_subject(name), "uname -m", predicted, *seen.machine});
                               }
                               return true;
                             });
}

std::string namespace_owner(bool own) { return own ? "its own" : "the host's"; }

std::string joined_lines(const std::vector<IdMapping>& mappings) {
  std::string text;
  for (const auto& mapping : mappings) text += (text.empty() ? "" : "; ") + to_string(mapping);
  return text;
}

// The user namespace the container's init ran in, and its uid_map, against nspawn's
// --private-users as the model reads it; a map the model cannot predict is a note.
void compare_users(const std::string& name, const std::optional<ContainerUsers>& predicted, const ObservedUsers& seen,
                   std::vector<Difference>& differences, std::vector<std::string>& notes) {
  const std::string subject = container_subject(name);
  if (!predicted) {
    differences.push_back({DiffKind::unexpected, subject, "user namespace", "", namespace_owner(seen.own_namespace)});
    return;
  }
  if (predicted->own_namespace != seen.own_namespace) {
    differences.push_back({DiffKind::changed, subject, "user namespace", namespace_owner(predicted->own_namespace),
                           namespace_owner(seen.own_namespace)});
    return;
  }
  if (!seen.own_namespace) return;
  if (!predicted->uid_map) {
    notes.push_back(subject + " uid_map " + joined_lines(seen.uid_map) + " (not predicted: " + predicted->basis + ")");
    return;
  }
  const std::string expected_map = to_string(*predicted->uid_map);
  if (seen.uid_map != std::vector<IdMapping>{*predicted->uid_map}) {
    differences.push_back({DiffKind::changed, subject, "uid_map", expected_map, joined_lines(seen.uid_map)});
  }
}

AspectVerdict judge_users(const Expectation& expected, const Observation& observed) {
  return judge_per_container(Aspect::users, observed,
                             [&](const std::string& name, const ContainerObservation& seen, auto& differences, auto& notes) {
                               if (!seen.users) return false;
                               const auto effects = expected.effects.containers.find(name);
                               compare_users(name, effects == expected.effects.containers.end() ? std::nullopt : effects->second.users,
                                             *seen.users, differences, notes);
                               return true;
                             });
}

}  // namespace

Verdict judge(const Expectation& expected, const Observation& observed, const JudgeOptions& options) {
  Verdict verdict;
  verdict.adaptations = observed.adaptations;
  verdict.aspects.push_back(judge_argv(expected, observed));
  verdict.aspects.push_back(judge_unit_properties(expected, observed));
  verdict.aspects.push_back(judge_operations(expected, observed));
  verdict.aspects.push_back(judge_network_aspect(Aspect::links, judging::diff_links, expected.effects, observed));
  verdict.aspects.push_back(judge_network_aspect(Aspect::addresses, judging::diff_addresses, expected.effects, observed));
  verdict.aspects.push_back(judge_network_aspect(Aspect::routes, judging::diff_routes, expected.effects, observed));
  verdict.aspects.push_back(judge_reachability(expected, observed));
  verdict.aspects.push_back(judge_unit_history(expected, observed, options));
  verdict.aspects.push_back(judge_filesystem(expected, observed));
  verdict.aspects.push_back(judge_platform(expected, observed));
  verdict.aspects.push_back(judge_users(expected, observed));
  return verdict;
}

Verdict judge(const Prediction& rendering, const HostNetwork& host, const Observation& observed, const JudgeOptions& options) {
  return judge(expect(rendering, host), observed, options);
}

}  // namespace ctrlab::oracle
