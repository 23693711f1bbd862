#include <array>
#include <utility>

#include "ctrlab/reports/formats.hpp"

namespace ctrlab::reports {
namespace {

using nlohmann::json;

constexpr std::array<CaseStatus, 4> all_statuses = {CaseStatus::passed, CaseStatus::failed, CaseStatus::error,
                                                    CaseStatus::skipped};

// The differences in the oracle's JSON form (oracle/verdict.hpp), with their text.
json aspect_to_json(const AspectResult& a) {
  return {{"aspect", a.aspect},
          {"status", oracle::to_string(a.status)},
          {"summary", a.summary},
          {"differences", a.differences},
          {"adapted", a.adapted}};
}

json bar_to_json(const TimelineBar& b) {
  json j = {{"unit", b.unit},     {"source", b.source},   {"attempt", b.attempt}, {"startMs", b.start_ms},
            {"endMs", b.end_ms}, {"outcome", b.outcome}};
  j["readyMs"] = b.ready_ms ? json(*b.ready_ms) : json(nullptr);
  return j;
}

json case_to_json(const CaseReport& c) {
  json aspects = json::array(), adaptations = json::array(), timeline = json::array(), journal = json::array();
  for (const auto& a : c.aspects) aspects.push_back(aspect_to_json(a));
  for (const auto& a : c.adaptations) adaptations.push_back({{"what", a.what}, {"why", a.why}});
  for (const auto& b : c.timeline) timeline.push_back(bar_to_json(b));
  for (const auto& e : c.journal) journal.push_back({{"unit", e.unit}, {"text", e.text}});
  return {{"scenario", c.scenario}, {"revision", c.revision}, {"status", to_string(c.status)},
          {"seconds", c.seconds},   {"cause", c.cause},       {"aspects", aspects},
          {"adaptations", adaptations}, {"timeline", timeline}, {"warnings", c.warnings},
          {"journal", journal},     {"log", c.log}};
}

// Reads typed fields out of a shard, naming the JSON path of whatever is wrong.
class Reader {
 public:
  Reader(const json& node, std::string path) : node_(node), path_(std::move(path)) {
    if (!node_.is_object()) throw ReportError(path_, "an object");
  }

  [[nodiscard]] std::string string(const char* key) const {
    const auto& v = field(key);
    if (!v.is_string()) throw ReportError(path_ + "." + key, "a string");
    return v.get<std::string>();
  }
  [[nodiscard]] double number(const char* key) const {
    const auto& v = field(key);
    if (!v.is_number()) throw ReportError(path_ + "." + key, "a number");
    return v.get<double>();
  }
  template <typename Item, typename ReadItem>
  [[nodiscard]] std::vector<Item> list(const char* key, ReadItem read_item) const {
    const auto& v = field(key);
    if (!v.is_array()) throw ReportError(path_ + "." + key, "an array");
    std::vector<Item> items;
    for (std::size_t i = 0; i < v.size(); ++i) {
      items.push_back(read_item(Reader(v[i], path_ + "." + key + "[" + std::to_string(i) + "]")));
    }
    return items;
  }
  [[nodiscard]] std::size_t count(const char* key) const {
    const auto& v = field(key);
    if (!v.is_number_unsigned()) throw ReportError(path_ + "." + key, "a whole number of at least 0");
    return v.get<std::size_t>();
  }
  [[nodiscard]] std::vector<std::string> strings(const char* key) const {
    const auto& v = field(key);
    if (!v.is_array()) throw ReportError(path_ + "." + key, "an array of strings");
    std::vector<std::string> items;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) throw ReportError(path_ + "." + key + "[" + std::to_string(i) + "]", "a string");
      items.push_back(v[i].get<std::string>());
    }
    return items;
  }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const json& field(const char* key) const {
    const auto it = node_.find(key);
    if (it == node_.end()) throw ReportError(path_ + "." + key, "a value (the key is missing)");
    return *it;
  }

