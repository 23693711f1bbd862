#include "scenario/json_node.hpp"

#include <algorithm>
#include <cctype>

namespace ctrlab::oracle::scenario {
namespace {

bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  const auto head = static_cast<unsigned char>(key.front());
  if (!(std::isalpha(head) != 0 || head == '_')) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) != 0 || byte == '_' || byte == '-';
  });
}

std::string shortened(std::string text) {
  constexpr std::size_t limit = 60;
  if (text.size() > limit) text = text.substr(0, limit) + "...";
  return text;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0U : 1U)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string child_path(std::string_view parent, std::string_view key) {
  std::string path(parent);
  if (is_plain_key(key)) {
    if (!path.empty()) path += '.';
    path += key;
  } else {
    path += '[';
    path += nlohmann::json(std::string(key)).dump();
    path += ']';
  }
  return path;
}

std::string element_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string describe(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: return "a string (" + shortened(value.dump()) + ")";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number (" + value.dump() + ")";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

void JsonNode::fail(std::string_view expected, std::string_view problem) const {
  throw ScenarioError(path_, std::string(expected), std::string(problem));
}

void JsonNode::fail_type(std::string_view expected) const { fail(expected, "got " + describe(value_)); }

std::string JsonNode::as_string(std::string_view expected) const {
  if (!value_.is_string()) fail_type(expected);
  return value_.get<std::string>();
}

bool JsonNode::as_bool() const {
  if (!value_.is_boolean()) fail_type("true or false");
  return value_.get<bool>();
}

std::int64_t JsonNode::as_integer(std::string_view expected) const {
  if (value_.is_number_unsigned() && value_.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    fail(expected, "got " + value_.dump() + ", which is too large");
  }
  if (value_.is_number_integer()) return value_.get<std::int64_t>();
  fail_type(expected);
}

std::vector<std::string> JsonNode::as_string_list() const {
  std::vector<std::string> strings;
  for_each_element("a list of strings", [&](const JsonNode& element) {
    strings.push_back(element.as_string("a string (an element of a list of strings)"));
  });
  return strings;
}

void JsonNode::for_each_element(std::string_view expected, const std::function<void(const JsonNode&)>& visit) const {
  if (!value_.is_array()) fail_type(expected);
  for (std::size_t index = 0; index < value_.size(); ++index) {
    visit(JsonNode(value_[index], element_path(path_, index)));
  }
}

void JsonNode::for_each_member(std::string_view expected,
                               const std::function<void(const std::string&, const JsonNode&)>& visit) const {
  if (!value_.is_object()) fail_type(expected);
  for (const auto& [key, member] : value_.items()) {
    visit(key, JsonNode(member, child_path(path_, key)));
  }
}

std::string nearest_name(std::string_view name, const std::vector<std::string_view>& known) {
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto candidate : known) {
    // The distance is at least the difference in length: a long unknown key costs nothing.
    const std::size_t length_difference =
        name.size() > candidate.size() ? name.size() - candidate.size() : candidate.size() - name.size();
    if (length_difference >= best_distance) continue;
    const std::size_t distance = edit_distance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

void fail_unknown_key(const JsonNode& member, std::string_view key, const std::vector<std::string_view>& known,
                      std::string_view what) {
  std::string expected = std::string(what) + ": ";
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (i != 0) expected += ", ";
    expected += known[i];
  }
  std::string problem = "unknown key \"" + std::string(key) + "\"";
  const std::string suggestion = nearest_name(key, known);
  if (!suggestion.empty()) problem += "; did you mean \"" + suggestion + "\"?";
  member.fail(expected, problem);
}

}  // namespace ctrlab::oracle::scenario
