#include "ctrlab/oracle/verdict.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "effects/enum_names.hpp"
#include "effects/record_reader.hpp"

namespace ctrlab::oracle {
namespace {

constexpr std::pair<DiffKind, std::string_view> diff_kind_names[] = {
    {DiffKind::missing, "missing"}, {DiffKind::unexpected, "unexpected"}, {DiffKind::changed, "changed"}};
constexpr std::pair<AspectStatus, std::string_view> status_names[] = {
    {AspectStatus::passed, "passed"}, {AspectStatus::failed, "failed"}, {AspectStatus::not_observed, "notObserved"}};

Difference difference_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  Difference difference;
  const auto kind_text = object.string("kind");
  const auto kind = parse_diff_kind(kind_text);
  if (!kind) throw InputError(object.path_of("kind"), "missing, unexpected or changed", "got \"" + kind_text + "\"");
  difference.kind = *kind;
  difference.subject = object.optional_string("subject").value_or("");
  difference.field = object.string("field");
  difference.predicted = object.optional_string("predicted").value_or("");
  difference.observed = object.optional_string("observed").value_or("");
  return difference;
}

std::vector<Difference> differences_from_json(const record::ObjectReader& object, std::string_view key) {
  std::vector<Difference> differences;
  const auto* value = object.find(key);
  if (value == nullptr) return differences;
  const auto path = object.path_of(key);
  const auto& array = record::require_array(*value, path, "an array of differences");
  for (std::size_t i = 0; i < array.size(); ++i) differences.push_back(difference_from_json(array[i], record::index_path(path, i)));
  return differences;
}

AspectVerdict aspect_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  AspectVerdict verdict;
  const auto aspect_text = object.string("aspect");
  const auto aspect = parse_aspect(aspect_text);
  if (!aspect) throw InputError(object.path_of("aspect"), "an aspect such as links or routes", "got \"" + aspect_text + "\"");
  verdict.aspect = *aspect;
  const auto status_text = object.string("status");
  const auto status = parse_aspect_status(status_text);
  if (!status) throw InputError(object.path_of("status"), "passed, failed or notObserved", "got \"" + status_text + "\"");
  verdict.status = *status;
  verdict.summary = object.optional_string("summary").value_or("");
  verdict.differences = differences_from_json(object, "differences");
  verdict.adapted = differences_from_json(object, "adapted");
  verdict.notes = object.strings("notes");
  return verdict;
}

}  // namespace

std::string_view to_string(DiffKind kind) { return enum_names::name_of(diff_kind_names, kind); }
std::optional<DiffKind> parse_diff_kind(std::string_view text) { return enum_names::value_of(diff_kind_names, text); }
std::string_view to_string(AspectStatus status) { return enum_names::name_of(status_names, status); }
std::optional<AspectStatus> parse_aspect_status(std::string_view text) {
  return enum_names::value_of(status_names, text);
}

std::string Difference::shown(const std::string& value) { return value.empty() ? "(none)" : value; }

std::string Difference::place() const { return subject.empty() ? field : subject + " " + field; }

std::string Difference::text() const {
  std::string line(to_string(kind));
  line.resize(11, ' ');
  line += place() + ": ";
  switch (kind) {
    case DiffKind::missing: return line + "predicted " + shown(predicted) + ", not observed";
    case DiffKind::unexpected: return line + "observed " + shown(observed) + ", not predicted";
    case DiffKind::changed: break;
  }
  return line + "predicted " + shown(predicted) + ", observed " + shown(observed);
}

bool Verdict::passed() const {
  return std::none_of(aspects.begin(), aspects.end(),
                      [](const AspectVerdict& verdict) { return verdict.status == AspectStatus::failed; });
}

const AspectVerdict& Verdict::aspect(Aspect which) const {
  const auto found = std::find_if(aspects.begin(), aspects.end(),
                                  [&](const AspectVerdict& verdict) { return verdict.aspect == which; });
  if (found == aspects.end()) throw std::out_of_range("verdict has no aspect " + std::string(to_string(which)));
  return *found;
}

std::string describe(const Verdict& verdict) {
  std::string text;
  for (const auto& aspect : verdict.aspects) {
    text += std::string(to_string(aspect.aspect)) + ": ";
    switch (aspect.status) {
      case AspectStatus::passed: text += "passed"; break;
      case AspectStatus::failed: text += "FAILED"; break;
      case AspectStatus::not_observed: text += "not observed"; break;
    }
    if (!aspect.summary.empty()) text += " (" + aspect.summary + ")";
    text += "\n";
    for (const auto& difference : aspect.differences) text += "  " + difference.text() + "\n";
    for (const auto& difference : aspect.adapted) text += "  adapted: " + difference.text() + "\n";
    for (const auto& note : aspect.notes) text += "  note: " + note + "\n";
  }
  if (!verdict.adaptations.empty()) {
    text += "sandbox adaptations (never failures):\n";
    for (const auto& adaptation : verdict.adaptations) {
      text += "  " + std::string(to_string(adaptation.aspect)) + ": " + adaptation.what + " (" + adaptation.why + ")\n";
    }
  }
  text += verdict.passed() ? "verdict: as predicted\n" : "verdict: DIFFERENT from the prediction\n";
  return text;
}

void to_json(nlohmann::json& json, const Difference& difference) {
  json = {{"kind", to_string(difference.kind)},   {"subject", difference.subject},
          {"field", difference.field},             {"predicted", difference.predicted},
          {"observed", difference.observed},       {"text", difference.text()}};
}

void to_json(nlohmann::json& json, const AspectVerdict& verdict) {
  json = {{"aspect", to_string(verdict.aspect)}, {"status", to_string(verdict.status)},
          {"summary", verdict.summary},          {"differences", verdict.differences},
          {"adapted", verdict.adapted},          {"notes", verdict.notes}};
}

void to_json(nlohmann::json& json, const Verdict& verdict) {
  json = {{"passed", verdict.passed()}, {"aspects", verdict.aspects}, {"adaptations", verdict.adaptations}};
}

Verdict verdict_from_json(const nlohmann::json& json) {
  const record::ObjectReader object(json, "");
  Verdict verdict;
  const auto& aspects = record::require_array(object.required("aspects", "an array of aspect verdicts"), "aspects",
                                              "an array of aspect verdicts");
  for (std::size_t i = 0; i < aspects.size(); ++i) verdict.aspects.push_back(aspect_from_json(aspects[i], record::index_path("aspects", i)));
  if (const auto* adaptations = object.find("adaptations")) {
    const auto& array = record::require_array(*adaptations, "adaptations", "an array of adaptations");
    for (std::size_t i = 0; i < array.size(); ++i) {
      verdict.adaptations.push_back(sandbox_adaptation_from_json(array[i], record::index_path("adaptations", i)));
    }
  }
  return verdict;
}

}  // namespace ctrlab::oracle
