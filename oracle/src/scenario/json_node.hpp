#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/parse.hpp"

// Reading one JSON value that must have a given shape, knowing where it sits in the
// document so that every complaint names its JSON path and the expected form.
namespace ctrlab::oracle::scenario {

// `parent.key`, or `parent["key"]` when the key is not a plain identifier.
[[nodiscard]] std::string child_path(std::string_view parent, std::string_view key);
// `parent[index]`.
[[nodiscard]] std::string element_path(std::string_view parent, std::size_t index);
// How a JSON value looks, for "got ..." in messages: `a string ("x")`, `a number (3)`, ...
[[nodiscard]] std::string describe(const nlohmann::json& value);

class JsonNode {
 public:
  JsonNode(const nlohmann::json& value, std::string path) : value_(value), path_(std::move(path)) {}

  [[nodiscard]] const nlohmann::json& value() const { return value_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] bool is_null() const { return value_.is_null(); }

  [[noreturn]] void fail(std::string_view expected, std::string_view problem) const;
  [[noreturn]] void fail_type(std::string_view expected) const;

  [[nodiscard]] std::string as_string(std::string_view expected = "a string") const;
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] std::int64_t as_integer(std::string_view expected = "an integer") const;
  [[nodiscard]] std::vector<std::string> as_string_list() const;

  // Calls visit(element) for each element of an array.
  void for_each_element(std::string_view expected, const std::function<void(const JsonNode&)>& visit) const;
  // Calls visit(key, member) for each member of an object, in key order.
  void for_each_member(std::string_view expected,
                       const std::function<void(const std::string&, const JsonNode&)>& visit) const;

 private:
  const nlohmann::json& value_;
  std::string path_;
};

// The known name closest to `name` (edit distance), or "" when none is close.
[[nodiscard]] std::string nearest_name(std::string_view name, const std::vector<std::string_view>& known);

// A ScenarioError for an unknown key: names the nearest known key and lists them all.
[[noreturn]] void fail_unknown_key(const JsonNode& member, std::string_view key,
                                   const std::vector<std::string_view>& known, std::string_view what);

}  // namespace ctrlab::oracle::scenario