 private:
  const json& node_;
  std::string path_;
};

CaseStatus status_from(const Reader& r) {
  const std::string text = r.string("status");
  for (const auto status : all_statuses) {
    if (to_string(status) == text) return status;
  }
  throw ReportError(r.path() + ".status", "one of passed, failed, error, skipped (got \"" + text + "\")");
}

oracle::Difference difference_from(const Reader& r) {
  const std::string kind = r.string("kind");
  const auto parsed = oracle::parse_diff_kind(kind);
  if (!parsed) throw ReportError(r.path() + ".kind", "one of missing, unexpected, changed (got \"" + kind + "\")");
  return {*parsed, r.string("subject"), r.string("field"), r.string("predicted"), r.string("observed")};
}

AspectResult aspect_from(const Reader& r) {
  const std::string status = r.string("status");
  const auto parsed = oracle::parse_aspect_status(status);
  if (!parsed) throw ReportError(r.path() + ".status", "one of passed, failed, notObserved (got \"" + status + "\")");
  return {r.string("aspect"), *parsed, r.string("summary"), r.list<oracle::Difference>("differences", difference_from),
          r.list<oracle::Difference>("adapted", difference_from)};
}

TimelineBar bar_from(const Reader& r) {
  TimelineBar bar{r.string("unit"),   r.string("source"),  r.number("startMs"),
                  std::nullopt,       r.number("endMs"),   r.string("outcome"),
                  r.count("attempt")};
  if (!r.field("readyMs").is_null()) bar.ready_ms = r.number("readyMs");
  return bar;
}

CaseReport case_from(const Reader& r) {
  CaseReport c;
  c.scenario = r.string("scenario");
  c.revision = r.string("revision");
  c.status = status_from(r);
  c.seconds = r.number("seconds");
  c.cause = r.string("cause");
  c.aspects = r.list<AspectResult>("aspects", aspect_from);
  c.adaptations = r.list<Adaptation>("adaptations", [](const Reader& a) { return Adaptation{a.string("what"), a.string("why")}; });
  c.timeline = r.list<TimelineBar>("timeline", bar_from);
  c.warnings = r.strings("warnings");
  c.journal = r.list<JournalExcerpt>("journal", [](const Reader& e) { return JournalExcerpt{e.string("unit"), e.string("text")}; });
  c.log = r.strings("log");
  return c;
}

}  // namespace

ReportError::ReportError(std::string path, const std::string& expected)
    : std::runtime_error("at " + path + ": expected " + expected), json_path(std::move(path)) {}

json to_json(const SuiteReport& report) {
  const auto counts = count_cases(report);
  json cases = json::array();
  for (const auto& c : report.cases) cases.push_back(case_to_json(c));
  return {{"schemaVersion", report_schema_version},
          {"ctrlabVersion", report.ctrlab_version},
          {"name", report.name},
          {"timestamp", report.timestamp},
          {"hostname", report.hostname},
          {"counts", {{"passed", counts.passed}, {"failed", counts.failed}, {"errors", counts.errors},
                      {"skipped", counts.skipped}}},
          {"cases", cases}};
}

SuiteReport suite_from_json(const json& document) {
  const Reader r(document, "$");
  // A shard of another form is refused rather than half read; shards of one suite are written
  // by one ctrlab.
  if (!r.field("schemaVersion").is_number_integer() || r.field("schemaVersion").get<int>() != report_schema_version) {
    throw ReportError("$.schemaVersion", "report schema " + std::to_string(report_schema_version) +
                                             ", the one this ctrlab reads (got " + r.field("schemaVersion").dump() + ")");
  }
  SuiteReport report{r.string("name"), r.string("timestamp"), r.string("hostname"), r.string("ctrlabVersion"), {}};
  report.cases = r.list<CaseReport>("cases", case_from);
  return report;
}

}  // namespace ctrlab::reports
