#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/observation.hpp"

// The judge's findings (judge.hpp): one verdict per aspect, each with a minimal diff a
// person can read, plus the sandbox adaptations shown apart.
namespace ctrlab::oracle {

enum class DiffKind { missing, unexpected, changed };
[[nodiscard]] std::string_view to_string(DiffKind kind);
[[nodiscard]] std::optional<DiffKind> parse_diff_kind(std::string_view text);

// One difference. `subject` is the namespace or container it is about ("host",
// "container web"); `field` names what differs within it, e.g. "links[ve-web].up",
// "routes[default via 10.0.0.1 dev eth0]", "argv[7]". Values are as a person reads them;
// `predicted` is empty for unexpected, `observed` for missing.
struct Difference {
  DiffKind kind = DiffKind::changed;
  std::string subject;
  std::string field;
  std::string predicted;
  std::string observed;

  // Where it differs: the subject and the field, e.g. "host links[ve-web].up".
  [[nodiscard]] std::string place() const;
  // e.g. "changed    host links[ve-web].up: predicted yes, observed no"; a value that is not
  // there reads "(none)" (see shown()).
  [[nodiscard]] std::string text() const;
  // A value as every report shows it: itself, or "(none)" when empty.
  [[nodiscard]] static std::string shown(const std::string& value);
  friend bool operator==(const Difference&, const Difference&) = default;
};

enum class AspectStatus { passed, failed, not_observed };
[[nodiscard]] std::string_view to_string(AspectStatus status);  // "passed", "failed", "notObserved"
[[nodiscard]] std::optional<AspectStatus> parse_aspect_status(std::string_view text);

struct AspectVerdict {
  Aspect aspect = Aspect::argv;
  AspectStatus status = AspectStatus::not_observed;
  std::string summary;                  // one line, e.g. "2 differences in 3 namespaces"
  std::vector<Difference> differences;  // the failures
  std::vector<Difference> adapted;      // explained by a sandbox adaptation: not failures
  std::vector<std::string> notes;       // reported, never failed (e.g. timing within tolerance)
};

struct Verdict {
  std::vector<AspectVerdict> aspects;  // one per Aspect, in enum order
  std::vector<SandboxAdaptation> adaptations;

  [[nodiscard]] bool passed() const;  // no aspect failed
  [[nodiscard]] const AspectVerdict& aspect(Aspect which) const;
};

// The text a person reads: each aspect's status and its differences, then the adaptations.
[[nodiscard]] std::string describe(const Verdict& verdict);

void to_json(nlohmann::json& json, const Difference& difference);
void to_json(nlohmann::json& json, const AspectVerdict& verdict);
void to_json(nlohmann::json& json, const Verdict& verdict);
// Throws InputError naming the JSON path and the expected form.
[[nodiscard]] Verdict verdict_from_json(const nlohmann::json& json);

}  // namespace ctrlab::oracle
